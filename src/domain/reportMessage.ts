/**
 * The daily report as a message (issue 13 item 3, 签收): a recognisable subject, a machine-readable copy of the
 * report in the body, the manager's sign-off message, and the salesperson's list of reports and sign-offs.
 *
 * Why this shape (docs/process-records.md "Sign-off"):
 * - The add-in has Mail.ReadBasic, not Mail.Read: in the salesperson's mailbox only headers (subject, from,
 *   receivedDateTime) can be listed through Graph. So everything the list needs is in the subject: the report's
 *   tag, its date and the salesperson's name; a sign-off is the report subject behind "签收: " / "Signed off: ".
 * - Bodies are read only through Office.js in the open item (item.body.getAsync, no Graph scope). Outlook rewrites
 *   HTML on the way: Outlook on the web returns no class or data-* attributes (OfficeDev/office-js #5296), turns
 *   divs into p/span (#5482) and inserts line breaks inside text (#2910). So the copy is plain visible text: a
 *   marker, base64url of UTF-8 JSON and a checksum; it is read back from the text with every tag and whitespace
 *   removed, and a checksum that does not match is reported, never half-read.
 * Pure: no Office, no Graph, no clock.
 */
import { escapeHtml } from "./dailyReport";
import { CHANNELS, PURPOSES, type Channel, type Purpose } from "./history";
import type { HandbookReport, ReportCounts, ReportLine } from "./handbookReport";
import { parseReportSubject, parseSignOffSubject, type ReportSubject } from "./reportSubject";
import type { Locale } from "./types";

export { parseReportSubject, parseSignOffSubject, REPORT_TAGS, reportSubject, SIGN_OFF_PREFIXES, signOffSubject, type ReportSubject } from "./reportSubject";

/**
 * displayNewMessageForm's htmlBody is limited to 32 KB (Office.Mailbox.displayNewMessageForm, office-js reference):
 * a report whose copy would push the body past this keeps its tables and goes without the copy.
 */
export const MAX_HTML_BODY = 32_000;
/** A sign-off comment is a short note, not a letter (it also travels in the sign-off's copy). */
export const MAX_COMMENT_LENGTH = 1000;

// ------------------------------------------------------------------------------------------------ the copy

/** UTF-8 by hand: the domain uses no platform globals (TextEncoder is missing in some test environments). */
function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function fromUtf8(bytes: number[]): string | null {
  let s = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 0 : b >> 5 === 6 ? 1 : b >> 4 === 14 ? 2 : b >> 3 === 30 ? 3 : -1;
    if (n < 0 || i + n >= bytes.length) return null;
    let c = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = bytes[i + k];
      if (x === undefined || x >> 6 !== 2) return null;
      c = (c << 6) | (x & 63);
    }
    s += String.fromCodePoint(c);
    i += n + 1;
  }
  return s;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function base64url(bytes: number[]): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (b === undefined ? "" : B64[(n >> 6) & 63]!) + (c === undefined ? "" : B64[n & 63]!);
  }
  return out;
}

function fromBase64url(s: string): number[] | null {
  if (s.length % 4 === 1) return null;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of s) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
  }
  return out;
}

/** FNV-1a, 32 bits: catches a copy cut short or edited by hand (not a security measure). */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

type Kind = "R" | "S";
const BLOCK_RE = /CFU([RS])1\.([A-Za-z0-9_-]+)\.([0-9a-f]{8})\.END/g;

function block(kind: Kind, value: unknown): string {
  const payload = base64url(utf8(JSON.stringify(value)));
  return `CFU${kind}1.${payload}.${fnv1a(payload)}.END`;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The visible text of an HTML (or plain-text) body with every tag and every kind of whitespace removed. */
function squeeze(body: string): string {
  return body
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g, "");
}

export type CopyError = "missing" | "corrupt";

/** The first well-formed copy of `kind` in the body (the sender's own: quoted older messages come after it). */
function readBlock(body: string, kind: Kind): { value: unknown } | { error: CopyError } {
  let found: { value: unknown } | { error: CopyError } = { error: "missing" };
  for (const m of squeeze(body).matchAll(BLOCK_RE)) {
    if (m[1] !== kind) continue;
    const payload = m[2]!;
    if (fnv1a(payload) !== m[3]) {
      if ("error" in found) found = { error: "corrupt" };
      continue;
    }
    const bytes = fromBase64url(payload);
    const text = bytes && fromUtf8(bytes);
    try {
      if (text !== null && text !== undefined) return { value: JSON.parse(text) as unknown };
    } catch {
      // fall through: corrupt
    }
    found = { error: "corrupt" };
  }
  return found;
}

// ------------------------------------------------------------------------------------------------ report copy

