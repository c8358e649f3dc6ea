import { useCallback, useMemo, useState } from "react";
import { saveContactFields, type ActionServices, type ContactsService } from "../../app";
import { normalizeFieldValue, valuesEqual } from "../../domain/fieldValues";
import type { Contact, FieldDefinition, FieldOp } from "../../domain/types";
import { LOCAL_TIME_ZONE } from "./fieldText";
import { fieldInputText, rawFieldInput } from "./rawValue";

/**
 * The details form: text per field, validated by the domain on save. Only the fields the user edited are
 * written (issue 10 item 7): every other field shows the contact as the store has it now, so an action taken
 * meanwhile ("Follow up", "Contacted", a teammate's change arriving) is shown and never written back stale.
 * Dates are calendar days in the user's zone (`timeZone`), shown and chosen (issue 10 item 9).
 */
export function useContactDetails(
  service: ContactsService,
  contact: Contact,
  fields: FieldDefinition[],
  timeZone: string = LOCAL_TIME_ZONE,
  followUpTasks?: ActionServices["followUpTasks"],
) {
  const stored = useMemo(
    () => Object.fromEntries(fields.map((f) => [f.propertyName, fieldInputText(f, contact.fields[f.propertyName], timeZone)])),
    [fields, contact, timeZone],
  );
  // What the user typed, per field; the rest of the form follows `stored`.
  const [edited, setEdited] = useState<Record<string, string>>({});
  const draft = useMemo(() => ({ ...stored, ...edited }), [stored, edited]);
  const [errors, setErrors] = useState<Record<string, { code: string; params: Record<string, unknown> }>>({});
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "noChanges" | "failed">("idle");
  const [failure, setFailure] = useState<unknown>();

  const setValue = useCallback((name: string, text: string) => {
    setEdited((d) => ({ ...d, [name]: text }));
    setStatus("idle");
  }, []);

  const save = useCallback(async () => {
    const ops: FieldOp[] = [];
    const errs: typeof errors = {};
    for (const f of fields) {
      if (!Object.prototype.hasOwnProperty.call(edited, f.propertyName)) continue;
      const text = edited[f.propertyName] ?? "";
      const r = normalizeFieldValue(f, rawFieldInput(f, text), { timeZone });
      if (!r.ok) {
        errs[f.propertyName] = { code: r.code, params: r.params };
        continue;
      }
      const before = contact.fields[f.propertyName];
      // A date the user left on the day it already is keeps its stored time of day.
      if (f.kind === "date" && text === stored[f.propertyName]) continue;
      if (valuesEqual(before ?? null, r.value)) continue;
      ops.push(r.value === null ? { op: "clear", field: f.propertyName } : { op: "set", field: f.propertyName, value: r.value });
    }
    setErrors(errs);
    if (Object.keys(errs).length) return; // validation failures write nothing (design.md §7)
    if (!ops.length) {
      setEdited({});
      setStatus("noChanges");
      return;
    }
    setStatus("saving");
    try {
      const results = await saveContactFields.perform({ contacts: service, ...(followUpTasks ? { followUpTasks } : {}) }, { contactId: contact.id, ops });
      const failed = results.find((r) => r.status === "failed");
      if (failed) {
        setFailure(failed);
        setStatus("failed");
      } else {
        // Saved: the form shows the store's copy again (which now holds these values).
        setEdited({});
        setStatus("saved");
      }
    } catch (e) {
      setFailure(e);
      setStatus("failed");
    }
  }, [fields, edited, stored, contact, service, timeZone, followUpTasks]);

  return { draft, setValue, errors, status, failure, save };
}
