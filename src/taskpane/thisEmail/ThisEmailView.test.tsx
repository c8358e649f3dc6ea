import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { createTaggingService, ServicesProvider, TaggingProvider, type MailItemSnapshot, type Services } from "../../app";
import { createFakeContactsService, type FakeContactsOptions, type FakeContactsService } from "../../app/testing/fakeContactsService";
import { createFakeServices, type FakeServicesOptions } from "../../app/testing/fakeServices";
import type { MessageParticipants } from "../../domain/threadParticipants";
import type { Contact } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import { ThisEmailView } from "./ThisEmailView";

const ME = { name: "Zhang Wei", address: "zhang.wei@contoso.com" };
const LIU = { name: "刘洋", address: "liu.yang@huaxin-tech.cn" };
const ZHAO = { name: "赵磊", address: "zhao.lei@huaxin-tech.cn" };
const NOREPLY = { name: "华信采购系统", address: "noreply@notify.huaxin-tech.cn" };
const LINA = { name: "李娜", address: "li.na@contoso.com" };

const liuContact: Contact = {
  id: "c-liu",
  displayName: "刘洋",
  companyName: "华信科技有限公司",
  emailAddresses: [{ address: LIU.address }],
  categories: [],
  fields: { IntendedProducts: ["PLC"], NeedsRecontact: false, CustomerTier: "regular" },
};

const item: MailItemSnapshot = {
  itemId: "AAMk+item/1",
  conversationId: "conv+1",
  subject: "PLC控制器报价 / Quotation for PLC controllers",
  from: LIU,
  to: [ME],
  cc: [ZHAO],
  mode: "read",
  itemType: "message",
};

const THREAD: MessageParticipants[] = [
  { from: NOREPLY, toRecipients: [ME], ccRecipients: [LIU] },
  { from: LIU, toRecipients: [ME], ccRecipients: [ZHAO] },
  { from: ME, toRecipients: [LIU, ZHAO], ccRecipients: [LINA] },
];

interface Setup {
  services?: FakeServicesOptions;
  contacts?: FakeContactsOptions;
  messages?: (conversationId: string) => Promise<MessageParticipants[]>;
  locale?: "en-US" | "zh-CN";
}

function setup(o: Setup = {}) {
  const contacts: FakeContactsService = createFakeContactsService({ contacts: [liuContact], ...o.contacts });
  const services: Services = createFakeServices({ item, ...o.services, contacts });
  const requested: string[] = [];
  const tagging = createTaggingService({
    office: services.office,
    me: services.environment.user.emailAddress,
    contacts,
    listConversationMessages: (id) => {
      requested.push(id);
      return o.messages ? o.messages(id) : Promise.resolve(THREAD);
    },
  });
  const view = render(
    <I18nextProvider i18n={createI18n(o.locale ?? "en-US")}>
      <ServicesProvider services={services}>
        <TaggingProvider service={tagging}>
          <ThisEmailView />
        </TaggingProvider>
      </ServicesProvider>
    </I18nextProvider>,
  );
  return { view, services, contacts, requested };
}

/** The people cards have loaded (their state updates then happen inside the test's awaits, not after it ends). */
async function peopleLoaded(): Promise<void> {
  await screen.findByRole("list", { name: "People in this email" });
}

it("loading: says it is reading the email, then matching people", async () => {
  setup({ contacts: { neverLoad: true } });
  expect(screen.getByText("Reading the open email…")).toBeInTheDocument();
  expect(await screen.findByText("Matching people to your contacts…")).toBeInTheDocument();
  expect(screen.getByRole("heading", { name: item.subject })).toBeInTheDocument();
});

it("empty: no open email (pinned pane between selections)", async () => {
  setup({ services: { item: null } });
  expect(await screen.findByRole("heading", { name: "No email is open" })).toBeInTheDocument();
});

