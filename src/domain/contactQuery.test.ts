import { createContactQueryEngine, queryContacts, RankTable, type ContactQuery } from "./contactQuery";
import { QueryError } from "./errors";
import PinyinMatch from "pinyin-match";
import { formatFieldValue } from "./fieldValues";
import { createPinyinMatcher } from "./pinyinSearch";
import { DEFAULT_SCHEMA } from "./schema";
import { contact, HOSTILE } from "./testContacts";
import type { Contact } from "./types";

const q = (over: Partial<ContactQuery> = {}): ContactQuery => ({ locale: "zh-CN", timeZone: "Asia/Shanghai", ...over });
const names = (rows: Contact[]) => rows.map((c) => c.displayName);

const zhang = contact({ displayName: "张伟", companyName: "Contoso 科技", emailAddresses: [{ address: "zhang@contoso.com" }], fields: { IntendedProducts: ["Widget", "服务器"], NeedsRecontact: true, CustomerTier: "regular", Owner: "wang.fang@contoso.com", NextContact: "2026-11-26T01:00:00.000Z" } });
const chen = contact({ displayName: "陈杰", fields: { IntendedProducts: ["widget"], NeedsRecontact: false, CustomerTier: "key", NextContact: "2026-11-25T15:00:00.000Z" } });
const bai = contact({ displayName: "白雪", businessAddress: "上海市浦东新区 世纪大道 100 号", fields: { NeedsRecontact: true, CustomerTier: "potential" } });
const an = contact({ displayName: "安娜", emailAddresses: [{ address: "Anna@Fabrikam.com.cn", name: "Anna An" }], fields: { IntendedProducts: ["Gizmo"], CustomerTier: "key", NextContact: "2026-12-01T02:00:00.000Z" } });
const ouyang = contact({ displayName: "欧阳娜娜", fields: { CustomerTier: "gold-legacy" } });
const all = [zhang, chen, bai, an, ouyang];

describe("sort", () => {
  it("orders Chinese names in pinyin order: 安 < 白 < 陈 < 欧阳 < 张", () => {
    expect(names(queryContacts(all, DEFAULT_SCHEMA, q()).rows)).toEqual(["安娜", "白雪", "陈杰", "欧阳娜娜", "张伟"]);
  });
  it("puts Chinese names before Latin ones, Latin alphabetically regardless of case", () => {
    const cs = [contact({ displayName: "bob" }), contact({ displayName: "Alice" }), contact({ displayName: "张三" })];
    expect(names(queryContacts(cs, DEFAULT_SCHEMA, q({ locale: "en-US" })).rows)).toEqual(["张三", "Alice", "bob"]);
  });
  it("sorts descending with empty values still last, ties broken by name", () => {
    const r = queryContacts(all, DEFAULT_SCHEMA, q({ sort: { column: { field: "NextContact" }, direction: "desc" } }));
    expect(names(r.rows)).toEqual(["安娜", "张伟", "陈杰", "白雪", "欧阳娜娜"]);
  });
  it("sorts a choice field in choice order (key, regular, potential), unknown values after, then empty", () => {
    const r = queryContacts([...all, contact({ displayName: "赵六" })], DEFAULT_SCHEMA, q({ sort: { column: { field: "CustomerTier" } } }));
    expect(names(r.rows)).toEqual(["安娜", "陈杰", "张伟", "白雪", "欧阳娜娜", "赵六"]);
  });
  it("puts yes before no when sorting by needs re-contact", () => {
    const r = queryContacts(all, DEFAULT_SCHEMA, q({ sort: { column: { field: "NeedsRecontact" } } }));
    expect(names(r.rows)).toEqual(["白雪", "张伟", "陈杰", "安娜", "欧阳娜娜"]);
  });
  it("is stable for equal names (input order kept)", () => {
    const twins = [contact({ id: "t1", displayName: "王芳" }), contact({ id: "t2", displayName: "王芳" }), contact({ id: "t0", displayName: "安" })];
    expect(queryContacts(twins, DEFAULT_SCHEMA, q()).rows.map((c) => c.id)).toEqual(["t0", "t1", "t2"]);
  });
  it("re-sorts at once when a check box toggles (a new contact object)", () => {
    const engine = createContactQueryEngine();
    const sort = q({ sort: { column: { field: "NeedsRecontact" } } });
    expect(names(engine.query(all, DEFAULT_SCHEMA, sort).rows)[0]).toBe("白雪");
    const toggled = all.map((c) => (c === bai ? { ...c, fields: { ...c.fields, NeedsRecontact: false } } : c));
    expect(names(engine.query(toggled, DEFAULT_SCHEMA, sort).rows)).toEqual(["张伟", "白雪", "陈杰", "安娜", "欧阳娜娜"]);
  });
  it("keeps a correct order as new names arrive incrementally", () => {
    const engine = createContactQueryEngine();
    const base = Array.from({ length: 400 }, (_, i) => contact({ displayName: `客户${String(i).padStart(3, "0")}` }));
    engine.query(base, DEFAULT_SCHEMA, q());
    const more = [...base, contact({ displayName: "阿里" }), contact({ displayName: "客户0005" }), contact({ displayName: "Zed" })];
    const got = names(engine.query(more, DEFAULT_SCHEMA, q()).rows);
    const expected = names(more).sort(new Intl.Collator("zh-CN-u-co-pinyin", { numeric: true }).compare);
    expect(got).toEqual(expected);
  });
});

