/**
 * The salesperson's commands as registered actions (conventions.md "User commands are registered actions"):
 * buttons in Today, Pool and the contact details panel, and tests, all call `perform` the same way.
 */
import type { PlannedTomorrow, ReportTexts } from "../../domain/handbookReport";
import type { EntryInput } from "../../domain/history";
import type { Contact, FieldSchema, Locale } from "../../domain/types";
import type { FollowUpResult, SalesService } from "./createSalesService";
import type { SalesSettings } from "./salesSettings";

export interface SalesAction<A, R> {
  name: string;
  perform(sales: SalesService, args: A): Promise<R>;
}

interface ContactArgs {
  contact: Contact;
  schema: FieldSchema;
  settings: SalesSettings;
}

/** "Contacted" and "Record contact": a history entry (defaults: now, a call, purpose other) and the follow-up fields. */
export const markContactedAction: SalesAction<ContactArgs & { entry?: Partial<EntryInput> & { visitId?: string } }, FollowUpResult> = {
  name: "markContacted",
  perform: (sales, a) => sales.markContacted(a.contact, a.schema, a.settings, a.entry),
};

export const flagForFollowUpAction: SalesAction<ContactArgs & { due: Date | null }, FollowUpResult> = {
  name: "flagForFollowUp",
  perform: (sales, a) => sales.flagForFollowUp(a.contact, a.schema, a.due, a.settings),
};

export const claimAction: SalesAction<ContactArgs, Contact> = {
  name: "claim",
  perform: (sales, a) => sales.claim(a.contact, a.schema, a.settings),
};

export const draftDailyReportAction: SalesAction<
  { contacts: readonly Contact[]; schema: FieldSchema; outcomes: Record<string, string>; locale: Locale; settings: SalesSettings; texts?: Partial<ReportTexts>; tomorrowVisits?: readonly PlannedTomorrow[] },
  { rows: number; htmlBody: string; subject: string; copied: boolean }
> = {
  name: "draftDailyReport",
  perform: (sales, a) => sales.draftDailyReport(a),
};

export const SALES_ACTIONS = [markContactedAction, flagForFollowUpAction, claimAction, draftDailyReportAction] as const;
