import { buildDailyPlan } from "./dailyPlan";
import { buildDailyReport, escapeHtml } from "./dailyReport";
import { DEFAULT_SCHEMA } from "./schema";
import { contact, HOSTILE } from "./testContacts";

const now = new Date("2026-11-26T02:00:00.000Z"); // 10:00 on the 26th in Shanghai
const tz = "Asia/Shanghai";

describe("buildDailyPlan", () => {
  const cs = [
    contact({ displayName: "张伟", fields: { CustomerTier: "potential", NextContact: "2026-11-26T01:00:00Z" } }),
    contact({ displayName: "陈杰", fields: { CustomerTier: "key", NextContact: "2026-11-26T08:00:00Z" } }),
    contact({ displayName: "安娜", fields: { CustomerTier: "regular", NextContact: "2026-11-22T01:00:00Z" } }),
    contact({ displayName: "白雪", fields: { CustomerTier: "key", NextContact: "2026-11-24T01:00:00Z" } }),
    contact({ displayName: "李四", fields: { CustomerTier: "regular", NeedsRecontact: true } }),
    contact({ displayName: "王五", fields: { CustomerTier: "key", NextContact: "2026-11-27T01:00:00Z", NeedsRecontact: true } }),
    contact({ displayName: "赵六", fields: { CustomerTier: "key", NeedsRecontact: true, Owner: "someone@else.com" } }),
    contact({ displayName: "钱七", fields: {} }),
    contact({ displayName: "阿不", fields: { CustomerTier: "key", NextContact: "2026-11-26T15:59:59Z" } }),
  ];
  it("lists overdue (oldest first), then due today / flagged by tier key → regular → potential, then pinyin name", () => {
    const plan = buildDailyPlan(cs, DEFAULT_SCHEMA, { now, timeZone: tz });
    expect(plan.map((p) => [p.contact.displayName, p.status, p.daysOverdue])).toEqual([
      ["安娜", "overdue", 4],
      ["白雪", "overdue", 2],
      ["阿不", "dueToday", 0],
      ["陈杰", "dueToday", 0],
      ["赵六", "flaggedNoDate", 0],
      ["李四", "flaggedNoDate", 0],
      ["张伟", "dueToday", 0],
    ]);
  });
  it("leaves out tomorrow's follow-ups even when flagged, and can be limited to my customers", () => {
    const plan = buildDailyPlan(cs, DEFAULT_SCHEMA, { now, timeZone: tz, owner: "SOMEONE@else.com" });
    expect(plan.map((p) => p.contact.displayName)).toEqual(["赵六"]);
  });
  it("a user in Los Angeles sees a different 'today'", () => {
    const plan = buildDailyPlan(cs, DEFAULT_SCHEMA, { now, timeZone: "America/Los_Angeles" });
    // It is 18:00 on the 25th in LA: 张伟 (due 17:00 LA on the 25th) is due today; 陈杰 (00:00 LA on the 26th) is not.
    expect(plan.map((p) => p.contact.displayName)).toEqual(["安娜", "白雪", "赵六", "李四", "张伟"]);
  });
});

describe("daily report", () => {
  const cs = [
    contact({ id: "1", displayName: "张伟", companyName: "Contoso", emailAddresses: [{ address: "zw@contoso.com" }], fields: { CustomerTier: "key", LastContacted: "2026-11-26T01:30:00Z" } }),
    contact({ id: "2", displayName: "陈杰", fields: { LastContacted: "2026-11-25T15:59:59Z" } }), // 23:59:59 yesterday in Shanghai
    contact({ id: "3", displayName: "<b>Evil</b>", companyName: `"><script>alert(1)</script>`, fields: { LastContacted: "2026-11-25T16:00:00Z" } }),
  ];
  const report = buildDailyReport(cs, DEFAULT_SCHEMA, { now, timeZone: tz, salesperson: "张伟 <zhang.wei@contoso.com>", outcomes: { "1": "签约意向\n下周报价", "3": HOSTILE.join(" ") } });
  it("contains today's contacts only (local day), in contact order", () => {
    expect(report.date).toBe("2026-11-26");
    expect(report.rows.map((r) => r.contactId)).toEqual(["3", "1"]);
  });
  it("escapeHtml covers quotes for attributes", () => {
    expect(escapeHtml(`<a href='x' title="y">&`)).toBe("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;");
  });
});
