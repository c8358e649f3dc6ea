import { Button, Field, MessageBar, MessageBarBody, Select, Spinner, Text } from "@fluentui/react-components";
import { DismissRegular, PersonSwapRegular } from "@fluentui/react-icons";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { TeamService } from "../../app";
import { responsibleFor } from "../../domain/claims";
import { formatFieldValue } from "../../domain/fieldValues";
import type { Person } from "../../domain/people";
import { fieldByRole, visibleFields } from "../../domain/schema";
import type { Contact, FieldSchema, Locale } from "../../domain/types";
import { ContactHistory } from "../history/ContactHistory";
import { useCustomerPanelStyles } from "./CustomerPanel.styles";
import { useReassign } from "./useReassign";

export interface CustomerPanelProps {
  contact: Contact;
  schema: FieldSchema;
  service: TeamService;
  people: readonly Person[];
  directory: ReadonlyMap<string, Person>;
  nameOf: (address: string | null | undefined) => string;
  locale: Locale;
  timeZone: string;
  onClose: () => void;
  onReassigned: (ev: unknown, data: { customer: string; to: Person }) => void;
}

/**
 * A customer opened from the Team view (issue 13 item 5): its fields and contact history, read-only (the manager
 * reads the salesperson's shared folder), and "Reassign to" another salesperson of the team.
 */
export function CustomerPanel(props: CustomerPanelProps) {
  const { contact, schema, nameOf } = props;
  const { t } = useTranslation();
  const styles = useCustomerPanelStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  const owner = responsibleFor(contact.fields, schema, contact.mailbox ?? "");
  const r = useReassign(props.service, contact, schema, props.directory, (to) => props.onReassigned(undefined, { customer: contact.displayName, to }));
  const ownerF = fieldByRole(schema, "owner");
  const candidates = props.people.filter((p) => p.address !== owner);
  const chosen = candidates.find((p) => p.address === r.to);

  // The panel opens at the top of the view: bring it into sight and put focus on its heading.
  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: "nearest" });
    heading.current?.focus();
  }, [contact.id]);

  return (
    <section className={styles.root} aria-labelledby="team-customer-heading" data-testid="team-customer">
      <div className={styles.header}>
        <h2 id="team-customer-heading" className={styles.heading} tabIndex={-1} ref={heading}>
          {contact.displayName}
        </h2>
        <Button size="small" appearance="subtle" icon={<DismissRegular />} aria-label={t("teamView.customer.close")} onClick={props.onClose} />
      </div>
      <Text size={200} title={owner}>
        {t("teamView.customer.salesperson", { name: nameOf(owner), address: owner })}
      </Text>
      <dl className={styles.fields} aria-label={t("teamView.customer.fields")}>
        {contact.companyName && (
          <div className={styles.pair}>
            <dt>{t("teamView.customer.company")}</dt>
            <dd>{contact.companyName}</dd>
          </div>
        )}
        {contact.emailAddresses.length > 0 && (
          <div className={styles.pair}>
            <dt>{t("teamView.customer.email")}</dt>
            <dd>{contact.emailAddresses.map((e) => e.address).join(", ")}</dd>
          </div>
        )}
        {visibleFields(schema).map((f) => {
          const v = contact.fields[f.propertyName];
          const text = f === ownerF && typeof v === "string" && v ? nameOf(v) : formatFieldValue(f, v, { locale: props.locale, timeZone: props.timeZone });
          return (
            <div key={f.propertyName} className={styles.pair}>
              <dt>{f.label[props.locale]}</dt>
              <dd title={f === ownerF && typeof v === "string" ? v : undefined}>{text || "—"}</dd>
            </div>
          );
        })}
      </dl>

      {r.available && (
        <form
          className={styles.reassign}
          aria-label={t("teamView.customer.reassignForm")}
          onSubmit={(ev) => {
            ev.preventDefault();
            if (chosen) void r.reassign(ev, { to: chosen });
          }}
        >
          <Field label={t("teamView.customer.reassignTo")} size="small" className={styles.grow}>
            <Select size="small" value={r.to} onChange={(_ev, d) => r.setTo(d.value)}>
              <option value="">{t("teamView.customer.choose")}</option>
              {candidates.map((p) => (
                <option key={p.address} value={p.address}>
                  {p.name ? `${p.name} (${p.address})` : p.address}
                </option>
              ))}
            </Select>
          </Field>
          <Button size="small" type="submit" icon={<PersonSwapRegular />} disabled={!chosen || r.busy}>
            {chosen ? t("teamView.customer.reassignButtonTo", { name: chosen.name ?? chosen.address }) : t("teamView.customer.reassignButton")}
          </Button>
          {r.busy && <Spinner size="tiny" label={t("teamView.customer.reassigning")} />}
        </form>
      )}
      <div role="status">
        {r.message?.kind === "error" && (
          <MessageBar intent="error">
            <MessageBarBody>{t(`teamView.customer.errors.${r.message.code}`, { from: nameOf(owner), to: chosen?.name ?? chosen?.address ?? "" })}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {/* The contact history from the salesperson's shared folder (issue 13), read-only: open complaints show. */}
      <ContactHistory contact={contact} readOnly />
    </section>
  );
}
