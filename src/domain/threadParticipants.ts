/**
 * Participants of an email thread (or of several selected messages) for thread tagging: distinct addresses
 * with the best display name, exclusions with reasons, and whether each is an existing contact or would
 * be created. Plus `contactFromAddress`, the new contact proposed for an unknown participant.
 */
import type { Contact, EmailAddress } from "./types";

export interface MessageParticipants {
  from?: EmailAddress | null;
  sender?: EmailAddress | null;
  toRecipients?: EmailAddress[];
  ccRecipients?: EmailAddress[];
  bccRecipients?: EmailAddress[];
  replyTo?: EmailAddress[];
}

/**
 * Local parts of machine senders whose mail no person reads. Deliberately short: info@, sales@ and
 * service@ are often the only address a small customer has, so they are NOT excluded (the user can add
 * them to the never-tag list). Matched on the local part before any "+tag", case-insensitively; the
 * prefixes also catch "noreply-billing@", "no_reply.xyz@" and the like.
 */
export const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "mailer-daemon", "postmaster",
  "notification", "notifications", "bounce", "bounces", "auto-reply", "autoreply", "automailer",
]);
const ROLE_PREFIXES = ["noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "mailer-daemon", "bounce"];

export type ExclusionReason = "me" | "ownDomain" | "roleAddress" | "neverTag" | "invalidAddress";

export type ParticipantStatus =
  | { kind: "existing"; contactIds: string[] }
  | { kind: "new" }
  | { kind: "excluded"; reason: ExclusionReason };

export interface Participant {
  /** As first seen (case preserved); compare with normalizeAddress. */
  address: string;
  name: string;
  status: ParticipantStatus;
  /** In how many of the given messages the address appears. */
  messageCount: number;
}

export interface ParticipantOptions {
  /** My address(es), e.g. the mailbox UPN and aliases. */
  me: string | readonly string[];
  /** Exclude everyone at my own domain(s) (colleagues). */
  excludeOwnDomain?: boolean;
  /** Exact addresses ("a@b.com") or whole domains ("@b.com"). */
  neverTag?: readonly string[];
  /** Existing contacts with this address (the data layer's index of the cached contacts). */
  findContacts: (normalizedAddress: string) => readonly Pick<Contact, "id">[];
}

export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

const ADDRESS = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/;
/** RFC 5321 path limit. */
const MAX_ADDRESS_LENGTH = 254;

export function isValidEmail(address: string): boolean {
  const a = address.trim();
  return a.length <= MAX_ADDRESS_LENGTH && ADDRESS.test(a);
}

export function isRoleAddress(address: string): boolean {
  const local = (normalizeAddress(address).split("@")[0] ?? "").split("+")[0] ?? "";
  return ROLE_LOCAL_PARTS.has(local) || ROLE_PREFIXES.some((p) => local.startsWith(p));
}

const domainOf = (normalized: string): string => normalized.slice(normalized.lastIndexOf("@") + 1);

export function collectParticipants(messages: readonly MessageParticipants[], opts: ParticipantOptions): Participant[] {
  const meList = (typeof opts.me === "string" ? [opts.me] : opts.me).map(normalizeAddress);
  const myDomains = new Set(meList.map(domainOf));
  const never = (opts.neverTag ?? []).map(normalizeAddress);
  const neverDomains = new Set(never.filter((n) => n.startsWith("@")).map((n) => n.slice(1)));
  const neverExact = new Set(never.filter((n) => !n.startsWith("@")));

  const seen = new Map<string, { address: string; names: Map<string, number>; order: string[]; messages: number }>();
  for (const m of messages) {
    const inThis = new Set<string>();
    const all = [m.from, m.sender, ...(m.toRecipients ?? []), ...(m.ccRecipients ?? []), ...(m.bccRecipients ?? []), ...(m.replyTo ?? [])];
    for (const p of all) {
      if (!p || typeof p.address !== "string" || p.address.trim() === "") continue;
      const key = normalizeAddress(p.address);
      let entry = seen.get(key);
      if (!entry) seen.set(key, (entry = { address: p.address.trim(), names: new Map(), order: [], messages: 0 }));
      const name = cleanName(p.name ?? "");
      if (name !== "" && normalizeAddress(name) !== key) {
        if (!entry.names.has(name)) entry.order.push(name);
        entry.names.set(name, (entry.names.get(name) ?? 0) + 1);
      }
      if (!inThis.has(key)) {
        inThis.add(key);
        entry.messages++;
      }
    }
  }

  const out: Participant[] = [];
  for (const [key, e] of seen) {
    // Best name: the most frequent; ties go to the first seen.
    let name = "";
    let best = 0;
    for (const n of e.order) {
      const count = e.names.get(n) ?? 0;
      if (count > best) [name, best] = [n, count];
    }
    const domain = domainOf(key);
    let status: ParticipantStatus;
    if (!isValidEmail(key)) status = { kind: "excluded", reason: "invalidAddress" };
    else if (meList.includes(key)) status = { kind: "excluded", reason: "me" };
    else if (neverExact.has(key) || neverDomains.has(domain)) status = { kind: "excluded", reason: "neverTag" };
    else if (isRoleAddress(key)) status = { kind: "excluded", reason: "roleAddress" };
    else if (opts.excludeOwnDomain && myDomains.has(domain)) status = { kind: "excluded", reason: "ownDomain" };
    else {
      const found = opts.findContacts(key);
      status = found.length > 0 ? { kind: "existing", contactIds: found.map((c) => c.id) } : { kind: "new" };
    }
    out.push({ address: e.address, name, status, messageCount: e.messages });
  }
  return out;
}

/** Strips surrounding quotes and collapses whitespace: "'Zhang, Wei'" → "Zhang, Wei". */
function cleanName(raw: string): string {
  let s = raw.replace(/\s+/g, " ").trim();
  while (s.length >= 2 && /^(["'“‘«]).*(["'”’»])$/.test(s)) s = s.slice(1, -1).trim();
  return s;
}

/** Free-mail providers: the domain says nothing about the customer's company. Matched with subdomains. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "yahoo.com.cn",
  "ymail.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de",
  "mail.com", "zoho.com", "yandex.com", "qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com",
  "sina.cn", "sohu.com", "aliyun.com", "139.com", "189.cn", "wo.cn", "21cn.com", "tom.com", "hotmail.co.uk",
  "outlook.cn", "live.cn", "hotmail.com.cn",
]);

/** Second-level registries: "fabrikam.com.cn" names Fabrikam, not "Com". */
const SECOND_LEVEL = new Set(["com", "net", "org", "gov", "edu", "co", "ac", "or", "ne", "go"]);

export function isFreeMailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  for (const free of FREE_MAIL_DOMAINS) if (d === free || d.endsWith(`.${free}`)) return true;
  return false;
}

/** "mail.contoso.com" → "Contoso", "fabrikam.com.cn" → "Fabrikam"; undefined for free mail. */
export function companyFromDomain(domain: string): string | undefined {
  const d = domain.trim().toLowerCase().replace(/\.$/, "");
  if (d === "" || isFreeMailDomain(d)) return undefined;
  const labels = d.split(".").filter((l) => l !== "");
  if (labels.length < 2) return undefined;
  let i = labels.length - 2;
  const sld = labels[i] as string;
  if (labels.length >= 3 && SECOND_LEVEL.has(sld) && (labels[labels.length - 1] as string).length === 2) i--;
  const name = labels[i] as string;
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Compound surnames (复姓) that take two characters. */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
  "令狐", "端木", "独孤", "南宫", "西门", "呼延", "百里", "东郭", "闻人", "万俟", "澹台", "申屠", "太史", "钟离",
]);

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·]+$/u;

export interface NameParts {
  displayName: string;
  givenName?: string;
  surname?: string;
}

/** Splits a person's display name into given name and surname. */
export function splitPersonName(rawName: string): NameParts {
  const name = cleanName(rawName);
  if (name === "") return { displayName: "" };
  const compact = name.replace(/\s/g, "");
  if (HAN.test(compact) && compact.length >= 2 && compact.length <= 5 && !compact.includes("·")) {
    const two = compact.slice(0, 2);
    const surname = COMPOUND_SURNAMES.has(two) && compact.length >= 3 ? two : compact.slice(0, 1);
    return { displayName: compact, surname, givenName: compact.slice(surname.length) };
  }
  const comma = name.indexOf(",");
  if (comma > 0) {
    const last = name.slice(0, comma).trim();
    const first = name.slice(comma + 1).trim();
    if (last && first) return { displayName: `${first} ${last}`, givenName: first, surname: last };
  }
  const words = name.split(" ");
  if (words.length === 1) return { displayName: name, givenName: name };
  return { displayName: name, givenName: words.slice(0, -1).join(" "), surname: words[words.length - 1] as string };
}

/** What a one-click "create contact" proposes: names, company, the address, no categories or fields yet. */
export type NewContactDraft = Pick<Contact, "displayName" | "givenName" | "surname" | "companyName" | "emailAddresses" | "categories" | "fields">;

/** The contact proposed for an unknown participant. Without a usable name the address is the display name. */
export function contactFromAddress(name: string | undefined, address: string): NewContactDraft {
  const addr = address.trim();
  const parts = splitPersonName(name ?? "");
  const useName = parts.displayName !== "" && normalizeAddress(parts.displayName) !== normalizeAddress(addr);
  const draft: NewContactDraft = {
    displayName: useName ? parts.displayName : addr,
    emailAddresses: [{ address: addr, name: useName ? parts.displayName : addr }],
    categories: [],
    fields: {},
  };
  if (useName && parts.givenName) draft.givenName = parts.givenName;
  if (useName && parts.surname) draft.surname = parts.surname;
  const company = companyFromDomain(domainOf(normalizeAddress(addr)));
  if (company) draft.companyName = company;
  return draft;
}
