import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { markContactedAction, useSalesService, type Contact, type VisitResult } from "../../app";
import { addDays, localDateKey } from "../../domain/dates";
import type { FieldSchema, Locale } from "../../domain/types";
import { buildAgenda, calendarAction, type AgendaItem, type VisitPlan } from "../../domain/visitPlan";
import { useSalesSettings } from "./useSalesSettings";

export type VisitMessage =
  | { kind: "saved" | "moved"; name: string; date: string; time: string; calendarPending: boolean }
  | { kind: "cancelled" | "recorded"; name: string }
  | { kind: "failed" };

/**
 * The day's visit plan for Today (issue 13 item 2): my customers' plans (read apart from the contact list), today's
 * and tomorrow's visits in time order, and the commands on them. With the calendar option on, visits not yet on
 * the calendar (turned on later, or a calendar write that failed) are synced once after loading.
 */
export function useVisitPlan(mine: readonly Contact[], schema: FieldSchema, notes: Readonly<Record<string, string>>) {
  const sales = useSalesService();
  const { settings, loaded: settingsLoaded } = useSalesSettings();
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const [plans, setPlans] = useState<Map<string, VisitPlan>>(new Map());
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  const [form, setForm] = useState<{ contact: Contact; visitId?: string } | null>(null);
  const [message, setMessage] = useState<VisitMessage | null>(null);
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const synced = useRef(false);

  useEffect(() => {
    let live = true;
    sales.visits.loadPlans().then(
      (p) => {
        if (!live) return;
        setPlans(p);
        setStatus("ready");
      },
      () => live && setStatus("failed"),
    );
    return () => {
      live = false;
    };
  }, [sales]);

  // Calendar sync: once per pane after the plans and settings are in, and again whenever the option is turned on.
  useEffect(() => {
    if (!settings.calendarOn) synced.current = false;
    if (status !== "ready" || !settingsLoaded || !settings.calendarOn || synced.current) return;
    const now = sales.now();
    if (![...plans.values()].some((p) => p.visits.some((v) => calendarAction(v, now) !== "none"))) return;
    synced.current = true;
    // Not dropped when the inputs change meanwhile (a contact refreshed): the links it wrote are kept either way.
    void sales.visits.syncCalendar(mine, plans, { calendarOn: true, locale }).then(
      (r) =>
        setPlans((cur) => {
          // Only the plans the sync rewrote: a visit planned meanwhile must not be replaced by the older copy.
          const next = new Map(cur);
          for (const [id, p] of r.plans) if (p !== plans.get(id)) next.set(id, p);
          return next;
        }),
      () => undefined,
    );
  }, [status, settingsLoaded, settings.calendarOn, plans, mine, sales, locale]);

  const today = sales.today();
  const tomorrow = localDateKey(addDays(sales.now(), 1), sales.timeZone);
  const agenda = useMemo(() => buildAgenda(mine, plans, { day: today, timeZone: sales.timeZone }), [mine, plans, today, sales.timeZone]);
  const tomorrowAgenda = useMemo(() => buildAgenda(mine, plans, { day: tomorrow, timeZone: sales.timeZone }), [mine, plans, tomorrow, sales.timeZone]);

  const nameOf = (c: Contact) => c.displayName || c.emailAddresses[0]?.address || "";
  const put = (contactId: string, plan: VisitPlan) => setPlans((cur) => new Map(cur).set(contactId, plan));

  const onFormDone = useCallback(
    (contact: Contact, r: VisitResult, moved: boolean) => {
      put(contact.id, r.plan);
      const local = new Date(Date.parse(r.visit.start));
      setMessage({
        kind: moved ? "moved" : "saved",
        name: nameOf(contact),
        date: localDateKey(local, sales.timeZone),
        time: new Intl.DateTimeFormat("en-GB", { timeZone: sales.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(local),
        calendarPending: r.calendar === "failed",
      });
      setForm(null);
    },
    [sales.timeZone],
  );

  const run = useCallback(async (key: string, fn: () => Promise<void>) => {
    setBusy((b) => ({ ...b, [key]: true }));
    try {
      await fn();
    } catch {
      setMessage({ kind: "failed" });
    } finally {
      setBusy((b) => ({ ...b, [key]: false }));
    }
  }, []);

  /** "Record visit": a history entry by visit with the visit's purpose; it completes the planned visit. */
  const onRecord = useCallback(
    (item: AgendaItem) =>
      run(item.visit.id, async () => {
        const r = await markContactedAction.perform(sales, {
          contact: item.contact,
          schema,
          settings,
          entry: { channel: "visit", purpose: item.visit.purpose, outcome: notes[item.contact.id] ?? "", visitId: item.visit.id },
        });
        if (r.visit) {
          setPlans((cur) => {
            const p = cur.get(item.contact.id);
            if (!p) return cur;
            return new Map(cur).set(item.contact.id, { ...p, visits: p.visits.map((v) => (v.id === r.visit!.id ? r.visit! : v)) });
          });
        }
        if (r.visitFailed) throw new Error("visit not completed");
        setMessage({ kind: "recorded", name: nameOf(item.contact) });
      }),
    [run, sales, schema, settings, notes],
  );

  const onCancel = useCallback(
    (item: AgendaItem) =>
      run(item.visit.id, async () => {
        const r = await sales.visits.cancel(item.contact, item.visit.id, { calendarOn: settings.calendarOn, locale });
        put(item.contact.id, r.plan);
        setMessage({ kind: "cancelled", name: nameOf(item.contact) });
      }),
    [run, sales, settings.calendarOn, locale],
  );

  const onOpenForm = useCallback((contact: Contact, visitId?: string) => {
    setMessage(null);
    setForm(visitId ? { contact, visitId } : { contact });
  }, []);
  const onCloseForm = useCallback(() => setForm(null), []);

  /** Tomorrow's visits for the daily report's "tomorrow's plan" section. */
  const tomorrowForReport = useMemo(
    () => tomorrowAgenda.filter((x) => x.visit.status === "planned").map((x) => ({ contactId: x.contact.id, time: x.endTime ? `${x.time}–${x.endTime}` : x.time, purpose: x.visit.purpose, area: x.visit.area })),
    [tomorrowAgenda],
  );

  return { status, today, tomorrow, agenda, tomorrowAgenda, form, message, busy, calendarOn: settings.calendarOn, onFormDone, onRecord, onCancel, onOpenForm, onCloseForm, tomorrowForReport };
}

export type VisitPlanState = ReturnType<typeof useVisitPlan>;
