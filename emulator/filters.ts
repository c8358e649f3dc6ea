/**
 * Resource-specific `$filter` compilers: they accept exactly the subset Outlook documents and reject the rest the
 * way Graph does (400 ErrorInvalidUrlQueryFilter "The query filter contains one or more invalid nodes.").
 */
import { GraphError } from "./errors";
import { parsePropId } from "./extprops";
import { CmpOp, Expr, Operand, OrderBy, leadingTerms, parseFilter, termProperty } from "./odata";
import type { Doc } from "./store";

export type PropMap = Map<string, { single: boolean; value: string | string[] }> | undefined;
/** `row.doc` is read only when a term needs the document (rows may parse lazily). */
export interface DocSource { readonly doc: Doc }
export type Pred = (row: DocSource, props: PropMap) => boolean;
export interface Compiled { pred: Pred; pids: string[] }

export const invalidNodes = (): GraphError =>
  // Exchange's answer to a syntactically valid filter it cannot execute (code + message seen across Outlook APIs).
  new GraphError(400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");

function lit(o: Operand): string | number | boolean | null {
  if (o.k !== "lit") throw invalidNodes();
  return o.value;
}
function strLit(o: Operand): string {
  if (o.k !== "lit" || (o.type !== "string")) throw invalidNodes();
  return o.value as string;
}
const isVarPath = (o: Operand, v: string, prop?: string): boolean =>
  o.k === "path" && o.segs[0] === v && (prop === undefined ? o.segs.length === 1 : o.segs.length === 2 && o.segs[1]!.toLowerCase() === prop.toLowerCase());

function cmp(a: string | number, b: string | number, op: CmpOp): boolean {
  let c: number;
  if (typeof a === "number" && typeof b === "number") c = a - b;
  else {
    const x = String(a).toLowerCase(), y = String(b).toLowerCase();
    c = x < y ? -1 : x > y ? 1 : 0;
  }
  // Note: string comparisons in Exchange restrictions are case-insensitive (S6 says so for extended-property values).
  switch (op) {
    case "eq": return c === 0;
    case "ne": return c !== 0;
    case "gt": return c > 0;
    case "ge": return c >= 0;
    case "lt": return c < 0;
    case "le": return c <= 0;
  }
}

function flip(op: CmpOp): CmpOp {
  return ({ eq: "eq", ne: "ne", gt: "lt", ge: "le", lt: "gt", le: "ge" } as const)[op];
}

function bool(e: Expr, leaf: (e: Expr) => Pred): Pred {
  if (e.k === "and") { const l = bool(e.l, leaf), r = bool(e.r, leaf); return (d, p) => l(d, p) && r(d, p); }
  if (e.k === "or") { const l = bool(e.l, leaf), r = bool(e.r, leaf); return (d, p) => l(d, p) || r(d, p); }
  if (e.k === "not") { const x = bool(e.e, leaf); return (d, p) => !x(d, p); }
  return leaf(e);
}

/** Normalise `lit op path` to `path op lit`. */
function normCmp(e: Extract<Expr, { k: "cmp" }>): Extract<Expr, { k: "cmp" }> {
  if (e.l.k === "lit" && e.r.k !== "lit") return { k: "cmp", op: flip(e.op), l: e.r, r: e.l };
  return e;
}

function dateValue(o: Operand): number {
  if (o.k !== "lit" || (o.type !== "date" && o.type !== "string")) throw invalidNodes();
  const t = Date.parse(String(o.value));
  if (Number.isNaN(t)) throw new GraphError(400, "BadRequest", `Invalid filter clause: '${String(o.value)}' is not a valid DateTimeOffset.`);
  return t;
}

// ---------------------------------------------------------------- contacts

/** Scalar contact properties that Outlook can restrict on (plain comparisons; not documented on S2 — see README). */
const CONTACT_STRING_PROPS = new Set(["displayName", "givenName", "surname", "companyName", "department", "jobTitle", "fileAs", "parentFolderId", "nickName", "middleName"]);
const CONTACT_DATE_PROPS = new Set(["createdDateTime", "lastModifiedDateTime"]);

function casedProp(name: string, set: Set<string>): string | undefined {
  for (const p of set) if (p.toLowerCase() === name.toLowerCase()) return p;
  return undefined;
}

export function compileContactFilter(src: string): Compiled {
  const pids = new Set<string>();
  const expr = parseFilter(src);
  const leaf = (e: Expr): Pred => {
    if (e.k === "lambda") {
      const nav = e.path.join("/").toLowerCase();
      if (e.fn !== "any") throw invalidNodes();
      if (nav === "emailaddresses") return emailAny(e.v, e.body);
      if (nav === "categories") return categoriesAny(e.v, e.body);
      if (nav === "singlevalueextendedproperties") return svepAny(e.v, e.body, pids);
      // Multi-value extended properties cannot be filtered: only $expand is documented (S5, S8; graph-docs #17950).
      throw invalidNodes();
    }
    if (e.k === "cmp") {
      const c = normCmp(e);
      if (c.l.k !== "path" || c.l.segs.length !== 1) throw invalidNodes();
      const name = c.l.segs[0]!;
      const sp = casedProp(name, CONTACT_STRING_PROPS);
      if (sp) {
        const v = c.r.k === "lit" && c.r.type === "null" ? null : strLit(c.r);
        return ({ doc: d }) => (v === null ? (c.op === "eq" ? d[sp] == null : d[sp] != null) : cmp(String(d[sp] ?? ""), v, c.op));
      }
      const dp = casedProp(name, CONTACT_DATE_PROPS);
      if (dp) {
        const t = dateValue(c.r);
        return ({ doc: d }) => cmp(Date.parse(String(d[dp])), t, c.op);
      }
      if (/^(emailAddresses|categories|singleValueExtendedProperties|multiValueExtendedProperties)$/i.test(name)) throw invalidNodes();
      throw new GraphError(400, "BadRequest", `Could not find a property named '${name}' on type 'microsoft.graph.contact'.`);
    }
    if (e.k === "call") {
      // startswith on plain string properties only; contains/startswith/endswith on emailAddresses are rejected (S2).
      const a0 = e.args[0];
      if (e.name === "startswith" && a0?.k === "path" && a0.segs.length === 1) {
        const sp = casedProp(a0.segs[0]!, CONTACT_STRING_PROPS);
        const a1 = e.args[1];
        if (sp && a1) {
          const v = strLit(a1).toLowerCase();
          return ({ doc: d }) => String(d[sp] ?? "").toLowerCase().startsWith(v);
        }
      }
      throw invalidNodes();
    }
    throw invalidNodes();
  };
  return { pred: bool(expr, leaf), pids: [...pids] };
}

/** emailAddresses/any(a:a/address eq '…') — only any + eq on address (user-list-contacts.md, S2). */
function emailAny(v: string, body: Expr): Pred {
  if (body.k !== "cmp" || body.op !== "eq") throw invalidNodes();
  const c = normCmp(body);
  if (!isVarPath(c.l, v, "address")) throw invalidNodes();
  const want = strLit(c.r).toLowerCase();
  return ({ doc: d }) => ((d.emailAddresses as { address?: string }[] | undefined) ?? []).some((a) => (a.address ?? "").toLowerCase() === want);
}

/** categories/any(c:c eq '…') — generic lambda form (query-parameters.md, S18). */
function categoriesAny(v: string, body: Expr): Pred {
  const leaf = (e: Expr): ((cat: string) => boolean) => {
    if (e.k === "or") { const l = leaf(e.l), r = leaf(e.r); return (x) => l(x) || r(x); }
    if (e.k !== "cmp" || e.op !== "eq") throw invalidNodes();
    const c = normCmp(e);
    if (!isVarPath(c.l, v)) throw invalidNodes();
    const want = strLit(c.r).toLowerCase();
    return (x) => x.toLowerCase() === want;
  };
  const f = leaf(body);
  return ({ doc: d }) => ((d.categories as string[] | undefined) ?? []).some(f);
}

/**
 * singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…') and cast(ep/value, Edm.Int32) comparisons
 * (singlevaluelegacyextendedproperty-get.md, S6). id is always compared with eq; value comparison case-insensitive.
 */
function svepAny(v: string, body: Expr, pids: Set<string>): Pred {
  if (body.k !== "and") throw invalidNodes();
  let idTerm = normCmpOrThrow(body.l), valTerm = body.r;
  if (!isVarPath(idTerm.l, v, "id")) {
    // allow value term first
    idTerm = normCmpOrThrow(body.r);
    valTerm = body.l;
    if (!isVarPath(idTerm.l, v, "id")) throw invalidNodes();
  }
  if (idTerm.op !== "eq") throw invalidNodes();
  const pid = parsePropId(strLit(idTerm.r));
  if (pid.isArray) throw invalidNodes();
  pids.add(pid.canonical);
  const vt = normCmpOrThrow(valTerm);
  let get: (raw: string) => string | number | undefined;
  let want: string | number;
  if (isVarPath(vt.l, v, "value")) {
    want = strLit(vt.r);
    get = (raw) => raw;
  } else if (vt.l.k === "cast" && isVarPath(vt.l.arg, v, "value")) {
    const type = vt.l.type.toLowerCase();
    if (type === "edm.int32" || type === "edm.int64" || type === "edm.double" || type === "edm.int16") {
      const r = lit(vt.r);
      if (typeof r !== "number") throw invalidNodes();
      want = r;
      get = (raw) => (raw.trim() === "" || Number.isNaN(Number(raw)) ? undefined : Number(raw));
    } else if (type === "edm.guid") {
      want = String(lit(vt.r)).toLowerCase();
      get = (raw) => raw.toLowerCase();
    } else if (type === "edm.boolean") {
      // DavMail uses this form against Exchange Online (CODE S40; not in S6).
      const r = lit(vt.r);
      if (typeof r !== "boolean") throw invalidNodes();
      want = String(r);
      get = (raw) => raw.toLowerCase();
    } else if (type === "edm.datetimeoffset") {
      // DavMail uses this form too (CODE S40).
      want = dateValue(vt.r);
      get = (raw) => { const t = Date.parse(raw); return Number.isNaN(t) ? undefined : t; };
    } else {
      throw invalidNodes();
    }
  } else {
    throw invalidNodes();
  }
  const key = pid.canonical;
  return (_r, props) => {
    const p = props?.get(key);
    if (!p || !p.single) return false;
    const x = get(p.value as string);
    return x !== undefined && cmp(x, want, vt.op);
  };
}

function normCmpOrThrow(e: Expr): Extract<Expr, { k: "cmp" }> {
  if (e.k !== "cmp") throw invalidNodes();
  return normCmp(e);
}

// ---------------------------------------------------------------- messages

const MSG_STRING_PROPS = new Set(["conversationId", "subject", "internetMessageId"]);
const MSG_DATE_PROPS = new Set(["receivedDateTime", "sentDateTime"]);

export function compileMessageFilter(src: string): Compiled {
  const expr = parseFilter(src);
  const leaf = (e: Expr): Pred => {
    if (e.k === "cmp") {
      const c = normCmp(e);
      if (c.l.k !== "path") throw invalidNodes();
      const path = c.l.segs.join("/");
      if (path.toLowerCase() === "from/emailaddress/address") {
        const want = strLit(c.r);
        return ({ doc: d }) => cmp(String((d.from as { emailAddress?: { address?: string } } | undefined)?.emailAddress?.address ?? ""), want, c.op);
      }
      const sp = casedProp(path, MSG_STRING_PROPS);
      if (sp) {
        const want = strLit(c.r);
        // conversationId comparison is exact (ids are case-sensitive, outlook-immutable-id.md).
        if (sp === "conversationId") {
          if (c.op !== "eq" && c.op !== "ne") throw invalidNodes();
          return ({ doc: d }) => (d.conversationId === want) === (c.op === "eq");
        }
        return ({ doc: d }) => cmp(String(d[sp] ?? ""), want, c.op);
      }
      const dp = casedProp(path, MSG_DATE_PROPS);
      if (dp) {
        const t = dateValue(c.r);
        return ({ doc: d }) => cmp(Date.parse(String(d[dp])), t, c.op);
      }
      if (path.toLowerCase() === "isread" || path.toLowerCase() === "hasattachments") {
        const b = lit(c.r);
        if (typeof b !== "boolean") throw invalidNodes();
        return ({ doc: d }) => (d[path] === b) === (c.op === "eq");
      }
      throw invalidNodes();
    }
    // Lambdas over toRecipients/ccRecipients are rejected by Exchange (several public reports; see README).
    throw invalidNodes();
  };
  return { pred: bool(expr, leaf), pids: [] };
}

/**
 * InefficientFilter: with $filter + $orderby, every $orderby property must appear in $filter, in the same order,
 * before any other term (user-list-messages.md "Using filter and orderby in the same query", S19; S20 covers the
 * Mail, Calendar and Contacts APIs).
 */
export function checkOrderByWithFilter(filter: string, orderby: OrderBy[]): void {
  const terms = leadingTerms(parseFilter(filter));
  orderby.forEach((o, i) => {
    const t = terms[i];
    const p = t ? termProperty(t) : null;
    if (!p || p.toLowerCase() !== o.prop.toLowerCase()) {
      throw new GraphError(400, "InefficientFilter", "The restriction or sort order is too complex for this operation.");
    }
  });
}

// ---------------------------------------------------------------- To Do tasks

/** todoTask `$filter` on status / importance (list-tasks supports OData query parameters; todotasklist-list-tasks.md). */
export function compileTaskFilter(src: string): Compiled {
  const expr = parseFilter(src);
  const leaf = (e: Expr): Pred => {
    if (e.k !== "cmp") throw invalidNodes();
    const c = normCmp(e);
    if (c.l.k !== "path" || c.l.segs.length !== 1) throw invalidNodes();
    const name = c.l.segs[0]!;
    if (!/^(status|importance|title)$/i.test(name) || (c.op !== "eq" && c.op !== "ne")) throw invalidNodes();
    const want = strLit(c.r);
    const key = name.toLowerCase() === "status" ? "status" : name.toLowerCase() === "importance" ? "importance" : "title";
    return ({ doc: d }) => cmp(String(d[key] ?? ""), want, c.op);
  };
  return { pred: bool(expr, leaf), pids: [] };
}

/** `$expand=singleValueExtendedProperties($filter=id eq 'a' or id eq 'b')` → canonical ids (S6, S8). */
export function expandIds(filter: string, nav: string): string[] {
  const expr = parseFilter(filter);
  const ids: string[] = [];
  const walk = (e: Expr): void => {
    if (e.k === "or") { walk(e.l); walk(e.r); return; }
    if (e.k !== "cmp" || e.op !== "eq") throw invalidNodes();
    const c = normCmp(e);
    if (c.l.k !== "path" || c.l.segs.length !== 1 || c.l.segs[0]!.toLowerCase() !== "id") throw invalidNodes();
    const p = parsePropId(strLit(c.r));
    const wantArray = nav === "multiValueExtendedProperties";
    if (p.isArray !== wantArray) throw invalidNodes();
    ids.push(p.canonical);
  };
  walk(expr);
  return ids;
}

/**
 * `$filter` made only of `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')` terms (with
 * and/or/not): the form singlevaluelegacyextendedproperty-get.md documents for events and messages. Other
 * filters on such a resource are outside the emulator's subset → 501, not silently ignored.
 */
export function compileExtendedPropertyFilter(src: string, type: string): Compiled {
  const pids = new Set<string>();
  const expr = parseFilter(src);
  const leaf = (e: Expr): Pred => {
    if (e.k === "lambda" && e.fn === "any" && e.path.join("/").toLowerCase() === "singlevalueextendedproperties") return svepAny(e.v, e.body, pids);
    if (e.k === "lambda" && e.path.join("/").toLowerCase() === "multivalueextendedproperties") throw invalidNodes();
    throw new GraphError(501, "NotImplemented", `The Graph emulator does not implement this $filter on ${type} (only singleValueExtendedProperties/Any(…)).`);
  };
  return { pred: bool(expr, leaf), pids: [...pids] };
}
