import { useCallback, useState } from "react";
import { saveFieldSchema, useContacts, useServices } from "../../app";
import { addField, checkPropertyName, fieldIdFromBytes, moveField, renameLabel, setHidden } from "../../domain/schema";
import type { FieldKind, FieldSchema, Locale } from "../../domain/types";

export interface NewFieldForm {
  kind: FieldKind;
  zh: string;
  en: string;
  choices: string;
  propertyName: string;
}

const EMPTY_FORM: NewFieldForm = { kind: "text", zh: "", en: "", choices: "", propertyName: "" };

function randomId(): string {
  return fieldIdFromBytes(crypto.getRandomValues(new Uint8Array(6)));
}

/**
 * The field designer's state: a draft schema edited with the domain's designer operations (which refuse
 * clashing names, the cap, bad labels with SchemaError codes), saved on the folder through the store.
 */
export function useFieldDesigner() {
  const services = useServices();
  const snap = useContacts();
  const [draft, setDraft] = useState<FieldSchema | undefined>();
  const schema = draft ?? snap.schema;
  const [form, setForm] = useState<NewFieldForm>(EMPTY_FORM);
  const [addError, setAddError] = useState<unknown>();
  const [editError, setEditError] = useState<unknown>();
  const [status, setStatus] = useState<"idle" | "added" | "saving" | "saved" | "failed">("idle");
  const [saveError, setSaveError] = useState<unknown>();

  const edit = useCallback(
    (fn: (s: FieldSchema) => FieldSchema) => {
      try {
        setDraft(fn(schema));
        setEditError(undefined);
        setStatus("idle");
      } catch (e) {
        setEditError(e);
      }
    },
    [schema],
  );

  const add = useCallback(() => {
    try {
      const choices =
        form.kind === "choice"
          ? form.choices
              .split(/[,，、;；\n]/)
              .map((c) => c.trim())
              .filter(Boolean)
              .map((c, i) => ({ value: `c${i + 1}`, label: { "zh-CN": c, "en-US": c } }))
          : undefined;
      const custom = form.propertyName.trim();
      if (custom) checkPropertyName(schema, custom); // refuses Outlook's own names and clashes
      const { schema: next, field } = addField(schema, { kind: form.kind, label: { "zh-CN": form.zh, "en-US": form.en }, ...(choices ? { choices } : {}) }, randomId());
      const withName = custom ? { ...next, fields: next.fields.map((f) => (f === field ? { ...f, propertyName: custom } : f)) } : next;
      setDraft(withName);
      setForm(EMPTY_FORM);
      setAddError(undefined);
      setStatus("added");
    } catch (e) {
      setAddError(e);
    }
  }, [form, schema]);

  const save = useCallback(async () => {
    if (!draft) return;
    setStatus("saving");
    try {
      await saveFieldSchema.perform(services, { schema: draft });
      setDraft(undefined);
      setStatus("saved");
    } catch (e) {
      setSaveError(e);
      setStatus("failed");
    }
  }, [draft, services]);

  return {
    loaded: snap.loaded,
    schema,
    dirty: !!draft,
    form,
    setForm: (patch: Partial<NewFieldForm>) => setForm((f) => ({ ...f, ...patch })),
    add,
    addError,
    editError,
    rename: (name: string, locale: Locale, text: string) => edit((s) => renameLabel(s, name, locale, text)),
    move: (name: string, to: number) => edit((s) => moveField(s, name, to)),
    hide: (name: string, hidden: boolean) => edit((s) => setHidden(s, name, hidden)),
    discard: () => {
      setDraft(undefined);
      setStatus("idle");
    },
    save,
    status,
    saveError,
  };
}
