import { canClaim, claimInfo, claimOps, claimStamp, claimState, isOwnedBy, parseClaimStamp, serializeClaimStamp } from "./claims";
import { DEFAULT_SCHEMA } from "./schema";
import { applyOps } from "./tagging";
import type { Contact } from "./types";

const last = "2026-11-19T10:00:00.000Z";
const at = (iso: string) => new Date(iso);

describe("claimState (7 days, warn 2)", () => {
  it("is active until the warning window, lapsing inside it", () => {
    expect(claimState("wang.fang@contoso.com", last, at("2026-11-24T09:59:59.999Z")).state).toBe("active");
    expect(claimState("wang.fang@contoso.com", last, at("2026-11-24T10:00:00.000Z")).state).toBe("lapsing");
  });
  it("lapses at exactly 7 × 24 h after the last contact", () => {
    expect(claimState("wang.fang@contoso.com", last, at("2026-11-26T09:59:59.999Z")).state).toBe("lapsing");
    const lapsed = claimState("wang.fang@contoso.com", last, at("2026-11-26T10:00:00.000Z"));
    expect(lapsed).toEqual({ state: "lapsed", owner: "wang.fang@contoso.com", lapsesAt: "2026-11-26T10:00:00.000Z" });
  });
  it("is elapsed time, identical whatever the viewer's zone (no zone argument exists)", () => {
    // 7 days after 23:30 Shanghai time on the 19th is 23:30 on the 26th — not the end of a calendar day.
    expect(claimState("a@x.com", "2026-11-19T15:30:00.000Z", at("2026-11-26T15:29:00.000Z")).state).toBe("lapsing");
    expect(claimState("a@x.com", "2026-11-19T15:30:00.000Z", at("2026-11-26T15:30:00.000Z")).state).toBe("lapsed");
  });
  it("an owner without a recorded contact is lapsed; no owner is unowned", () => {
    expect(claimState("a@x.com", null, at(last)).state).toBe("lapsed");
    expect(claimState("a@x.com", "not a date", at(last)).state).toBe("lapsed");
    expect(claimState("   ", last, at(last)).state).toBe("unowned");
    expect(claimState(null, last, at(last)).state).toBe("unowned");
  });
  it("honours a team's configuration", () => {
    expect(claimState("a@x.com", last, at("2026-11-22T10:00:00.000Z"), { lapseDays: 3, warnDays: 1 }).state).toBe("lapsed");
    expect(claimState("a@x.com", last, at("2026-11-21T10:00:00.000Z"), { lapseDays: 3, warnDays: 1 }).state).toBe("lapsing");
  });
});

describe("canClaim", () => {
  const c = (owner: string | null, lastContacted: string | null) => ({ fields: { Owner: owner, LastContacted: lastContacted } });
  const now = at("2026-11-25T10:00:00.000Z");
  it("refuses while someone else's claim is alive, telling whose and until when", () => {
    expect(canClaim(c("Wang.Fang@contoso.com", last), DEFAULT_SCHEMA, "zhang.wei@contoso.com", now)).toEqual({
      ok: false,
      code: "claimedBySomeoneElse",
      owner: "Wang.Fang@contoso.com",
      lapsesAt: "2026-11-26T10:00:00.000Z",
    });
  });
  it("says the customer is already mine (address compared case-insensitively)", () => {
    expect(canClaim(c("Zhang.Wei@contoso.com", last), DEFAULT_SCHEMA, "zhang.wei@contoso.com", now)).toMatchObject({ ok: false, code: "alreadyYours" });
  });
  it("allows a lapsed or unowned customer", () => {
    expect(canClaim(c("wang.fang@contoso.com", last), DEFAULT_SCHEMA, "zhang.wei@contoso.com", at("2026-11-26T10:00:00.000Z"))).toEqual({ ok: true, previousOwner: "wang.fang@contoso.com" });
    expect(canClaim(c(null, null), DEFAULT_SCHEMA, "zhang.wei@contoso.com", now)).toEqual({ ok: true, previousOwner: null });
  });
  it("refuses to renew my own lapsed claim: only a recorded contact keeps a customer (issue 10 item 11)", () => {
    const lapsedAt = at("2026-11-26T10:00:00.000Z");
    expect(canClaim(c("Zhang.Wei@contoso.com", last), DEFAULT_SCHEMA, "zhang.wei@contoso.com", lapsedAt)).toEqual({
      ok: false,
      code: "renewNeedsContact",
      owner: "Zhang.Wei@contoso.com",
      lapsesAt: "2026-11-26T10:00:00.000Z",
    });
    // Never contacted at all: lapsed, still not renewable by claiming.
    expect(canClaim(c("zhang.wei@contoso.com", null), DEFAULT_SCHEMA, "zhang.wei@contoso.com", now)).toMatchObject({ ok: false, code: "renewNeedsContact" });
    // A teammate may claim it.
    expect(canClaim(c("zhang.wei@contoso.com", last), DEFAULT_SCHEMA, "wang.fang@contoso.com", lapsedAt)).toMatchObject({ ok: true });
  });
  it("claiming sets the owner and nothing else among the fields: a claim is not a contact (issue 10)", () => {
    expect(claimOps(DEFAULT_SCHEMA, " zhang.wei@contoso.com ")).toEqual([{ op: "set", field: "Owner", value: "zhang.wei@contoso.com" }]);
    expect(claimStamp(" Zhang.Wei@contoso.com ", now)).toEqual({ owner: "zhang.wei@contoso.com", at: "2026-11-25T10:00:00.000Z" });
  });
});

