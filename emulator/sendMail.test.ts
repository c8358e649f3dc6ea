/**
 * Contract tests for POST /me/sendMail (api/user-sendmail.md): 202 Accepted with no body, the message in the
 * sender's Sent Items (unless saveToSentItems is false) and in each recipient mailbox's Inbox, and the request
 * refused — nothing sent, nothing saved — when the body is not a valid sendMail request.
 */
import { createEmulator, DEMO_FACTS, Emulator } from "./index";
import { enc, graphClient, graphError } from "./testkit";

const NOW = new Date("2026-03-10T08:00:00Z");
const ZW = "zhang.wei@contoso.com";
const LN = DEMO_FACTS.manager;
let em: Emulator;
beforeEach(() => { em = createEmulator({ now: NOW, seed: "empty" }); });
afterEach(() => em.close());

interface Addr { emailAddress: { name?: string; address: string } }
interface Msg { id: string; subject: string; from: Addr; toRecipients: Addr[]; ccRecipients: Addr[]; bccRecipients: Addr[]; parentFolderId: string; isRead: boolean; isDraft: boolean; body: { contentType: string; content: string }; bodyPreview: string; conversationId: string; receivedDateTime: string }
const all = async (upn: string): Promise<Msg[]> => ((await graphClient(em, upn).api("/me/messages?$top=100").get()) as { value: Msg[] }).value;

const message = {
  subject: "[客户跟进·日报] 2026-03-10 张伟",
  body: { contentType: "HTML", content: "<p>一、访问客户及结果</p><p>CFUR1.abc.00000000.END</p>" },
  toRecipients: [{ emailAddress: { address: LN } }],
  ccRecipients: [{ emailAddress: { address: "buyer@huaxin-tech.cn", name: "外部" } }],
  bccRecipients: [{ emailAddress: { address: "wang.fang@contoso.com" } }],
};

test("202 with no body; saved in the sender's Sent Items, delivered unread to each recipient's Inbox; bcc only in the sender's copy", async () => {
  const res = await em.handler(new Request("https://graph.test/v1.0/me/sendMail", {
    method: "POST", headers: { Authorization: `Bearer dev:${ZW}`, "Content-Type": "application/json" }, body: JSON.stringify({ message }),
  }));
  expect(res.status).toBe(202);
  expect(await res.text()).toBe("");

  const [sent] = await all(ZW);
  expect(sent).toMatchObject({ subject: message.subject, parentFolderId: `sentitems:${ZW}`, isRead: true, isDraft: false, from: { emailAddress: { address: ZW } } });
  expect(sent!.bccRecipients.map((r) => r.emailAddress.address)).toEqual(["wang.fang@contoso.com"]);
  expect(sent!.body).toEqual({ contentType: "html", content: message.body.content });

  for (const upn of [LN, "wang.fang@contoso.com"]) {
    const inbox = await all(upn);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ subject: message.subject, parentFolderId: `inbox:${upn}`, isRead: false, receivedDateTime: "2026-03-10T08:00:00Z", conversationId: sent!.conversationId });
    expect(inbox[0]!.bccRecipients).toEqual([]);
    expect(inbox[0]!.id).not.toBe(sent!.id);
    expect(inbox[0]!.bodyPreview).toBe("一、访问客户及结果 CFUR1.abc.00000000.END");
  }
  // The recipient finds it by subject/from through the headers Mail.ReadBasic can read.
  const q = `$filter=${enc(`from/emailAddress/address eq '${ZW}'`)}&$select=subject,from,receivedDateTime`;
  expect(((await graphClient(em, LN).api(`/me/messages?${q}`).get()) as { value: Msg[] }).value.map((m) => m.subject)).toEqual([message.subject]);
});

test("saveToSentItems false (a boolean, or the string the page's example sends) keeps no copy for the sender", async () => {
  await graphClient(em, ZW).api("/me/sendMail").post({ message, saveToSentItems: false });
  await graphClient(em, ZW).api("/users/zhang.wei@contoso.com/sendMail").post({ message, saveToSentItems: "false" });
  expect(await all(ZW)).toHaveLength(0);
  expect(await all(LN)).toHaveLength(2);
});

test("refused with Graph's errors and nothing sent: no recipient, a bad address, unknown properties, wrong types, no message", async () => {
  const c = graphClient(em, ZW);
  const cases: [unknown, number, string][] = [
    [{ message: { subject: "x" } }, 400, "ErrorInvalidRecipients"],
    [{ message: { ...message, toRecipients: [{ emailAddress: { address: "not an address" } }] } }, 400, "ErrorInvalidRecipients"],
    [{ message: { ...message, colour: "red" } }, 400, "RequestBodyRead"],
    [{ message: { ...message, subject: 42 } }, 400, "RequestBodyRead"],
    [{ message: { ...message, body: { contentType: "markdown", content: "x" } } }, 400, "RequestBodyRead"],
    [{ message, saveToSentItems: "maybe" }, 400, "RequestBodyRead"],
    [{ message, sendLater: true }, 400, "RequestBodyRead"],
    [{ saveToSentItems: true }, 400, "ErrorInvalidParameter"],
    [{ message: { ...message, attachments: [] } }, 501, "NotImplemented"],
  ];
  for (const [body, status, code] of cases) {
    const e = await graphError(() => c.api("/me/sendMail").post(body));
    expect([JSON.stringify(body).slice(0, 60), e.statusCode, e.code]).toEqual([JSON.stringify(body).slice(0, 60), status, code]);
  }
  expect(await all(ZW)).toHaveLength(0);
  expect(await all(LN)).toHaveLength(0);
});

test("sending as another user → 403; GET → 405", async () => {
  const e = await graphError(() => graphClient(em, ZW).api(`/users/${LN}/sendMail`).post({ message }));
  expect([e.statusCode, e.code]).toEqual([403, "ErrorAccessDenied"]);
  expect((await graphError(() => graphClient(em, ZW).api("/me/sendMail").get())).statusCode).toBe(405);
  expect(await all(LN)).toHaveLength(0);
});