const COUNT_KEYS: readonly (keyof ReportCounts)[] = ["contacts", "customers", "visits", "newCustomers", "complaints", "complaintsClosed", "collections", "orders", "tomorrow"];

/** A report as the manager's pane shows it: the handbook report without the salesperson's contact ids. */
export type ReportLineCopy = Omit<ReportLine, "contactId">;
export interface ReportCopy extends Omit<HandbookReport, "visits" | "complaints" | "collections" | "tomorrow"> {
  visits: ReportLineCopy[];
  complaints: ReportLineCopy[];
  collections: ReportLineCopy[];
  tomorrow: { customer: string; company: string; nextStep: string }[];
}

/** Compact wire form, version 1: lines as arrays, complaints and collections re-derived from the lines. */
interface WireV1 {
  v: 1;
  d: string;
  s: string;
  l: [string, string, string, Channel, Purpose, string, string, 0 | 1, "" | "open" | "closed"][];
  x: [string, string, string, string];
  t: [string, string, string][];
  c: number[];
}

function toWire(r: HandbookReport): WireV1 {
  return {
    v: 1,
    d: r.date,
    s: r.salesperson,
    l: r.visits.map((l) => [l.at, l.customer, l.company, l.channel, l.purpose, l.outcome, l.nextStep, l.backdated ? 1 : 0, l.complaintState ?? ""]),
    x: [r.competitors, r.feedback, r.news, r.insights],
    t: r.tomorrow.map((x) => [x.customer, x.company, x.nextStep]),
    c: COUNT_KEYS.map((k) => r.counts[k]),
  };
}

const isStr = (v: unknown, max = 20_000): v is string => typeof v === "string" && v.length <= max;

/** Untrusted input (anyone can send a message with this subject): every field is checked, nothing else is kept. */
function parseWire(v: unknown): ReportCopy | null {
  if (!v || typeof v !== "object") return null;
  const w = v as Partial<WireV1>;
  if (w.v !== 1 || !isStr(w.d, 10) || !/^\d{4}-\d{2}-\d{2}$/.test(w.d) || !isStr(w.s, 500)) return null;
  if (!Array.isArray(w.l) || !Array.isArray(w.x) || w.x.length !== 4 || !w.x.every((s) => isStr(s)) || !Array.isArray(w.t) || !Array.isArray(w.c)) return null;
  if (w.c.length !== COUNT_KEYS.length || !w.c.every((n) => Number.isInteger(n) && n >= 0)) return null;
  const lines: ReportLineCopy[] = [];
  for (const l of w.l) {
    if (!Array.isArray(l) || l.length !== 9) return null;
    const [at, customer, company, channel, purpose, outcome, nextStep, backdated, state] = l;
    if (!isStr(at, 40) || Number.isNaN(Date.parse(at)) || !isStr(customer, 500) || !isStr(company, 500) || !isStr(outcome) || !isStr(nextStep)) return null;
    if (!(CHANNELS as readonly string[]).includes(channel) || !(PURPOSES as readonly string[]).includes(purpose)) return null;
    if (backdated !== 0 && backdated !== 1) return null;
    if (state !== "" && state !== "open" && state !== "closed") return null;
    const line: ReportLineCopy = { at, customer, company, channel, purpose, outcome, nextStep, backdated: backdated === 1 };
    if (state) line.complaintState = state;
    lines.push(line);
  }
  const tomorrow: ReportCopy["tomorrow"] = [];
  for (const t of w.t) {
    if (!Array.isArray(t) || t.length !== 3 || !t.every((s) => isStr(s, 1000))) return null;
    tomorrow.push({ customer: t[0], company: t[1], nextStep: t[2] });
  }
  const counts = Object.fromEntries(COUNT_KEYS.map((k, i) => [k, w.c![i]!])) as unknown as ReportCounts;
  return {
    date: w.d,
    salesperson: w.s,
    visits: lines,
    complaints: lines.filter((l) => l.purpose === "complaint"),
    collections: lines.filter((l) => l.purpose === "collection"),
    competitors: w.x[0]!,
    feedback: w.x[1]!,
    news: w.x[2]!,
    insights: w.x[3]!,
    tomorrow,
    counts,
  };
}

const COPY_LABEL: Record<Locale, string> = {
  "zh-CN": "客户跟进加载项读取的报告副本（请勿修改）：",
  "en-US": "Copy of this report for the Customer Follow-up add-in (please leave unchanged):",
};

/** The visible footer carrying the copy: small grey text, so it survives any sanitiser as text. */
function footer(kind: Kind, value: unknown, locale: Locale): string {
  return `<p style="color:#888888;font-size:8pt;word-break:break-all">${escapeHtml(COPY_LABEL[locale])} ${block(kind, value)}</p>`;
}