describe("a claim restarts the claim's clock without recording a contact (issue 10)", () => {
  const ME = "zhang.wei@contoso.com";
  const claimedOn = at("2026-11-25T10:00:00.000Z");
  const tenDaysBefore = "2026-11-15T10:00:00.000Z";
  /** wang.fang's customer, last contacted 10 days ago (lapsed), claimed by me now. */
  function claimedToday(): Pick<Contact, "fields" | "claimed"> {
    const before = { Owner: "wang.fang@contoso.com", LastContacted: tenDaysBefore };
    expect(canClaim({ fields: before }, DEFAULT_SCHEMA, ME, claimedOn)).toEqual({ ok: true, previousOwner: "wang.fang@contoso.com" });
    return { fields: applyOps(before, claimOps(DEFAULT_SCHEMA, ME)), claimed: claimStamp(ME, claimedOn) };
  }

  it("claimed today, last contacted 10 days ago: active, lapses 7 days after the claim, last contacted unchanged", () => {
    const c = claimedToday();
    expect(c.fields).toEqual({ Owner: ME, LastContacted: tenDaysBefore });
    expect(claimInfo(c, DEFAULT_SCHEMA, claimedOn)).toEqual({ state: "active", owner: ME, lapsesAt: "2026-12-02T10:00:00.000Z", claimedAt: "2026-11-25T10:00:00.000Z" });
    expect(claimInfo(c, DEFAULT_SCHEMA, at("2026-11-30T09:59:59.999Z")).state).toBe("active");
    expect(claimInfo(c, DEFAULT_SCHEMA, at("2026-11-30T10:00:00.000Z")).state).toBe("lapsing");
    expect(claimInfo(c, DEFAULT_SCHEMA, at("2026-12-02T09:59:59.999Z")).state).toBe("lapsing");
    expect(claimInfo(c, DEFAULT_SCHEMA, at("2026-12-02T10:00:00.000Z")).state).toBe("lapsed");
  });

  it("while my fresh claim is alive a teammate is refused until it lapses; then it is theirs to take, not mine to renew", () => {
    const c = claimedToday();
    expect(canClaim(c, DEFAULT_SCHEMA, "chen.jie@contoso.com", at("2026-11-26T10:00:00.000Z"))).toEqual({
      ok: false,
      code: "claimedBySomeoneElse",
      owner: ME,
      lapsesAt: "2026-12-02T10:00:00.000Z",
    });
    expect(canClaim(c, DEFAULT_SCHEMA, ME, at("2026-11-26T10:00:00.000Z"))).toMatchObject({ ok: false, code: "alreadyYours" });
    const lapsed = at("2026-12-02T10:00:00.000Z");
    expect(canClaim(c, DEFAULT_SCHEMA, "chen.jie@contoso.com", lapsed)).toEqual({ ok: true, previousOwner: ME });
    expect(canClaim(c, DEFAULT_SCHEMA, ME, lapsed)).toMatchObject({ ok: false, code: "renewNeedsContact" });
  });

  it("the later of the last contact and the claim counts", () => {
    const c = claimedToday();
    const contactedAfter = { ...c, fields: { ...c.fields, LastContacted: "2026-11-28T10:00:00.000Z" } };
    expect(claimInfo(contactedAfter, DEFAULT_SCHEMA, at("2026-12-03T10:00:00.000Z"))).toMatchObject({ state: "lapsing", lapsesAt: "2026-12-05T10:00:00.000Z" });
    // A claim older than the last contact changes nothing.
    const old = { fields: { Owner: ME, LastContacted: last }, claimed: claimStamp(ME, at("2026-11-01T00:00:00.000Z")) };
    expect(claimInfo(old, DEFAULT_SCHEMA, at("2026-11-26T10:00:00.000Z"))).toMatchObject({ state: "lapsed", lapsesAt: "2026-11-26T10:00:00.000Z" });
  });

  it("a claimed customer never contacted is active for the claim's period, not lapsed", () => {
    const c = { fields: { Owner: ME, LastContacted: null }, claimed: claimStamp(ME, claimedOn) };
    expect(claimInfo(c, DEFAULT_SCHEMA, claimedOn).state).toBe("active");
    expect(claimInfo(c, DEFAULT_SCHEMA, at("2026-12-02T10:00:00.000Z")).state).toBe("lapsed");
  });

  it("a claim stamp naming someone else (owner edited by hand since) keeps nothing alive", () => {
    const c = { fields: { Owner: "chen.jie@contoso.com", LastContacted: tenDaysBefore }, claimed: claimStamp(ME, claimedOn) };
    expect(claimInfo(c, DEFAULT_SCHEMA, claimedOn)).toEqual({ state: "lapsed", owner: "chen.jie@contoso.com", lapsesAt: "2026-11-22T10:00:00.000Z" });
    // The owner's address in another case is the same person.
    expect(claimState("Zhang.Wei@Contoso.com", tenDaysBefore, claimedOn, undefined, claimStamp(ME, claimedOn)).state).toBe("active");
  });

  it("the stored stamp round-trips; anything unreadable reads as no claim recorded", () => {
    const s = claimStamp(ME, claimedOn);
    expect(parseClaimStamp(serializeClaimStamp(s))).toEqual(s);
    for (const bad of [undefined, "", "{", "null", "[]", '{"owner":"","at":"2026-11-25T10:00:00Z"}', '{"owner":"a@x.com","at":"yesterday"}', '{"owner":"a@x.com"}', 42]) {
      expect(parseClaimStamp(bad)).toBeUndefined();
    }
    expect(parseClaimStamp('{"v":2,"owner":" A@X.com ","at":"2026-11-25T10:00:00Z","more":1}')).toEqual({ owner: "a@x.com", at: "2026-11-25T10:00:00.000Z" });
  });
});

