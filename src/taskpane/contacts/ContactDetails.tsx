import {
  Button,
  Field,
  Input,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import { lazy, Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSalesService, type ContactsService } from "../../app";
import type { Contact, FieldDefinition, Locale } from "../../domain/types";
import { FollowUpActions } from "../today/FollowUpActions";
import { useContactListStyles } from "./ContactList.styles";
import { fieldErrorMessage, fieldLabel } from "./fieldText";
import { useContactDetails } from "./useContactDetails";

// The history (its form brings Fluent's Textarea and Badge) loads with the first opened contact, not with the pane:
// the task pane's initial JavaScript has a 250 KB gzipped budget (bench/README.md).
const ContactHistory = lazy(() =>
  import(/* webpackChunkName: "history" */ "../history/ContactHistory").then((m) => ({ default: m.ContactHistory })),
);

// "Plan a visit" (the visit form brings Fluent's Select) loads with the first opened contact too.
const ContactVisits = lazy(() => import(/* webpackChunkName: "history" */ "../today/ContactVisits").then((m) => ({ default: m.ContactVisits })));

/**
 * One contact's fields, editable (a panel that fits 320 px). No "open in Outlook" link: Microsoft documents
 * no Outlook on the web URL for a single contact (Graph's contact resource has no webLink, unlike message),
 * so the pane says so instead of guessing one.
 */
export function ContactDetails(props: {
  service: ContactsService;
  contact: Contact;
  fields: FieldDefinition[];
  locale: Locale;
  onClose: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const styles = useContactListStyles();
  const { contact: c, fields, locale } = props;
  // Calendar days in the user's zone, the same one Today and the follow-up actions use.
  // The same service moves the contact's To Do task when its follow-up date is edited here (issue 10 item 13).
  const sales = useSalesService();
  const d = useContactDetails(props.service, c, fields, sales.timeZone, sales);
  // The panel opens above the list: take focus there, so keyboard and screen-reader users land in it.
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
  }, []);
  return (
    <section
      className={styles.panel}
      aria-labelledby="contact-details-title"
      data-testid="contact-details"
    >
      <div className={styles.panelHeader}>
        <Subtitle2 id="contact-details-title" as="h3">
          {t("contactList.details.title", { name: c.displayName })}
        </Subtitle2>
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          ref={closeRef}
          aria-label={t("contactList.details.close")}
          onClick={props.onClose}
        />
      </div>
      <Text size={200}>
        {[c.companyName, c.emailAddresses.map((e) => e.address).join(", ")]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      <FollowUpActions contact={c} />
      <Suspense fallback={null}>
        <ContactVisits contact={c} />
      </Suspense>
      <form
        className={styles.panel}
        onSubmit={(e) => {
          e.preventDefault();
          void d.save();
        }}
      >
        {fields.map((f) => {
          const err = d.errors[f.propertyName];
          const label = fieldLabel(f, locale);
          const value = d.draft[f.propertyName] ?? "";
          const onText = (v: string) => d.setValue(f.propertyName, v);
          return (
            <Field
              key={f.propertyName}
              label={label}
              validationMessage={err ? fieldErrorMessage(t, err) : undefined}
              hint={
                f.kind === "keywords"
                  ? t("contactList.details.keywordsHint")
                  : undefined
              }
            >
              {f.kind === "yesno" ? (
                <Select value={value} onChange={(_e, x) => onText(x.value)}>
                  <option value="">{t("contactList.details.unset")}</option>
                  <option value="true">{t("contactList.yes")}</option>
                  <option value="false">{t("contactList.no")}</option>
                </Select>
              ) : f.kind === "choice" ? (
                <Select value={value} onChange={(_e, x) => onText(x.value)}>
                  <option value="">{t("contactList.details.unset")}</option>
                  {(f.choices ?? []).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label[locale]}
                    </option>
                  ))}
                </Select>
              ) : (
                <Input
                  className={styles.fillInput}
                  type={f.kind === "date" ? "date" : "text"}
                  inputMode={f.kind === "number" ? "decimal" : undefined}
                  value={value}
                  onChange={(_e, x) => onText(x.value)}
                />
              )}
            </Field>
          );
        })}
        <div className={styles.panelRow}>
          <Button
            type="submit"
            appearance="primary"
            disabled={d.status === "saving"}
          >
            {t("contactList.details.save")}
          </Button>
          <span role="status">
            {d.status === "saved" && t("contactList.details.saved")}
            {d.status === "noChanges" && t("contactList.details.noChanges")}
            {d.status === "failed" && (
              <span className={styles.failed}>
                {fieldErrorMessage(t, d.failure)}
              </span>
            )}
          </span>
        </div>
      </form>
      <Suspense fallback={null}>
        <ContactHistory contact={c} />
      </Suspense>
      <Text size={200}>{t("contactList.details.noDeepLink")}</Text>
    </section>
  );
}
