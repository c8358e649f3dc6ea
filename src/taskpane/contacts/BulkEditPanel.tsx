import {
  Button,
  Field,
  ProgressBar,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { ArrowUndoRegular, DismissRegular } from "@fluentui/react-icons";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSalesService, type ContactsService } from "../../app";
import type { Contact, FieldDefinition, Locale } from "../../domain/types";
import { useContactListStyles } from "./ContactList.styles";
import { FieldValueInput } from "./FieldValueInput";
import { displayValue, fieldErrorMessage, fieldLabel } from "./fieldText";
import { useBulkEdit } from "./useBulkEdit";

export function BulkEditPanel(props: {
  service: ContactsService;
  fields: FieldDefinition[];
  selectedIds: readonly string[];
  contactsById: ReadonlyMap<string, Contact>;
  locale: Locale;
  onClose: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const styles = useContactListStyles();
  // Moving follow-up dates in bulk moves the contacts' To Do tasks too (issue 10 item 13).
  const b = useBulkEdit(props.service, props.fields, props.selectedIds, useSalesService());
  // Keyboard focus never falls to the page body: Apply and Undo stay focusable while they run, and when they are
  // gone (done), focus moves to the outcome they leave.
  const resultsRef = useRef<HTMLDivElement>(null);
  const undoneRef = useRef<HTMLSpanElement>(null);
  const focusNext = useRef<"results" | "undone" | undefined>(undefined);
  useEffect(() => {
    const el = focusNext.current === "results" ? resultsRef.current : focusNext.current === "undone" ? undoneRef.current : null;
    if (!el) return;
    focusNext.current = undefined;
    el.focus();
  }, [b.results, b.undoneCount]);
  const f = b.field;
  const empty = t("contactList.bulk.empty");
  const written = b.results?.filter((r) => r.status === "written").length ?? 0;
  const failed = b.results?.filter((r) => r.status === "failed") ?? [];
  return (
    <section
      className={styles.panel}
      aria-labelledby="bulk-edit-title"
      data-testid="bulk-edit"
    >
      <div className={styles.panelHeader}>
        <Subtitle2 id="bulk-edit-title" as="h3">
          {t("contactList.bulk.title", { count: props.selectedIds.length })}
        </Subtitle2>
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          aria-label={t("contactList.bulk.cancel")}
          onClick={props.onClose}
        />
      </div>
      <div className={styles.panelRow}>
        <Field label={t("contactList.bulk.field")}>
          <Select
            value={f?.propertyName ?? ""}
            onChange={(_e, d) => b.setField(d.value)}
          >
            {props.fields.map((x) => (
              <option key={x.propertyName} value={x.propertyName}>
                {fieldLabel(x, props.locale)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("contactList.bulk.action")}>
          <Select
            value={b.action}
            onChange={(_e, d) => b.setAction(d.value as typeof b.action)}
          >
            {b.actions.map((a) => (
              <option key={a} value={a}>
                {t(`contactList.bulk.${a}`)}
              </option>
            ))}
          </Select>
        </Field>
        {f && b.action !== "clear" && (
          <Field
            label={t("contactList.bulk.value")}
            validationMessage={
              b.error ? fieldErrorMessage(t, b.error) : undefined
            }
          >
            <FieldValueInput
              field={f}
              value={b.value}
              onChange={(_e, d) => b.setValue(d.value)}
              locale={props.locale}
              allowEmpty
              choiceList={b.action === "set"}
              placeholder={f.kind === "keywords" ? t("contactList.details.keywordsHint") : undefined}
            />
          </Field>
        )}
      </div>
      {b.error !== undefined && b.action === "clear" && (
        <Text className={styles.failed}>{fieldErrorMessage(t, b.error)}</Text>
      )}
      <div className={styles.panelRow}>
        <Button
          onClick={b.preview}
          disabled={b.busy || !props.selectedIds.length}
        >
          {t("contactList.bulk.preview")}
        </Button>
        {b.plan && (
          <Button
            appearance="primary"
            onClick={() => {
              focusNext.current = "results";
              void b.apply();
            }}
            disabled={!b.plan.plans.length}
            disabledFocusable={b.busy}
          >
            {t("contactList.bulk.apply", { count: b.plan.plans.length })}
          </Button>
        )}
        {b.canUndo && (
          <Button
            icon={<ArrowUndoRegular />}
            onClick={() => {
              focusNext.current = "undone";
              void b.undo();
            }}
          >
            {t("contactList.bulk.undo")}
          </Button>
        )}
      </div>
      {b.plan && f && (
        <div data-testid="bulk-preview">
          <Text weight="semibold">
            {t("contactList.bulk.previewHeading", {
              changed: b.plan.plans.length,
              unchanged: b.plan.unchanged.length,
              refused: b.plan.refused.length,
            })}
          </Text>
          <ul className={styles.preview}>
            {b.plan.plans.map((p) => (
              <li key={p.contactId}>
                {t("contactList.bulk.previewRow", {
                  name:
                    props.contactsById.get(p.contactId)?.displayName ??
                    p.contactId,
                  before:
                    displayValue(f, p.before[f.propertyName], props.locale) ||
                    empty,
                  after:
                    displayValue(f, p.after[f.propertyName], props.locale) ||
                    empty,
                })}
              </li>
            ))}
            {b.plan.refused.map((r) => (
              <li key={`r-${r.contactId}`} className={styles.failed}>
                {props.contactsById.get(r.contactId)?.displayName}:{" "}
                {t("contactList.bulk.refused")}
              </li>
            ))}
          </ul>
        </div>
      )}
      {b.progress && (
        <Field
          validationMessage={t("contactList.bulk.progress", {
            done: b.progress.done,
            total: b.progress.total,
          })}
          validationState="none"
        >
          <ProgressBar
            value={
              b.progress.total ? b.progress.done / b.progress.total : undefined
            }
            aria-label={t("contactList.bulk.progress", {
              done: b.progress.done,
              total: b.progress.total,
            })}
          />
        </Field>
      )}
      {b.results && (
        <div role="status" data-testid="bulk-results" ref={resultsRef} tabIndex={-1}>
          <Text weight="semibold">
            {t("contactList.bulk.resultsHeading", {
              written,
              failed: failed.length,
            })}
          </Text>
          {failed.length > 0 && (
            <ul className={styles.preview}>
              {failed.map((r) => (
                <li key={r.contactId} className={styles.failed}>
                  {props.contactsById.get(r.contactId)?.displayName}:{" "}
                  {t("contactList.bulk.resultFailed", {
                    reason: r.status === "failed" ? r.reason : "",
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {b.undoneCount !== undefined && (
        <Text role="status" ref={undoneRef} tabIndex={-1}>
          {t("contactList.bulk.undone", { count: b.undoneCount })}
        </Text>
      )}
    </section>
  );
}
