import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { TagMultipleRegular } from "@fluentui/react-icons";
import { useCallback, useLayoutEffect, useRef, type FocusEvent } from "react";
import { useTranslation } from "react-i18next";
import { fieldByRole } from "../../domain/schema";
import type { Participant } from "../../domain/threadParticipants";
import type { Locale } from "../../domain/types";
import type { TagRowResult } from "../../app";
import { ExclusionsEditor } from "./ExclusionsEditor";
import { useParticipantTagging, type TagSource } from "./useParticipantTagging";
import { useThisEmailStyles } from "./ThisEmailView.styles";

type T = (k: string, o?: Record<string, unknown>) => string;

const REASON_KEYS = {
  me: "reasonMe",
  ownDomain: "reasonOwnDomain",
  roleAddress: "reasonRoleAddress",
  neverTag: "reasonNeverTag",
  invalidAddress: "reasonInvalidAddress",
} as const;

function statusBadge(t: T, p: Participant, styles: { address: string }) {
  if (p.status.kind === "existing") return <Badge appearance="tint" color="success">{t("emailTagging.tag.statusExisting")}</Badge>;
  if (p.status.kind === "new") return <Badge appearance="tint" color="brand">{t("emailTagging.tag.statusNew")}</Badge>;
  // Plain text, not a badge: the reasons are long and must wrap inside a 320 px pane.
  return <Caption1 className={styles.address}>{t(`emailTagging.tag.${REASON_KEYS[p.status.reason]}`)}</Caption1>;
}

function resultText(t: T, r: TagRowResult): string {
  switch (r.status) {
    case "created":
      return t("emailTagging.tag.resultCreated");
    case "updated":
      return t("emailTagging.tag.resultUpdated");
    case "unchanged":
      return t("emailTagging.tag.resultUnchanged");
    case "failed":
      return t("emailTagging.tag.resultFailed", { code: r.code ?? "unknown" });
  }
}

/**
 * Keyboard focus through the panel's phases (issue 11 item 3): each phase replaces the control that had focus
 * (Apply, Close, "Tag everyone…"), which would drop focus to the page body. When focus was in the panel, it goes
 * to the new phase's target instead: the loading or progress message, the preview, the results summary (read out
 * by screen readers), the start button after Close. Focus elsewhere on the page is left alone.
 */
function usePhaseFocus(phase: string) {
  const root = useRef<HTMLDivElement>(null);
  const target = useRef<HTMLElement | null>(null);
  const inside = useRef(false);
  const setTarget = useCallback((el: HTMLElement | null) => {
    target.current = el;
  }, []);
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (inside.current && !(active && root.current?.contains(active) && active !== document.body)) target.current?.focus();
  }, [phase]);
  const onFocus = useCallback(() => {
    inside.current = true;
  }, []);
  const onBlur = useCallback((e: FocusEvent<HTMLDivElement>) => {
    // Left on purpose (Tab, a click elsewhere) — not a control removed by the next phase (no longer connected).
    const to = e.relatedTarget;
    if (to instanceof Node && e.currentTarget.contains(to)) return;
    if (e.target.isConnected) inside.current = false;
  }, []);
  return { root, setTarget, onFocus, onBlur };
}

/** "Tag everyone in this conversation" / "…in the selected emails": preview, values, apply with progress, results. */
export function TagPanel({ source }: { source: TagSource }) {
  const tag = useParticipantTagging(source);
  const focus = usePhaseFocus(tag.state.phase);
  return (
    <div ref={focus.root} onFocus={focus.onFocus} onBlur={focus.onBlur}>
      <TagPanelPhase source={source} tag={tag} focusTarget={focus.setTarget} />
    </div>
  );
}