describe("claimState: more boundaries (issue 6)", () => {
  it("is 7 × 24 h of elapsed time across a daylight-saving change (US spring forward on 2026-03-08)", () => {
    // 10:00 PST on 5 March = 18:00Z; 7 × 24 h later is 18:00Z on 12 March = 11:00 PDT: one wall-clock hour later.
    const info = claimState("a@x.com", "2026-03-05T18:00:00.000Z", at("2026-03-12T17:59:59.999Z"));
    expect(info).toEqual({ state: "lapsing", owner: "a@x.com", lapsesAt: "2026-03-12T18:00:00.000Z" });
    expect(claimState("a@x.com", "2026-03-05T18:00:00.000Z", at("2026-03-12T18:00:00.000Z")).state).toBe("lapsed");
  });
  it("a warning window of 0 days goes straight from active to lapsed", () => {
    const cfg = { lapseDays: 7, warnDays: 0 };
    expect(claimState("a@x.com", last, at("2026-11-26T09:59:59.999Z"), cfg).state).toBe("active");
    expect(claimState("a@x.com", last, at("2026-11-26T10:00:00.000Z"), cfg).state).toBe("lapsed");
  });
  it("a last contact in the future (another device's clock ahead) keeps the claim active", () => {
    expect(claimState("a@x.com", "2026-11-27T00:00:00.000Z", at("2026-11-26T00:00:00.000Z")).state).toBe("active");
  });
  it("a date-only last contact is read as midnight UTC", () => {
    expect(claimState("a@x.com", "2026-11-19", at("2026-11-26T00:00:00.000Z")).state).toBe("lapsed");
    expect(claimState("a@x.com", "2026-11-19", at("2026-11-25T23:59:59.999Z")).state).toBe("lapsing");
  });
});

test("isOwnedBy: the owner is me, case and spaces aside; nobody's claim is nobody's", () => {
  expect(isOwnedBy({ owner: " Zhang.Wei@Contoso.com " }, "zhang.wei@contoso.com")).toBe(true);
  expect(isOwnedBy({ owner: "wang.fang@contoso.com" }, "zhang.wei@contoso.com")).toBe(false);
  expect(isOwnedBy({ owner: null }, "zhang.wei@contoso.com")).toBe(false);
});
