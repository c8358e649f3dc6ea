import {
  Body1,
  Button,
  Field,
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
} from "@fluentui/react-components";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ImportPreviewRow, ImportRowError, ImportTarget } from "../../domain/csv";
import type { TextEncodingName } from "../../domain/textEncoding";
import { getField } from "../../domain/schema";
import type { FieldSchema, Locale } from "../../domain/types";
import { useCsvImportStyles } from "./CsvImport.styles";
import { useCsvImport } from "./useCsvImport";

type T = (key: string, params?: Record<string, unknown>) => string;

function targetLabel(t: T, target: ImportTarget, schema: FieldSchema | null, locale: Locale): string {
  if (target.startsWith("field:")) {
    const f = schema ? getField(schema, target.slice("field:".length)) : undefined;
    return f?.label[locale] ?? target.slice("field:".length);
  }
  return t(`csvImport.mapping.targets.${target}`);
}

function errorText(t: T, e: ImportRowError): string {
  const params = { column: e.column ?? "", ...(e.params ?? {}) };
  if (e.code === "invalidEmail" || e.code === "missingNameAndEmail" || e.code === "valueTooLong" || e.code === "controlCharacters" || e.code === "malformedRow") {
    return t(`csvImport.errors.${e.code}`, params);
  }
  return t("csvImport.errors.other", { ...params, code: e.code });
}

function statusText(t: T, row: ImportPreviewRow): string {
  if (row.status === "invalid") return `${t("csvImport.preview.statuses.invalid")}: ${row.errors.map((e) => errorText(t, e)).join("; ")}`;
  if (row.status === "duplicateInFile") return t("csvImport.preview.statuses.duplicateInFile", { line: row.duplicateOf });
  return t(`csvImport.preview.statuses.${row.status}`);
}

