/**
 * Customer claims (客户认领): the salesperson who owns a customer keeps it while they stay in contact; after
 * `lapseDays` without contact the claim lapses and anyone may claim the customer.
 *
 * Boundary choice: the claim lapses at exactly lapseDays × 24 h after the last contact (inclusive), i.e.
 * contacted Monday 10:00 → lapsed from next Monday 10:00:00.000. Elapsed time, not calendar days, so the
 * rule is the same for a salesperson in Shanghai and a manager in Los Angeles. An owner with no recorded
 * contact and no claim has nothing keeping the claim alive: lapsed.
 *
 * A claim is not a contact (issue 10): claiming records when the owner claimed (Contact.claimed), never "last
 * contacted", so the daily report, Today's "contacted today" and the contact history show only real contacts.
 * A fresh claim still gets its full period: the clock runs from the later of the last contact and the current
 * owner's claim. A claim stamp naming someone else (the owner field was edited by hand since) keeps nothing alive.
 */
import { fieldByRole } from "./schema";
import type { ClaimStamp, Contact, FieldOp, FieldSchema, FieldValues } from "./types";
import { MS_PER_DAY } from "./dates";

export { parseClaimStamp, serializeClaimStamp } from "./claimStampCodec";

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
  /** When the claim lapses / lapsed (ISO), if there is an owner with a last contact or a claim of theirs. */
  lapsesAt?: string;
  /** When the current owner claimed the customer (ISO), if that is recorded. */
  claimedAt?: string;
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * `claimed`: the last claim recorded on the contact; it counts only when it made this owner the owner. The clock
 * starts at the later of the last contact and that claim.
 */
export function claimState(
  owner: string | null | undefined,
  lastContacted: string | null | undefined,
  now: Date,
  cfg: ClaimConfig = DEFAULT_CLAIM_CONFIG,
  claimed?: ClaimStamp | null,
): ClaimInfo {
  const who = typeof owner === "string" && owner.trim() !== "" ? owner.trim() : null;
  if (!who) return { state: "unowned", owner: null };
  const last = typeof lastContacted === "string" ? Date.parse(lastContacted) : NaN;
  const claimedMs = claimed && sameAddress(claimed.owner, who) ? Date.parse(claimed.at) : NaN;
  const claimedAt = Number.isFinite(claimedMs) ? { claimedAt: new Date(claimedMs).toISOString() } : {};
  const since = Math.max(Number.isFinite(last) ? last : -Infinity, Number.isFinite(claimedMs) ? claimedMs : -Infinity);
  if (!Number.isFinite(since)) return { state: "lapsed", owner: who };
  const lapsesAtMs = since + cfg.lapseDays * MS_PER_DAY;
  const warnAtMs = lapsesAtMs - cfg.warnDays * MS_PER_DAY;
  const t = now.getTime();
  const state: ClaimState = t >= lapsesAtMs ? "lapsed" : t >= warnAtMs ? "lapsing" : "active";
  return { state, owner: who, lapsesAt: new Date(lapsesAtMs).toISOString(), ...claimedAt };
}

export function claimInfo(contact: Pick<Contact, "fields" | "claimed">, schema: FieldSchema, now: Date, cfg: ClaimConfig = DEFAULT_CLAIM_CONFIG): ClaimInfo {
  const ownerF = fieldByRole(schema, "owner");
  const lastF = fieldByRole(schema, "lastContacted");
  const owner = ownerF ? contact.fields[ownerF.propertyName] : null;
  const last = lastF ? contact.fields[lastF.propertyName] : null;
  return claimState(typeof owner === "string" ? owner : null, typeof last === "string" ? last : null, now, cfg, contact.claimed);
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
export function canClaim(contact: Pick<Contact, "fields" | "claimed">, schema: FieldSchema, me: string, now: Date, cfg: ClaimConfig = DEFAULT_CLAIM_CONFIG): ClaimCheck {
  const info = claimInfo(contact, schema, now, cfg);
  if (info.state === "unowned") return { ok: true, previousOwner: null };
  if (info.state === "lapsed") {
    if (isOwnedBy(info, me)) return { ok: false, code: "renewNeedsContact", owner: info.owner as string, ...(info.lapsesAt ? { lapsesAt: info.lapsesAt } : {}) };
    return { ok: true, previousOwner: info.owner };
  }
  const owner = info.owner as string;
  const base = info.lapsesAt ? { owner, lapsesAt: info.lapsesAt } : { owner };
  return sameAddress(owner, me) ? { ok: false, code: "alreadyYours", ...base } : { ok: false, code: "claimedBySomeoneElse", ...base };
}

/**
 * Claiming: owner := me, nothing else among the fields — last contacted stays as it was (a claim is not a
 * contact). The claim's own clock is the stamp of `claimStamp`, written beside the fields.
 */
export function claimOps(schema: FieldSchema, me: string): FieldOp[] {
  const ownerF = fieldByRole(schema, "owner");
  return ownerF ? [{ op: "set", field: ownerF.propertyName, value: me.trim() }] : [];
}

/** The stamp a claim (or a manager's reassignment) records: `owner` gets a fresh `lapseDays` from `now`. */
export function claimStamp(owner: string, now: Date): ClaimStamp {
  return { owner: owner.trim().toLowerCase(), at: now.toISOString() };
}
