import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { ServicesProvider, type MailItemSnapshot, type NewMessageForm } from "../../app";
import { createReportsService } from "../../app/reports";
import { createFakeServices } from "../../app/testing/fakeServices";
import { buildHandbookReport, renderHandbookReportHtml } from "../../domain/handbookReport";
import { appendEntry, createEntry, type HistoryLog } from "../../domain/history";
import { MAX_COMMENT_LENGTH, readSignOffCopy, renderSignOffHtml, withReportCopy } from "../../domain/reportMessage";
import { DEFAULT_SCHEMA } from "../../domain/schema";
import type { Contact, FieldSchema, Locale } from "../../domain/types";
import { createI18n } from "../i18n/createI18n";
import ReportReview from "./ReportReview";

const NOW = new Date("2026-03-02T10:00:00Z");
const TZ = "Asia/Shanghai";
const ZW = { name: "张伟 Zhang Wei", address: "zhang.wei@contoso.com" };
const LN = { name: "李娜 Li Na", address: "li.na@contoso.com" };
const contact: Contact = { id: "c1", displayName: "刘洋", companyName: "华信科技", emailAddresses: [], categories: [], fields: {} };
const log = appendEntry({ v: 1, entries: [] } as HistoryLog, createEntry({ at: "2026-03-02T09:50:00Z", channel: "visit", purpose: "order", outcome: "订 20 台 <b>", nextStep: "周五送货" }, { id: "e1", now: NOW, by: ZW.address }));
const report = buildHandbookReport([contact], new Map([["c1", log]]), DEFAULT_SCHEMA as FieldSchema, { now: NOW, timeZone: TZ, salesperson: "张伟", texts: { insights: "多听客户意见" } });
const html = withReportCopy(renderHandbookReportHtml(report, "zh-CN", TZ), report, "zh-CN").html;
const reportItem: MailItemSnapshot = { itemId: "m1", conversationId: "c", subject: "[客户跟进·日报] 2026-03-02 张伟", from: ZW, to: [LN], cc: [], mode: "read", itemType: "message" };

function renderAs(user: { name: string; address: string }, item: MailItemSnapshot, body: string, locale: Locale = "en-US") {
  const services = createFakeServices({ user: { emailAddress: user.address, displayName: user.name }, item, body, displayLanguage: locale });
  services.reports = createReportsService({
    office: services.office,
    // Whether the manager already signed off needs Graph: unavailable here, the pane carries on without it.
    client: () => {
      throw new Error("no Graph in component tests");
    },
    me: user.address,
    displayName: user.name,
    now: () => NOW,
    timeZone: TZ,
  });
  render(
    <ServicesProvider services={services}>
      <I18nextProvider i18n={createI18n(locale)}>
        <ReportReview item={item} />
      </I18nextProvider>
    </ServicesProvider>,
  );
  return (services.office as unknown as { forms: NewMessageForm[] }).forms;
}

test("the manager reads the report's sections and signs it off with a comment: one sign-off message to the salesperson", async () => {
  const user = userEvent.setup();
  const forms = renderAs(LN, reportItem, html);
  expect(await screen.findByRole("heading", { name: "Daily report of 张伟 — Mar 2, 2026" })).toBeInTheDocument();
  for (const h of ["1. Visits and outcomes", "2. Complaints handled", "3. Collections", "4. Competitor information", "5. Customer feedback", "6. Customers' news", "7. Today's insights", "8. Tomorrow's plan", "9. Summary"]) {
    expect(screen.getByRole("heading", { name: h })).toBeInTheDocument();
  }
  expect(screen.getByText("17:50 · 刘洋 (华信科技) · Visit · Order")).toBeInTheDocument();
  expect(screen.getByText("Outcome: 订 20 台 <b>")).toBeInTheDocument();
  expect(screen.getByText("多听客户意见")).toBeInTheDocument();
  await user.type(screen.getByRole("textbox", { name: "Comments (optional)" }), "Good, follow up Huaxin");
  await user.click(screen.getByRole("button", { name: "Sign off the report of 张伟 for Mar 2, 2026" }));
  expect(await screen.findByText("The sign-off opened as a new message to 张伟: review it and send it.")).toBeInTheDocument();
  expect(forms).toHaveLength(1);
  expect(forms[0]).toMatchObject({ toRecipients: [ZW.address], subject: "Signed off: [Follow-up daily report] 2026-03-02 张伟" });
  expect(readSignOffCopy(forms[0]!.htmlBody)).toEqual({ signOff: { date: "2026-03-02", name: "张伟", by: LN.address, byName: LN.name, comment: "Good, follow up Huaxin" } });
});

test("zh-CN: 签收 with a comment that is too long is refused on the spot and opens nothing", async () => {
  const user = userEvent.setup();
  const forms = renderAs(LN, reportItem, html, "zh-CN");
  expect(await screen.findByRole("heading", { name: "张伟 的每日销售报告 — 2026/03/02" })).toBeInTheDocument();
  expect(screen.getByRole("heading", { name: "九、汇总" })).toBeInTheDocument();
  const box = screen.getByRole("textbox", { name: "意见（可选）" });
  await user.click(box);
  await user.paste("长".repeat(MAX_COMMENT_LENGTH + 1));
  await user.click(screen.getByRole("button", { name: "签收 张伟 2026/03/02 的报告" }));
  expect(await screen.findByText(`意见最多 ${MAX_COMMENT_LENGTH} 个字符。`)).toBeInTheDocument();
  expect(forms).toHaveLength(0);
});

test("her own sent report shows its sections and offers no sign-off", async () => {
  renderAs(ZW, reportItem, html);
  expect(await screen.findByText(/This is your own report/)).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: /Sign off/ })).toBeNull();
});

test("a copy edited after it was written is not shown, and sign-off stays available", async () => {
  const at = html.indexOf("CFUR1.") + 12;
  renderAs(LN, reportItem, html.slice(0, at) + (html[at] === "x" ? "y" : "x") + html.slice(at + 1));
  expect(await screen.findByText(/copy for the add-in was changed after it was written/)).toBeInTheDocument();
  expect(screen.queryByRole("heading", { name: "1. Visits and outcomes" })).toBeNull();
  expect(screen.getByRole("button", { name: /Sign off the report/ })).toBeEnabled();
});

test("the salesperson opening the sign-off sees who signed off and the comments", async () => {
  const body = renderSignOffHtml({ date: "2026-03-02", name: "张伟", by: LN.address, byName: "李娜", comment: "很好，继续跟进华信" }, "zh-CN");
  renderAs(ZW, { ...reportItem, subject: "签收: [客户跟进·日报] 2026-03-02 张伟", from: LN, to: [ZW] }, body, "zh-CN");
  expect(await screen.findByText("李娜 已签收。")).toBeInTheDocument();
  expect(screen.getByText("意见：很好，继续跟进华信")).toBeInTheDocument();
});
