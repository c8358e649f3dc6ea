import { useCallback, useEffect, useState } from "react";
import { markContactedAction, useContacts, useSalesService, type Contact } from "../../app";
import { useSalesSettings } from "../today/useSalesSettings";
import {
  complaints,
  EntryError,
  isoToLocalDateTime,
  localDateTimeToIso,
  MAX_BACKDATE_DAYS,
  openComplaints,
  sortedEntries,
  type Channel,
  type EntryErrorCode,
  type HistoryLog,
  type Purpose,
} from "../../domain/history";

export interface HistoryDraft {
  at: string;
  channel: Channel;
  purpose: Purpose;
  outcome: string;
  nextStep: string;
  /** Complaint entries: "" = a new complaint, "resolved" = settled on the spot, else the id of the complaint it closes. */
  complaint: string;
}

export type HistoryMessage = { kind: "saved" } | { kind: "invalid"; code: EntryErrorCode } | { kind: "failed" };

/**
 * One customer's contact history (issue 13) and, for my own customers, the "Record a contact" form: the
 * same markContacted action as "Contacted" with the details the salesperson chose.
 */
export function useContactHistory(contact: Pick<Contact, "id" | "mailbox" | "displayName"> & Partial<Contact>, readOnly: boolean) {
  const sales = useSalesService();
  const snap = useContacts();
  const { settings } = useSalesSettings();
  const [log, setLog] = useState<HistoryLog | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<HistoryMessage | null>(null);
  const fresh = (): HistoryDraft => ({ at: isoToLocalDateTime(sales.now(), sales.timeZone), channel: "call", purpose: "other", outcome: "", nextStep: "", complaint: "" });
  const [draft, setDraft] = useState<HistoryDraft>(fresh);

  const load = useCallback(() => {
    let live = true;
    setStatus("loading");
    sales.loadHistory({ id: contact.id, ...(contact.mailbox ? { mailbox: contact.mailbox } : {}) }).then(
      (l) => {
        if (!live) return;
        setLog(l);
        setStatus("ready");
      },
      () => live && setStatus("failed"),
    );
    return () => {
      live = false;
    };
  }, [sales, contact.id, contact.mailbox]);
  useEffect(load, [load]);

  const change = useCallback((_e: unknown, data: Partial<HistoryDraft>) => setDraft((d) => ({ ...d, ...data })), []);

  const record = useCallback(async () => {
    const current = snap.contacts.find((c) => c.id === contact.id) ?? (contact as Contact);
    const at = localDateTimeToIso(draft.at, sales.timeZone);
    if (!at) {
      setMessage({ kind: "invalid", code: "invalidTime" });
      return;
    }
    setBusy(true);
    try {
      const complaint = draft.purpose === "complaint" ? (draft.complaint === "resolved" ? { resolved: true } : draft.complaint ? { closes: draft.complaint } : {}) : {};
      const r = await markContactedAction.perform(sales, {
        contact: current,
        schema: snap.schema,
        settings,
        entry: { at, channel: draft.channel, purpose: draft.purpose, outcome: draft.outcome, nextStep: draft.nextStep, ...complaint },
      });
      if (r.history) setLog(r.history);
      setMessage({ kind: "saved" });
      setDraft(fresh());
    } catch (e) {
      setMessage(e instanceof EntryError ? { kind: "invalid", code: e.code } : { kind: "failed" });
    } finally {
      setBusy(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fresh() reads the clock on purpose
  }, [sales, snap, contact, draft, settings]);

  const now = sales.now();
  return {
    status,
    retry: load,
    entries: log ? sortedEntries(log) : [],
    // Owner changes, newest first.
    events: log ? [...(log.events ?? [])].sort((a, b) => b.at.localeCompare(a.at)) : [],
    trimmed: log?.trimmed,
    complaintStates: log ? complaints(log) : [],
    openComplaints: log ? openComplaints(log) : [],
    readOnly,
    draft,
    change,
    record,
    busy,
    message,
    timeZone: sales.timeZone,
    min: isoToLocalDateTime(now.getTime() - MAX_BACKDATE_DAYS * 86_400_000, sales.timeZone),
    max: isoToLocalDateTime(now, sales.timeZone),
  };
}
