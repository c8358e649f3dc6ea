/**
 * The daily visit plan's commands (issue 13 item 2): plan, move, cancel and complete visits on a customer, and —
 * when the user turned the calendar option on — keep an Outlook calendar event per visit in step with the plan.
 * The plan on the contact is the record (src/graph/visitPlan.ts); the calendar follows it (domain calendarAction):
 * a calendar write that fails leaves the visit "not yet on the calendar" and the next sync does it, looking the
 * event up by its visit id first, so nothing is lost and nothing is created twice.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Feature } from "../../auth/scopes";
import type { Contact, Locale } from "../../domain/types";
import {
  addVisit,
  calendarAction,
  cancelVisit,
  completeVisit,
  createVisit,
  EMPTY_VISIT_PLAN,
  linkEvent,
  moveVisit,
  visitEnd,
  visitEventContent,
  visitToComplete,
  type PlannedVisit,
  type VisitInput,
  type VisitPlan,
} from "../../domain/visitPlan";
import type { createVisitEvent, deleteVisitEvent, moveVisitEvent } from "../../graph/calendarEvents";
import type { mailboxRoot } from "../../graph/ContactsRepository";
import type { readOpenVisitPlans, updateVisitPlan, StoredPlan } from "../../graph/visitPlan";

/**
 * The Graph functions the planner uses, handed in by createSalesService (static there): this module is loaded on
 * first use, and a lazy chunk that imported the pane's Graph modules itself would split them out of the initial
 * bundle's concatenated scope, costing more than they weigh (the 250 KB budget, bench/README.md).
 */
export interface VisitPlanGraph {
  readOpenVisitPlans: typeof readOpenVisitPlans;
  updateVisitPlan: typeof updateVisitPlan;
  mailboxRoot: typeof mailboxRoot;
  createVisitEvent: typeof createVisitEvent;
  moveVisitEvent: typeof moveVisitEvent;
  deleteVisitEvent: typeof deleteVisitEvent;
}

export interface VisitPlanStore {
  /** Plans of the customers with open visits in a mailbox (undefined = mine). */
  readOpen(mailbox: string | undefined): Promise<Map<string, VisitPlan>>;
  /** Read-modify-write of one of my customers' plans (see updateVisitPlan). */
  update(contactId: string, change: (p: VisitPlan) => VisitPlan, known?: StoredPlan): Promise<StoredPlan & { changed: boolean }>;
}

const same = (a: string | undefined, b: string): boolean => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

export function createGraphVisitPlanStore(clientFor: (f: Feature) => Client, me: string, g: VisitPlanGraph): VisitPlanStore {
  return {
    async readOpen(mailbox) {
      // A teammate's plans are read with the team view's read-only scope through their shared folder (S4).
      const theirs = mailbox && !same(mailbox, me);
      return (await g.readOpenVisitPlans(clientFor(theirs ? "teamView" : "base"), theirs ? g.mailboxRoot(mailbox) : "/me")).plans;
    },
    update: (contactId, change, known) => g.updateVisitPlan(clientFor("base"), "/me", contactId, change, known),
  };
}

/** In memory: component tests and the fake services. */
export function createMemoryVisitPlanStore(initial: Record<string, VisitPlan> = {}): VisitPlanStore & { plans: Map<string, VisitPlan> } {
  const plans = new Map<string, VisitPlan>(Object.entries(initial));
  return {
    plans,
    async readOpen() {
      return new Map([...plans].filter(([, p]) => p.visits.some((v) => v.status === "planned")));
    },
    async update(contactId, change) {
      const cur = plans.get(contactId) ?? EMPTY_VISIT_PLAN;
      const next = change(cur);
      if (next === cur) return { plan: cur, changed: false };
      plans.set(contactId, next);
      return { plan: next, changed: true };
    },
  };
}

export interface CalendarOptions {
  /** The Settings toggle "Put planned visits on my Outlook calendar". */
  calendarOn: boolean;
  /** The language of the event's subject and body. */
  locale: Locale;
}

/** "off": the option is off; "ok": the calendar matches the plan; "failed": not yet (the next sync retries). */
export type CalendarOutcome = "off" | "ok" | "failed";

export interface VisitResult {
  plan: VisitPlan;
  visit: PlannedVisit;
  calendar: CalendarOutcome;
}

export interface VisitPlanner {
  loadPlans(mailbox?: string): Promise<Map<string, VisitPlan>>;
  plan(contact: Contact, input: VisitInput, opts: CalendarOptions): Promise<VisitResult>;
  move(contact: Contact, visitId: string, input: Pick<VisitInput, "date" | "time" | "endTime">, opts: CalendarOptions): Promise<VisitResult>;
  cancel(contact: Contact, visitId: string, opts: CalendarOptions): Promise<VisitResult>;
  /**
   * Marks done the visit a recorded contact completes: `visitId`, or the planned visit of the entry's day closest to
   * its time. Resolves to the visit completed and the plan, or undefined when none was planned.
   */
  complete(contact: Pick<Contact, "id">, done: { entryId: string; at: string }, visitId?: string): Promise<{ plan: VisitPlan; visit: PlannedVisit } | undefined>;
  /** Brings the calendar in step with the plans (after turning the option on, or after a failed calendar write). */
  syncCalendar(contacts: readonly Contact[], plans: ReadonlyMap<string, VisitPlan>, opts: CalendarOptions): Promise<{ plans: Map<string, VisitPlan>; failed: number; written: number }>;
}

