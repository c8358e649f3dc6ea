/**
 * Customer claims (客户认领): the salesperson who owns a customer keeps it while they stay in contact; after
 * `lapseDays` without contact the claim lapses and anyone may claim the customer.
 *
 * Boundary choice: the claim lapses at exactly lapseDays × 24 h after the last contact (inclusive), i.e.
 * contacted Monday 10:00 → lapsed from next Monday 10:00:00.000. Elapsed time, not calendar days, so the
 * rule is the same for a salesperson in Shanghai and a manager in Los Angeles. An owner with no recorded
 * contact has nothing keeping the claim alive: lapsed.
 */
import { fieldByRole } from "./schema";
import type { Contact, FieldOp, FieldSchema, FieldValues } from "./types";
import { MS_PER_DAY } from "./dates";

export interface ClaimConfig {
  lapseDays: number;
  /** "Lapsing" = within this many days before lapsing. */
  warnDays: number;
}

export const DEFAULT_CLAIM_CONFIG: ClaimConfig = { lapseDays: 7, warnDays: 2 };

export type ClaimState = "unowned" | "active" | "lapsing" | "lapsed";

export interface ClaimInfo {
  state: ClaimState;
  owner: string | null;
  /** When the claim lapses / lapsed (ISO), if there is an owner with a last contact. */
  lapsesAt?: string;
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function claimState(owner: string | null | undefined, lastContacted: string | null | undefined, now: Date, cfg: ClaimConfig = DEFAULT_CLAIM_CONFIG): ClaimInfo {
  const who = typeof owner === "string" && owner.trim() !== "" ? owner.trim() : null;
  if (!who) return { state: "unowned", owner: null };
  const last = typeof lastContacted === "string" ? Date.parse(lastContacted) : NaN;
  if (!Number.isFinite(last)) return { state: "lapsed", owner: who };
  const lapsesAtMs = last + cfg.lapseDays * MS_PER_DAY;
  const warnAtMs = lapsesAtMs - cfg.warnDays * MS_PER_DAY;
  const t = now.getTime();
  const lapsesAt = new Date(lapsesAtMs).toISOString();
  if (t >= lapsesAtMs) return { state: "lapsed", owner: who, lapsesAt };
  if (t >= warnAtMs) return { state: "lapsing", owner: who, lapsesAt };
  return { state: "active", owner: who, lapsesAt };
}

export function claimInfo(fields: FieldValues, schema: FieldSchema, now: Date, cfg: ClaimConfig = DEFAULT_CLAIM_CONFIG): ClaimInfo {
  const ownerF = fieldByRole(schema, "owner");
  const lastF = fieldByRole(schema, "lastContacted");
  const owner = ownerF ? fields[ownerF.propertyName] : null;
  const last = lastF ? fields[lastF.propertyName] : null;
  return claimState(typeof owner === "string" ? owner : null, typeof last === "string" ? last : null, now, cfg);
}

/**
 * Who answers for a customer: the owner field (lower-cased, trimmed), else `holder` — the mailbox whose folder
 * holds it. Team counts group by this, so a customer claimed from a teammate's folder counts for the claimant.
 */
export function responsibleFor(fields: FieldValues, schema: FieldSchema, holder: string): string {
  const ownerF = fieldByRole(schema, "owner");
  const owner = ownerF ? fields[ownerF.propertyName] : null;
  return (typeof owner === "string" && owner.trim() !== "" ? owner : holder).trim().toLowerCase();
}

/** Whether the claim's owner is `me` (addresses compared case-insensitively): e.g. my own lapsed customer in the pool. */
export function isOwnedBy(info: Pick<ClaimInfo, "owner">, me: string): boolean {
  return info.owner !== null && sameAddress(info.owner, me);
}

/**
 * - claimedBySomeoneElse: their claim is still alive;
 * - alreadyYours: my own claim is still alive;
 * - renewNeedsContact: my own claim lapsed. Claiming it again would restart the clock without anyone having
 *   spoken to the customer, and a salesperson could hold customers forever (issue 10 item 11): a lapsed claim of
 *   mine comes back only through a recorded contact (markContacted), which the daily report shows the manager.
 */
export type ClaimRefusalCode = "claimedBySomeoneElse" | "alreadyYours" | "renewNeedsContact";

export type ClaimCheck = { ok: true; previousOwner: string | null } | { ok: false; code: ClaimRefusalCode; owner: string; lapsesAt?: string };

/**
 * Whether `me` may claim the contact: yes when unowned or when someone else's claim lapsed; no while someone
 * else's claim is active or lapsing; "alreadyYours" when my own claim is still alive; "renewNeedsContact" when my
 * own claim lapsed (only a recorded contact renews it).
 */
export function canClaim(contact: Pick<Contact, "fields">, schema: FieldSchema, me: string, now: Date, cfg: ClaimConfig = DEFAULT_CLAIM_CONFIG): ClaimCheck {
  const info = claimInfo(contact.fields, schema, now, cfg);
  if (info.state === "unowned") return { ok: true, previousOwner: null };
  if (info.state === "lapsed") {
    if (isOwnedBy(info, me)) return { ok: false, code: "renewNeedsContact", owner: info.owner as string, ...(info.lapsesAt ? { lapsesAt: info.lapsesAt } : {}) };
    return { ok: true, previousOwner: info.owner };
  }
  const owner = info.owner as string;
  const base = info.lapsesAt ? { owner, lapsesAt: info.lapsesAt } : { owner };
  return sameAddress(owner, me) ? { ok: false, code: "alreadyYours", ...base } : { ok: false, code: "claimedBySomeoneElse", ...base };
}

/** Claiming: owner := me, last contacted := now (the claim starts fresh). */
export function claimOps(schema: FieldSchema, me: string, now: Date): FieldOp[] {
  const ops: FieldOp[] = [];
  const ownerF = fieldByRole(schema, "owner");
  const lastF = fieldByRole(schema, "lastContacted");
  if (ownerF) ops.push({ op: "set", field: ownerF.propertyName, value: me.trim() });
  if (lastF) ops.push({ op: "set", field: lastF.propertyName, value: now.toISOString() });
  return ops;
}
