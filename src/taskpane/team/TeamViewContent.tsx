import {
  Body1,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowSyncRegular, DismissRegular, PeopleTeamRegular } from "@fluentui/react-icons";
import { lazy, Suspense, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TeamFilters } from "../../app";
import { followUpInfo } from "../../domain/followUp";
import { choiceLabel, fieldByRole } from "../../domain/schema";
import { responsibleFor } from "../../domain/claims";
import { CustomerPanel } from "./CustomerPanel";
import { TeamComplaints } from "./TeamComplaints";
import managerEnUS from "./manager.strings.en-US.json";
import managerZhCN from "./manager.strings.zh-CN.json";
import viewEnUS from "./strings.en-US.json";
import viewZhCN from "./strings.zh-CN.json";
import { HistoryToggle } from "../history/HistoryToggle";
import { EmptyState } from "../shell/EmptyState";
import { useTeamViewStyles } from "./TeamView.styles";
import { MAX_VISIBLE_ROWS, useTeam, type TeamViewOptions } from "./useTeam";

const TeamChart = lazy(() => import(/* webpackChunkName: "team-chart" */ "./TeamChart"));
const WeeklyReport = lazy(() => import(/* webpackChunkName: "weekly-report" */ "../reports/WeeklyReport"));

const MEASURES = ["due", "overdue", "lapsing", "lapsed"] as const;

export type TeamViewProps = TeamViewOptions & { chartWidth?: number };

