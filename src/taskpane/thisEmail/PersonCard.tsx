import { Badge, Button, Caption1, Checkbox, Input, Select, Spinner, Text, type CheckboxOnChangeData, type SelectOnChangeData } from "@fluentui/react-components";
import { PersonAddRegular } from "@fluentui/react-icons";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { PersonMatch } from "../../app";
import { formatFieldValue, splitKeywordInput } from "../../domain/fieldValues";
import { fieldByRole } from "../../domain/schema";
import type { FieldOp, FieldSchema, Locale } from "../../domain/types";
import { HistoryToggle } from "../history/HistoryToggle";
import { useThisEmailStyles } from "./ThisEmailView.styles";

export interface PersonCardProps {
  person: PersonMatch;
  schema: FieldSchema;
  busy: boolean;
  /** "create:<code>" | "save:<code>" | "invalid:<code>" after a failed command. */
  problem?: string;
  onCreate: (event: { type: "create" }, data: { person: PersonMatch }) => void;
  onEdit: (event: { type: "edit" }, data: { person: PersonMatch; contactId: string; ops: FieldOp[] }) => void;
}

function problemText(t: (k: string, o?: Record<string, string>) => string, problem: string): string {
  const [kind, code = "unknown"] = problem.split(":");
  if (kind === "create" && code === "exists") return t("emailTagging.people.alreadyContact");
  if (kind === "create") return t("emailTagging.people.createFailed", { code });
  if (kind === "invalid") return t("emailTagging.people.invalidValue", { code });
  return t("emailTagging.people.saveFailed", { code });
}

/**
 * One person of the open email: who they are, their key fields, quick edit or "create contact". Colleagues (my
 * own domain) are not customers: they get a "Colleague" badge and no create button, unless already a contact.
 */
export function PersonCard({ person, schema, busy, problem, onCreate, onEdit }: PersonCardProps) {
  const { t, i18n } = useTranslation();
  const styles = useThisEmailStyles();
  const locale: Locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const [product, setProduct] = useState("");
  const contact = person.contacts[0];
  const display = person.name || contact?.displayName || person.address;
  const products = fieldByRole(schema, "products");
  const needs = fieldByRole(schema, "needsRecontact");
  const tier = fieldByRole(schema, "tier");
  const roles = person.roles.map((r) => t(r === "from" ? "emailTagging.people.roleFrom" : r === "to" ? "emailTagging.people.roleTo" : "emailTagging.people.roleCc"));
  const label = (f: { label: Record<Locale, string> }) => f.label[locale];

  const edit = (ops: FieldOp[]) => contact && onEdit({ type: "edit" }, { person, contactId: contact.id, ops });
  const addProduct = (e: FormEvent) => {
    e.preventDefault();
    const v = product.trim();
    if (!v || !products) return;
    // Split only on the separators the placeholder names (commas, ASCII or full-width), as every keywords box does:
    // "A; B" or "产品A、产品B" is one product, as typed.
    edit(splitKeywordInput(v).map((value) => ({ op: "addKeyword", field: products.propertyName, value })));
    setProduct("");
  };

  return (
    <li className={styles.card} aria-label={display} data-testid="person-card" data-address={person.address}>
      <div className={styles.cardHeader}>
        <div className={styles.cardWho}>
          <Text weight="semibold" className={styles.breakable}>
            {display}
          </Text>
          <Caption1 className={styles.address}>{person.address}</Caption1>
          <Caption1 className={styles.address}>{roles.join(" · ")}</Caption1>
        </div>
        {person.isMe ? (
          <Badge appearance="outline">{t("emailTagging.people.you")}</Badge>
        ) : contact ? (
          <Badge appearance="tint" color="success">
            {t("emailTagging.people.contact")}
          </Badge>
        ) : person.isColleague ? (
          <Badge appearance="outline" color="brand">
            {t("emailTagging.people.colleague")}
          </Badge>
        ) : (
          <Badge appearance="tint" color="informative">
            {t("emailTagging.people.notContact")}
          </Badge>
        )}
      </div>
      {!person.isMe && !person.isColleague && !contact && (
        <Button
          size="small"
          icon={busy ? <Spinner size="extra-tiny" /> : <PersonAddRegular />}
          disabled={busy}
          aria-label={t("emailTagging.people.createLabel", { name: display })}
          onClick={() => onCreate({ type: "create" }, { person })}
        >
          {busy ? t("emailTagging.people.creating") : t("emailTagging.people.create")}
        </Button>
      )}
      {contact && (
        <div className={styles.cardFields}>
          {contact.companyName && (
            <Caption1>
              {t("emailTagging.people.labelValue", { label: t("emailTagging.people.company"), value: contact.companyName })}
            </Caption1>
          )}
          {needs && (
            <Checkbox
              label={label(needs)}
              checked={contact.fields[needs.propertyName] === true}
              disabled={busy}
              onChange={(_e: ChangeEvent<HTMLInputElement>, data: CheckboxOnChangeData) =>
                edit([{ op: "set", field: needs.propertyName, value: data.checked === true }])
              }
            />
          )}
          {tier && (
            <label className={styles.inlineField}>
              <Caption1>{label(tier)}</Caption1>
              <Select
                size="small"
                aria-label={t("emailTagging.people.editLabel", { field: label(tier), name: display })}
                value={typeof contact.fields[tier.propertyName] === "string" ? (contact.fields[tier.propertyName] as string) : ""}
                disabled={busy}
                onChange={(_e: ChangeEvent<HTMLSelectElement>, data: SelectOnChangeData) =>
                  edit(data.value ? [{ op: "set", field: tier.propertyName, value: data.value }] : [{ op: "clear", field: tier.propertyName }])
                }
              >
                <option value="">{t("emailTagging.people.unset")}</option>
                {(tier.choices ?? []).map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label[locale]}
                  </option>
                ))}
              </Select>
            </label>
          )}
          {products && (
            <div className={styles.inlineFieldColumn}>
              <Caption1>
                {t("emailTagging.people.labelValue", {
                  label: label(products),
                  value: formatFieldValue(products, contact.fields[products.propertyName], { locale, timeZone: "UTC" }) || t("emailTagging.people.unset"),
                })}
              </Caption1>
              <form className={styles.addRow} onSubmit={addProduct}>
                <Input
                  size="small"
                  className={styles.grow}
                  value={product}
                  placeholder={t("emailTagging.people.productPlaceholder")}
                  aria-label={t("emailTagging.people.addProductLabel", { name: display })}
                  disabled={busy}
                  onChange={(_e, data) => setProduct(data.value)}
                />
                <Button size="small" type="submit" disabled={busy || product.trim() === ""}>
                  {t("emailTagging.people.addProduct")}
                </Button>
              </form>
            </div>
          )}
        </div>
      )}
      {contact && <HistoryToggle contact={contact} />}
      {problem && (
        <Text role="alert" className={styles.problem}>
          {problemText(t, problem)}
        </Text>
      )}
    </li>
  );
}
