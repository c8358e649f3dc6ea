import { Badge, MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { MailRegular } from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";
import type { EmailAddress } from "../../domain/types";
import { EmptyState } from "../shell/EmptyState";
import { useCurrentItem } from "./useCurrentItem";
import { useThisEmailStyles } from "./ThisEmailView.styles";

function People({ people }: { people: EmailAddress[] }) {
  const { t } = useTranslation();
  const styles = useThisEmailStyles();
  if (people.length === 0) return <>{t("thisEmail.nobody")}</>;
  return (
    <ul className={styles.people}>
      {people.map((p) => (
        <li key={p.address} className={styles.person}>
          {p.name ? (
            <>
              {p.name} <span className={styles.address}>&lt;{p.address}&gt;</span>
            </>
          ) : (
            p.address
          )}
        </li>
      ))}
    </ul>
  );
}

/** The open email's people. Matching them to contacts and quick edits (issue 5) grow from here. */
export function ThisEmailView() {
  const { t } = useTranslation();
  const styles = useThisEmailStyles();
  const state = useCurrentItem();

  if (state.status === "loading") return <Spinner size="small" label={t("thisEmail.loading")} />;
  if (state.status === "error") {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>{t("thisEmail.error")}</MessageBarBody>
      </MessageBar>
    );
  }
  if (state.status === "none") {
    return <EmptyState icon={<MailRegular />} title={t("thisEmail.noItemTitle")} body={t("thisEmail.noItemBody")} />;
  }
  const { item } = state;
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
      <dl className={styles.fields}>
        <dt className={styles.term}>{t("thisEmail.from")}</dt>
        <dd className={styles.definition} data-testid="item-from">
          <People people={item.from ? [item.from] : []} />
        </dd>
        <dt className={styles.term}>{t("thisEmail.to")}</dt>
        <dd className={styles.definition} data-testid="item-to">
          <People people={item.to} />
        </dd>
        <dt className={styles.term}>{t("thisEmail.cc")}</dt>
        <dd className={styles.definition} data-testid="item-cc">
          <People people={item.cc} />
        </dd>
      </dl>
    </section>
  );
}