/** The manager's view of the salespeople's shared contact folders (issue 6), plus CSV import into my contacts. */
export default function TeamViewContent(props: TeamViewProps) {
  const { t, i18n } = useTranslation();
  // The Team view's strings come with this lazily loaded view, not with the pane's initial JavaScript (250 KB
  // budget: a salesperson never opens it); merged into the pane's resources before the first render.
  useState(() => {
    for (const [lng, bundles] of [["en-US", [viewEnUS, managerEnUS]], ["zh-CN", [viewZhCN, managerZhCN]]] as const) {
      for (const b of bundles) i18n.addResourceBundle(lng, "translation", b, true, false);
    }
    return true;
  });
  const styles = useTeamViewStyles();
  const team = useTeam(props);
  const { view, filters, locale } = team;
  const [address, setAddress] = useState("");

  const tierF = fieldByRole(view.schema, "tier");
  const loaded = team.folders.filter((f) => f.status === "loaded");
  const onAdd = (ev: FormEvent) => {
    ev.preventDefault();
    if (team.addMember(ev, { address })) setAddress("");
  };
  const select = (name: keyof TeamFilters, label: string, options: { value: string; label: string }[]) => (
    <Field label={label} size="small" className={styles.filterField}>
      <Select
        size="small"
        className={styles.filterSelect}
        value={filters[name]}
        onChange={(ev, data) => team.onFilterChange(ev, { name, value: data.value })}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <section aria-label={t("teamView.heading")} className={styles.root} data-testid="team-view">
      <section aria-labelledby="team-members-heading" className={styles.section}>
        <h2 id="team-members-heading" className={styles.heading}>
          {t("teamView.members.heading")}
        </h2>
        {team.members && team.members.length > 0 && (
          <ul className={styles.members} aria-label={t("teamView.members.heading")}>
            {team.people.map((p) => (
              <li key={p.address}>
                <Button
                  size="small"
                  appearance="outline"
                  icon={<DismissRegular />}
                  iconPosition="after"
                  title={p.address}
                  aria-label={t("teamView.members.remove", { upn: p.name ?? p.address })}
                  onClick={(ev) => team.removeMember(ev, { upn: p.address })}
                >
                  {p.name ?? p.address}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form className={styles.addRow} onSubmit={onAdd} noValidate>
          <Field
            className={styles.addInput}
            label={t("teamView.members.addressLabel")}
            size="small"
            validationState={team.memberError ? "error" : "none"}
            validationMessage={team.memberError ? t(`teamView.members.errors.${team.memberError}`) : undefined}
          >
            <Input size="small" type="email" value={address} onChange={(_ev, data) => setAddress(data.value)} />
          </Field>
          <Button size="small" type="submit">
            {t("teamView.members.add")}
          </Button>
        </form>
      </section>

      {team.members !== null && team.members.length === 0 && (
        <EmptyState icon={<PeopleTeamRegular />} title={t("teamView.empty.title")} body={t("teamView.empty.body")} />
      )}

      {team.loading && (
        <Spinner size="tiny" label={t("teamView.loading")} aria-live="polite" />
      )}

      {team.folders.map((f) =>
        f.status === "error" ? (
          <MessageBar key={f.upn} intent={f.code === "notShared" ? "warning" : "error"} data-testid={`folder-error-${f.upn}`}>
            <MessageBarBody>{t(`teamView.folderErrors.${f.code}`, { upn: f.upn })}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" icon={<ArrowSyncRegular />} onClick={team.reload}>
                {t("teamView.retry")}
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : null,
      )}

      {team.notice && (
        <MessageBar intent="success" data-testid="team-reassigned">
          <MessageBarBody>{t("teamView.customer.reassigned", { customer: team.notice.customer, to: team.notice.to.name ?? team.notice.to.address })}</MessageBarBody>
        </MessageBar>
      )}

      {team.opened && (
        <CustomerPanel
          key={`${team.opened.contact.mailbox}/${team.opened.contact.id}`}
          contact={team.opened.contact}
          schema={team.opened.schema}
          service={team.service}
          people={team.people}
          directory={team.directory}
          nameOf={team.nameOf}
          locale={locale}
          timeZone={team.timeZone}
          onClose={team.closeCustomer}
          onReassigned={team.onReassigned}
        />
      )}

      {loaded.length > 0 && (
        <>
          <section aria-labelledby="team-filters-heading" className={styles.section}>
            <h2 id="team-filters-heading" className={styles.heading}>
              {t("teamView.filters.heading")}
            </h2>
            <div className={styles.filters}>
              {select("flag", t("teamView.filters.flag"), [
                { value: "any", label: t("teamView.filters.flagAny") },
                { value: "yes", label: t("teamView.filters.flagYes") },
                { value: "no", label: t("teamView.filters.flagNo") },
              ])}
              {select("due", t("teamView.filters.due"), [
                { value: "any", label: t("teamView.filters.dueAny") },
                { value: "due", label: t("teamView.filters.dueDue") },
                { value: "overdue", label: t("teamView.filters.dueOverdue") },
                { value: "dueOrOverdue", label: t("teamView.filters.dueDueOrOverdue") },
              ])}
              {tierF &&
                select("tier", t("teamView.filters.tier"), [
                  { value: "", label: t("teamView.filters.any") },
                  ...(tierF.choices ?? []).map((c) => ({ value: c.value, label: choiceLabel(tierF, c.value, locale) })),
                ])}
              {select("owner", t("teamView.filters.owner"), [{ value: "", label: t("teamView.filters.any") }, ...view.owners.map((o) => ({ value: o, label: team.nameOf(o) }))])}
              {select("product", t("teamView.filters.product"), [{ value: "", label: t("teamView.filters.any") }, ...view.products.map((p) => ({ value: p, label: p }))])}
            </div>
            <div className={styles.actions}>
              <Button size="small" appearance="subtle" onClick={team.clearFilters}>
                {t("teamView.filters.clear")}
              </Button>
            </div>
          </section>

          <section aria-labelledby="team-counts-heading" className={styles.section}>
            <h2 id="team-counts-heading" className={styles.heading}>
              {t("teamView.counts.heading")}
            </h2>
            <div className={styles.tableWrap} role="region" aria-labelledby="team-counts-heading" tabIndex={0}>
              <Table size="extra-small" className={styles.countsTable} aria-labelledby="team-counts-heading" data-testid="team-counts">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t("teamView.counts.salesperson")}</TableHeaderCell>
                    <TableHeaderCell className={styles.numericHeader}>{t("teamView.counts.total")}</TableHeaderCell>
                    {MEASURES.map((m) => (
                      <TableHeaderCell key={m} className={styles.numericHeader}>
                        {t(`teamView.counts.${m}`)}
                      </TableHeaderCell>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {view.counts.map((c) => (
                    <TableRow key={c.upn} data-testid={`counts-${c.upn}`}>
                      <TableCell title={c.upn}>{team.nameOf(c.upn)}</TableCell>
                      <TableCell className={styles.numericCell} data-measure="total">
                        {c.total}
                      </TableCell>
                      {MEASURES.map((m) => (
                        <TableCell key={m} className={styles.numericCell} data-measure={m}>
                          {c[m]}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <div className={styles.chart} data-testid="team-chart">
              <Suspense fallback={<Spinner size="tiny" label={t("teamView.chart.loading")} />}>
                <TeamChart
                  title={t("teamView.chart.title")}
                  width={props.chartWidth ?? 290}
                  groups={view.counts.map((c) => ({
                    name: team.nameOf(c.upn),
                    bars: MEASURES.map((m) => ({ key: m, legend: t(`teamView.counts.${m}`), value: c[m] })),
                  }))}
                />
              </Suspense>
            </div>
          </section>

          {team.complaints.available && <TeamComplaints complaints={team.complaints} nameOf={team.nameOf} timeZone={team.timeZone} onOpen={team.openCustomer} />}

          <section aria-labelledby="team-rows-heading" className={styles.section}>
            <h2 id="team-rows-heading" className={styles.heading}>
              {t("teamView.rows.heading")}
            </h2>
            <div className={styles.actions}>
              <Body1 aria-live="polite" data-testid="team-row-count">
                {t("teamView.rows.summary", { count: view.rows.length })}
              </Body1>
              <Button size="small" icon={<ArrowDownloadRegular />} onClick={team.exportCsv} disabled={view.rows.length === 0}>
                {t("teamView.export")}
              </Button>
            </div>
            {team.exported !== null && (
              <Body1 className={styles.muted} role="status">
                {t("teamView.exported", { count: team.exported })}
              </Body1>
            )}
            {view.rows.length === 0 ? (
              <Body1 className={styles.muted}>{t("teamView.noRows")}</Body1>
            ) : (
              <ul className={styles.rowList} aria-label={t("teamView.rows.heading")} data-testid="team-rows">
                {team.visibleRows.map((c) => {
                  const status = followUpInfo(c.fields, view.schema, team.now, team.timeZone).status;
                  const owner = responsibleFor(c.fields, view.schema, c.mailbox ?? "");
                  return (
                    <li key={`${c.mailbox}/${c.id}`} className={styles.row}>
                      <Button
                        size="small"
                        appearance="transparent"
                        className={styles.rowNameButton}
                        aria-label={t("teamView.rows.open", { name: c.displayName })}
                        onClick={(ev) => team.openCustomer(ev, { contact: c })}
                      >
                        <span className={styles.rowName}>{c.displayName}</span>
                      </Button>
                      <span className={styles.rowMeta} title={owner}>
                        {team.nameOf(owner)} · {t(`teamView.status.${status}`)}
                      </span>
                      {/* The customer's contact history from the salesperson's shared folder (issue 13), read-only. */}
                      <HistoryToggle contact={c} readOnly />
                    </li>
                  );
                })}
              </ul>
            )}
            {view.rows.length > MAX_VISIBLE_ROWS && (
              <Body1 className={styles.muted}>{t("teamView.rows.shown", { shown: MAX_VISIBLE_ROWS, count: view.rows.length })}</Body1>
            )}
          </section>
        </>
      )}

      {loaded.length > 0 && (
        <Suspense fallback={<Spinner size="tiny" />}>
          <WeeklyReport folders={loaded.map((f) => ({ upn: f.upn, contacts: f.contacts, schema: f.schema }))} timeZone={team.timeZone} now={team.now} chartWidth={props.chartWidth ?? 290} nameOf={team.nameOf} />
        </Suspense>
      )}

    </section>
  );
}
