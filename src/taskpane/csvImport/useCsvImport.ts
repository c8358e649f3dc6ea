import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { getContactImportService, IMPORT_CHUNK_ROWS, runImport, useServices, type ImportProgress, type ImportRowResult } from "../../app";
import { createImportValidator, suggestMapping, type ImportPreviewRow, type ImportTarget } from "../../domain/csv";
import { hasUndecodableBytes, TEXT_ENCODINGS, type TextEncodingName } from "../../domain/textEncoding";
import type { Contact, FieldSchema } from "../../domain/types";
import { createShownRows, rowsToShow, type PreviewState } from "./previewRows";
import { readCsvSample, streamCsvFile, type CsvSample } from "./readCsvFile";

export type ImportStep = "pick" | "reading" | "mapping" | "checking" | "preview" | "importing" | "done";

/** Every built-in target the mapping step offers (custom fields are added from the schema). */
export const BUILTIN_TARGETS: readonly ImportTarget[] = [
  "ignore", "displayName", "givenName", "middleName", "surname", "companyName", "jobTitle", "email", "email2", "email3",
  "businessPhone", "mobilePhone", "businessStreet", "businessCity", "businessState", "businessPostalCode", "businessCountry", "categories",
];

/**
 * 64 MB: a 100,000-row Outlook export with every column is about 30-40 MB. The file is read in slices and neither
 * its text nor its rows are kept, so this only bounds how long a check or an import may take.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** How the file's text was decoded: the encoding in use, what detection found, and whether bytes were lost. */
export interface EncodingState {
  encoding: TextEncodingName;
  detected: TextEncodingName;
  detectedBy: "bom" | "content";
  overridden: boolean;
  undecodable: boolean;
  /** The full check found bytes this encoding cannot decode beyond the sample: the first line with one. */
  undecodableFromLine?: number;
}

export interface CheckProgress {
  /** 0..1 of the file's bytes. */
  fraction: number;
  rows: number;
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * State of the CSV import: file → column mapping (from a sample of the file) → the whole file checked in slices
 * with progress and Cancel (a dry run, nothing written) → preview → import with progress → per-row results. The
 * import reads the file again and checks each row again as it writes (the same rules, the same contacts), so no
 * pass holds more than a slice of rows and a chunk of writes.
 */
export function useCsvImport() {
  const services = useServices();
  const service = getContactImportService(services);
  const [step, setStep] = useState<ImportStep>("pick");
  const [fileName, setFileName] = useState("");
  const [error, setError] = useState<{ key: "readError" | "loadError" | "noRows" | "tooLarge"; code?: string } | null>(null);
  const [notice, setNotice] = useState<"cancelled" | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sample, setSample] = useState<CsvSample | null>(null);
  const [mine, setMine] = useState<{ contacts: Contact[]; schema: FieldSchema } | null>(null);
  const [mapping, setMapping] = useState<ImportTarget[]>([]);
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const [checkProgress, setCheckProgress] = useState<CheckProgress | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [results, setResults] = useState<ImportRowResult[] | null>(null);
  const [encoding, setEncoding] = useState<EncodingState | null>(null);
  const checking = useRef<AbortController | null>(null);

  // Leaving the pane (or the view) mid-check stops reading the file.
  useEffect(() => () => checking.current?.abort(), []);

  const reset = useCallback(() => {
    checking.current?.abort();
    checking.current = null;
    setStep("pick");
    setError(null);
    setNotice(null);
    setFile(null);
    setSample(null);
    setPreview(null);
    setCheckProgress(null);
    setProgress(null);
    setResults(null);
    setFileName("");
    setEncoding(null);
  }, []);

  const onFile = useCallback(
    async (_ev: unknown, data: { file: File | null | undefined }) => {
      const picked = data.file;
      if (!picked) return;
      setError(null);
      setNotice(null);
      setFileName(picked.name);
      if (picked.size > MAX_FILE_BYTES) {
        setError({ key: "tooLarge" });
        return;
      }
      setStep("reading");
      let first: CsvSample;
      try {
        // GBK from Outlook in a Chinese locale, UTF-8 (with or without BOM), UTF-16: detected, overridable below.
        first = await readCsvSample(picked);
      } catch {
        setError({ key: "readError" });
        setStep("pick");
        return;
      }
      if (first.headers.length === 0 || (first.complete && first.rows.length === 0)) {
        setError({ key: "noRows" });
        setStep("pick");
        return;
      }
      let existing: { contacts: Contact[]; schema: FieldSchema };
      try {
        existing = await service.loadMine();
      } catch (e) {
        setError({ key: "loadError", code: (e as { code?: string }).code ?? "unknown" });
        setStep("pick");
        return;
      }
      setFile(picked);
      setSample(first);
      setEncoding({ encoding: first.encoding, detected: first.detected, detectedBy: first.detectedBy, overridden: false, undecodable: first.undecodable });
      setMine(existing);
      setMapping(suggestMapping(first.headers, existing.schema));
      setStep("mapping");
    },
    [service],
  );

  /** The user's encoding choice: the sample read again in it, the mapping suggested again. */
  const onEncodingChange = useCallback(
    async (_ev: unknown, data: { encoding: TextEncodingName }) => {
      if (!file || !encoding || !mine) return;
      let next: CsvSample;
      try {
        next = await readCsvSample(file, data.encoding);
      } catch {
        setError({ key: "readError" });
        return;
      }
      // A new choice: what the last full check found in the old encoding no longer applies.
      setEncoding({ encoding: data.encoding, detected: encoding.detected, detectedBy: encoding.detectedBy, overridden: data.encoding !== encoding.detected, undecodable: next.undecodable });
      setSample(next);
      setMapping(suggestMapping(next.headers, mine.schema));
    },
    [file, encoding, mine],
  );

