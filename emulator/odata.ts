/**
 * A small OData v4 `$filter` tokenizer + recursive-descent parser, and the `$expand` / `$select` / `$orderby`
 * parsers the emulator needs. Semantic checks (which properties/functions Outlook accepts) live in the
 * resource-specific compilers in filters.ts; this file only knows OData syntax.
 * Syntax reference: https://learn.microsoft.com/graph/query-parameters (graph-docs concepts/query-parameters.md)
 * and OData ABNF (http://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part2-url-conventions.html).
 */
import { GraphError } from "./errors";

export type Token =
  | { t: "str"; v: string }
  | { t: "num"; v: number; raw: string }
  | { t: "date"; v: string }
  | { t: "guid"; v: string }
  | { t: "id"; v: string }
  | { t: "("; v: "(" }
  | { t: ")"; v: ")" }
  | { t: ","; v: "," }
  | { t: ":"; v: ":" }
  | { t: "/"; v: "/" };

export type Operand =
  | { k: "path"; segs: string[] }
  | { k: "lit"; type: "string" | "number" | "boolean" | "null" | "date" | "guid"; value: string | number | boolean | null }
  | { k: "cast"; arg: Operand; type: string }
  | { k: "call"; name: string; args: Operand[] };

export type Expr =
  | { k: "and" | "or"; l: Expr; r: Expr }
  | { k: "not"; e: Expr }
  | { k: "cmp"; op: CmpOp; l: Operand; r: Operand }
  | { k: "lambda"; fn: "any" | "all"; path: string[]; v: string; body: Expr }
  | { k: "call"; name: string; args: Operand[] };

export type CmpOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
const CMP_OPS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
/** Functions of the OData v4 URL conventions; anything else is "unknown function" like Graph's OData layer says. */
export const ODATA_FUNCTIONS = new Set([
  "contains", "startswith", "endswith", "length", "indexof", "substring", "tolower", "toupper", "trim", "concat",
  "year", "month", "day", "hour", "minute", "second", "date", "time", "now", "round", "floor", "ceiling",
  "cast", "isof", "matchespattern",
]);

