/**
 * The engine's fast paths (one walk over the contacts, name order memoized per array, counting sorts, date
 * ranks per distinct text, group ids per distinct text) against a plain reference: comparator sort and
 * Intl-based local days, on generated contacts with ties, empties, equal instants spelled differently and
 * filters that drop rows.
 */
import { createContactQueryEngine, NAME_COLLATION_LOCALE, type ColumnRef, type ContactQuery } from "./contactQuery";
import { localDateKey } from "./dates";
import { DEFAULT_SCHEMA } from "./schema";
import type { Contact, FieldValue } from "./types";

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ["张伟", "王芳", "安娜", "白雪", "欧阳娜娜", "Alice", "alice", "Bob", "", "陈杰"];
const TIERS = ["key", "regular", "potential", "gold-legacy", "", null];
// Around the 2026 DST changes in Los Angeles (Mar 8, Nov 1) and at local midnights; two spellings of one instant.
const INSTANTS = [
  "2026-03-08T09:59:00Z",
  "2026-03-08T10:00:00Z",
  "2026-03-08T10:00:00.000Z",
  "2026-11-01T07:59:59Z",
  "2026-11-01T08:00:00Z",
  "2026-11-02T07:59:59Z",
  "2026-11-02T08:00:00Z",
  "2026-11-25T16:30:00Z",
  "2026-11-25T18:30:00+00:00",
  "2026-04-04T15:30:00Z",
  "2026-10-03T15:30:00Z",
];

function generate(n: number, seed: number): Contact[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  return Array.from({ length: n }, (_, i) => ({
    id: `g${i}`,
    displayName: pick(NAMES),
    companyName: r() < 0.5 ? pick(["Contoso", "contoso", "Fabrikam", "公司"]) : undefined,
    emailAddresses: [],
    categories: [],
    fields: {
      CustomerTier: pick(TIERS),
      NeedsRecontact: pick([true, false, null]),
      NextContact: r() < 0.85 ? pick(INSTANTS) : null,
      LastContacted: r() < 0.7 ? new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 40) * 3_600_000 * 7).toISOString() : null,
      IntendedProducts: r() < 0.6 ? [pick(["Widget", "widget", "服务器", "Gizmo"])] : null,
    },
  }));
}

const collator = new Intl.Collator(NAME_COLLATION_LOCALE, { numeric: true });
const CHOICE_ORDER = ["key", "regular", "potential"];

/** Reference key: [empty?, value] compared plainly; text by the collator. */
function refKey(c: Contact, col: ColumnRef): FieldValue | undefined {
  if ("builtin" in col) return col.builtin === "displayName" ? c.displayName : undefined;
  const v = c.fields[col.field];
  if (v === null || v === undefined || v === "") return undefined;
  if (col.field === "CustomerTier") {
    const i = CHOICE_ORDER.indexOf(v as string);
    return i < 0 ? CHOICE_ORDER.length : i;
  }
  if (col.field === "NeedsRecontact") return v === true ? 0 : 1;
  if (col.field === "NextContact" || col.field === "LastContacted") return Date.parse(v as string);
  return v;
}

function refSort(rows: Contact[], q: ContactQuery): Contact[] {
  const col = q.sort?.column ?? { builtin: "displayName" };
  const dir = q.sort?.direction === "desc" ? -1 : 1;
  // Names compare as they are (an empty name is the empty string, first), unlike empty sort keys.
  const cmpName = (a: Contact, b: Contact): number => collator.compare(a.displayName, b.displayName);
  return rows
    .map((c, i) => ({ c, i, k: refKey(c, col) }))
    .sort((a, b) => {
      if (a.k === undefined || b.k === undefined) {
        const e = (a.k === undefined ? 1 : 0) - (b.k === undefined ? 1 : 0);
        if (e !== 0) return e;
      } else if (a.k !== b.k) {
        const c = typeof a.k === "string" ? collator.compare(a.k, b.k as string) : (a.k as number) - (b.k as number);
        if (c !== 0) return dir * c;
      }
      return cmpName(a.c, b.c) || a.i - b.i;
    })
    .map((x) => x.c);
}

const ids = (rows: Contact[]): string[] => rows.map((c) => c.id);