/**
 * The report's HTML (the handbook tables) with the copy appended — or without it when the copy would push the body
 * past displayNewMessageForm's limit (the tables stay readable; the manager's pane then says so).
 */
export function withReportCopy(html: string, report: HandbookReport, locale: Locale): { html: string; copied: boolean } {
  const out = html + footer("R", toWire(report), locale);
  return out.length <= MAX_HTML_BODY ? { html: out, copied: true } : { html, copied: false };
}

export function readReportCopy(body: string): { report: ReportCopy } | { error: CopyError } {
  const r = readBlock(body, "R");
  if ("error" in r) return r;
  const report = parseWire(r.value);
  return report ? { report } : { error: "corrupt" };
}

// ------------------------------------------------------------------------------------------------ sign-off

export interface SignOff {
  /** The report signed off. */
  date: string;
  name: string;
  /** Who signed off (the manager), as the pane knew them. */
  by: string;
  byName: string;
  comment: string;
}

const SIGN_OFF_TEXT: Record<Locale, { title: (r: ReportSubject) => string; comment: string; none: string }> = {
  "zh-CN": { title: (r) => `已签收 ${r.name} ${r.date} 的每日销售报告。`, comment: "意见：", none: "（无意见）" },
  "en-US": { title: (r) => `Signed off the daily sales report of ${r.name}, ${r.date}.`, comment: "Comments:", none: "(no comments)" },
};

export class SignOffError extends Error {
  readonly code: "commentTooLong";
  constructor(code: "commentTooLong") {
    super(`Sign-off refused: ${code}`);
    this.code = code;
  }
}

/** The sign-off message's body: the note for people, then its copy for the salesperson's pane. */
export function renderSignOffHtml(s: SignOff, locale: Locale): string {
  const comment = s.comment.trim();
  if (comment.length > MAX_COMMENT_LENGTH) throw new SignOffError("commentTooLong");
  const t = SIGN_OFF_TEXT[locale];
  const text = comment ? escapeHtml(comment).replace(/\n/g, "<br>") : escapeHtml(t.none);
  return `<p>${escapeHtml(t.title(s))}</p><p>${escapeHtml(t.comment)}<br>${text}</p>` + footer("S", { v: 1, d: s.date, n: s.name, b: s.by, bn: s.byName, c: comment }, locale);
}

export function readSignOffCopy(body: string): { signOff: SignOff } | { error: CopyError } {
  const r = readBlock(body, "S");
  if ("error" in r) return r;
  const w = r.value as Record<string, unknown> | null;
  if (!w || w.v !== 1 || !isStr(w.d, 10) || !/^\d{4}-\d{2}-\d{2}$/.test(w.d) || !isStr(w.n, 500) || !isStr(w.b, 500) || !isStr(w.bn, 500) || !isStr(w.c, MAX_COMMENT_LENGTH)) {
    return { error: "corrupt" };
  }
  return { signOff: { date: w.d, name: w.n, by: w.b, byName: w.bn, comment: w.c } };
}

// ------------------------------------------------------------------------------------------------ the list

export interface MailHeader {
  subject: string;
  from?: { name?: string; address: string };
  receivedDateTime?: string;
  sentDateTime?: string;
}

export interface ReportStatus {
  date: string;
  /** When I last sent this day's report (my own message), if it is in the window read. */
  sentAt?: string;
  /** The latest sign-off of that day's report addressed to me. */
  signedOff?: { by: string; byName: string; at: string };
}

const sameAddress = (a: string | undefined, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();
const at = (m: MailHeader) => m.receivedDateTime ?? m.sentDateTime ?? "";

/**
 * My daily reports from my mailbox's headers: each day I sent a report (or was sent a sign-off for), newest day
 * first, with the latest sign-off. A sign-off I sent myself (a manager's own report) does not count.
 */
export function buildReportStatuses(messages: readonly MailHeader[], me: string): ReportStatus[] {
  const byDay = new Map<string, ReportStatus>();
  const day = (d: string) => byDay.get(d) ?? (byDay.set(d, { date: d }).get(d) as ReportStatus);
  for (const m of messages) {
    const mine = sameAddress(m.from?.address, me);
    const report = parseReportSubject(m.subject);
    if (report && mine) {
      const s = day(report.date);
      if (!s.sentAt || at(m) > s.sentAt) s.sentAt = at(m);
      continue;
    }
    const signOff = parseSignOffSubject(m.subject);
    if (signOff && !mine && m.from) {
      const s = day(signOff.date);
      if (!s.signedOff || at(m) > s.signedOff.at) s.signedOff = { by: m.from.address, byName: m.from.name || m.from.address, at: at(m) };
    }
  }
  return [...byDay.values()].sort((a, b) => b.date.localeCompare(a.date));
}
