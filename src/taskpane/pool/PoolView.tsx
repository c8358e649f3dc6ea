import { Badge, Button, MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { CheckmarkRegular, PersonAddRegular, PeopleQueueRegular } from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";
import { localDateKey } from "../../domain/dates";
import { fieldByRole } from "../../domain/schema";
import { formatDay } from "../i18n/formatDay";
import { EmptyState } from "../shell/EmptyState";
import { useTodayStyles } from "../today/Today.styles";
import { poolKey, usePool, type PoolMessage } from "./usePool";

/** The pool (客户公海): lapsed customers of my folder and my teammates' shared folders, each with "Claim". */
export function PoolView() {
  const { t, i18n } = useTranslation();
  const styles = useTodayStyles();
  const p = usePool();
  const day = (iso: string | undefined) =>
    iso && Number.isFinite(Date.parse(iso)) ? formatDay(localDateKey(iso, p.timeZone), i18n.language) : "—";

  const banner = (m: PoolMessage | null) => {
    if (!m) return null;
    if (m.kind === "claimed")
      return {
        intent: m.moved ? ("success" as const) : ("warning" as const),
        text: m.moved ? t("pool.claimed", { name: m.name }) : t("pool.claimedNotMoved", { name: m.name }),
      };
    if (m.kind === "contacted") return { intent: "success" as const, text: t("pool.contactRecorded", { name: m.name }) };
    if (m.kind === "failed")
      return {
        intent: "error" as const,
        text: m.what === "contact" ? t("pool.contactFailed", { name: m.name }) : t("pool.claimFailed", { name: m.name }),
      };
    const text =
      m.code === "claimedBySomeoneElse"
        ? t("pool.refusedOther", {
            name: m.name,
            owner: m.owner ? p.ownerLabel(m.owner) : "",
            date: day(m.lapsesAt),
          })
        : m.code === "alreadyYours"
          ? t("pool.refusedMine", { name: m.name })
          : m.code === "renewNeedsContact"
            ? t("pool.refusedRenew", { name: m.name })
            : m.code === "notShared"
              ? t("pool.refusedNotShared", { name: m.name })
              : m.code === "gone"
                ? t("pool.refusedGone", { name: m.name })
                : t("pool.refusedConflict", { name: m.name });
    return { intent: "warning" as const, text };
  };

  return (
    <section className={styles.root} aria-labelledby="pool-heading">
      <h2 id="pool-heading" className={styles.heading}>
        {t("pool.heading")}
      </h2>
      <span className={styles.meta}>{t("pool.intro", { days: p.lapseDays })}</span>
      {p.status === "loading" && <Spinner size="small" label={t("pool.loading")} />}
      {p.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t("pool.error")}{" "}
            <Button size="small" onClick={p.retry}>
              {t("pool.retry")}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {p.folders
        .filter((f) => f.status !== "ok")
        .map((f) => (
          <MessageBar key={f.mailbox} intent="warning">
            <MessageBarBody>
              {t(f.status === "notShared" ? "pool.folderNotShared" : "pool.folderUnreachable", { mailbox: f.mailbox })}
            </MessageBarBody>
          </MessageBar>
        ))}
      {p.status === "ready" &&
        (p.items.length === 0 ? (
          <EmptyState icon={<PeopleQueueRegular />} title={t("pool.emptyTitle")} body={t("pool.emptyBody", { days: p.lapseDays })} />
        ) : (
          <>
            <span className={styles.count}>{t("pool.count", { count: p.items.length })}</span>
            <ul className={styles.list} aria-labelledby="pool-heading">
              {p.items.map((item) => {
                const c = item.contact;
                const name = c.displayName || c.emailAddresses[0]?.address || "";
                const lastF = fieldByRole(item.schema, "lastContacted");
                const last = lastF ? c.fields[lastF.propertyName] : null;
                const key = poolKey(item);
                const busy = p.busy === key;
                const outcome = p.outcomes[key];
                const b = banner(outcome ?? null);
                return (
                  <li key={key} className={styles.item} data-testid="pool-item">
                    <div className={styles.itemHeader}>
                      <span className={styles.name}>{name}</span>
                      <Badge appearance="tint" color="danger">
                        {t("pool.lapsedSince", {
                          date: day(item.claim.lapsesAt),
                        })}
                      </Badge>
                    </div>
                    {c.companyName && <span className={styles.meta}>{c.companyName}</span>}
                    <span className={styles.meta}>
                      {t("pool.labelValue", { label: t("pool.owner"), value: item.claim.owner ? p.ownerLabel(item.claim.owner) : t("pool.noOwner") })} ·{" "}
                      <span className={styles.noWrap}>
                        {t("pool.labelValue", { label: t("pool.lastContacted"), value: typeof last === "string" ? day(last) : t("pool.never") })}
                      </span>
                    </span>
                    <div role="status">
                      {b && (
                        <MessageBar intent={b.intent} data-testid="pool-message">
                          <MessageBarBody>{b.text}</MessageBarBody>
                        </MessageBar>
                      )}
                    </div>
                    {item.mine && <span className={styles.meta}>{t("pool.mineLapsed")}</span>}
                    {!item.mine && outcome?.kind !== "claimed" && (
                      <div className={styles.actions}>
                        <Button
                          icon={busy ? <Spinner size="extra-tiny" /> : <PersonAddRegular />}
                          disabled={p.busy !== null || (outcome?.kind === "refused" && outcome.code !== "conflict")}
                          aria-label={t("pool.claimFor", { name })}
                          onClick={(e) => void p.onClaim(e, { item })}
                        >
                          {busy ? t("pool.claiming") : t("pool.claim")}
                        </Button>
                      </div>
                    )}
                    {item.mine && item.mailbox.toLowerCase() === p.me.toLowerCase() && outcome?.kind !== "contacted" && (
                      <div className={styles.actions}>
                        <Button
                          icon={busy ? <Spinner size="extra-tiny" /> : <CheckmarkRegular />}
                          disabled={p.busy !== null}
                          aria-label={t("pool.recordContactFor", { name })}
                          onClick={(e) => void p.onContacted(e, { item })}
                        >
                          {t("pool.recordContact")}
                        </Button>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        ))}
    </section>
  );
}
