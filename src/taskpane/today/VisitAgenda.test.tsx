import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryVisitPlanStore } from "../../app/sales/visitPlanner";
import { createVisit, type VisitPlan } from "../../domain/visitPlan";
import { TodayView } from "./TodayView";
import { customer, DAY, iso, ME, NOW, renderWith, setup, TZ } from "./testSupport";

const visit = (id: string, date: string, time: string, purpose: string, area = "") =>
  createVisit({ date, time, purpose, area }, { id, now: NOW, timeZone: TZ, by: ME });

function world() {
  const wang = customer("Wang Fang", { NextContact: iso(NOW.getTime() - DAY), Owner: ME }, { companyName: "华东贸易" });
  const li = customer("Li Qiang", { NextContact: iso(NOW.getTime() + 5 * DAY), Owner: ME });
  const zhao = customer("Zhao Min", { NextContact: iso(NOW.getTime()), Owner: ME, NeedsRecontact: true });
  const plans: Record<string, VisitPlan> = {
    [wang.id]: { v: 1, visits: [visit("w1", "2026-03-02", "15:00", "collection", "浦东")] },
    [li.id]: { v: 1, visits: [visit("l1", "2026-03-02", "10:00", "newCustomer", "Harbour"), visit("l2", "2026-03-03", "09:30", "order")] },
  };
  const store = createMemoryVisitPlanStore(plans);
  const s = setup({ contacts: { contacts: [wang, li, zhao] }, visitPlans: store });
  return { s, store, wang, li, zhao };
}

const rowsOf = async (name: RegExp) => within(await screen.findByRole("list", { name }, { timeout: 5000 })).getAllByTestId("visit-item").map((li) => li.textContent ?? "");
// Full Today view with user-event typing: on the shared 2-core machine these take seconds, not the default 5 s limit.
jest.setTimeout(30_000);

test("Today lists the day's visits in time order with purpose and area, tomorrow's apart", async () => {
  const { s } = world();
  renderWith(<TodayView />, s);
  expect(await rowsOf(/^Visits — Mar 2, 2026/)).toEqual([expect.stringMatching(/^10:00Li QiangNew customerHarbourRecord visit/), expect.stringMatching(/^15:00Wang FangCollection浦东 · 华东贸易Record visit/)]);
  expect(await rowsOf(/^Tomorrow's visits — Mar 3, 2026/)).toEqual([expect.stringMatching(/^09:30Li QiangOrder/)]);
});

test("plan a visit from a due customer's card: validated (nothing stored on an error), then listed in time order", async () => {
  const user = userEvent.setup();
  const { s, store, zhao } = world();
  renderWith(<TodayView />, s);
  await user.click(await screen.findByRole("button", { name: "Plan a visit to Zhao Min" }, { timeout: 5000 }));
  const form = screen.getByRole("form", { name: "Visit to Zhao Min" });
  const date = within(form).getByLabelText("Day");
  await user.clear(date);
  await user.type(date, "2026-03-01");
  await user.click(within(form).getByRole("button", { name: "Save visit" }));
  expect(await within(form).findByText("That day is over: choose today or later.")).toBeInTheDocument();
  expect(store.plans.has(zhao.id)).toBe(false);

  await user.clear(date);
  await user.type(date, "2026-03-02");
  const time = within(form).getByLabelText("From");
  await user.clear(time);
  await user.type(time, "11:30");
  await user.selectOptions(within(form).getByLabelText("Purpose"), "service");
  await user.type(within(form).getByLabelText("Area"), "North");
  await user.click(within(form).getByRole("button", { name: "Save visit" }));
  expect(await screen.findByText("Visit to Zhao Min planned for Mar 2, 2026 11:30.")).toBeInTheDocument();
  expect((await rowsOf(/^Visits — /)).map((r) => /^\d\d:\d\d(Li Qiang|Zhao Min|Wang Fang)/.exec(r)?.[0])).toEqual(["10:00Li Qiang", "11:30Zhao Min", "15:00Wang Fang"]);
  expect(store.plans.get(zhao.id)?.visits[0]).toMatchObject({ purpose: "service", area: "North", start: "2026-03-02T03:30:00.000Z", status: "planned" });
});

test("record visit: a history entry by visit with the visit's purpose, and the visit is done; cancel removes one", async () => {
  const user = userEvent.setup();
  const { s, store, wang, li } = world();
  renderWith(<TodayView />, s);
  await user.click(await screen.findByRole("button", { name: "Record the visit to Wang Fang" }, { timeout: 5000 }));
  expect(await screen.findByText("Visit to Wang Fang recorded.")).toBeInTheDocument();
  const list = screen.getByRole("list", { name: /^Visits — / });
  expect(within(list).getAllByTestId("visit-item")[1]).toHaveTextContent("Done");
  expect(store.plans.get(wang.id)?.visits[0]).toMatchObject({ status: "done" });
  const log = await s.sales.loadHistory(wang);
  expect(log.entries.map((e) => [e.channel, e.purpose])).toEqual([["visit", "collection"]]);

  await user.click(within(screen.getByRole("list", { name: /^Visits — / })).getByRole("button", { name: "Cancel the visit to Li Qiang" }));
  expect(await screen.findByText("Visit to Li Qiang cancelled.")).toBeInTheDocument();
  await waitFor(() => expect(within(screen.getByRole("list", { name: /^Visits — / })).getAllByTestId("visit-item")).toHaveLength(1));
  expect(store.plans.get(li.id)?.visits.find((v) => v.id === "l1")?.status).toBe("cancelled");
});

test("Chinese: headings, purposes and the form in zh-CN", async () => {
  const user = userEvent.setup();
  const { s } = world();
  renderWith(<TodayView />, s, "zh-CN");
  expect(await rowsOf(/^拜访计划 — 2026\/03\/02/)).toEqual([expect.stringContaining("开发新客户"), expect.stringContaining("收款")]);
  await user.click(screen.getByRole("button", { name: "计划拜访 Zhao Min" }));
  const form = screen.getByRole("form", { name: "拜访 Zhao Min" });
  expect(within(within(form).getByLabelText("目的")).getAllByRole("option").map((o) => o.textContent)).toEqual(["开发新客户", "市场调研", "收款", "服务", "客诉处理", "订货", "其他"]);
});