describe("RankTable", () => {
  it("assigns ranks in collation order across inserts and rebuilds", () => {
    const t = new RankTable(new Intl.Collator("zh-CN-u-co-pinyin"));
    t.ensure(["张", "安"]);
    t.ensure(["陈"]);
    t.ensure(["白"]);
    const r = (s: string) => t.rank(s) as number;
    expect(r("安") < r("白") && r("白") < r("陈") && r("陈") < r("张")).toBe(true);
    // Many inserts between two neighbours eventually force a rebuild; order must hold throughout.
    const words: string[] = [];
    for (let i = 0; i < 40; i++) {
      const w = `b${"a".repeat(i)}`;
      words.push(w);
      t.ensure([w]);
    }
    const sorted = [...words].sort(new Intl.Collator("zh-CN-u-co-pinyin").compare);
    for (let i = 1; i < sorted.length; i++) expect(r(sorted[i - 1] as string)).toBeLessThan(r(sorted[i] as string));
  });
});

describe("group", () => {
  it("puts a contact in the group of each of its keywords (case-insensitive), empty ones in (无)", () => {
    const r = queryContacts(all, DEFAULT_SCHEMA, q({ groupBy: { field: "IntendedProducts" } }));
    expect(r.groups?.map((g) => [g.label, g.count, names(g.rows)])).toEqual([
      // CLDR's zh collation puts Han before Latin; the label is the spelling of the first row shown.
      ["服务器", 1, ["张伟"]],
      ["Gizmo", 1, ["安娜"]],
      ["widget", 2, ["陈杰", "张伟"]],
      ["(无)", 2, ["白雪", "欧阳娜娜"]],
    ]);
    expect(r.total).toBe(5);
  });
  it("groups yes/no as yes, no, none with localized labels", () => {
    const r = queryContacts(all, DEFAULT_SCHEMA, q({ locale: "en-US", groupBy: { field: "NeedsRecontact" } }));
    expect(r.groups?.map((g) => [g.key, g.label, g.count])).toEqual([
      ["true", "Yes", 2],
      ["false", "No", 1],
      [null, "(none)", 2],
    ]);
  });
  it("groups choices in choice order with labels; values no longer offered follow", () => {
    const r = queryContacts(all, DEFAULT_SCHEMA, q({ groupBy: { field: "CustomerTier" } }));
    expect(r.groups?.map((g) => [g.key, g.label, g.count])).toEqual([
      ["key", "重点客户", 2],
      ["regular", "一般客户", 1],
      ["potential", "潜在客户", 1],
      ["gold-legacy", "gold-legacy", 1],
    ]);
  });
  it("groups dates by the local day of the user's zone", () => {
    const sh = queryContacts(all, DEFAULT_SCHEMA, q({ groupBy: { field: "NextContact" } }));
    expect(sh.groups?.map((g) => [g.key, names(g.rows)])).toEqual([
      ["2026-11-25", ["陈杰"]],
      ["2026-11-26", ["张伟"]],
      ["2026-12-01", ["安娜"]],
      [null, ["白雪", "欧阳娜娜"]],
    ]);
    // 2026-11-25T15:00Z is 23:00 in Shanghai on the 25th and 07:00 in Los Angeles on the 25th;
    // 2026-11-26T01:00Z is 09:00 on the 26th in Shanghai but 17:00 on the 25th in Los Angeles.
    const la = queryContacts(all, DEFAULT_SCHEMA, q({ timeZone: "America/Los_Angeles", groupBy: { field: "NextContact" } }));
    expect(la.groups?.map((g) => [g.key, names(g.rows)])).toEqual([
      ["2026-11-25", ["陈杰", "张伟"]],
      ["2026-11-30", ["安娜"]],
      [null, ["白雪", "欧阳娜娜"]],
    ]);
  });
  it("labels a date group exactly as the date cells of its contacts read (one formatter), in both languages and zones", () => {
    const next = DEFAULT_SCHEMA.fields.find((f) => f.propertyName === "NextContact")!;
    const seen: string[] = [];
    for (const locale of ["zh-CN", "en-US"] as const) {
      for (const timeZone of ["Asia/Shanghai", "America/Los_Angeles"]) {
        const r = queryContacts(all, DEFAULT_SCHEMA, q({ locale, timeZone, groupBy: { field: "NextContact" } }));
        for (const g of r.groups!.filter((g) => g.key !== null)) {
          for (const c of g.rows) expect({ group: g.label, cell: formatFieldValue(next, c.fields.NextContact, { locale, timeZone }) }).toEqual({ group: g.label, cell: g.label });
          seen.push(g.label);
        }
      }
    }
    // Not the sortable key "2026-11-25": the display forms the cells use.
    expect(seen).toEqual(["2026/11/25", "2026/11/26", "2026/12/01", "2026/11/25", "2026/11/30", "Nov 25, 2026", "Nov 26, 2026", "Dec 1, 2026", "Nov 25, 2026", "Nov 30, 2026"]);
  });
  it("groups text case-insensitively under the first spelling", () => {
    const cs = [contact({ displayName: "a", fields: { Owner: "Wang.Fang@contoso.com" } }), contact({ displayName: "b", fields: { Owner: "wang.fang@contoso.com" } })];
    const r = queryContacts(cs, DEFAULT_SCHEMA, q({ groupBy: { field: "Owner" } }));
    expect(r.groups?.map((g) => [g.label, g.count])).toEqual([["Wang.Fang@contoso.com", 2]]);
  });
});

