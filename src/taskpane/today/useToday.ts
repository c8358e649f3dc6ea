import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { draftDailyReportAction, markContactedAction, useContacts, useSalesService, useServices, type Contact } from "../../app";
import { buildDailyPlan } from "../../domain/dailyPlan";
import { buildDailyReport } from "../../domain/dailyReport";
import type { PlannedTomorrow, ReportTexts } from "../../domain/handbookReport";
import { localDateKey } from "../../domain/dates";
import { fieldByRole } from "../../domain/schema";
import type { Locale } from "../../domain/types";
import { useSalesSettings } from "./useSalesSettings";

export type ItemMessage =
  | { kind: "contacted"; next?: string; reminder?: string; reminderFailed?: boolean }
  | { kind: "failed" };

export type ReportStatus = { kind: "idle" } | { kind: "busy" } | { kind: "drafted"; rows: number } | { kind: "failed" };

/** Today's plan (domain dailyPlan) and the end-of-day report (domain dailyReport) over the user's own contacts. */
export function useToday() {
  const services = useServices();
  const sales = useSalesService();
  const snap = useContacts();
  const { settings } = useSalesSettings();
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const [notes, setNotes] = useState<Record<string, string>>({});
  const notesRef = useRef(notes);
  notesRef.current = notes;
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [messages, setMessages] = useState<Record<string, ItemMessage>>({});
  const [report, setReport] = useState<ReportStatus>({ kind: "idle" });
  const [texts, setTexts] = useState<Partial<ReportTexts>>({});
  const onTextChange = useCallback((_e: unknown, data: { key: keyof ReportTexts; value: string }) => setTexts((cur) => ({ ...cur, [data.key]: data.value })), []);

  useEffect(() => {
    let live = true;
    sales.loadNotes().then(
      (n) => live && setNotes((cur) => ({ ...n, ...cur })),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [sales]);

  const now = sales.now();
  const today = sales.today();
  const { schema, contacts } = snap;
  // Customers a teammate has claimed stay in my folder but are not mine to call.
  const mine = useMemo(() => {
    const ownerF = fieldByRole(schema, "owner");
    if (!ownerF) return contacts;
    return contacts.filter((c) => {
      const o = c.fields[ownerF.propertyName];
      return typeof o !== "string" || o.trim() === "" || o.trim().toLowerCase() === sales.me.toLowerCase();
    });
  }, [contacts, schema, sales.me]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the contacts or the day change
  const plan = useMemo(() => buildDailyPlan(mine, schema, { now, timeZone: sales.timeZone }), [mine, schema, today, sales.timeZone]);
  const contactedToday = useMemo(
    () => buildDailyReport(mine, schema, { now, timeZone: sales.timeZone, salesperson: sales.me, outcomes: notes }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the contacts, notes or the day change
    [mine, schema, notes, today, sales.timeZone, sales.me],
  );

  const onNoteChange = useCallback((_e: unknown, data: { contactId: string; value: string }) => {
    setNotes((cur) => ({ ...cur, [data.contactId]: data.value }));
  }, []);
  const onNoteCommit = useCallback(() => {
    void sales.saveNotes(notesRef.current).catch(() => undefined);
  }, [sales]);

  const onContacted = useCallback(
    async (_e: unknown, data: { contact: Contact }) => {
      const id = data.contact.id;
      setBusy((b) => ({ ...b, [id]: true }));
      try {
        // The note typed on the card is the outcome of the history entry "Contacted" records (issue 13).
        const r = await markContactedAction.perform(sales, { contact: data.contact, schema, settings, entry: { outcome: notesRef.current[id] ?? "" } });
        const nextF = fieldByRole(schema, "nextContact");
        const next = nextF ? r.contact.fields[nextF.propertyName] : null;
        const nextKey = typeof next === "string" ? localDateKey(next, sales.timeZone) : undefined;
        const dueKey = r.task && typeof next === "string" ? nextKey : undefined;
        setMessages((m) => ({
          ...m,
          [id]: { kind: "contacted", ...(nextKey ? { next: nextKey } : {}), ...(dueKey ? { reminder: dueKey } : {}), ...(r.reminderFailed ? { reminderFailed: true } : {}) },
        }));
        void sales.saveNotes(notesRef.current).catch(() => undefined);
      } catch {
        setMessages((m) => ({ ...m, [id]: { kind: "failed" } }));
      } finally {
        setBusy((b) => ({ ...b, [id]: false }));
      }
    },
    [sales, schema, settings],
  );

  const onDraftReport = useCallback(async (tomorrowVisits?: readonly PlannedTomorrow[]) => {
    setReport({ kind: "busy" });
    try {
      await sales.saveNotes(notesRef.current).catch(() => undefined);
      const r = await draftDailyReportAction.perform(sales, {
        contacts: mine,
        schema,
        outcomes: notesRef.current,
        locale,
        settings,
        texts,
        ...(tomorrowVisits ? { tomorrowVisits } : {}),
      });
      setReport({ kind: "drafted", rows: r.rows });
    } catch {
      setReport({ kind: "failed" });
    }
  }, [sales, mine, schema, locale, settings, texts]);

  const retry = useCallback(() => {
    void services.contacts.load();
  }, [services.contacts]);

  return {
    mine,
    status: snap.error && !snap.loaded ? ("error" as const) : !snap.loaded ? ("loading" as const) : ("ready" as const),
    today,
    timeZone: sales.timeZone,
    schema,
    plan,
    contactedToday: contactedToday.rows,
    notes,
    busy,
    messages,
    report,
    managerAddress: settings.managerAddress,
    onNoteChange,
    onNoteCommit,
    onContacted,
    onDraftReport,
    texts,
    onTextChange,
    retry,
  };
}
