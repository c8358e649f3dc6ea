import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { MailRegular } from "@fluentui/react-icons";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { MailItemSnapshot, SelectedItem } from "../../app";
import { parseReportSubject, parseSignOffSubject } from "../../domain/reportSubject";
import { EmptyState } from "../shell/EmptyState";
import { PersonCard } from "./PersonCard";
import { TagPanel } from "./TagPanel";
import { useCurrentItem } from "./useCurrentItem";
import { useEmailPeople } from "./useEmailPeople";
import { useSelectedItems } from "./useSelectedItems";
import { useThisEmailStyles } from "./ThisEmailView.styles";

/** A daily report or its sign-off (issue 13, 签收): its own chunk, loaded only when such a message is open. */
const ReportReview = lazy(() => import(/* webpackChunkName: "report-review" */ "../reports/ReportReview"));

/** Sender and recipients of the open email, matched to contacts, with quick edit and "create contact". */
function EmailPeople({ item }: { item: MailItemSnapshot }) {
  const { t } = useTranslation();
  const styles = useThisEmailStyles();
  const people = useEmailPeople(item);
  const { state } = people;
  if (state.status === "loading") return <Spinner size="small" label={t("emailTagging.people.loading")} />;
  if (state.status === "error") {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          {t("emailTagging.people.error")}{" "}
          <Button size="small" appearance="transparent" onClick={people.retry}>
            {t("emailTagging.people.retry")}
          </Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
  const schema = people.schema();
  return (
    <ul className={styles.people} aria-label={t("emailTagging.people.heading")}>
      {state.people.map((p) => (
        <PersonCard
          key={p.address}
          person={p}
          schema={schema}
          busy={people.busy[p.address] === true}
          problem={people.messages[p.address]}
          onCreate={(_e, data) => void people.createContact(data.person)}
          onEdit={(_e, data) => void people.edit(data.person, data.contactId, data.ops)}
        />
      ))}
    </ul>
  );
}

function SelectionTagging({ items }: { items: SelectedItem[] }) {
  const { t } = useTranslation();
  const styles = useThisEmailStyles();
  const source = useMemo(() => ({ kind: "selection" as const, items }), [items]);
  const key = items.map((i) => i.itemId).join("|");
  return (
    <section className={styles.root} aria-label={t("emailTagging.tag.selectionHeading", { count: items.length })} data-testid="selection-tagging">
      <h2 className={styles.subject}>{t("emailTagging.tag.selectionHeading", { count: items.length })}</h2>
      <TagPanel key={key} source={source} />
    </section>
  );
}

function ThreadTagging({ item }: { item: MailItemSnapshot }) {
  const source = useMemo(() => ({ kind: "thread" as const, item }), [item]);
  return <TagPanel source={source} />;
}

function MultiSelectUnsupported() {
  const { t } = useTranslation();
  return (
    <MessageBar intent="info" layout="multiline" data-testid="multiselect-unsupported">
      <MessageBarBody>
        <MessageBarTitle>{t("emailTagging.multi.unsupportedTitle")}</MessageBarTitle>
        {t("emailTagging.multi.unsupported")}
      </MessageBarBody>
    </MessageBar>
  );
}

/** The open email's people (matched, editable) and tagging of its whole conversation, or of several selected emails. */
export function ThisEmailView() {
  const { t } = useTranslation();
  const styles = useThisEmailStyles();
  const state = useCurrentItem();
  const selection = useSelectedItems();
  const unsupported = selection.status === "unsupported" ? <MultiSelectUnsupported /> : null;

  if (selection.status === "ready" && selection.items.length > 1) return <SelectionTagging items={selection.items} />;

  if (state.status === "loading") return <Spinner size="small" label={t("thisEmail.loading")} />;
  if (state.status === "error") {
    return (
      <div className={styles.root}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{t("thisEmail.error")}</MessageBarBody>
        </MessageBar>
        {unsupported}
      </div>
    );
  }
  if (state.status === "none") {
    return (
      <div className={styles.root}>
        <EmptyState icon={<MailRegular />} title={t("thisEmail.noItemTitle")} body={t("thisEmail.noItemBody")} />
        {unsupported}
      </div>
    );
  }
  const { item } = state;
  const itemKey = `${item.itemId ?? ""}|${item.conversationId ?? ""}|${item.mode}|${item.subject}`;
  return (
    <section className={styles.root} aria-label={t("thisEmail.heading")} data-testid="this-email">
      <div>
        <Badge appearance="tint" data-testid="item-mode">
          {item.mode === "compose" ? t("thisEmail.modeCompose") : t("thisEmail.modeRead")}
        </Badge>
      </div>
      <h2 className={styles.subject} data-testid="item-subject">
        {item.subject || t("thisEmail.noSubject")}
      </h2>
      {item.mode === "read" && (parseReportSubject(item.subject) || parseSignOffSubject(item.subject)) && (
        <Suspense fallback={<Spinner size="tiny" />}>
          <ReportReview key={`report:${itemKey}`} item={item} />
        </Suspense>
      )}
      <h3 className={styles.sectionHeading}>{t("emailTagging.people.heading")}</h3>
      {/* Siblings need distinct keys (React warned of a duplicate); each still resets when the email changes. */}
      <EmailPeople key={`people:${itemKey}`} item={item} />
      {item.conversationId && <ThreadTagging key={`thread:${itemKey}`} item={item} />}
      {unsupported}
    </section>
  );
}