export interface VisitPlannerDeps {
  me: string;
  timeZone: string;
  now: () => Date;
  store: VisitPlanStore;
  /** The calendar client (Calendars.ReadWrite): created only when the calendar option is used. */
  calendar: () => Client;
  graph: Pick<VisitPlanGraph, "createVisitEvent" | "moveVisitEvent" | "deleteVisitEvent">;
}

export function createVisitPlanner(deps: VisitPlannerDeps): VisitPlanner {
  const { createVisitEvent, moveVisitEvent, deleteVisitEvent } = deps.graph;
  let seq = 0;
  const newId = () => `v${deps.now().getTime().toString(36)}-${(++seq).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const ctx = () => ({ now: deps.now(), timeZone: deps.timeZone });

  /** One visit's calendar step; `lookFirst` unless the visit was created in this very call (no event can exist yet). */
  async function reconcile(contact: Contact, stored: StoredPlan, visitId: string, opts: CalendarOptions, lookFirst: boolean): Promise<{ stored: StoredPlan; calendar: CalendarOutcome; wrote: boolean }> {
    if (!opts.calendarOn) return { stored, calendar: "off", wrote: false };
    const v = stored.plan.visits.find((x) => x.id === visitId);
    if (!v) return { stored, calendar: "ok", wrote: false };
    const action = calendarAction(v, deps.now());
    if (action === "none") return { stored, calendar: "ok", wrote: false };
    try {
      // Calendars.ReadWrite is asked for only here (incremental consent), once the option is on.
      const cal = deps.calendar();
      const content = visitEventContent(v, contact, { locale: opts.locale, timeZone: deps.timeZone });
      let link: PlannedVisit["event"];
      if (action === "delete") {
        await deleteVisitEvent(cal, v.event!.id);
        link = undefined;
      } else {
        let eventId = v.event?.id;
        if (action === "move" && eventId && !(await moveVisitEvent(cal, eventId, content))) eventId = undefined; // deleted in Outlook: make it again
        if (action === "create" || !eventId) eventId = (await createVisitEvent(cal, content, { visitId: v.id, contactId: contact.id }, { lookFirst })).event.id;
        link = { id: eventId, start: v.start, end: visitEnd(v) };
      }
      const next = await deps.store.update(contact.id, (p) => (p.visits.some((x) => x.id === visitId) ? linkEvent(p, visitId, link) : p), stored);
      return { stored: next, calendar: "ok", wrote: true };
    } catch {
      return { stored, calendar: "failed", wrote: false };
    }
  }

  const result = (r: { stored: StoredPlan; calendar: CalendarOutcome }, visitId: string): VisitResult => ({
    plan: r.stored.plan,
    visit: r.stored.plan.visits.find((v) => v.id === visitId)!,
    calendar: r.calendar,
  });

  return {
    loadPlans: (mailbox) => deps.store.readOpen(mailbox),

    async plan(contact, input, opts) {
      // Validated before anything is sent: bad input writes nothing (VisitError).
      const visit = createVisit(input, { id: newId(), ...ctx(), by: deps.me });
      const stored = await deps.store.update(contact.id, (p) => addVisit(p, visit, deps.now()));
      return result(await reconcile(contact, stored, visit.id, opts, false), visit.id);
    },

    async move(contact, visitId, input, opts) {
      const stored = await deps.store.update(contact.id, (p) => moveVisit(p, visitId, input, ctx()));
      return result(await reconcile(contact, stored, visitId, opts, true), visitId);
    },

    async cancel(contact, visitId, opts) {
      const stored = await deps.store.update(contact.id, (p) => cancelVisit(p, visitId, deps.now()));
      return result(await reconcile(contact, stored, visitId, opts, true), visitId);
    },

    async complete(contact, done, visitId) {
      let completed: PlannedVisit | undefined;
      const stored = await deps.store.update(contact.id, (p) => {
        const v = visitId ? p.visits.find((x) => x.id === visitId && x.status === "planned") : visitToComplete(p, done.at, deps.timeZone);
        if (!v) return p;
        const next = completeVisit(p, v.id, done);
        completed = next.visits.find((x) => x.id === v.id);
        return next;
      });
      return completed ? { plan: stored.plan, visit: completed } : undefined;
    },

    async syncCalendar(contacts, plans, opts) {
      const out = new Map(plans);
      let failed = 0;
      let written = 0;
      if (!opts.calendarOn) return { plans: out, failed, written };
      const byId = new Map(contacts.map((c) => [c.id, c]));
      const now = deps.now();
      for (const [id, plan] of plans) {
        const contact = byId.get(id);
        if (!contact) continue;
        const todo = plan.visits.filter((v) => calendarAction(v, now) !== "none").map((v) => v.id);
        // The first write re-reads (no etag known yet); later ones reuse the etag just written.
        let stored: StoredPlan = { plan };
        for (const visitId of todo) {
          const r = await reconcile(contact, stored, visitId, opts, true);
          if (r.calendar === "failed") failed++;
          if (r.wrote) written++;
          stored = r.stored;
        }
        out.set(id, stored.plan);
      }
      return { plans: out, failed, written };
    },
  };
}