describe("filter", () => {
  const run = (filters: ContactQuery["filters"], tz = "Asia/Shanghai") => names(queryContacts(all, DEFAULT_SCHEMA, q({ filters, timeZone: tz })).rows);
  it("combines conditions with AND", () => {
    expect(run([{ column: { field: "NeedsRecontact" }, op: "eq", value: true }, { column: { field: "CustomerTier" }, op: "eq", value: "regular" }])).toEqual(["张伟"]);
  });
  it("supports eq/ne (ne includes empty values), isEmpty/notEmpty", () => {
    expect(run([{ column: { field: "CustomerTier" }, op: "ne", value: "key" }])).toEqual(["白雪", "欧阳娜娜", "张伟"]);
    expect(run([{ column: { field: "IntendedProducts" }, op: "isEmpty" }])).toEqual(["白雪", "欧阳娜娜"]);
    expect(run([{ column: { field: "NextContact" }, op: "notEmpty" }])).toEqual(["安娜", "陈杰", "张伟"]);
  });
  it("matches keywords case-insensitively with hasKeyword", () => {
    expect(run([{ column: { field: "IntendedProducts" }, op: "hasKeyword", value: "WIDGET" }])).toEqual(["陈杰", "张伟"]);
  });
  it("compares dates by the local day: 'on or before today' differs between Shanghai and Los Angeles", () => {
    const cond = [{ column: { field: "NextContact" }, op: "onOrBefore", value: "2026-11-25" }] as ContactQuery["filters"];
    expect(run(cond, "Asia/Shanghai")).toEqual(["陈杰"]);
    expect(run(cond, "America/Los_Angeles")).toEqual(["陈杰", "张伟"]);
    expect(run([{ column: { field: "NextContact" }, op: "after", value: "2026-11-26" }])).toEqual(["安娜"]);
    expect(run([{ column: { field: "NextContact" }, op: "eq", value: "2026-11-26" }])).toEqual(["张伟"]);
  });
  it("contains matches choice labels in the user's language", () => {
    expect(run([{ column: { field: "CustomerTier" }, op: "contains", value: "重点" }])).toEqual(["安娜", "陈杰"]);
  });
  it("refuses unknown fields, unsupported operators and bad operands with typed errors", () => {
    const err = (filters: ContactQuery["filters"]) => {
      try {
        run(filters);
      } catch (e) {
        return (e as QueryError).code;
      }
      return null;
    };
    expect(err([{ column: { field: "Nope" }, op: "isEmpty" }])).toBe("unknownField");
    expect(err([{ column: { field: "Owner" }, op: "gt", value: 3 }])).toBe("operatorNotSupported");
    expect(err([{ column: { field: "NextContact" }, op: "before", value: "soon" }])).toBe("invalidOperand");
    expect(err([{ column: { field: "NeedsRecontact" }, op: "eq", value: "yes" }])).toBe("invalidOperand");
  });
  it("filters on numbers with gt/lt", () => {
    const schema = { ...DEFAULT_SCHEMA, fields: [...DEFAULT_SCHEMA.fields, { propertyName: "CFn", kind: "number" as const, label: { "zh-CN": "n", "en-US": "n" } }] };
    const cs = [1, 5, 10].map((n) => contact({ displayName: `n${n}`, fields: { CFn: n } }));
    expect(names(queryContacts(cs, schema, q({ filters: [{ column: { field: "CFn" }, op: "gt", value: 1 }, { column: { field: "CFn" }, op: "lt", value: 10 }] })).rows)).toEqual(["n5"]);
  });
});