describe("query fast paths agree with a plain reference", () => {
  const contacts = generate(1500, 7);
  const sorts: (ContactQuery["sort"] | undefined)[] = [
    undefined,
    { column: { builtin: "displayName" }, direction: "desc" },
    { column: { field: "CustomerTier" } },
    { column: { field: "CustomerTier" }, direction: "desc" },
    { column: { field: "NeedsRecontact" } },
    { column: { field: "NextContact" } },
    { column: { field: "NextContact" }, direction: "desc" },
    { column: { field: "LastContacted" }, direction: "desc" },
  ];
  const filterSets: ContactQuery["filters"][] = [
    [],
    [{ column: { field: "CustomerTier" }, op: "notEmpty" }],
    [{ column: { field: "NeedsRecontact" }, op: "eq", value: true }],
  ];
  const dayKeys = new Map<string, string>();
  const cases = sorts.flatMap((sort) => filterSets.map((filters) => ({ sort, filters })));

  it.each(cases.map((c, i) => [i, JSON.stringify(c), c] as const))("case %i: %s", (_i, _label, { sort, filters }) => {
    const engine = createContactQueryEngine();
    for (const timeZone of ["America/Los_Angeles", "Asia/Kolkata", "Australia/Lord_Howe"]) {
      const query: ContactQuery = { locale: "en-US", timeZone, sort, filters, groupBy: { field: "NextContact" } };
      const kept = contacts.filter((c) => {
        if (filters?.some((f) => f.op === "notEmpty") && refKey(c, { field: "CustomerTier" }) === undefined) return false;
        if (filters?.some((f) => f.op === "eq") && c.fields.NeedsRecontact !== true) return false;
        return true;
      });
      const expected = refSort(kept, query);
      // Twice on the same array (memoized name order), then on a copy with one edited contact.
      for (const input of [contacts, contacts, contacts.map((c, i) => (i === 5 ? { ...c, displayName: "安" } : c))]) {
        const res = engine.query(input, DEFAULT_SCHEMA, query);
        const exp = input === contacts ? expected : refSort(kept.map((c) => (c.id === "g5" ? (input[5] as Contact) : c)), query);
        expect(ids(res.rows)).toEqual(ids(exp));
        // Groups: each local day (by Intl, uncached) holds exactly its rows, in sorted order; days ascending.
        const byDay = new Map<string | null, string[]>();
        const dayKey = (v: string): string => {
          const k = `${timeZone} ${v}`;
          return dayKeys.get(k) ?? (dayKeys.set(k, localDateKey(v, timeZone)).get(k) as string);
        };
        for (const c of exp) {
          const v = c.fields.NextContact;
          const key = typeof v === "string" ? dayKey(v) : null;
          byDay.set(key, [...(byDay.get(key) ?? []), c.id]);
        }
        const expKeys: (string | null)[] = [...byDay.keys()].filter((k) => k !== null).sort();
        if (byDay.has(null)) expKeys.push(null);
        expect(res.groups?.map((g) => g.key)).toEqual(expKeys);
        for (const g of res.groups ?? []) expect(ids(g.rows)).toEqual(byDay.get(g.key));
      }
    }
  });

  it("groups by choice and yes/no with the same ids as the reference, rows in sorted order", () => {
    const engine = createContactQueryEngine();
    for (const groupBy of [{ field: "CustomerTier" }, { field: "NeedsRecontact" }]) {
      const query: ContactQuery = { locale: "zh-CN", timeZone: "Asia/Shanghai", groupBy, sort: { column: { field: "LastContacted" } } };
      const res = engine.query(contacts, DEFAULT_SCHEMA, query);
      const exp = refSort(contacts, query);
      expect(ids(res.rows)).toEqual(ids(exp));
      for (const g of res.groups ?? []) {
        const want = exp.filter((c) => {
          const v = c.fields[groupBy.field];
          return g.key === null ? v === null || v === undefined || v === "" : String(v) === g.key;
        });
        expect(ids(g.rows)).toEqual(ids(want));
      }
    }
  });

  it("keeps the order right through a series of edits (names changed, emptied, many new names), like a fresh engine", () => {
    const engine = createContactQueryEngine();
    const r = rng(11);
    let current = contacts;
    const queries: ContactQuery[] = [
      { locale: "zh-CN", timeZone: "Asia/Shanghai" },
      { locale: "zh-CN", timeZone: "Asia/Shanghai", sort: { column: { field: "CustomerTier" } }, groupBy: { field: "NextContact" } },
      { locale: "zh-CN", timeZone: "Asia/Shanghai", sort: { column: { field: "NextContact" }, direction: "desc" }, filters: [{ column: { field: "CustomerTier" }, op: "notEmpty" }] },
    ];
    const edits: ((cs: Contact[]) => void)[] = [
      (cs) => (cs[3] = { ...(cs[3] as Contact), displayName: "阿" }),
      (cs) => (cs[0] = { ...(cs[0] as Contact), displayName: "" }),
      (cs) => (cs[cs.length - 1] = { ...(cs[cs.length - 1] as Contact), displayName: "Zed" }),
      (cs) => {
        for (let i = 0; i < 20; i++) cs[Math.floor(r() * cs.length)] = { ...(cs[i] as Contact), id: `x${i}`, displayName: pickName(r) };
      },
      // Over 256 new names at once: the rank table is rebuilt and every rank moves.
      (cs) => {
        for (let i = 0; i < 400; i++) cs[i] = { ...(cs[i] as Contact), displayName: `新客户${i}` };
      },
      (cs) => (cs[7] = { ...(cs[7] as Contact), fields: { ...(cs[7] as Contact).fields, CustomerTier: "key" } }),
    ];
    for (const edit of edits) {
      const next = current.slice();
      edit(next);
      current = next;
      for (const query of queries) {
        const got = engine.query(current, DEFAULT_SCHEMA, query);
        const fresh = createContactQueryEngine().query(current, DEFAULT_SCHEMA, query);
        expect(ids(got.rows)).toEqual(ids(fresh.rows));
        expect(got.groups?.map((g) => [g.key, ids(g.rows)])).toEqual(fresh.groups?.map((g) => [g.key, ids(g.rows)]));
        expect(ids(got.rows)).toEqual(ids(refSort(got.rows.length === current.length ? current : got.rows.slice().sort((a, b) => current.indexOf(a) - current.indexOf(b)), query)));
      }
    }
  });
});

function pickName(r: () => number): string {
  return `客户${Math.floor(r() * 50)}`;
}
