/**
 * Group, filter, sort and search contacts — the contacts view's engine (design.md §2 "Contacts view").
 *
 * Performance (bench/README.md: 50,000 contacts in < 25 ms median): Intl.Collator.compare costs ~0.2 µs and a
 * sort makes ~800k comparisons, so strings are never compared during a query. Instead an engine keeps a
 * rank table (string → number in collation order) that survives between queries and grows incrementally,
 * a per-contact search text cache (WeakMap, so an edited contact — a new object — is re-indexed alone),
 * and the rows are sorted once with numeric keys and then split into groups in that order.
 */
import { createLocalDayFn, dayKeyToNumber, formatDayKey, isDayKey, localDayNumber, dayNumberToKey } from "./dates";
import { QueryError } from "./errors";
import { isEmptyValue } from "./fieldValues";
import type { PinyinMatcher, PreparedNames } from "./pinyinSearch";
import { getField } from "./schema";
import type { Contact, FieldKind, FieldSchema, FieldValue, Locale } from "./types";

export type BuiltinColumn = "displayName" | "givenName" | "surname" | "companyName" | "jobTitle" | "email" | "categories";
export type ColumnRef = { field: string } | { builtin: BuiltinColumn };

export type Condition =
  | { column: ColumnRef; op: "eq" | "ne"; value: FieldValue }
  | { column: ColumnRef; op: "contains"; value: string }
  | { column: ColumnRef; op: "isEmpty" | "notEmpty" }
  /** Dates compare by local calendar day in the query's time zone; value "YYYY-MM-DD" or an ISO instant. */
  | { column: ColumnRef; op: "before" | "after" | "onOrBefore" | "onOrAfter"; value: string }
  | { column: ColumnRef; op: "gt" | "lt" | "ge" | "le"; value: number }
  | { column: ColumnRef; op: "hasKeyword"; value: string };

export type ConditionOp = Condition["op"];

export interface SortSpec {
  column: ColumnRef;
  direction?: "asc" | "desc";
}

export interface ContactQuery {
  groupBy?: ColumnRef;
  sort?: SortSpec;
  /** All must hold (AND). */
  filters?: Condition[];
  search?: string;
  /**
   * Also match search terms as pinyin of the Chinese names (display name, company, surname + given name):
   * "liuyang", "liu", "ly" find 刘洋 (src/domain/pinyinSearch.ts). Without it, search is plain text only.
   */
  pinyin?: PinyinMatcher;
  locale: Locale;
  /** IANA zone for date grouping and day comparisons. Default "UTC". */
  timeZone?: string;
}

export interface ContactGroup {
  /** Stable key: choice value, "true"/"false", "YYYY-MM-DD", folded text; null = the "(none)" group. */
  key: string | null;
  label: string;
  count: number;
  rows: Contact[];
}

export interface QueryResult {
  /** Filtered and sorted, each contact once. */
  rows: Contact[];
  total: number;
  /** null when not grouped. A contact with several keywords is in several groups. */
  groups: ContactGroup[] | null;
}

export const NONE_GROUP_LABEL: Record<Locale, string> = { "zh-CN": "(无)", "en-US": "(none)" };
const YES_NO_LABEL: Record<Locale, [string, string]> = { "zh-CN": ["是", "否"], "en-US": ["Yes", "No"] };

/**
 * One collation for both UI languages: the customers are mostly Chinese, and CLDR's pinyin collation
 * orders Latin names alphabetically too, so an en-US user's list reads the same as a zh-CN colleague's.
 */
export const NAME_COLLATION_LOCALE = "zh-CN-u-co-pinyin";

const RANK_STEP = 1024;
/** Row positions are packed into the low 17 bits of a sort key (see sortRows). */
const POSITION_SPACE = 2 ** 17;

/**
 * Turns a key column (NaN = empty) into non-negative integers in the same order, empties last, `desc`
 * reversing the non-empty ones, small enough to pack with a 17-bit position into one float64. Integer
 * keys with a modest spread are used as they are; others (dates in ms, fractional numbers) are replaced by
 * the rank among their distinct values — real columns have far fewer distinct values than rows.
 */
function packable(keys: Float64Array, desc: boolean): { ranks: Float64Array; max: number } {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < keys.length; i++) {
    const v = keys[i] as number;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && !Number.isInteger(v)) integral = false;
  }
  const out = new Float64Array(keys.length);
  if (min === Infinity) return { ranks: out, max: 0 };
  let lookup: ((v: number) => number) | undefined;
  let top = max - min;
  if (!integral || top >= 2 ** 35) {
    // Distinct values by a native sort (NaN sorts last), then a binary search per row — no boxed Map keys.
    const sorted = keys.slice().sort();
    let m = 0;
    for (let i = 0; i < sorted.length; i++) {
      const v = sorted[i] as number;
      if (Number.isNaN(v)) break;
      if (m === 0 || v !== sorted[m - 1]) sorted[m++] = v;
    }
    lookup = (v) => {
      let lo = 0;
      let hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    top = m - 1;
  }
  for (let i = 0; i < keys.length; i++) {
    const v = keys[i] as number;
    if (Number.isNaN(v)) out[i] = top + 1;
    else {
      const r = lookup ? lookup(v) : v - min;
      out[i] = desc ? top - r : r;
    }
  }
  return { ranks: out, max: top + 1 };
}

/** Beyond this many new strings in one query, re-sorting everything is cheaper than inserting one by one. */
const REBUILD_THRESHOLD = 256;