  const targets = useMemo(
    () => [...BUILTIN_TARGETS, ...(mine?.schema.fields ?? []).filter((f) => !f.hidden).map((f) => `field:${f.propertyName}` as ImportTarget)],
    [mine],
  );

  const onMappingChange = useCallback((_ev: unknown, data: { index: number; target: ImportTarget }) => {
    setMapping((m) => {
      // One column per target: choosing a target already used frees the other column.
      const next = m.map((t, i) => (i !== data.index && t === data.target && t !== "ignore" ? "ignore" : t));
      next[data.index] = data.target;
      return next;
    });
  }, []);

  /** The dry run over the whole file, slice by slice: each row validated as it arrives; Cancel stops reading. */
  const showPreview = useCallback(async () => {
    if (!file || !sample || !mine || !encoding) return;
    checking.current?.abort();
    const controller = new AbortController();
    checking.current = controller;
    setNotice(null);
    setError(null);
    setStep("checking");
    setCheckProgress({ fraction: 0, rows: 0 });
    const validator = createImportValidator(sample.headers, mapping, mine.schema, mine.contacts, { timeZone: browserTimeZone() });
    const shown = createShownRows();
    let firstUndecodable: number | undefined;
    try {
      const r = await streamCsvFile(file, encoding.encoding, (part) => {
        for (const row of part) {
          if (firstUndecodable === undefined && row.cells.some(hasUndecodableBytes)) firstUndecodable = row.line;
          shown.add(validator.check(row.cells, row.line, row.problem));
        }
      }, {
        signal: controller.signal,
        onProgress: (p) => setCheckProgress({ fraction: p.totalBytes ? p.bytesRead / p.totalBytes : 1, rows: p.rows }),
      });
      if (checking.current !== controller) return;
      checking.current = null;
      if (r.status === "cancelled") {
        setNotice("cancelled");
        setStep("mapping");
        return;
      }
      if (r.undecodable && !encoding.undecodable) {
        // The encoding was chosen from the file's first 256 KB, which decoded cleanly; a later part does not (e.g. a
        // GBK file whose first rows are all ASCII). Importing would store names as "�": back to the encoding choice.
        setEncoding({ ...encoding, undecodable: true, ...(firstUndecodable !== undefined ? { undecodableFromLine: firstUndecodable } : {}) });
        setStep("mapping");
        return;
      }
      const counts = { ...validator.counts };
      setPreview({ counts, total: counts.new + counts.duplicateExisting + counts.duplicateInFile + counts.invalid, rows: shown.rows() });
      setStep("preview");
    } catch {
      if (checking.current !== controller) return;
      checking.current = null;
      setError({ key: "readError" });
      setStep("mapping");
    } finally {
      setCheckProgress(null);
    }
  }, [file, sample, mine, encoding, mapping]);

  const cancelCheck = useCallback(() => checking.current?.abort(), []);

  const backToMapping = useCallback(() => setStep("mapping"), []);

  /**
   * Writes the new rows while the file is read again: every IMPORT_CHUNK_ROWS new rows go out as one createMany
   * ($batches of 20, issue 10 item 6) before the next slice is read; one refresh of the list at the end.
   */
  const startImport = useCallback(async () => {
    if (!preview || !mine || !file || !sample || !encoding) return;
    const total = preview.counts.new;
    setStep("importing");
    setProgress({ done: 0, total });
    const validator = createImportValidator(sample.headers, mapping, mine.schema, mine.contacts, { timeZone: browserTimeZone() });
    const waiting: ImportPreviewRow[] = [];
    const results: ImportRowResult[] = [];
    // Each chunk without the end-of-import refresh: that runs once, below.
    const chunkWriter = { createMany: service.createMany.bind(service) };
    const write = async (rows: ImportPreviewRow[]) => {
      const before = results.length;
      results.push(...(await runImport(chunkWriter, rows, mine.schema, (p) => setProgress({ done: Math.min(total, before + p.done), total }))));
    };
    try {
      await streamCsvFile(
        file,
        encoding.encoding,
        (part) => {
          for (const row of part) {
            const checked = validator.check(row.cells, row.line, row.problem);
            if (checked.status === "new") waiting.push(checked);
          }
        },
        {
          afterSlice: async () => {
            while (waiting.length >= IMPORT_CHUNK_ROWS) await write(waiting.splice(0, IMPORT_CHUNK_ROWS));
          },
        },
      );
      if (waiting.length) await write(waiting.splice(0));
    } catch {
      // The file could not be read again (changed or removed): what was written is reported, the rest is not.
      setError({ key: "readError" });
    }
    if (results.some((r) => r.status === "created")) await service.finish?.();
    setResults(results);
    setStep("done");
  }, [preview, mine, file, sample, encoding, mapping, service]);

  const shownPreview = preview?.rows ?? [];
  const shownResults = useMemo(() => (results ? rowsToShow(results, (r) => r.status === "failed") : []), [results]);

  return {
    step,
    fileName,
    error,
    notice,
    sample,
    encoding,
    encodings: TEXT_ENCODINGS,
    schema: mine?.schema ?? null,
    mapping,
    targets,
    preview,
    shownPreview,
    checkProgress,
    toImport: preview?.counts.new ?? 0,
    progress,
    results,
    shownResults,
    onFile,
    onMappingChange,
    onEncodingChange,
    showPreview,
    cancelCheck,
    backToMapping,
    startImport,
    reset,
  };
}