describe("search", () => {
  const s = (search: string) => names(queryContacts(all, DEFAULT_SCHEMA, q({ search })).rows);
  it("finds by name, company, address, e-mail (case-insensitive), keywords and tier labels", () => {
    expect(s("张")).toEqual(["张伟"]);
    expect(s("contoso")).toEqual(["张伟"]);
    expect(s("世纪大道")).toEqual(["白雪"]);
    expect(s("anna@fabrikam")).toEqual(["安娜"]);
    expect(s("服务器")).toEqual(["张伟"]);
    expect(s("潜在")).toEqual(["白雪"]);
    expect(s("potential")).toEqual(["白雪"]);
  });
  it("normalizes width (ＣＯＮＴＯＳＯ finds Contoso) and requires every word", () => {
    expect(s("ＣＯＮＴＯＳＯ")).toEqual(["张伟"]);
    expect(s("contoso widget")).toEqual(["张伟"]);
    expect(s("contoso gizmo")).toEqual([]);
  });
  it("treats hostile input as plain text", () => {
    for (const h of HOSTILE) expect(() => s(h)).not.toThrow();
    const evil = contact({ displayName: "<script>alert(1)</script>" });
    expect(names(queryContacts([...all, evil], DEFAULT_SCHEMA, q({ search: "<script>" })).rows)).toEqual(["<script>alert(1)</script>"]);
    expect(s(".*")).toEqual([]);
  });
  describe("with pinyin (issue 11 item 6)", () => {
    const pinyin = createPinyinMatcher((input, keys) => PinyinMatch.match(input, keys));
    const liu = contact({ displayName: "刘洋", companyName: "Northwind" });
    const li = contact({ displayName: "李明", companyName: "蓝叶贸易" });
    const lily = contact({ displayName: "Lily Evans" });
    const people = [...all, liu, li, lily];
    const py = (search: string) => names(queryContacts(people, DEFAULT_SCHEMA, q({ search, pinyin })).rows);
    it("full pinyin, a first syllable and initials find 刘洋; plain matches still count", () => {
      expect(py("liuyang")).toEqual(["刘洋"]);
      expect(py("liu")).toEqual(["刘洋"]);
      // "ly": 刘洋 by initials, 蓝叶贸易 (李明's company) by initials, Lily by plain text.
      expect(py("ly")).toEqual(["李明", "刘洋", "Lily Evans"]);
      expect(py("LY")).toEqual(["李明", "刘洋", "Lily Evans"]);
      expect(py("contoso")).toEqual(["张伟"]);
      expect(py("刘")).toEqual(["刘洋"]);
    });
    it("every word must match, each either way", () => {
      expect(py("liu northwind")).toEqual(["刘洋"]);
      expect(py("zw widget")).toEqual(["张伟"]);
      expect(py("liu widget")).toEqual([]);
    });
    it("matches names only, not e-mail, tiers or notes: 'zdk' (重点客户, a tier label) finds nobody", () => {
      expect(py("zdk")).toEqual([]);
    });
    it("without a matcher search is plain text, as before", () => {
      expect(names(queryContacts(people, DEFAULT_SCHEMA, q({ search: "liuyang" })).rows)).toEqual([]);
      expect(names(queryContacts(people, DEFAULT_SCHEMA, q({ search: "ly" })).rows)).toEqual(["Lily Evans"]);
    });
    it("an edited contact (a new object) is searched by its new name", () => {
      const engine = createContactQueryEngine();
      const before = [liu];
      expect(engine.query(before, DEFAULT_SCHEMA, q({ search: "ly", pinyin })).rows).toHaveLength(1);
      const after = [{ ...liu, displayName: "王芳" }];
      expect(engine.query(after, DEFAULT_SCHEMA, q({ search: "ly", pinyin })).rows).toHaveLength(0);
      expect(engine.query(after, DEFAULT_SCHEMA, q({ search: "wf", pinyin })).rows).toHaveLength(1);
    });
    it("re-searching the same contacts array follows what it holds now: a contact replaced in place, another schema, another matcher", () => {
      const engine = createContactQueryEngine();
      const list = [liu, zhang, bai];
      const found = (search: string, schema = DEFAULT_SCHEMA, matcher = pinyin) => names(engine.query(list, schema, q({ search, pinyin: matcher })).rows);
      expect(found("ly")).toEqual(["刘洋"]);
      expect(found("潜在")).toEqual(["白雪"]);
      list[0] = { ...liu, displayName: "王芳" };
      expect(found("ly")).toEqual([]);
      expect(found("wf")).toEqual(["王芳"]);
      // Without the tier field its labels are no longer searched; back with it, they are.
      const noTier = { ...DEFAULT_SCHEMA, fields: DEFAULT_SCHEMA.fields.filter((f) => f.propertyName !== "CustomerTier") };
      expect(found("潜在", noTier)).toEqual([]);
      expect(found("zw", noTier)).toEqual(["张伟"]);
      expect(found("潜在")).toEqual(["白雪"]);
      expect(found("bx", DEFAULT_SCHEMA, createPinyinMatcher((input, keys) => PinyinMatch.match(input, keys)))).toEqual(["白雪"]);
      expect(found("wf")).toEqual(["王芳"]);
    });
  });
});

