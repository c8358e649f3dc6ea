/**
 * Today's visit plan (每日访问计划): contacts due today or earlier in the user's time zone, plus those flagged
 * "needs re-contact" without a date, in the order a salesperson calls them: overdue first (oldest first),
 * then key customers, regular, potential, others, then by name in pinyin order.
 */
import { compareNames } from "./contactQuery";
import { createLocalDayFn } from "./dates";
import { followUpInfo, type FollowUpStatus } from "./followUp";
import { fieldByRole } from "./schema";
import type { Contact, FieldSchema } from "./types";

export interface PlanItem {
  contact: Contact;
  status: Extract<FollowUpStatus, "overdue" | "dueToday" | "flaggedNoDate">;
  dueDate?: string;
  daysOverdue: number;
}

export interface DailyPlanOptions {
  now: Date;
  timeZone: string;
  /** Only contacts owned by this address (case-insensitive); all when omitted. */
  owner?: string;
}

export function buildDailyPlan(contacts: readonly Contact[], schema: FieldSchema, opts: DailyPlanOptions): PlanItem[] {
  const dayOf = createLocalDayFn(opts.timeZone);
  const tierF = fieldByRole(schema, "tier");
  const ownerF = fieldByRole(schema, "owner");
  // Tier rank follows the schema's choice order (key, regular, potential by default); no tier last.
  const tierRank = new Map((tierF?.choices ?? []).map((c, i) => [c.value, i]));
  const me = opts.owner?.trim().toLowerCase();
  const items: (PlanItem & { tier: number })[] = [];
  for (const c of contacts) {
    if (me !== undefined && ownerF) {
      const o = c.fields[ownerF.propertyName];
      if (typeof o !== "string" || o.trim().toLowerCase() !== me) continue;
    }
    const info = followUpInfo(c.fields, schema, opts.now, opts.timeZone, dayOf);
    if (info.status !== "overdue" && info.status !== "dueToday" && info.status !== "flaggedNoDate") continue;
    const t = tierF ? c.fields[tierF.propertyName] : undefined;
    const item: PlanItem & { tier: number } = {
      contact: c,
      status: info.status,
      daysOverdue: info.daysOverdue ?? 0,
      tier: typeof t === "string" ? (tierRank.get(t) ?? tierRank.size) : tierRank.size + 1,
    };
    if (info.dueDate) item.dueDate = info.dueDate;
    items.push(item);
  }
  items.sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue ||
      a.tier - b.tier ||
      compareNames(a.contact.displayName, b.contact.displayName),
  );
  return items.map(({ tier: _tier, ...rest }) => rest);
}