/** Strings → numbers in collation order, maintained incrementally. */
export class RankTable {
  private sorted: string[] = [];
  private ranks = new Map<string, number>();
  /** Bumped whenever existing ranks change (a rebuild); inserts keep existing ranks. */
  version = 0;
  constructor(private readonly collator: Intl.Collator) {}

  get size(): number {
    return this.sorted.length;
  }

  rank(s: string): number | undefined {
    return this.ranks.get(s);
  }

  ensure(strings: Iterable<string>): void {
    const missing: string[] = [];
    for (const s of strings) if (!this.ranks.has(s)) missing.push(s);
    if (missing.length === 0) return;
    const unique = [...new Set(missing)];
    if (unique.length > REBUILD_THRESHOLD || this.sorted.length === 0) {
      this.rebuild([...this.sorted, ...unique]);
      return;
    }
    for (const s of unique) {
      if (!this.insert(s)) {
        this.rebuild([...this.sorted, ...unique.filter((u) => !this.ranks.has(u))]);
        return;
      }
    }
  }

  private insert(s: string): boolean {
    const cmp = this.collator.compare;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(this.sorted[mid] as string, s) < 0) lo = mid + 1;
      else hi = mid;
    }
    const next = this.sorted[lo];
    const prev = this.sorted[lo - 1];
    let r: number;
    if (next !== undefined && cmp(next, s) === 0) r = this.ranks.get(next) as number;
    else {
      const a = prev === undefined ? (this.ranks.get(this.sorted[0] as string) as number) - RANK_STEP : (this.ranks.get(prev) as number);
      const b = next === undefined ? (this.ranks.get(this.sorted[this.sorted.length - 1] as string) as number) + RANK_STEP : (this.ranks.get(next) as number);
      r = Math.floor((a + b) / 2);
      if (!(r > a && r < b)) return false;
    }
    this.sorted.splice(lo, 0, s);
    this.ranks.set(s, r);
    return true;
  }

  private rebuild(all: string[]): void {
    const cmp = this.collator.compare;
    all.sort(cmp);
    this.sorted = all;
    this.ranks = new Map();
    this.version++;
    let r = 0;
    for (let i = 0; i < all.length; i++) {
      const s = all[i] as string;
      if (i > 0 && cmp(all[i - 1] as string, s) !== 0) r += RANK_STEP;
      this.ranks.set(s, r);
    }
  }
}

const FOLD_CACHE_LIMIT = 200_000;
/** A Han character: only names with one can be found by pinyin. */
const HAN = /\p{Script=Han}/u;

export interface ContactQueryEngine {
  query(contacts: readonly Contact[], schema: FieldSchema, q: ContactQuery): QueryResult;
  /** Case/width-insensitive form used for search and text equality (NFKC + lower case), memoized. */
  fold(s: string): string;
  collator: Intl.Collator;
}

interface ColumnInfo {
  kind: FieldKind;
  get: (c: Contact) => FieldValue | undefined;
  field?: ReturnType<typeof getField>;
}

function resolveColumn(schema: FieldSchema, col: ColumnRef): ColumnInfo {
  if ("field" in col) {
    const field = getField(schema, col.field);
    if (!field) throw new QueryError("unknownField", { field: col.field });
    const name = field.propertyName;
    return { kind: field.kind, field, get: (c) => c.fields[name] };
  }
  switch (col.builtin) {
    case "email":
      return { kind: "text", get: (c) => c.emailAddresses[0]?.address ?? null };
    case "categories":
      return { kind: "keywords", get: (c) => c.categories };
    case "displayName":
    case "givenName":
    case "surname":
    case "companyName":
    case "jobTitle": {
      const k = col.builtin;
      return { kind: "text", get: (c) => c[k] ?? null };
    }
    default:
      throw new QueryError("unknownField", { field: String((col as { builtin: unknown }).builtin) });
  }
}

