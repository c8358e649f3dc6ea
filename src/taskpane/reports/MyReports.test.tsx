import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider, type ReportsService } from "../../app";
import { createFakeServices } from "../../app/testing/fakeServices";
import type { ReportStatus } from "../../domain/reportMessage";
import type { Locale } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import MyReports from "./MyReports";

function renderWith(list: ReportsService["listMyReports"], locale: Locale = "en-US") {
  const services = createFakeServices();
  const unused = () => Promise.reject(new Error("not used by the list"));
  services.reports = { timeZone: "Asia/Shanghai", listMyReports: list, readOpenItem: unused, signOff: unused, mySignOffsOf: unused };
  render(
    <ServicesProvider services={services}>
      <I18nextProvider i18n={createI18n(locale)}>
        <MyReports />
      </I18nextProvider>
    </ServicesProvider>,
  );
}

const statuses: ReportStatus[] = [
  { date: "2026-03-02", sentAt: "2026-03-02T10:00:00Z", signedOff: { by: "li.na@contoso.com", byName: "李娜", at: "2026-03-02T11:05:00Z" } },
  { date: "2026-02-27", sentAt: "2026-02-27T10:00:00Z" },
];

test("each day's report: when it was sent, and signed off by whom and when, or not yet", async () => {
  renderWith(async () => ({ statuses, truncated: false }));
  const items = await screen.findAllByRole("listitem");
  expect(items.map((i) => i.textContent)).toEqual([
    "Mar 2, 2026Sent Mar 2, 2026, 18:00Signed off by 李娜 on Mar 2, 2026, 19:05",
    "Feb 27, 2026Sent Feb 27, 2026, 18:00Not signed off yet",
  ]);
});

test("zh-CN, and a failed read says so and can be retried", async () => {
  const user = userEvent.setup();
  let calls = 0;
  renderWith(async () => {
    if (++calls === 1) throw new Error("offline");
    return { statuses: statuses.slice(0, 1), truncated: true };
  }, "zh-CN");
  expect(await screen.findByText("无法从邮箱读取您的每日报告。")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "重试" }));
  expect(await screen.findByText(/李娜 已于 2026年3月2日 19:05 签收/)).toBeInTheDocument();
  expect(screen.getByText("只读取了最近的邮件，较早的报告可能未列出。")).toBeInTheDocument();
  expect(calls).toBe(2);
});
