/**
 * The stored form of a claim stamp (Contact.claimed: whom a claim made the owner, and when), one string property on
 * the contact. Apart from the claim rules (claims.ts) so that the contact codec loaded up front (graph
 * extendedProperties) brings only these few lines into the pane's initial JavaScript.
 */
import type { ClaimStamp } from "./types";

/** Stored form of a claim stamp (one string property on the contact). */
export function serializeClaimStamp(stamp: ClaimStamp): string {
  return JSON.stringify({ v: 1, owner: stamp.owner, at: stamp.at });
}

/** Parses a stored claim stamp; anything unreadable (another writer, a damaged value) reads as no claim recorded. */
export function parseClaimStamp(raw: unknown): ClaimStamp | undefined {
  if (typeof raw !== "string" || raw === "") return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof v !== "object" || v === null) return undefined;
  const { owner, at } = v as Record<string, unknown>;
  if (typeof owner !== "string" || owner.trim() === "" || typeof at !== "string") return undefined;
  const t = Date.parse(at);
  return Number.isFinite(t) ? { owner: owner.trim().toLowerCase(), at: new Date(t).toISOString() } : undefined;
}
