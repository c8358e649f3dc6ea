import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { NewMessageForm } from "../../app";
import { TodayView } from "./TodayView";
import { customer, DAY, iso, ME, NOW, renderWith, setup } from "./testSupport";

const plan = () => [
  customer("Potential Overdue", { NextContact: iso(NOW.getTime() - 3 * DAY), CustomerTier: "potential", Owner: ME }),
  customer("Key Today", { NextContact: iso(NOW.getTime() + 3_600_000), CustomerTier: "key", Owner: ME, NeedsRecontact: true }),
  customer("Key Overdue", { NextContact: iso(NOW.getTime() - 3 * DAY), CustomerTier: "key", Owner: ME }, { companyName: "华信科技" }),
  customer("Later", { NextContact: iso(NOW.getTime() + 5 * DAY), CustomerTier: "key", Owner: ME }),
  customer("Someone else's", { NextContact: iso(NOW.getTime() - DAY), Owner: "wang.fang@contoso.com" }),
];

test("loading: a labelled spinner while the contacts load", async () => {
  renderWith(<TodayView />, setup({ contacts: { neverLoad: true } }));
  expect(await screen.findByText("Loading today's plan…")).toBeInTheDocument();
});

test("error: a message and a retry button", async () => {
  const s = setup({ contacts: { loadError: { code: "network", message: "offline" } } });
  renderWith(<TodayView />, s);
  expect(await screen.findByText(/could not be loaded/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Try again" })).toBeEnabled();
});

test("empty: nothing due today", async () => {
  renderWith(<TodayView />, setup({ contacts: { contacts: [customer("Later", { NextContact: iso(NOW.getTime() + 9 * DAY) })] } }));
  expect(await screen.findByRole("heading", { name: "Nothing due today" })).toBeInTheDocument();
  expect(screen.getByText("No one contacted yet today.")).toBeInTheDocument();
});

test("many: overdue first, key customers first, teammates' customers left out", async () => {
  renderWith(<TodayView />, setup({ contacts: { contacts: plan() } }));
  const list = await screen.findByRole("list", { name: /Today's plan — Mar 2, 2026/ });
  const names = within(list)
    .getAllByRole("listitem")
    .map((li) => li.querySelector("span")?.textContent);
  expect(names).toEqual(["Key Overdue", "Potential Overdue", "Key Today"]);
  expect(screen.getByText("3 customers to contact")).toBeInTheDocument();
  expect(within(list).getAllByText("Overdue 3 days")).toHaveLength(2);
  expect(screen.getByRole("button", { name: "Mark Key Today contacted" })).toBeEnabled();
});

test("contacted: next date from the tier cadence, leaves the plan, appears under Contacted today, then in the report draft", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: plan() } });
  renderWith(<TodayView />, s);
  await user.type(await screen.findByRole("textbox", { name: "Outcome note for Key Overdue" }), "Wants a quote <b>");
  await user.click(screen.getByRole("button", { name: "Mark Key Overdue contacted" }));
  // key = 7 days after 2026-03-02 09:00 Shanghai
  expect(await screen.findByText("Key Overdue contacted. Next contact: Mar 9, 2026.")).toBeInTheDocument();
  const plan2 = screen.getByRole("list", { name: /Today's plan/ });
  expect(within(plan2).queryByText("Key Overdue")).toBeNull();
  const done = screen.getByRole("list", { name: /Contacted today/ });
  expect(within(done).getByText("Key Overdue")).toBeInTheDocument();
  expect(within(done).getByRole("textbox", { name: "Outcome note for Key Overdue" })).toHaveValue("Wants a quote <b>");

  await user.click(screen.getByRole("button", { name: "Create daily report" }));
  expect(await screen.findByText("Report draft with 1 customer opened.")).toBeInTheDocument();
  const forms = (s.office as unknown as { forms: NewMessageForm[] }).forms;
  expect(forms).toHaveLength(1);
  expect(forms[0]!.toRecipients).toEqual(["li.na@contoso.com"]);
  // The tagged subject the manager's pane and the salesperson's report list recognise (issue 13 item 3).
  expect(forms[0]!.subject).toBe("[Follow-up daily report] 2026-03-02 Zhang Wei");
  expect(forms[0]!.htmlBody).toMatch(/CFUR1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}\.END/);
  expect(forms[0]!.htmlBody).toContain("<table");
  expect(forms[0]!.htmlBody).toContain("Wants a quote &lt;b&gt;");
  expect(forms[0]!.htmlBody).toContain("华信科技");
});

test("a failed write says so and keeps the customer in the plan", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: plan(), writeOutcome: () => ({ code: "forbidden", reason: "no" }) } });
  renderWith(<TodayView />, s);
  await user.click(await screen.findByRole("button", { name: "Mark Key Today contacted" }));
  expect(await screen.findByText(/Key Today could not be saved/)).toBeInTheDocument();
});

test("Chinese: the plan and the report in zh-CN", async () => {
  const user = userEvent.setup();
  const s = setup({ contacts: { contacts: plan() } });
  renderWith(<TodayView />, s, "zh-CN");
  // Chinese readers get 2026/03/02, not the ISO form (QA round 2).
  expect(await screen.findByRole("heading", { name: "每日访问计划 — 2026/03/02" })).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "标记 Key Today 为已联系" }));
  expect(await screen.findByText(/^已联系 Key Today。下次联系：\d{4}\/\d{2}\/\d{2}。/)).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "生成每日销售报告" }));
  await waitFor(() => expect((s.office as unknown as { forms: NewMessageForm[] }).forms).toHaveLength(1));
  const form = (s.office as unknown as { forms: NewMessageForm[] }).forms[0]!;
  expect(form.subject).toBe("[客户跟进·日报] 2026-03-02 Zhang Wei");
  // The handbook's sections (issue 13), the entry "Contacted" recorded: a call, purpose 其他.
  for (const h of ["一、访问客户及结果", "二、客诉处理", "三、收款", "四、竞争对手信息", "五、客户反馈", "六、客户动态", "七、今日心得", "八、明日计划", "九、汇总"]) expect(form.htmlBody).toContain(h);
  expect(form.htmlBody).toMatch(/Key Today.*电话.*其他/);
});