it("error: the contacts can't be searched", async () => {
  setup({ contacts: { loadError: { code: "forbidden", message: "x" } } });
  expect(await screen.findByText("Your contacts could not be searched.")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
});

it("error: the open email cannot be read", async () => {
  const services = createFakeServices({ item });
  services.office.getCurrentItem = () => Promise.reject(Object.assign(new Error("x"), { code: "Failed" }));
  render(
    <I18nextProvider i18n={createI18n("en-US")}>
      <ServicesProvider services={services}>
        <ThisEmailView />
      </ServicesProvider>
    </I18nextProvider>,
  );
  expect(await screen.findByText("The open email could not be read.")).toBeInTheDocument();
});

it.each([
  ["en-US", "Colleague", "You", /create contact/i, "People in this email"],
  ["zh-CN", "同事", "您本人", /创建联系人/, "此邮件中的人员"],
] as const)("%s: a colleague (my own domain) gets a badge, not 'Not a contact' or a create button", async (locale, colleague, you, create, heading) => {
  setup({ locale, services: { item: { ...item, cc: [ZHAO, LINA] } } });
  const people = await screen.findByRole("list", { name: heading });
  const lina = within(people).getByRole("listitem", { name: "李娜" });
  expect(within(lina).getByText(colleague)).toBeInTheDocument();
  expect(within(lina).queryByRole("button", { name: create })).not.toBeInTheDocument();
  expect(within(lina).queryByText(locale === "en-US" ? "Not a contact" : "不是联系人")).not.toBeInTheDocument();
  expect(within(people).getByRole("listitem", { name: "Zhang Wei" })).toHaveTextContent(you);
  expect(within(people).getByRole("listitem", { name: "Zhang Wei" })).not.toHaveTextContent(colleague);
  // a customer in the same email still gets the create button
  expect(within(within(people).getByRole("listitem", { name: "赵磊" })).getByRole("button", { name: create })).toBeInTheDocument();
});

it("matches sender and recipients to contacts, shows their fields and creates a missing contact in one click", async () => {
  const { contacts } = setup();
  const people = await screen.findByRole("list", { name: "People in this email" });
  const liu = within(people).getByRole("listitem", { name: "刘洋" });
  expect(within(liu).getByText("Contact")).toBeInTheDocument();
  expect(within(liu).getByRole("checkbox", { name: "Needs re-contact" })).not.toBeChecked();
  expect(within(liu).getByRole("combobox", { name: "Customer tier for 刘洋" })).toHaveValue("regular");
  expect(within(liu).getByText("Intended products: PLC")).toBeInTheDocument();
  expect(within(people).getByRole("listitem", { name: "Zhang Wei" })).toHaveTextContent("You");

  const zhao = within(people).getByRole("listitem", { name: "赵磊" });
  expect(within(zhao).getByText("Not a contact")).toBeInTheDocument();
  fireEvent.click(within(zhao).getByRole("button", { name: "Create contact for 赵磊" }));
  await waitFor(() => expect(within(screen.getByRole("listitem", { name: "赵磊" })).getByText("Contact")).toBeInTheDocument());
  const created = contacts.calls.find((c) => c.method === "createContacts")!.args[0] as Array<Record<string, unknown>>;
  expect(created[0]).toMatchObject({ displayName: "赵磊", surname: "赵", givenName: "磊", companyName: "Huaxin-tech" });
});

it("quick edit writes field ops through the contacts service", async () => {
  const { contacts } = setup();
  const liu = await screen.findByRole("listitem", { name: "刘洋" });
  fireEvent.click(within(liu).getByRole("checkbox", { name: "Needs re-contact" }));
  await waitFor(() => expect(within(screen.getByRole("listitem", { name: "刘洋" })).getByRole("checkbox", { name: "Needs re-contact" })).toBeChecked());
  fireEvent.change(within(screen.getByRole("listitem", { name: "刘洋" })).getByRole("combobox", { name: "Customer tier for 刘洋" }), { target: { value: "key" } });
  await waitFor(() => {
    const tier = within(screen.getByRole("listitem", { name: "刘洋" })).getByRole("combobox", { name: "Customer tier for 刘洋" });
    expect(tier).toHaveValue("key");
    expect(tier).toBeEnabled();
  });
  const input = within(screen.getByRole("listitem", { name: "刘洋" })).getByRole("textbox", { name: "Add an intended product for 刘洋" });
  fireEvent.change(input, { target: { value: "Servo" } });
  fireEvent.click(within(screen.getByRole("listitem", { name: "刘洋" })).getByRole("button", { name: "Add" }));
  await waitFor(() => expect(screen.getByText("Intended products: PLC; Servo")).toBeInTheDocument());
  const ops = contacts.calls.filter((c) => c.method === "applyOps").map((c) => (c.args[1] as Record<string, unknown>)["c-liu"]);
  expect(ops).toEqual([
    [{ op: "set", field: "NeedsRecontact", value: true }],
    [{ op: "set", field: "CustomerTier", value: "key" }],
    [{ op: "addKeyword", field: "IntendedProducts", value: "Servo" }],
  ]);
});

it("after 'Tag thread' creates a person's contact, their card shows it at once: no 'Create contact', and its edit writes to that contact", async () => {
  const { contacts } = setup();
  const people = await screen.findByRole("list", { name: "People in this email" });
  expect(within(within(people).getByRole("listitem", { name: "赵磊" })).getByRole("button", { name: "Create contact for 赵磊" })).toBeInTheDocument();

  fireEvent.click(screen.getByRole("button", { name: "Tag everyone in this conversation" }));
  await screen.findByRole("table", { name: "People to tag" });
  fireEvent.change(screen.getByRole("combobox", { name: "Customer tier" }), { target: { value: "key" } });
  fireEvent.click(screen.getByRole("button", { name: "Apply to 2 people" }));
  expect(await screen.findByTestId("tag-summary")).toHaveTextContent("1 created, 1 updated");

  // The same cards, not reopened: 赵磊 is a contact now, with the values the tagging wrote.
  const zhao = within(screen.getByRole("list", { name: "People in this email" })).getByRole("listitem", { name: "赵磊" });
  expect(within(zhao).getByText("Contact")).toBeInTheDocument();
  expect(within(zhao).queryByText("Not a contact")).not.toBeInTheDocument();
  expect(within(zhao).queryByRole("button", { name: /Create contact/ })).not.toBeInTheDocument();
  expect(within(zhao).getByRole("combobox", { name: "Customer tier for 赵磊" })).toHaveValue("key");
  expect(within(zhao).getByRole("checkbox", { name: "Needs re-contact" })).toBeChecked();
  // 刘洋's card shows the tag too.
  expect(within(screen.getByRole("listitem", { name: "刘洋" })).getByRole("combobox", { name: "Customer tier for 刘洋" })).toHaveValue("key");

  // Using the card edits the contact the tagging created; nobody is created twice.
  fireEvent.click(within(zhao).getByRole("checkbox", { name: "Needs re-contact" }));
  await waitFor(() => expect(within(screen.getByRole("listitem", { name: "赵磊" })).getByRole("checkbox", { name: "Needs re-contact" })).not.toBeChecked());
  const creates = contacts.calls.filter((c) => c.method === "createContacts").flatMap((c) => c.args[0] as Array<{ emailAddresses: { address: string }[] }>);
  expect(creates.map((d) => d.emailAddresses[0]!.address)).toEqual([ZHAO.address]);
  const zhaoContacts = contacts.snapshot().contacts.filter((c) => c.emailAddresses.some((e) => e.address === ZHAO.address));
  expect(zhaoContacts).toHaveLength(1);
  expect(zhaoContacts[0]!.fields.NeedsRecontact).toBe(false);
  const edit = contacts.calls.filter((c) => c.method === "applyOps").at(-1)!;
  expect(edit.args[0]).toEqual([zhaoContacts[0]!.id]);
});

it("a card follows edits made elsewhere in the pane (the contacts view, bulk edit) without reopening the email", async () => {
  const { contacts } = setup();
  const liu = await screen.findByRole("listitem", { name: "刘洋" });
  expect(within(liu).getByRole("checkbox", { name: "Needs re-contact" })).not.toBeChecked();
  await act(async () => {
    await contacts.applyOps(["c-liu"], [
      { op: "set", field: "NeedsRecontact", value: true },
      { op: "set", field: "CustomerTier", value: "potential" },
      { op: "addKeyword", field: "IntendedProducts", value: "HMI" },
    ]);
  });
  const card = screen.getByRole("listitem", { name: "刘洋" });
  expect(within(card).getByRole("checkbox", { name: "Needs re-contact" })).toBeChecked();
  expect(within(card).getByRole("combobox", { name: "Customer tier for 刘洋" })).toHaveValue("potential");
  expect(within(card).getByText("Intended products: PLC; HMI")).toBeInTheDocument();
});

it("a product typed on a card splits only on commas, as its placeholder says (';' and '、' stay inside a name)", async () => {
  const { contacts } = setup();
  const liu = await screen.findByRole("listitem", { name: "刘洋" });
  const input = within(liu).getByRole("textbox", { name: "Add an intended product for 刘洋" });
  expect(input).toHaveAttribute("placeholder", "Add products, separated by commas");
  fireEvent.change(input, { target: { value: "PLC模块; 伺服、HMI，Servo , Drive," } });
  fireEvent.click(within(liu).getByRole("button", { name: "Add" }));
  await waitFor(() => expect(screen.getByText("Intended products: PLC; PLC模块; 伺服、HMI; Servo; Drive")).toBeInTheDocument());
  const ops = contacts.calls.filter((c) => c.method === "applyOps").map((c) => (c.args[1] as Record<string, unknown>)["c-liu"]);
  expect(ops).toEqual([
    [
      { op: "addKeyword", field: "IntendedProducts", value: "PLC模块; 伺服、HMI" },
      { op: "addKeyword", field: "IntendedProducts", value: "Servo" },
      { op: "addKeyword", field: "IntendedProducts", value: "Drive" },
    ],
  ]);
});

it("tags everyone in the conversation: preview with statuses, untick, values, progress, per-person results", async () => {
  const { contacts, requested } = setup();
  await peopleLoaded();
  fireEvent.click(await screen.findByRole("button", { name: "Tag everyone in this conversation" }));
  const table = await screen.findByRole("table", { name: "People to tag" });
  // The Office id went through convertToRestId ("+" → "-").
  expect(requested).toEqual(["conv-1"]);
  const row = (name: string) => within(table).getByRole("checkbox", { name: `Include ${name}` }).closest("tr") as HTMLElement;
  expect(within(row("刘洋")).getByText("Existing contact")).toBeInTheDocument();
  expect(within(row("赵磊")).getByText("Will be created")).toBeInTheDocument();
  expect(within(row("华信采购系统")).getByText("Excluded: automated address")).toBeInTheDocument();
  expect(within(row("华信采购系统")).getByRole("checkbox")).toBeDisabled();
  expect(within(row("Zhang Wei")).getByText("Excluded: you")).toBeInTheDocument();
  expect(within(row("李娜")).getByText("Excluded: a colleague (your domain)")).toBeInTheDocument();
  expect(screen.getByText("2 of 2 people chosen")).toBeInTheDocument();

  fireEvent.change(screen.getByRole("textbox", { name: /Intended products/ }), { target: { value: "PLC, HMI" } });
  fireEvent.change(screen.getByRole("combobox", { name: "Customer tier" }), { target: { value: "key" } });
  fireEvent.click(screen.getByRole("button", { name: "Apply to 2 people" }));

  expect(await screen.findByTestId("tag-summary")).toHaveTextContent("1 created, 1 updated, 0 unchanged, 0 failed");
  const results = screen.getByRole("list", { name: "Results per person" });
  expect(within(results).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["赵磊Created", "刘洋Updated"]);
  const created = contacts.calls.find((c) => c.method === "createContacts")!.args[0] as Array<{ fields: Record<string, unknown> }>;
  expect(created[0]!.fields).toEqual({ IntendedProducts: ["PLC", "HMI"], NeedsRecontact: true, CustomerTier: "key" });
  const liu = contacts.snapshot().contacts.find((c) => c.id === "c-liu")!;
  // Keywords merged, not overwritten.
  expect(liu.fields.IntendedProducts).toEqual(["PLC", "HMI"]);
  expect(liu.fields.NeedsRecontact).toBe(true);
});

it("a person can be unticked, and the never-tag list excludes with its reason", async () => {
  const { contacts } = setup();
  await peopleLoaded();
  fireEvent.click(await screen.findByRole("button", { name: "Tag everyone in this conversation" }));
  const table = await screen.findByRole("table", { name: "People to tag" });
  fireEvent.click(within(table).getByRole("checkbox", { name: "Include 赵磊" }));
  expect(screen.getByText("1 of 2 people chosen")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Apply to 1 person" }));
  expect(await screen.findByTestId("tag-summary")).toHaveTextContent("0 created, 1 updated");
  expect(contacts.calls.some((c) => c.method === "createContacts")).toBe(false);

  fireEvent.click(screen.getByRole("button", { name: "Close" }));
  fireEvent.click(await screen.findByRole("button", { name: "Tag everyone in this conversation" }));
  await screen.findByRole("table", { name: "People to tag" });
  fireEvent.click(screen.getByRole("button", { name: "Exclusions" }));
  fireEvent.change(screen.getByRole("textbox", { name: /Never tag/ }), { target: { value: "not an address" } });
  fireEvent.click(screen.getByRole("button", { name: "Save exclusions" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Not an address or @domain: not an address");
  fireEvent.change(screen.getByRole("textbox", { name: /Never tag/ }), { target: { value: "zhao.lei@huaxin-tech.cn" } });
  fireEvent.click(screen.getByRole("button", { name: "Save exclusions" }));
  const table2 = await screen.findByRole("table", { name: "People to tag" });
  await waitFor(() =>
    expect(within(within(table2).getByRole("checkbox", { name: "Include 赵磊" }).closest("tr") as HTMLElement).getByText("Excluded: on your never-tag list")).toBeInTheDocument(),
  );
  // Two tagging previews and a settings save: 2-5 s on the shared 2-core machine.
}, 20_000);

it("asks for a value before applying", async () => {
  setup();
  await peopleLoaded();
  fireEvent.click(await screen.findByRole("button", { name: "Tag everyone in this conversation" }));
  await screen.findByRole("table", { name: "People to tag" });
  fireEvent.change(screen.getByRole("combobox", { name: "Needs re-contact" }), { target: { value: "" } });
  fireEvent.click(screen.getByRole("button", { name: "Apply to 2 people" }));
  expect(await screen.findByText("Choose at least one value and one person.")).toBeInTheDocument();
});

it("many participants: 120 people in the preview, all tagged with progress", async () => {
  const many = Array.from({ length: 120 }, (_, i) => ({ name: `Buyer ${i}`, address: `buyer${i}@fabrikam.com` }));
  const { contacts } = setup({ messages: async () => [{ from: LIU, toRecipients: many, ccRecipients: [ME] }] });
  await peopleLoaded();
  fireEvent.click(await screen.findByRole("button", { name: "Tag everyone in this conversation" }));
  const table = await screen.findByRole("table", { name: "People to tag" });
  // 120 buyers + 刘洋 + me (excluded) + 赵磊 from the open email's own Cc (a reply may add people not in the thread yet).
  expect(within(table).getAllByRole("row")).toHaveLength(1 + 123);
  expect(screen.getByText("122 of 122 people chosen")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Apply to 122 people" }));
  expect(await screen.findByTestId("tag-summary", {}, { timeout: 20_000 })).toHaveTextContent("121 created, 1 updated, 0 unchanged, 0 failed");
  expect(contacts.snapshot().contacts).toHaveLength(122);
  // 123 table rows in jsdom: about 5 s on a loaded 2-core machine (shared by parallel runs), so not jest's default 5 s.
}, 30_000);

it("shows failed writes per person", async () => {
  setup({ contacts: { writeOutcome: () => ({ code: "forbidden", reason: "no" }) } });
  await peopleLoaded();
  fireEvent.click(await screen.findByRole("button", { name: "Tag everyone in this conversation" }));
  await screen.findByRole("table", { name: "People to tag" });
  fireEvent.click(screen.getByRole("button", { name: "Apply to 2 people" }));
  expect(await screen.findByTestId("tag-summary")).toHaveTextContent("1 created, 0 updated, 0 unchanged, 1 failed");
  expect(screen.getByText("Failed (forbidden)")).toBeInTheDocument();
});

it("multi-select: tags the participants of every selected email's conversation", async () => {
  const selected = [
    { itemId: "a", conversationId: "conv+1", subject: "one", itemMode: "read" as const },
    { itemId: "b", conversationId: "conv+2", subject: "two", itemMode: "read" as const },
    { itemId: "c", conversationId: "conv+3", subject: "three", itemMode: "read" as const },
  ];
  const byConv: Record<string, MessageParticipants[]> = {
    "conv-1": THREAD,
    "conv-2": [{ from: { name: "James Miller", address: "james.miller@fabrikam.com" }, toRecipients: [ME] }],
    "conv-3": [{ from: { name: "Olivia Brown", address: "olivia.brown@fabrikam.com" }, toRecipients: [ME] }],
  };
  const { requested } = setup({ services: { selected }, messages: async (id) => byConv[id] ?? [] });
  expect(await screen.findByRole("heading", { name: "3 emails selected" })).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Tag everyone in the selected emails" }));
  const table = await screen.findByRole("table", { name: "People to tag" });
  expect(requested.sort()).toEqual(["conv-1", "conv-2", "conv-3"]);
  for (const n of ["刘洋", "赵磊", "James Miller", "Olivia Brown"]) expect(within(table).getByRole("checkbox", { name: `Include ${n}` })).toBeEnabled();
});

it("follows SelectedItemsChanged and ItemChanged", async () => {
  const services = createFakeServices({ item, contacts: createFakeContactsService({ contacts: [liuContact] }) });
  let fireSel: () => void = () => undefined;
  let fireItem: () => void = () => undefined;
  let selected: Array<{ itemId: string; conversationId: string; subject: string; itemMode: "read" }> = [];
  let current: MailItemSnapshot | null = item;
  services.office.getSelectedItems = async () => selected;
  services.office.getCurrentItem = async () => current;
  services.office.onSelectedItemsChanged = async (h) => ((fireSel = h), async () => undefined);
  services.office.onItemChanged = async (h) => ((fireItem = h), async () => undefined);
  render(
    <I18nextProvider i18n={createI18n("en-US")}>
      <ServicesProvider services={services}>
        <TaggingProvider
          service={createTaggingService({ office: services.office, me: ME.address, contacts: services.contacts, listConversationMessages: async () => THREAD })}
        >
          <ThisEmailView />
        </TaggingProvider>
      </ServicesProvider>
    </I18nextProvider>,
  );
  expect(await screen.findByRole("heading", { name: item.subject })).toBeInTheDocument();
  selected = [1, 2].map((i) => ({ itemId: `i${i}`, conversationId: `c${i}`, subject: `s${i}`, itemMode: "read" }));
  await act(async () => fireSel());
  expect(await screen.findByRole("heading", { name: "2 emails selected" })).toBeInTheDocument();
  selected = [];
  await act(async () => fireSel());
  expect(await screen.findByRole("heading", { name: item.subject })).toBeInTheDocument();
  current = null;
  await act(async () => fireItem());
  expect(await screen.findByRole("heading", { name: "No email is open" })).toBeInTheDocument();
});

it("explains what is missing on hosts without Mailbox 1.13, in Chinese too", async () => {
  setup({ services: { sets: { multiSelect: false } }, locale: "zh-CN" });
  expect(await screen.findByText("无法选择多封邮件")).toBeInTheDocument();
  expect(screen.getByText(/Mailbox 1\.13/)).toBeInTheDocument();
  expect(await screen.findByRole("button", { name: "标记此会话中的所有人" })).toBeInTheDocument();
  expect(await screen.findByRole("list", { name: "此邮件中的人员" })).toBeInTheDocument();
  // Full-width colon in Chinese (QA round 2: "公司: …" read as a half-translated string).
  expect(await screen.findByText("公司：华信科技有限公司")).toBeInTheDocument();
});

it("shows a progress bar while the writes are in flight", async () => {
  const { contacts } = setup({ contacts: { writeOutcome: () => "hold" } });
  await peopleLoaded();
  fireEvent.click(await screen.findByRole("button", { name: "Tag everyone in this conversation" }));
  await screen.findByRole("table", { name: "People to tag" });
  fireEvent.click(screen.getByRole("button", { name: "Apply to 2 people" }));
  expect(await screen.findByRole("progressbar", { name: "Tagging progress" })).toBeInTheDocument();
  expect(screen.getByText(/Tagging \d of 2…/)).toBeInTheDocument();
  expect(screen.getByRole("checkbox", { name: "Include 刘洋" })).toBeDisabled();
  await act(async () => contacts.releaseHeld());
  expect(await screen.findByTestId("tag-summary")).toHaveTextContent("1 created, 1 updated");
});

it("renders the people and the thread tagging without React's duplicate-key warning", async () => {
  const error = jest.spyOn(console, "error");
  setup({ messages: async () => [{ from: LIU, toRecipients: [ME], ccRecipients: [] }] });
  await peopleLoaded();
  await screen.findByRole("button", { name: "Tag everyone in this conversation" });
  expect(error.mock.calls.map((c) => String(c[0])).filter((m) => /same key/.test(m))).toEqual([]);
  error.mockRestore();
});