describe("large inputs", () => {
  it("sorts correctly beyond the packed-key range (over 2^17 rows) with the comparator fallback", () => {
    const tiers = ["potential", "key", null, "regular"];
    const big = Array.from({ length: 2 ** 17 + 5 }, (_, i) => ({
      id: String(i),
      displayName: ["张", "安", "陈"][i % 3] as string,
      emailAddresses: [],
      categories: [],
      fields: { CustomerTier: tiers[i % 4] ?? null },
    }));
    const rows = createContactQueryEngine().query(big, DEFAULT_SCHEMA, q({ sort: { column: { field: "CustomerTier" } } })).rows;
    expect(rows).toHaveLength(big.length);
    const order = { key: 0, regular: 1, potential: 2 } as Record<string, number>;
    const rank = (c: Contact) => [order[c.fields.CustomerTier as string] ?? 3, ["安", "陈", "张"].indexOf(c.displayName), Number(c.id)];
    for (let i = 1; i < rows.length; i += 997) {
      const [a, b] = [rank(rows[i - 1] as Contact), rank(rows[i] as Contact)];
      expect(a[0]! < b[0]! || (a[0] === b[0] && (a[1]! < b[1]! || (a[1] === b[1] && a[2]! < b[2]!)))).toBe(true);
    }
  });
  it("filters with hostile operands as literal text", () => {
    const cs = HOSTILE.map((h, i) => contact({ displayName: `h${i}`, fields: { Owner: h.slice(0, 255) } }));
    for (const h of HOSTILE) {
      const r = queryContacts(cs, DEFAULT_SCHEMA, q({ filters: [{ column: { field: "Owner" }, op: "contains", value: h.slice(0, 255) }] }));
      expect(r.rows.length).toBeGreaterThanOrEqual(1);
    }
    expect(queryContacts(cs, DEFAULT_SCHEMA, q({ filters: [{ column: { field: "Owner" }, op: "eq", value: "<SCRIPT>ALERT(1)</SCRIPT>" }] })).rows.map((c) => c.displayName)).toEqual(["h4"]);
  });
});