function bad(msg: string): GraphError {
  // Graph's OData layer answers syntax errors with 400 BadRequest "Invalid filter clause" (seen on every workload).
  return new GraphError(400, "BadRequest", `Invalid filter clause: ${msg}`);
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") { i++; continue; }
    if (c === "(" || c === ")" || c === "," || c === ":" || c === "/") { out.push({ t: c, v: c } as Token); i++; continue; }
    if (c === "'") {
      // String literal; a quote inside is doubled ('') — query-parameters.md "Escaping single quotes".
      let s = "";
      i++;
      for (;;) {
        if (i >= src.length) throw bad("unterminated string literal");
        const d = src[i]!;
        if (d === "'") {
          if (src[i + 1] === "'") { s += "'"; i += 2; continue; }
          i++;
          break;
        }
        s += d;
        i++;
      }
      out.push({ t: "str", v: s });
      continue;
    }
    const rest = src.slice(i);
    const guid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/.exec(rest);
    if (guid) { out.push({ t: "guid", v: guid[0] }); i += guid[0].length; continue; }
    const date = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/.exec(rest);
    if (date && date[0].length > 4 && rest[4] === "-") { out.push({ t: "date", v: date[0] }); i += date[0].length; continue; }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[LlDdMmFf]?/.exec(rest);
    if (num && (c !== "-" || /\d/.test(rest[1] ?? ""))) {
      out.push({ t: "num", v: Number(num[0].replace(/[LlDdMmFf]$/, "")), raw: num[0] });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_@$][\w.@$]*/.exec(rest);
    if (ident) { out.push({ t: "id", v: ident[0] }); i += ident[0].length; continue; }
    throw bad(`unexpected character '${c}' at position ${i}`);
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}
  peek(o = 0): Token | undefined { return this.toks[this.pos + o]; }
  next(): Token {
    const t = this.toks[this.pos++];
    if (!t) throw bad("unexpected end of expression");
    return t;
  }
  expect(t: Token["t"]): Token {
    const n = this.next();
    if (n.t !== t) throw bad(`expected '${t}' but found '${String(n.v)}'`);
    return n;
  }
  isKw(kw: string, o = 0): boolean {
    const t = this.peek(o);
    return !!t && t.t === "id" && t.v.toLowerCase() === kw;
  }
  done(): boolean { return this.pos >= this.toks.length; }

  parseExpr(): Expr {
    let l = this.parseAnd();
    while (this.isKw("or")) { this.next(); l = { k: "or", l, r: this.parseAnd() }; }
    return l;
  }
  parseAnd(): Expr {
    let l = this.parseUnary();
    while (this.isKw("and")) { this.next(); l = { k: "and", l, r: this.parseUnary() }; }
    return l;
  }
  parseUnary(): Expr {
    if (this.isKw("not")) { this.next(); return { k: "not", e: this.parseUnary() }; }
    return this.parsePrimary();
  }
  parsePrimary(): Expr {
    const t = this.peek();
    if (!t) throw bad("unexpected end of expression");
    if (t.t === "(") {
      // Could be a parenthesised boolean expression.
      this.next();
      const e = this.parseExpr();
      this.expect(")");
      return this.maybeCmpAfterBool(e);
    }
    // path followed by /any( → lambda
    if (t.t === "id" && !this.isFunctionCall()) {
      const segs = this.parsePathSegs();
      if (this.peek()?.t === "(" && segs.length >= 2) {
        const last = segs[segs.length - 1]!;
        const fn = last.toLowerCase();
        if (fn === "any" || fn === "all") {
          this.next();
          const v = this.expect("id").v as string;
          this.expect(":");
          const body = this.parseExpr();
          this.expect(")");
          return { k: "lambda", fn, path: segs.slice(0, -1), v, body };
        }
      }
      const l: Operand = this.pathOrLiteral(segs);
      return this.parseCmpRest(l);
    }
    const l = this.parseOperand();
    if (l.k === "call" && !this.peekCmpOp()) return { k: "call", name: l.name, args: l.args };
    return this.parseCmpRest(l);
  }
  private maybeCmpAfterBool(e: Expr): Expr {
    if (this.peekCmpOp()) throw bad("comparison of a boolean expression is not supported");
    return e;
  }
  private peekCmpOp(): boolean {
    const t = this.peek();
    return !!t && t.t === "id" && CMP_OPS.has(t.v.toLowerCase());
  }
  private parseCmpRest(l: Operand): Expr {
    const op = this.next();
    if (op.t !== "id" || !CMP_OPS.has(op.v.toLowerCase())) throw bad(`expected a comparison operator but found '${String(op.v)}'`);
    const r = this.parseOperand();
    return { k: "cmp", op: op.v.toLowerCase() as CmpOp, l, r };
  }
  private isFunctionCall(): boolean {
    const t = this.peek();
    const n = this.peek(1);
    return !!t && t.t === "id" && !!n && n.t === "(";
  }
  private parsePathSegs(): string[] {
    const segs = [this.expect("id").v as string];
    while (this.peek()?.t === "/") {
      this.next();
      segs.push(this.expect("id").v as string);
    }
    return segs;
  }
  private pathOrLiteral(segs: string[]): Operand {
    if (segs.length === 1) {
      const w = segs[0]!.toLowerCase();
      if (w === "true" || w === "false") return { k: "lit", type: "boolean", value: w === "true" };
      if (w === "null") return { k: "lit", type: "null", value: null };
    }
    return { k: "path", segs };
  }
  parseOperand(): Operand {
    const t = this.peek();
    if (!t) throw bad("unexpected end of expression");
    if (t.t === "str") { this.next(); return { k: "lit", type: "string", value: t.v }; }
    if (t.t === "num") { this.next(); return { k: "lit", type: "number", value: t.v }; }
    if (t.t === "date") { this.next(); return { k: "lit", type: "date", value: t.v }; }
    if (t.t === "guid") { this.next(); return { k: "lit", type: "guid", value: t.v }; }
    if (t.t === "(") {
      this.next();
      const o = this.parseOperand();
      this.expect(")");
      return o;
    }
    if (t.t === "id") {
      if (this.isFunctionCall()) {
        const name = (this.next().v as string).toLowerCase();
        this.expect("(");
        if (name === "cast") {
          const arg = this.parseOperand();
          this.expect(",");
          const type = this.expect("id").v as string;
          this.expect(")");
          return { k: "cast", arg, type };
        }
        const args: Operand[] = [];
        if (this.peek()?.t !== ")") {
          args.push(this.parseOperand());
          while (this.peek()?.t === ",") { this.next(); args.push(this.parseOperand()); }
        }
        this.expect(")");
        if (!ODATA_FUNCTIONS.has(name)) {
          // Wording of the OData library used by Graph.
          throw new GraphError(400, "BadRequest", `An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`);
        }
        return { k: "call", name, args };
      }
      // typed literals: datetimeoffset'...', guid'...'
      if (this.peek(1)?.t === "str" && /^(datetime|datetimeoffset|guid)$/i.test(t.v)) {
        this.next();
        const s = this.next().v as string;
        return { k: "lit", type: /guid/i.test(t.v) ? "guid" : "date", value: s };
      }
      return this.pathOrLiteral(this.parsePathSegs());
    }
    throw bad(`unexpected '${String(t.v)}'`);
  }
}