export function createContactQueryEngine(collationLocale: string = NAME_COLLATION_LOCALE): ContactQueryEngine {
  const collator = new Intl.Collator(collationLocale, { numeric: true });
  const ranks = new RankTable(collator);
  let foldCache = new Map<string, string>();
  /**
   * Per contact: its search text, and its names prepared for pinyin by the matcher last used — one entry, so a
   * search looks a contact up once (a WeakMap look-up per contact is a good part of a 50,000-contact search).
   */
  interface SearchEntry {
    /** The contact it is for (so that an entry found by position is checked against the contact there). */
    contact: Contact;
    schema: FieldSchema;
    text: string;
    matcher: PinyinMatcher | undefined;
    names: PreparedNames | undefined;
  }
  const searchCache = new WeakMap<Contact, SearchEntry>();
  let msCache = new Map<string, number>();
  const msOf = (iso: string): number => {
    let ms = msCache.get(iso);
    if (ms === undefined) {
      ms = Date.parse(iso);
      if (msCache.size >= FOLD_CACHE_LIMIT) msCache = new Map();
      msCache.set(iso, ms);
    }
    return ms;
  };

  const fold = (s: string): string => {
    let f = foldCache.get(s);
    if (f === undefined) {
      f = s.normalize("NFKC").toLowerCase();
      if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache = new Map();
      foldCache.set(s, f);
    }
    return f;
  };

  function searchEntry(c: Contact, schema: FieldSchema): SearchEntry {
    const hit = searchCache.get(c);
    if (hit && hit.schema === schema) return hit;
    const parts: string[] = [c.displayName, c.givenName ?? "", c.surname ?? "", c.companyName ?? "", c.jobTitle ?? "", c.businessAddress ?? ""];
    for (const e of c.emailAddresses) parts.push(e.address, e.name ?? "");
    parts.push(...c.categories);
    for (const f of schema.fields) {
      const v = c.fields[f.propertyName];
      if (v === null || v === undefined) continue;
      if (f.kind === "text" && typeof v === "string") parts.push(v);
      else if (f.kind === "keywords" && Array.isArray(v)) parts.push(...v);
      else if (f.kind === "choice" && typeof v === "string") {
        const opt = f.choices?.find((o) => o.value === v);
        if (opt) parts.push(opt.label["zh-CN"], opt.label["en-US"]);
        else parts.push(v);
      }
    }
    // U+0001 separates parts so a search term never matches across two fields.
    const text = parts.filter((p) => p !== "").join("\u0001").normalize("NFKC").toLowerCase();
    // Another schema changes the text, not the names: the prepared names stay.
    if (hit) {
      hit.schema = schema;
      hit.text = text;
      return hit;
    }
    const entry: SearchEntry = { contact: c, schema, text, matcher: undefined, names: undefined };
    searchCache.set(c, entry);
    return entry;
  }

  /**
   * The search entries of a contacts array by position, memoized by the array's identity (as its name ranks are:
   * the view re-queries the same array at every keystroke of a search): an index instead of a WeakMap look-up per
   * contact. A new array (an edit) fills its own from the per-contact cache as it is searched; an entry is used
   * only for the contact it was made for, so an array changed in place is answered right too.
   */
  const arraySearchEntries = new WeakMap<readonly Contact[], (SearchEntry | undefined)[]>();
  function searchEntriesFor(contacts: readonly Contact[]): (SearchEntry | undefined)[] {
    let entries = arraySearchEntries.get(contacts);
    if (!entries) arraySearchEntries.set(contacts, (entries = new Array<SearchEntry | undefined>(contacts.length)));
    return entries;
  }

  /** The parts of a contact that pinyin search looks at — its names with a Chinese character — prepared once per matcher. */
  // (The matcher's module is only imported as a type here: it travels in the pane's lazy pinyin chunk.)
  function pinyinNames(c: Contact, entry: SearchEntry, matcher: PinyinMatcher): PreparedNames {
    if (entry.matcher === matcher) return entry.names as PreparedNames;
    const candidates = [c.displayName, c.companyName ?? "", `${c.surname ?? ""}${c.givenName ?? ""}`];
    const names = matcher.prepare(candidates.filter((p, i) => p !== "" && candidates.indexOf(p) === i && HAN.test(p)));
    entry.matcher = matcher;
    entry.names = names;
    return names;
  }

  function compileCondition(cond: Condition, schema: FieldSchema, dayOf: (iso: string) => number, timeZone: string, locale: Locale): (c: Contact) => boolean {
    const col = resolveColumn(schema, cond.column);
    const { get, kind } = col;
    const unsupported = (): never => {
      throw new QueryError("operatorNotSupported", { op: cond.op, kind });
    };
    const invalid = (): never => {
      throw new QueryError("invalidOperand", { op: cond.op });
    };
    const dayOfValue = (v: FieldValue | undefined): number | undefined => {
      if (typeof v !== "string") return undefined;
      const d = dayOf(v);
      return Number.isNaN(d) ? undefined : d;
    };
    const operandDay = (v: unknown): number => {
      if (typeof v !== "string") return invalid();
      try {
        return isDayKey(v) ? dayKeyToNumber(v) : localDayNumber(v, timeZone);
      } catch {
        return invalid();
      }
    };
    switch (cond.op) {
      case "isEmpty":
        return (c) => isEmptyValue(get(c));
      case "notEmpty":
        return (c) => !isEmptyValue(get(c));
      case "eq":
      case "ne": {
        let eq: (c: Contact) => boolean;
        const v = cond.value;
        if (v === null) eq = (c) => isEmptyValue(get(c));
        else if (kind === "text") {
          if (typeof v !== "string") return invalid();
          const fv = fold(v);
          eq = (c) => {
            const x = get(c);
            return typeof x === "string" && fold(x) === fv;
          };
        } else if (kind === "keywords") {
          if (typeof v !== "string") return invalid();
          const fv = fold(v);
          eq = (c) => {
            const x = get(c);
            return Array.isArray(x) && x.some((k) => fold(k) === fv);
          };
        } else if (kind === "date") {
          const d = operandDay(v);
          eq = (c) => dayOfValue(get(c)) === d;
        } else {
          if (kind === "yesno" && typeof v !== "boolean") return invalid();
          if (kind === "number" && typeof v !== "number") return invalid();
          if (kind === "choice" && typeof v !== "string") return invalid();
          eq = (c) => get(c) === v;
        }
        return cond.op === "eq" ? eq : (c) => !eq(c);
      }
      case "contains": {
        if (typeof cond.value !== "string") return invalid();
        const fv = fold(cond.value);
        if (kind === "text") return (c) => {
          const x = get(c);
          return typeof x === "string" && fold(x).includes(fv);
        };
        if (kind === "keywords") return (c) => {
          const x = get(c);
          return Array.isArray(x) && x.some((k) => fold(k).includes(fv));
        };
        if (kind === "choice") {
          const matching = new Set((col.field?.choices ?? []).filter((o) => fold(o.label[locale]).includes(fv) || fold(o.value).includes(fv)).map((o) => o.value));
          return (c) => {
            const x = get(c);
            return typeof x === "string" && (matching.has(x) || fold(x).includes(fv));
          };
        }
        return unsupported();
      }
      case "hasKeyword": {
        if (kind !== "keywords") return unsupported();
        if (typeof cond.value !== "string") return invalid();
        const fv = fold(cond.value.trim());
        return (c) => {
          const x = get(c);
          return Array.isArray(x) && x.some((k) => fold(k) === fv);
        };
      }
      case "before":
      case "after":
      case "onOrBefore":
      case "onOrAfter": {
        if (kind !== "date") return unsupported();
        const d = operandDay(cond.value);
        const op = cond.op;
        return (c) => {
          const x = dayOfValue(get(c));
          if (x === undefined) return false;
          return op === "before" ? x < d : op === "after" ? x > d : op === "onOrBefore" ? x <= d : x >= d;
        };
      }
      case "gt":
      case "lt":
      case "ge":
      case "le": {
        if (kind !== "number") return unsupported();
        const n = cond.value;
        if (typeof n !== "number" || !Number.isFinite(n)) return invalid();
        const op = cond.op;
        return (c) => {
          const x = get(c);
          if (typeof x !== "number") return false;
          return op === "gt" ? x > n : op === "lt" ? x < n : op === "ge" ? x >= n : x <= n;
        };
      }
      default:
        throw new QueryError("operatorNotSupported", { op: String((cond as { op: unknown }).op) });
    }
  }

  /** A sortable string for text-like values (keywords: the first one, as Outlook sorts multi-value cells). */
  function textOf(kind: FieldKind, v: FieldValue | undefined): string | undefined {
    if (v === null || v === undefined) return undefined;
    if (kind === "keywords") return Array.isArray(v) && v.length > 0 ? (v[0] as string) : undefined;
    return typeof v === "string" && v !== "" ? v : undefined;
  }

  /** Ranks for every string, adding the missing ones to the table in one go. */
  function rankAll(strings: (string | undefined)[]): Float64Array {
    const out = new Float64Array(strings.length);
    let missing: string[] | undefined;
    for (let i = 0; i < strings.length; i++) {
      const s = strings[i];
      if (s === undefined) {
        out[i] = NaN;
        continue;
      }
      const r = ranks.rank(s);
      if (r === undefined) (missing ??= []).push(s);
      else out[i] = r;
    }
    if (missing) {
      ranks.ensure(missing);
      for (let i = 0; i < strings.length; i++) {
        const s = strings[i];
        if (s !== undefined) out[i] = ranks.rank(s) as number;
      }
    }
    return out;
  }

  /**
   * Name ranks per contact object, valid while the rank table keeps its ranks. Contacts are treated as
   * immutable values: an edit produces a new object (as the store does), so a cached rank never goes stale.
   */
  let nameRankCache = new WeakMap<Contact, number>();
  let nameRankVersion = -1;
  function nameRanks(rows: Contact[]): Float64Array {
    if (nameRankVersion !== ranks.version) {
      nameRankCache = new WeakMap();
      nameRankVersion = ranks.version;
    }
    const out = new Float64Array(rows.length);
    let missing: number[] | undefined;
    for (let i = 0; i < rows.length; i++) {
      const r = nameRankCache.get(rows[i] as Contact);
      if (r === undefined) (missing ??= []).push(i);
      else out[i] = r;
    }
    if (missing) {
      const got = rankAll(missing.map((i) => (rows[i] as Contact).displayName));
      if (nameRankVersion !== ranks.version) return nameRanks(rows); // the table was rebuilt: start over
      missing.forEach((i, j) => {
        out[i] = got[j] as number;
        nameRankCache.set(rows[i] as Contact, got[j] as number);
      });
    }
    return out;
  }

  /**
   * Sorts by (primary, name, original position) — stable, empties last in both directions. Keys are packed
   * into one float64 per row (dense rank × 2^17 + position) and sorted natively, ~3× faster than a
   * comparator; past 2^17 rows it falls back to a comparator sort.
   */
  /**
   * Name ranks for a whole contacts array, memoized by the array's identity (the view re-queries the same
   * array on every filter or sort change; an edit produces a new array and costs one pass of per-contact
   * look-ups).
   */
  interface NameEntry {
    version: number;
    ranks: Float64Array;
    order?: Uint32Array;
    /** The previous array's entry (with its order) when this array was derived from it; dropped once used. */
    base?: NameEntry;
  }
  const arrayNameRanks = new WeakMap<readonly Contact[], NameEntry>();
  /**
   * The last contacts array queried: an edit replaces a contact in a new array of the same length, so the
   * new array's name ranks and name order are derived from this one in linear time (identity compares).
   */
  let lastNames: { contacts: readonly Contact[]; entry: NameEntry } | undefined;
  /** Beyond this many changed names, sorting afresh is about as cheap as merging. */
  const MERGE_LIMIT = 256;

  /** `base.order` with the rows at `changed` (whose ranks may differ) taken out and merged back in. */
  function mergeOrder(base: Uint32Array, ranksNow: Float64Array, changed: number[]): Uint32Array {
    const n = base.length;
    const key = (i: number): number => {
      const r = ranksNow[i] as number;
      return Number.isNaN(r) ? Infinity : r;
    };
    const before = (a: number, b: number): boolean => key(a) < key(b) || (key(a) === key(b) && a < b);
    const mark = new Uint8Array(n);
    for (const i of changed) mark[i] = 1;
    const ins = changed.slice().sort((a, b) => (before(a, b) ? -1 : 1));
    const out = new Uint32Array(n);
    let w = 0;
    let k = 0;
    for (let p = 0; p < n; p++) {
      const i = base[p] as number;
      if (mark[i]) continue;
      while (k < ins.length && before(ins[k] as number, i)) out[w++] = ins[k++] as number;
      out[w++] = i;
    }
    while (k < ins.length) out[w++] = ins[k++] as number;
    return out;
  }

  /**
   * The array's indices in (name, index) order, empties last — one native sort per contacts array and rank
   * table version, memoized with its name ranks (namesFor must have run for this array). A query then sorts
   * in linear time: its rows in name order are this order minus the filtered-out ones, and a stable counting
   * sort by a primary column with few distinct values keeps name order within each value.
   */
  function nameOrderFor(contacts: readonly Contact[]): Uint32Array | undefined {
    const hit = arrayNameRanks.get(contacts);
    const n = contacts.length;
    if (!hit || hit.version !== ranks.version || n >= POSITION_SPACE) return undefined;
    const base = hit.base;
    hit.base = undefined;
    if (!hit.order && base?.order && base.version === hit.version && base.ranks.length === n) {
      const changed: number[] = [];
      for (let i = 0; i < n && changed.length <= MERGE_LIMIT; i++) {
        const a = hit.ranks[i] as number;
        const b = base.ranks[i] as number;
        if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) changed.push(i);
      }
      if (changed.length <= MERGE_LIMIT) hit.order = changed.length === 0 ? base.order : mergeOrder(base.order, hit.ranks, changed);
    }
    if (!hit.order) {
      const dense = packable(hit.ranks, false);
      const k = new Float64Array(n);
      for (let i = 0; i < n; i++) k[i] = (dense.ranks[i] as number) * POSITION_SPACE + i;
      k.sort();
      const order = new Uint32Array(n);
      for (let p = 0; p < n; p++) order[p] = (k[p] as number) % POSITION_SPACE;
      hit.order = order;
    }
    return hit.order;
  }

  /** Positions in `filteredIdx` (ascending indices into an array of `total` contacts) in name order. */
  function filteredNameOrder(order: Uint32Array, filteredIdx: Uint32Array, m: number): Uint32Array {
    const total = order.length;
    if (m === total) return order;
    const posOf = new Int32Array(total).fill(-1);
    for (let j = 0; j < m; j++) posOf[filteredIdx[j] as number] = j;
    const out = new Uint32Array(m);
    let w = 0;
    for (let p = 0; p < total; p++) {
      const j = posOf[order[p] as number] as number;
      if (j >= 0) out[w++] = j;
    }
    return out;
  }
  function namesFor(contacts: readonly Contact[], filtered: Contact[], filteredIdx: Uint32Array): Float64Array {
    let hit = arrayNameRanks.get(contacts);
    if (!hit || hit.version !== ranks.version) {
      const n = contacts.length;
      const prev = lastNames && lastNames.entry.version === ranks.version && lastNames.contacts.length === n ? lastNames : undefined;
      let all: Float64Array | undefined;
      if (prev) {
        all = new Float64Array(n);
        const changed: number[] = [];
        for (let i = 0; i < n; i++) {
          const c = contacts[i] as Contact;
          if (c === prev.contacts[i]) all[i] = prev.entry.ranks[i] as number;
          else changed.push(i);
        }
        if (changed.length > MERGE_LIMIT) all = undefined;
        else if (changed.length > 0) {
          const got = nameRanks(changed.map((i) => contacts[i] as Contact));
          if (ranks.version !== prev.entry.version) all = undefined; // the table was rebuilt: ranks moved
          else changed.forEach((i, j) => ((all as Float64Array)[i] = got[j] as number));
        }
      }
      hit = { version: ranks.version, ranks: all ?? nameRanks(contacts as Contact[]) };
      if (all && prev?.entry.order) hit.base = prev.entry;
      arrayNameRanks.set(contacts, hit);
    }
    lastNames = { contacts, entry: hit };
    if (filtered.length === contacts.length) return hit.ranks;
    const out = new Float64Array(filtered.length);
    for (let i = 0; i < filtered.length; i++) out[i] = hit.ranks[filteredIdx[i] as number] as number;
    return out;
  }

  /**
   * The numeric sort key of one contact for non-text columns (NaN = empty), or undefined for text-like
   * columns, which sort by collation rank. query() calls it in its filter pass, while the contact is in cache.
   */
  function sortKeyFn(schema: FieldSchema, sort: SortSpec | undefined): { keyOf: (c: Contact) => number; finish?: (keys: Float64Array) => void } | undefined {
    const col = resolveColumn(schema, sort?.column ?? { builtin: "displayName" });
    const get = col.get;
    switch (col.kind) {
      case "number":
        return {
          keyOf: (c) => {
            const v = get(c);
            return typeof v === "number" ? v : NaN;
          },
        };
      // Yes before No, as in the handbook's "needs re-contact: yes" group at the top.
      case "yesno":
        return {
          keyOf: (c) => {
            const v = get(c);
            return v === true ? 0 : v === false ? 1 : NaN;
          },
        };
      case "date": {
        // Dates repeat a lot: the key is first the index of the distinct text, then (finish) the rank of its
        // instant among the distinct instants — small integers, which sort in linear time.
        const slots = new Map<string, number>();
        const instants: number[] = [];
        return {
          keyOf: (c) => {
            const v = get(c);
            if (typeof v !== "string") return NaN;
            let slot = slots.get(v);
            if (slot === undefined) {
              const ms = msOf(v);
              slot = Number.isNaN(ms) ? -1 : instants.push(ms) - 1;
              slots.set(v, slot);
            }
            return slot < 0 ? NaN : slot;
          },
          finish: (keys) => {
            const sorted = instants.map((ms, slot) => ({ ms, slot })).sort((a, b) => a.ms - b.ms);
            const rankOf = new Float64Array(instants.length);
            let r = -1;
            for (let i = 0; i < sorted.length; i++) {
              const x = sorted[i] as { ms: number; slot: number };
              if (i === 0 || x.ms !== (sorted[i - 1] as { ms: number }).ms) r++;
              rankOf[x.slot] = r;
            }
            for (let i = 0; i < keys.length; i++) {
              const k = keys[i] as number;
              if (!Number.isNaN(k)) keys[i] = rankOf[k] as number;
            }
          },
        };
      }
      case "choice": {
        // Known options in their defined order, then values no longer in the list.
        const choiceIndex = new Map<string, number>((col.field?.choices ?? []).map((o, i) => [o.value, i]));
        return {
          keyOf: (c) => {
            const v = get(c);
            return typeof v === "string" && v !== "" ? (choiceIndex.get(v) ?? choiceIndex.size) : NaN;
          },
        };
      }
      default:
        return undefined;
    }
  }

  /**
   * `keys`: the primary keys from sortKeyFn per row (non-text columns; query() computes them); `byNameOrder`:
   * the rows' positions in (name, position) order, when known (then most sorts take linear time).
   */
  function sortRows(
    rows: Contact[],
    names: Float64Array,
    schema: FieldSchema,
    sort: SortSpec | undefined,
    keys?: Float64Array,
    byNameOrder?: () => Uint32Array | undefined,
  ): Uint32Array {
    const n = rows.length;
    const byName = sort === undefined || ("builtin" in sort.column && sort.column.builtin === "displayName");
    const col = resolveColumn(schema, sort?.column ?? { builtin: "displayName" });
    const desc = sort?.direction === "desc";
    let primary: Float64Array;
    if (col.kind === "text" || col.kind === "keywords") {
      primary = byName ? names.slice() : rankAll(rows.map((c) => textOf(col.kind, col.get(c))));
    } else {
      if (!keys) throw new Error("sortRows: query() computes the keys of a non-text column in its filter pass");
      primary = keys;
    }
    if (byName && !desc) {
      const ordered = byNameOrder?.();
      if (ordered) return ordered.slice();
    }
    const dense = packable(primary, desc);
    if (!byName && dense.max <= 2 * n + 1024) {
      const ordered = byNameOrder?.();
      if (ordered) {
        // Stable counting sort by the primary rank over the rows in name order.
        const start = new Uint32Array(dense.max + 2);
        for (let i = 0; i < n; i++) (start[(dense.ranks[i] as number) + 1] as number)++;
        for (let r = 1; r < start.length; r++) start[r] = (start[r] as number) + (start[r - 1] as number);
        const out = new Uint32Array(n);
        for (let p = 0; p < n; p++) {
          const i = ordered[p] as number;
          const r = dense.ranks[i] as number;
          out[(start[r] as number)++] = i;
        }
        return out;
      }
    }
    const nameDense = byName ? undefined : packable(names, false);
    const perm = new Uint32Array(n);
    if (n < POSITION_SPACE && nameDense && (dense.max + 1) * (nameDense.max + 1) * POSITION_SPACE < 2 ** 53) {
      // One native sort on (primary, name, position) packed into a float64.
      const span = nameDense.max + 1;
      const k = new Float64Array(n);
      for (let i = 0; i < n; i++) k[i] = ((dense.ranks[i] as number) * span + (nameDense.ranks[i] as number)) * POSITION_SPACE + i;
      k.sort();
      for (let p = 0; p < n; p++) perm[p] = (k[p] as number) % POSITION_SPACE;
      return perm;
    }
    if (n < POSITION_SPACE && dense.max < 2 ** 35 && (!nameDense || nameDense.max < 2 ** 35)) {
      // Two stable passes: name order first, then primary with ties kept in name order.
      let order: Uint32Array | undefined;
      if (nameDense) {
        const k1 = new Float64Array(n);
        for (let i = 0; i < n; i++) k1[i] = (nameDense.ranks[i] as number) * POSITION_SPACE + i;
        k1.sort();
        order = new Uint32Array(n);
        for (let i = 0; i < n; i++) order[i] = (k1[i] as number) % POSITION_SPACE;
      }
      const k2 = new Float64Array(n);
      for (let p = 0; p < n; p++) {
        const i = order ? (order[p] as number) : p;
        k2[p] = (dense.ranks[i] as number) * POSITION_SPACE + p;
      }
      k2.sort();
      for (let p = 0; p < n; p++) {
        const q = (k2[p] as number) % POSITION_SPACE;
        perm[p] = order ? (order[q] as number) : q;
      }
      return perm;
    }
    // Fallback when keys do not pack (over 2^17 rows or huge rank spreads).
    const idx: number[] = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => (dense.ranks[a] as number) - (dense.ranks[b] as number) || (names[a] as number) - (names[b] as number) || a - b);
    return Uint32Array.from(idx);
  }

  /**
   * Group keys are computed in input order (sequential memory access; in sorted order every row would be a
   * cache miss), then rows are dealt into their groups in sorted order, so each group is already sorted.
   * Grouping in two steps, so query() can compute each contact's group id in its filter pass (one walk over
   * the contacts instead of three): keyOf (absent for keywords, which may put a contact in several groups)
   * gives a group id (-1 = none) in input order; finish deals the sorted rows into the groups.
   */
  function createGrouper(
    schema: FieldSchema,
    by: ColumnRef,
    locale: Locale,
    dayOf: (iso: string) => number,
  ): { keyOf?: (c: Contact) => number; finish: (rows: Contact[], perm: Uint32Array, ids?: Int32Array) => ContactGroup[] } {
    const col = resolveColumn(schema, by);
    const none = NONE_GROUP_LABEL[locale];
    const noneGroup: ContactGroup = { key: null, label: none, count: 0, rows: [] };
    const list: ContactGroup[] = [];
    const ids = new Map<string, number>();
    const idOf = (key: string, label: string): number => {
      let id = ids.get(key);
      if (id === undefined) {
        id = list.length;
        ids.set(key, id);
        list.push({ key, label, count: 0, rows: [] });
      }
      return id;
    };
    const get = col.get;
    let keyOf: ((c: Contact) => number) | undefined;
    switch (col.kind) {
      case "yesno": {
        const [yes, no] = YES_NO_LABEL[locale];
        keyOf = (c) => {
          const v = get(c);
          return v === true ? idOf("true", yes) : v === false ? idOf("false", no) : -1;
        };
        break;
      }
      case "date": {
        // ISO text → group id for this query: one look-up per contact (dates repeat a lot); the engine's
        // per-zone memo (dayOf) is consulted once per distinct text.
        const byIso = new Map<string, number>();
        const dayIds = new Map<number, number>();
        keyOf = (c) => {
          const v = get(c);
          if (typeof v !== "string" || v === "") return -1;
          let id = byIso.get(v);
          if (id === undefined) {
            const day = dayOf(v);
            if (Number.isNaN(day)) id = -1;
            else {
              id = dayIds.get(day);
              if (id === undefined) {
                const k = dayNumberToKey(day);
                // Labelled in the form the date cells show (formatFieldValue → formatDayKey): "Mar 2, 2026" /
                // "2026/03/02", not the key "2026-03-02" (issue 11 item 6).
                dayIds.set(day, (id = idOf(k, formatDayKey(k, locale))));
              }
            }
            byIso.set(v, id);
          }
          return id;
        };
        break;
      }
      case "choice": {
        const choiceLabels = new Map((col.field?.choices ?? []).map((o) => [o.value, o.label[locale]]));
        keyOf = (c) => {
          const v = get(c);
          return typeof v === "string" && v !== "" ? idOf(v, choiceLabels.get(v) ?? v) : -1;
        };
        break;
      }
      case "number":
        keyOf = (c) => {
          const v = get(c);
          return typeof v === "number" ? idOf(String(v), String(v)) : -1;
        };
        break;
      case "text":
        keyOf = (c) => {
          const v = get(c);
          const t = typeof v === "string" ? v.trim() : "";
          return t !== "" ? idOf(fold(t), t) : -1;
        };
        break;
    }
    const finish = (rows: Contact[], perm: Uint32Array, ids?: Int32Array): ContactGroup[] => {
      const n = rows.length;
      if (col.kind === "keywords") {
        // A contact goes into the group of each distinct value (case-insensitively), as Outlook does.
        const start = new Uint32Array(n + 1);
        const flat: number[] = [];
        const rawIds = new Map<string, number>();
        for (let i = 0; i < n; i++) {
          const from = flat.length;
          start[i] = from;
          const v = get(rows[i] as Contact);
          if (!Array.isArray(v)) continue;
          for (const k of v) {
            let id = rawIds.get(k);
            if (id === undefined) {
              const fk = fold(k);
              id = fk.trim() === "" ? -1 : idOf(fk, k);
              rawIds.set(k, id);
            }
            if (id < 0) continue;
            let dup = false;
            for (let j = from; j < flat.length; j++) if (flat[j] === id) dup = true;
            if (!dup) flat.push(id);
          }
        }
        start[n] = flat.length;
        for (let p = 0; p < n; p++) {
          const i = perm[p] as number;
          const c = rows[i] as Contact;
          const from = start[i] as number;
          const to = start[i + 1] as number;
          if (from === to) noneGroup.rows.push(c);
          for (let j = from; j < to; j++) (list[flat[j] as number] as ContactGroup).rows.push(c);
        }
      } else {
        if (!ids) throw new Error("groups: query() computes the group ids in its filter pass");
        const gid = ids;
        for (let p = 0; p < n; p++) {
          const i = perm[p] as number;
          const id = gid[i] as number;
          (id < 0 ? noneGroup : (list[id] as ContactGroup)).rows.push(rows[i] as Contact);
        }
      }
      for (const g of list) g.count = g.rows.length;
      noneGroup.count = noneGroup.rows.length;
      // Label of a text/keyword group: the spelling first met in the sorted view.
      if (col.kind === "keywords" || col.kind === "text") {
        for (const g of list) {
          const first = g.rows[0];
          if (!first) continue;
          const v = get(first);
          const spellings = Array.isArray(v) ? v : typeof v === "string" ? [v.trim()] : [];
          const match = spellings.find((x) => fold(x.trim()) === g.key);
          if (match !== undefined) g.label = match;
        }
      }
      const valued = list;
      const choiceOrder = new Map((col.field?.choices ?? []).map((o, i) => [o.value, i]));
      switch (col.kind) {
        case "yesno":
          valued.sort((a, b) => (a.key === "true" ? 0 : 1) - (b.key === "true" ? 0 : 1));
          break;
        case "date":
          valued.sort((a, b) => ((a.key as string) < (b.key as string) ? -1 : 1));
          break;
        case "number":
          valued.sort((a, b) => Number(a.key) - Number(b.key));
          break;
        case "choice":
          valued.sort((a, b) => {
            const ia = choiceOrder.get(a.key as string) ?? Infinity;
            const ib = choiceOrder.get(b.key as string) ?? Infinity;
            return ia !== ib ? (ia < ib ? -1 : 1) : collator.compare(a.label, b.label);
          });
          break;
        default:
          valued.sort((a, b) => collator.compare(a.label, b.label));
      }
      return noneGroup.count > 0 ? [...valued, noneGroup] : valued;
    };
    return { keyOf, finish };
  }

  /** ISO string → local day number (NaN when not a date), memoized per zone: dates repeat a lot. */
  const dayFns = new Map<string, (iso: string) => number>();
  function createIsoDayFn(timeZone: string): (iso: string) => number {
    const dayOfMs = createLocalDayFn(timeZone);
    let cache = new Map<string, number>();
    return (iso) => {
      let d = cache.get(iso);
      if (d === undefined) {
        const ms = Date.parse(iso);
        d = Number.isFinite(ms) ? dayOfMs(ms) : NaN;
        if (cache.size >= FOLD_CACHE_LIMIT) cache = new Map();
        cache.set(iso, d);
      }
      return d;
    };
  }

  function query(contacts: readonly Contact[], schema: FieldSchema, q: ContactQuery): QueryResult {
    const timeZone = q.timeZone ?? "UTC";
    let dayOf = dayFns.get(timeZone);
    if (!dayOf) dayFns.set(timeZone, (dayOf = createIsoDayFn(timeZone)));
    const preds = (q.filters ?? []).map((f) => compileCondition(f, schema, dayOf, timeZone, q.locale));
    const terms = q.search ? fold(q.search).split(/\s+/).filter((t) => t !== "") : [];
    const pinyinTests = q.pinyin ? terms.map((t) => q.pinyin?.forTerm(t)) : undefined;
    const searchEntries = terms.length > 0 ? searchEntriesFor(contacts) : undefined;
    // One walk over the contacts: filter, and for each row kept, its sort key and group id while the
    // contact is in cache (50,000 contacts do not fit in it; a second walk would miss on every one).
    const grouper = q.groupBy ? createGrouper(schema, q.groupBy, q.locale, dayOf) : undefined;
    const groupOf = grouper?.keyOf;
    const sortKey = sortKeyFn(schema, q.sort);
    const sortKeyOf = sortKey?.keyOf;
    const n = contacts.length;
    const filtered: Contact[] = [];
    const filteredIdx = new Uint32Array(n);
    const sortKeys = sortKeyOf ? new Float64Array(n) : undefined;
    const groupIds = groupOf ? new Int32Array(n) : undefined;
    outer: for (let i = 0; i < n; i++) {
      const c = contacts[i] as Contact;
      for (const p of preds) if (!p(c)) continue outer;
      if (searchEntries) {
        let entry = searchEntries[i];
        if (entry === undefined || entry.contact !== c || entry.schema !== schema) searchEntries[i] = entry = searchEntry(c, schema);
        const text = entry.text;
        for (let k = 0; k < terms.length; k++) {
          if (text.includes(terms[k] as string)) continue;
          const py = pinyinTests?.[k];
          if (py && py(pinyinNames(c, entry, q.pinyin as PinyinMatcher))) continue;
          continue outer;
        }
      }
      const j = filtered.length;
      filteredIdx[j] = i;
      if (sortKeys) sortKeys[j] = (sortKeyOf as (c: Contact) => number)(c);
      if (groupIds) groupIds[j] = (groupOf as (c: Contact) => number)(c);
      filtered.push(c);
    }
    const m = filtered.length;
    const names = namesFor(contacts, filtered, filteredIdx);
    const byNameOrder = (): Uint32Array | undefined => {
      const order = nameOrderFor(contacts);
      return order && filteredNameOrder(order, filteredIdx, m);
    };
    const keys = sortKeys?.subarray(0, m);
    if (keys) sortKey?.finish?.(keys);
    const perm = sortRows(filtered, names, schema, q.sort, keys, byNameOrder);
    const rows: Contact[] = new Array<Contact>(perm.length);
    for (let p = 0; p < perm.length; p++) rows[p] = filtered[perm[p] as number] as Contact;
    const groups = grouper ? grouper.finish(filtered, perm, groupIds?.subarray(0, m)) : null;
    return { rows, total: rows.length, groups };
  }

  return { query, fold, collator };
}

const defaultEngine = createContactQueryEngine();

/**
 * The single entry point the contacts view uses. Uses a shared engine whose caches speed up repeated
 * queries over the same contacts; create your own engine with createContactQueryEngine() to isolate them.
 */
export function queryContacts(contacts: readonly Contact[], schema: FieldSchema, q: ContactQuery): QueryResult {
  return defaultEngine.query(contacts, schema, q);
}

/** Pinyin-order comparison of two names, for callers outside a query (daily plan, reports). */
export function compareNames(a: string, b: string): number {
  return defaultEngine.collator.compare(a, b);
}
