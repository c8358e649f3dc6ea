/**
 * A claimed customer's reminder leaves with him (issue 10 items 10 and 13): zhang.wei has reminders on and a To Do
 * task for James Miller (his lapsed customer, followed up). wang.fang claims James Miller: he moves into her folder.
 * zhang.wei's pane, still open, sees him gone at its next refresh and completes that task — exactly one PATCH, read back over HTTP —
 * while his other customers' tasks stay open and wang.fang's To Do is not touched.
 */
import type { Browser, Page, Request } from "playwright-core";
import todayEn from "../src/taskpane/today/strings.en-US.json";
import { type E2EServer, newPage, openPane, pageErrors, withE2E } from "./harness";
import { selectTab } from "./helpers";
import { graphGet } from "./salesHelpers";

const T = todayEn.today;
const ZHANG = "zhang.wei@contoso.com";
const WANG = "wang.fang@contoso.com";
const JAMES = "James Miller";
const LIU = "刘洋"; // zhang.wei's customer (liu.yang@huaxin-tech.cn), contacted 2 days ago: stays his

let server: E2EServer;
let browser: Browser;
withE2E((s, b) => ([server, browser] = [s, b]));

type Task = { id: string; status: string; linkedResources?: { externalId: string }[] };

async function tasksOf(page: Page, upn: string): Promise<{ listId: string; tasks: Task[] }> {
  const lists = await graphGet<{ value: { id: string; wellknownListName?: string }[] }>(page, server, upn, "/me/todo/lists");
  const listId = lists.value.find((l) => l.wellknownListName === "defaultList")!.id;
  const tasks = (await graphGet<{ value: Task[] }>(page, server, upn, `/me/todo/lists/${encodeURIComponent(listId)}/tasks?$expand=linkedResources`)).value;
  return { listId, tasks };
}

/** "Follow up" on `name` from the details panel, on 10 March; returns the contact's id. */
async function followUp(page: Page, name: string): Promise<string> {
  await page.getByRole("searchbox", { name: "Search contacts" }).fill(name);
  await page.getByRole("button", { name: `Open details of ${name}` }).click();
  const panel = page.getByTestId("contact-details");
  await panel.waitFor();
  const id = (await page.locator('[data-testid="contact-row"]').filter({ hasText: name }).first().getAttribute("data-contact-id")) as string;
  await panel.getByLabel("Follow-up date").fill("2026-03-10");
  await panel.getByRole("button", { name: `Follow up with ${name}` }).click();
  await panel.getByText(`${name} flagged for follow-up on Mar 10, 2026.`).waitFor();
  await panel.getByRole("button", { name: "Close details" }).click();
  return id;
}

test("wang.fang claims zhang.wei's customer: zhang.wei's open To Do task for him is completed once his pane sees him gone", async () => {
  const zhang = await newPage(browser, server, { width: 400, height: 1000 });
  await openPane(zhang, { lang: "en-US", user: ZHANG });
  await selectTab(zhang, "Settings");
  await zhang.getByRole("switch", { name: T.settings.reminders }).check();
  await zhang.getByRole("button", { name: T.settings.save }).click();
  await zhang.getByRole("status").filter({ hasText: T.settings.saved }).waitFor();
  await selectTab(zhang, "Contacts");
  const jamesId = await followUp(zhang, JAMES);
  const liuId = await followUp(zhang, LIU);
  const before = await tasksOf(zhang, ZHANG);
  const open = (id: string, tasks: Task[]) => tasks.filter((t) => t.linkedResources?.[0]?.externalId === id && t.status !== "completed");
  expect(open(jamesId, before.tasks)).toHaveLength(1);
  expect(open(liuId, before.tasks)).toHaveLength(1);
  const jamesTask = open(jamesId, before.tasks)[0]!.id;
  const todoWrites: Request[] = [];
  zhang.on("request", (r) => {
    if (r.method() !== "GET" && r.url().includes("/todo/")) todoWrites.push(r);
  });

  // wang.fang claims James Miller (lapsed: last contacted 9 days ago; following up is not a contact).
  const wang = await newPage(browser, server, { width: 400, height: 1000 });
  await openPane(wang, { lang: "en-US", user: WANG });
  await selectTab(wang, "Today");
  await selectTab(wang, "Pool");
  const item = wang.getByTestId("pool-item").filter({ hasText: JAMES }).filter({ hasText: ZHANG });
  await item.getByRole("button", { name: `Claim ${JAMES}` }).click();
  await item.getByTestId("pool-message").waitFor();
  expect((await tasksOf(wang, WANG)).tasks).toEqual([]);

  // zhang.wei, his pane still open, looks at the pool again: his list is refreshed and James Miller is gone.
  await selectTab(zhang, "Today");
  await selectTab(zhang, "Pool");
  await zhang.getByTestId("pool-item").first().waitFor();
  let after = await tasksOf(zhang, ZHANG);
  for (let i = 0; i < 100 && after.tasks.find((t) => t.id === jamesTask)?.status !== "completed"; i++) {
    await new Promise((r) => setTimeout(r, 100));
    after = await tasksOf(zhang, ZHANG);
  }
  expect(after.tasks.find((t) => t.id === jamesTask)?.status).toBe("completed");
  expect(open(liuId, after.tasks)).toHaveLength(1);
  await new Promise((r) => setTimeout(r, 500));
  expect(todoWrites.map((r) => `${r.method()} ${new URL(r.url()).pathname.replace(/.*\/todo\//, "")} ${r.postData()}`)).toEqual([
    `PATCH lists/${after.listId}/tasks/${jamesTask} {"status":"completed"}`,
  ]);
  expect(pageErrors(wang)).toEqual([]);
  expect(pageErrors(zhang)).toEqual([]);
  await wang.context().close();
  await zhang.context().close();
});