/** Import from an Outlook CSV export: file → column mapping → dry run over the file (progress, Cancel) → preview → import with progress. */
export function CsvImport() {
  const { t: translate, i18n } = useTranslation();
  const t = translate as unknown as T;
  const locale: Locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const styles = useCsvImportStyles();
  const s = useCsvImport();
  const fileId = useId();
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} className={styles.root} data-testid="csv-import">
      <h2 id={headingId} className={styles.heading}>
        {t("csvImport.heading")}
      </h2>

      {s.step === "pick" && (
        <>
          <Body1 className={styles.muted}>{t("csvImport.intro")}</Body1>
          <label htmlFor={fileId}>
            <Body1>{t("csvImport.fileLabel")}</Body1>
          </label>
          <input
            id={fileId}
            className={styles.fileInput}
            type="file"
            accept=".csv,text/csv"
            aria-label={t("csvImport.chooseFile")}
            onChange={(ev) => void s.onFile(ev, { file: ev.target.files?.[0] })}
          />
        </>
      )}

      {s.error && (
        <MessageBar intent="error">
          <MessageBarBody>{t(`csvImport.${s.error.key}`, { code: s.error.code ?? "" })}</MessageBarBody>
        </MessageBar>
      )}

      {s.notice === "cancelled" && (
        <MessageBar intent="info" data-testid="import-cancelled">
          <MessageBarBody>{t("csvImport.checking.cancelled")}</MessageBarBody>
        </MessageBar>
      )}

      {s.step === "reading" && <Spinner size="tiny" label={t("csvImport.reading", { name: s.fileName })} />}

      {s.step === "mapping" && s.sample && (
        <>
          <h3 className={styles.heading}>{t("csvImport.mapping.heading")}</h3>
          {s.encoding && (
            <Field
              size="small"
              label={t("csvImport.encoding.label")}
              hint={
                s.encoding.overridden
                  ? t("csvImport.encoding.overridden", { encoding: t(`csvImport.encoding.names.${s.encoding.detected}`) })
                  : t(`csvImport.encoding.detected.${s.encoding.detectedBy}`, { encoding: t(`csvImport.encoding.names.${s.encoding.encoding}`) })
              }
            >
              <Select
                size="small"
                data-testid="import-encoding"
                value={s.encoding.encoding}
                onChange={(ev, data) => s.onEncodingChange(ev, { encoding: data.value as TextEncodingName })}
              >
                {s.encodings.map((enc) => (
                  <option key={enc} value={enc}>
                    {t(`csvImport.encoding.names.${enc}`)}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {s.encoding?.undecodable && (
            <MessageBar intent="warning">
              <MessageBarBody data-testid="import-undecodable">
                {s.encoding.undecodableFromLine !== undefined
                  ? t("csvImport.encoding.undecodableFrom", { line: s.encoding.undecodableFromLine })
                  : t("csvImport.encoding.undecodable")}
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.mappingList}>
            {s.sample.headers.map((header, index) => {
              const sample = s.sample?.rows.find((r) => (r[index] ?? "").trim() !== "")?.[index];
              return (
                <Field
                  key={`${index}-${header}`}
                  size="small"
                  label={t("csvImport.mapping.column", { header })}
                  hint={sample ? t("csvImport.mapping.sample", { sample: sample.slice(0, 60) }) : undefined}
                >
                  <Select
                    size="small"
                    value={s.mapping[index] ?? "ignore"}
                    onChange={(ev, data) => s.onMappingChange(ev, { index, target: data.value as ImportTarget })}
                  >
                    {s.targets.map((target) => (
                      <option key={target} value={target}>
                        {targetLabel(t, target, s.schema, locale)}
                      </option>
                    ))}
                  </Select>
                </Field>
              );
            })}
          </div>
          <div className={styles.actions}>
            <Button appearance="primary" size="small" onClick={() => void s.showPreview()}>
              {t("csvImport.mapping.preview")}
            </Button>
            <Button size="small" onClick={s.reset}>
              {t("csvImport.startOver")}
            </Button>
          </div>
        </>
      )}

      {s.step === "checking" && s.checkProgress && (
        <div className={styles.actions} data-testid="import-checking">
          <Field className={styles.grow} label={t("csvImport.checking.progress", { rows: s.checkProgress.rows, percent: Math.floor(s.checkProgress.fraction * 100) })}>
            <ProgressBar value={s.checkProgress.fraction} />
          </Field>
          <Button size="small" onClick={s.cancelCheck}>
            {t("csvImport.checking.cancel")}
          </Button>
        </div>
      )}

      {s.step === "preview" && s.preview && (
        <>
          <h3 className={styles.heading}>{t("csvImport.preview.heading")}</h3>
          <Body1 data-testid="import-summary">{t("csvImport.preview.summary", s.preview.counts)}</Body1>
          {s.shownPreview.length < s.preview.total && (
            <Body1 className={styles.muted}>{t("csvImport.shownOf", { shown: s.shownPreview.length, total: s.preview.total })}</Body1>
          )}
          {/* Scrollable at 320 px, so focusable for keyboard scrolling (axe scrollable-region-focusable). */}
          <div className={styles.tableWrap} role="region" aria-label={t("csvImport.preview.heading")} tabIndex={0}>
            <Table size="extra-small" aria-label={t("csvImport.preview.heading")} data-testid="import-preview">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t("csvImport.preview.line")}</TableHeaderCell>
                  <TableHeaderCell>{t("csvImport.preview.name")}</TableHeaderCell>
                  <TableHeaderCell>{t("csvImport.preview.email")}</TableHeaderCell>
                  <TableHeaderCell>{t("csvImport.preview.status")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {s.shownPreview.map((row) => (
                  <TableRow key={row.line} data-status={row.status}>
                    <TableCell>{row.line}</TableCell>
                    <TableCell className={styles.cellText}>{row.draft.displayName}</TableCell>
                    <TableCell className={styles.cellText}>{row.draft.emailAddresses[0]?.address ?? ""}</TableCell>
                    <TableCell className={row.status === "invalid" ? styles.error : styles.cellText}>{statusText(t, row)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <div className={styles.actions}>
            <Button appearance="primary" size="small" disabled={s.toImport === 0} onClick={() => void s.startImport()}>
              {t("csvImport.preview.import", { count: s.toImport })}
            </Button>
            <Button size="small" onClick={s.backToMapping}>
              {t("csvImport.preview.back")}
            </Button>
          </div>
        </>
      )}

      {s.step === "importing" && s.progress && (
        <Field label={t("csvImport.progress", { done: s.progress.done, total: s.progress.total })}>
          <ProgressBar value={s.progress.total ? s.progress.done / s.progress.total : 0} />
        </Field>
      )}

      {s.step === "done" && s.results && (
        <>
          <Body1 role="status" data-testid="import-done">
            {t("csvImport.done", {
              created: s.results.filter((r) => r.status === "created").length,
              failed: s.results.filter((r) => r.status === "failed").length,
            })}
          </Body1>
          {s.shownResults.length < s.results.length && (
            <Body1 className={styles.muted}>{t("csvImport.shownOf", { shown: s.shownResults.length, total: s.results.length })}</Body1>
          )}
          <ul aria-label={t("csvImport.preview.status")}>
            {s.shownResults.map((r) => (
              <li key={r.line} className={r.status === "failed" ? styles.error : styles.ok}>
                {`${t("csvImport.preview.line")} ${r.line}: ${r.status === "created" ? t("csvImport.results.created") : t("csvImport.results.failed", { code: r.code })}`}
              </li>
            ))}
          </ul>
          <div className={styles.actions}>
            <Button size="small" onClick={s.reset}>
              {t("csvImport.startOver")}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
