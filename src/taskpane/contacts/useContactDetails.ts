import { useCallback, useMemo, useState } from "react";
import { saveContactFields, type ContactsService } from "../../app";
import { normalizeFieldValue, valuesEqual } from "../../domain/fieldValues";
import type { Contact, FieldDefinition, FieldOp } from "../../domain/types";
import { fieldInputText, rawFieldInput } from "./rawValue";

/** The details form: text per field, validated by the domain on save; only changed fields are written. */
export function useContactDetails(service: ContactsService, contact: Contact, fields: FieldDefinition[]) {
  const initial = useMemo(() => Object.fromEntries(fields.map((f) => [f.propertyName, fieldInputText(f, contact.fields[f.propertyName])])), [fields, contact]);
  const [draft, setDraft] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Record<string, { code: string; params: Record<string, unknown> }>>({});
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "noChanges" | "failed">("idle");
  const [failure, setFailure] = useState<unknown>();

  const setValue = useCallback((name: string, text: string) => {
    setDraft((d) => ({ ...d, [name]: text }));
    setStatus("idle");
  }, []);

  const save = useCallback(async () => {
    const ops: FieldOp[] = [];
    const errs: typeof errors = {};
    for (const f of fields) {
      const text = draft[f.propertyName] ?? "";
      if (text === initial[f.propertyName]) continue;
      const r = normalizeFieldValue(f, rawFieldInput(f, text));
      if (!r.ok) {
        errs[f.propertyName] = { code: r.code, params: r.params };
        continue;
      }
      const before = contact.fields[f.propertyName];
      if (valuesEqual(before ?? null, r.value)) continue;
      ops.push(r.value === null ? { op: "clear", field: f.propertyName } : { op: "set", field: f.propertyName, value: r.value });
    }
    setErrors(errs);
    if (Object.keys(errs).length) return; // validation failures write nothing (design.md §7)
    if (!ops.length) {
      setStatus("noChanges");
      return;
    }
    setStatus("saving");
    try {
      const results = await saveContactFields.perform({ contacts: service }, { contactId: contact.id, ops });
      const failed = results.find((r) => r.status === "failed");
      if (failed) {
        setFailure(failed);
        setStatus("failed");
      } else setStatus("saved");
    } catch (e) {
      setFailure(e);
      setStatus("failed");
    }
  }, [fields, draft, initial, contact, service]);

  return { draft, setValue, errors, status, failure, save };
}
