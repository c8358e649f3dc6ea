import { useCallback, useEffect, useState } from "react";
import { flagForFollowUpAction, markContactedAction, useContacts, useSalesService, type Contact } from "../../app";
import { addDays, isDayKey, localDateKey, startOfLocalDay } from "../../domain/dates";
import { fieldByRole } from "../../domain/schema";
import { useSalesSettings } from "./useSalesSettings";

export type FollowUpMessage = { kind: "contacted"; next?: string } | { kind: "flagged"; date: string } | { kind: "failed" };

/**
 * "Contacted" / "Follow up" for one contact (the Contacts details panel), with its recorded last contact and
 * the latest email exchanged with its addresses; the newer of the two is the one that counts.
 */
export function useFollowUpActions(contact: Contact) {
  const sales = useSalesService();
  const { settings } = useSalesSettings();
  const snap = useContacts();
  const schema = snap.schema;
  const current = snap.contacts.find((c) => c.id === contact.id) ?? contact;
  const [mail, setMail] = useState<{ status: "loading" | "ready" | "failed"; at?: string }>({ status: "loading" });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FollowUpMessage | null>(null);
  const [due, setDue] = useState(() => localDateKey(addDays(sales.now(), 1), sales.timeZone));

  const addresses = contact.emailAddresses.map((e) => e.address).join(",");
  useEffect(() => {
    let live = true;
    setMail({ status: "loading" });
    sales.latestMailWith(contact).then(
      (at) => live && setMail(at ? { status: "ready", at } : { status: "ready" }),
      () => live && setMail({ status: "failed" }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-query when the contact or its addresses change
  }, [sales, contact.id, addresses]);

  const lastF = fieldByRole(schema, "lastContacted");
  const nextF = fieldByRole(schema, "nextContact");
  const recordedRaw = lastF ? current.fields[lastF.propertyName] : null;
  const recorded = typeof recordedRaw === "string" && Number.isFinite(Date.parse(recordedRaw)) ? recordedRaw : undefined;
  const emailNewer = !!mail.at && (!recorded || Date.parse(mail.at) > Date.parse(recorded));
  const day = (iso: string | undefined) => (iso ? localDateKey(iso, sales.timeZone) : undefined);

  const onContacted = useCallback(async () => {
    setBusy(true);
    try {
      const r = await markContactedAction.perform(sales, { contact: current, schema, settings });
      const next = nextF ? r.contact.fields[nextF.propertyName] : null;
      setMessage(typeof next === "string" ? { kind: "contacted", next: localDateKey(next, sales.timeZone) } : { kind: "contacted" });
    } catch {
      setMessage({ kind: "failed" });
    } finally {
      setBusy(false);
    }
  }, [sales, current, schema, settings, nextF]);

  const onFollowUp = useCallback(async () => {
    setBusy(true);
    try {
      // The picked calendar day starts at local midnight in the user's zone (domain dates).
      await flagForFollowUpAction.perform(sales, { contact: current, schema, settings, due: due ? startOfLocalDay(due, sales.timeZone) : null });
      setMessage({ kind: "flagged", date: due });
    } catch {
      setMessage({ kind: "failed" });
    } finally {
      setBusy(false);
    }
  }, [sales, current, schema, settings, due]);

  // A follow-up day before today (a typo such as 1899) would be overdue the moment it is saved: refuse it.
  const today = localDateKey(sales.now(), sales.timeZone);
  const dueError: "past" | null = due && isDayKey(due) && due < today ? "past" : null;

  return {
    name: current.displayName || current.emailAddresses[0]?.address || "",
    recorded: day(recorded),
    mail: { status: mail.status, at: day(mail.at) },
    emailNewer,
    busy,
    message,
    due,
    dueMin: today,
    dueError,
    onDueChange: (_e: unknown, data: { value: string }) => setDue(data.value),
    onContacted,
    onFollowUp,
  };
}