/**
 * Nesting limit of an expression. ODataLib (Graph's OData layer) caps recursion at 800 by default
 * (ODataUriParserSettings.FilterLimit) and answers 400 "Recursion depth exceeded allowed limit."; deeper input is
 * refused before parsing so a hostile `$filter` (5,000 parentheses) is a 400, never a stack overflow (issue 12 item 7).
 */
export const MAX_FILTER_DEPTH = 800;
export function tooDeep(): GraphError {
  return new GraphError(400, "BadRequest", "Invalid filter clause: Recursion depth exceeded allowed limit.");
}

export function parseFilter(src: string): Expr {
  if (!src.trim()) throw bad("empty $filter");
  const toks = tokenize(src);
  let depth = 0;
  let nots = 0;
  for (const t of toks) {
    if (t.t === "(") depth++;
    else if (t.t === ")") depth--;
    else if (t.t === "id" && t.v.toLowerCase() === "not") nots++;
    if (depth + nots > MAX_FILTER_DEPTH) throw tooDeep();
  }
  const p = new Parser(toks);
  const e = p.parseExpr();
  if (!p.done()) throw bad(`unexpected '${String(p.peek()?.v)}' after the end of the expression`);
  return e;
}

/** Split on top-level commas (outside quotes and parentheses). */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") quote = !quote;
    if (!quote) {
      if (c === "(") depth++;
      if (c === ")") depth--;
      if (c === "," && depth === 0) { out.push(cur); cur = ""; continue; }
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur);
  return out.map((x) => x.trim());
}

export interface ExpandItem { nav: string; filter?: string; raw: string }

/** `$expand=a($filter=...),b($filter=...)` */
export function parseExpand(s: string): ExpandItem[] {
  return splitTopLevel(s).map((raw) => {
    const m = /^([A-Za-z_][\w.]*)\s*(?:\((.*)\))?$/s.exec(raw);
    if (!m) throw new GraphError(400, "BadRequest", `Term '${raw}' is not valid in a $select or $expand expression.`);
    const opts = m[2]?.trim();
    let filter: string | undefined;
    if (opts) {
      const fm = /^\$filter\s*=\s*(.*)$/s.exec(opts);
      if (!fm) throw new GraphError(501, "NotImplemented", `Emulator: only $filter is supported inside $expand options (got '${opts}').`);
      filter = fm[1]!;
    }
    return { nav: m[1]!, filter, raw };
  });
}

export interface OrderBy { prop: string; desc: boolean }
export function parseOrderBy(s: string): OrderBy[] {
  return splitTopLevel(s).map((part) => {
    const m = /^([A-Za-z_][\w/]*)(?:\s+(asc|desc))?$/i.exec(part);
    if (!m) throw new GraphError(400, "BadRequest", `Invalid $orderby expression '${part}'.`);
    return { prop: m[1]!, desc: (m[2] ?? "").toLowerCase() === "desc" };
  });
}

export function parseSelect(s: string | null): string[] | null {
  if (s === null) return null;
  return s.split(",").map((x) => x.trim()).filter(Boolean);
}

/** The leading `and`-chain terms of a filter, in order (for the InefficientFilter rule). */
export function leadingTerms(e: Expr): Expr[] {
  if (e.k === "and") return [...leadingTerms(e.l), ...leadingTerms(e.r)];
  return [e];
}

/** The property a simple comparison term restricts, if any (`receivedDateTime ge 2020-...` → receivedDateTime). */
export function termProperty(e: Expr): string | null {
  if (e.k === "cmp" && e.l.k === "path") return e.l.segs.join("/");
  if (e.k === "call" && e.args[0]?.k === "path") return e.args[0].segs.join("/");
  return null;
}