function TagPanelPhase({ source, tag, focusTarget }: { source: TagSource; tag: ReturnType<typeof useParticipantTagging>; focusTarget: (el: HTMLElement | null) => void }) {
  const { t, i18n } = useTranslation();
  const styles = useThisEmailStyles();
  const locale: Locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const { state } = tag;
  const startLabel = source.kind === "thread" ? t("emailTagging.tag.threadButton") : t("emailTagging.tag.selectionButton");

  if (state.phase === "idle") {
    return (
      <div>
        <Button ref={focusTarget} appearance="primary" icon={<TagMultipleRegular />} onClick={tag.collect}>
          {startLabel}
        </Button>
      </div>
    );
  }
  if (state.phase === "loading") {
    return (
      <div ref={focusTarget} tabIndex={-1}>
        <Spinner size="small" label={t("emailTagging.tag.loading")} />
      </div>
    );
  }
  if (state.phase === "error") {
    const key = state.code === "noConversation" ? "noConversation" : state.code === "tooManyEmails" ? "tooMany" : "error";
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          {t(`emailTagging.tag.${key}`)}{" "}
          <Button ref={focusTarget} size="small" appearance="transparent" onClick={tag.collect}>
            {t("emailTagging.people.retry")}
          </Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (state.phase === "done") {
    const o = state.outcome;
    return (
      <section className={styles.panel} aria-label={t("emailTagging.tag.resultsLabel")}>
        <MessageBar intent={o.failed ? "warning" : "success"} layout="multiline">
          <MessageBarBody data-testid="tag-summary" ref={focusTarget} tabIndex={-1}>
            {t("emailTagging.tag.summary", { ...o })}
          </MessageBarBody>
        </MessageBar>
        <ul className={styles.people} aria-label={t("emailTagging.tag.resultsLabel")}>
          {o.results.map((r) => (
            <li key={r.address} className={styles.resultRow} data-testid="tag-result">
              <span className={styles.breakable}>{r.name || r.address}</span>
              <Badge appearance="tint" color={r.result.status === "failed" ? "danger" : r.result.status === "unchanged" ? "informative" : "success"}>
                {resultText(t, r.result)}
              </Badge>
            </li>
          ))}
        </ul>
        <div>
          <Button onClick={tag.reset}>{t("emailTagging.tag.close")}</Button>
        </div>
      </section>
    );
  }

  const schema = tag.schema();
  const products = fieldByRole(schema, "products");
  const needs = fieldByRole(schema, "needsRecontact");
  const tier = fieldByRole(schema, "tier");
  const applying = state.phase === "applying";
  const total = tag.participants.filter((p) => p.status.kind !== "excluded").length;

  return (
    <section className={styles.panel} aria-label={startLabel} ref={applying ? undefined : focusTarget} tabIndex={-1}>
      <Caption1 aria-live="polite">{t("emailTagging.tag.counts", { included: tag.rows.length, total })}</Caption1>
      <Table size="extra-small" aria-label={t("emailTagging.tag.tableLabel")} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.checkCol}>
              <span className={styles.visuallyHidden}>{t("emailTagging.tag.include", { name: "" })}</span>
            </TableHeaderCell>
            <TableHeaderCell>{t("emailTagging.tag.colPerson")}</TableHeaderCell>
            <TableHeaderCell>{t("emailTagging.tag.colStatus")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tag.participants.map((p) => {
            const excluded = p.status.kind === "excluded";
            const name = p.name || p.address;
            return (
              <TableRow key={p.address} data-testid="tag-row" data-address={p.address}>
                <TableCell className={styles.checkCol}>
                  <Checkbox
                    aria-label={t("emailTagging.tag.include", { name })}
                    checked={!excluded && tag.included.has(p.address)}
                    disabled={excluded || applying}
                    onChange={(_e, data) => tag.toggle(p.address, data.checked === true)}
                  />
                </TableCell>
                <TableCell>
                  <div className={styles.cellWho}>
                    <Text size={200} weight="semibold" className={styles.breakable}>
                      {name}
                    </Text>
                    {p.name && <Caption1 className={styles.address}>{p.address}</Caption1>}
                  </div>
                </TableCell>
                <TableCell>{statusBadge(t, p, styles)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      <fieldset className={styles.values} disabled={applying}>
        <legend className={styles.legend}>{t("emailTagging.tag.values")}</legend>
        {products && (
          <Field label={products.label[locale]} hint={t("emailTagging.tag.productsHint")}>
            <Input value={tag.values.products} onChange={(_e, data) => tag.setValues((v) => ({ ...v, products: data.value }))} />
          </Field>
        )}
        {needs && (
          <Field label={needs.label[locale]}>
            <Select
              value={tag.values.needsRecontact}
              onChange={(_e, data) => tag.setValues((v) => ({ ...v, needsRecontact: data.value as "" | "yes" | "no" }))}
            >
              <option value="">{t("emailTagging.tag.unchanged")}</option>
              <option value="yes">{t("emailTagging.tag.yes")}</option>
              <option value="no">{t("emailTagging.tag.no")}</option>
            </Select>
          </Field>
        )}
        {tier && (
          <Field label={tier.label[locale]}>
            <Select value={tag.values.tier} onChange={(_e, data) => tag.setValues((v) => ({ ...v, tier: data.value }))}>
              <option value="">{t("emailTagging.tag.unchanged")}</option>
              {(tier.choices ?? []).map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label[locale]}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </fieldset>

      {tag.problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {tag.problem === "nothingChosen"
              ? t("emailTagging.tag.nothingChosen")
              : tag.problem.startsWith("invalid:")
                ? t("emailTagging.tag.invalidValue", { code: tag.problem.slice(8) })
                : t("emailTagging.tag.applyFailed", { code: tag.problem.slice(7) })}
          </MessageBarBody>
        </MessageBar>
      )}

      {applying ? (
        <div className={styles.panel}>
          <Text aria-live="polite" ref={focusTarget} tabIndex={-1}>
            {t("emailTagging.tag.applying", { done: state.progress.done, total: state.progress.total })}
          </Text>
          <ProgressBar
            aria-label={t("emailTagging.tag.progressLabel")}
            max={Math.max(state.progress.total, 1)}
            value={state.progress.done}
          />
        </div>
      ) : (
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => void tag.apply()}>
            {t("emailTagging.tag.apply", { count: tag.rows.length })}
          </Button>
          <Button onClick={tag.reset}>{t("emailTagging.tag.close")}</Button>
        </div>
      )}

      <Accordion collapsible>
        <AccordionItem value="exclusions">
          <AccordionHeader size="small">{t("emailTagging.exclusions.heading")}</AccordionHeader>
          <AccordionPanel>
            <ExclusionsEditor onSaved={tag.collect} />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
