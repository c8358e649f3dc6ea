import { useCallback, useMemo, useState } from "react";
import { getContactImportService, rowsToImport, runImport, useServices, type ImportProgress, type ImportRowResult } from "../../app";
import { applyMapping, parseOutlookCsv, suggestMapping, type ImportPreview, type ImportTarget, type ParsedCsv } from "../../domain/csv";
import type { Contact, FieldSchema } from "../../domain/types";

export type ImportStep = "pick" | "reading" | "mapping" | "preview" | "importing" | "done";

/** Every built-in target the mapping step offers (custom fields are added from the schema). */
export const BUILTIN_TARGETS: readonly ImportTarget[] = [
  "ignore", "displayName", "givenName", "middleName", "surname", "companyName", "jobTitle", "email", "email2", "email3",
  "businessPhone", "mobilePhone", "businessStreet", "businessCity", "businessState", "businessPostalCode", "businessCountry", "categories",
];

/** 10 MB: far beyond any sales team's address book, small enough to parse in the pane without freezing it. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** UTF-8 text of a file (Blob.text where present; FileReader in older engines and jsdom). */
function readText(file: Blob): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, "utf-8");
  });
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** State of the CSV import: file → column mapping → dry-run preview → import with progress → per-row results. */
export function useCsvImport() {
  const services = useServices();
  const service = getContactImportService(services);
  const [step, setStep] = useState<ImportStep>("pick");
  const [fileName, setFileName] = useState("");
  const [error, setError] = useState<{ key: "readError" | "loadError" | "noRows"; code?: string } | null>(null);
  const [csv, setCsv] = useState<ParsedCsv | null>(null);
  const [mine, setMine] = useState<{ contacts: Contact[]; schema: FieldSchema } | null>(null);
  const [mapping, setMapping] = useState<ImportTarget[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [results, setResults] = useState<ImportRowResult[] | null>(null);

  const reset = useCallback(() => {
    setStep("pick");
    setError(null);
    setCsv(null);
    setPreview(null);
    setProgress(null);
    setResults(null);
    setFileName("");
  }, []);

  const onFile = useCallback(
    async (_ev: unknown, data: { file: File | null | undefined }) => {
      const file = data.file;
      if (!file) return;
      setError(null);
      setFileName(file.name);
      setStep("reading");
      let parsed: ParsedCsv;
      try {
        if (file.size > MAX_FILE_BYTES) throw new Error("too large");
        parsed = parseOutlookCsv(await readText(file));
      } catch {
        setError({ key: "readError" });
        setStep("pick");
        return;
      }
      if (parsed.headers.length === 0 || parsed.rows.length === 0) {
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
      setCsv(parsed);
      setMine(existing);
      setMapping(suggestMapping(parsed.headers, existing.schema));
      setStep("mapping");
    },
    [service],
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

  const showPreview = useCallback(() => {
    if (!csv || !mine) return;
    setPreview(applyMapping(csv, mapping, mine.schema, mine.contacts, { timeZone: browserTimeZone() }));
    setStep("preview");
  }, [csv, mine, mapping]);

  const backToMapping = useCallback(() => setStep("mapping"), []);

  const startImport = useCallback(async () => {
    if (!preview || !mine) return;
    const rows = rowsToImport(preview.rows);
    setStep("importing");
    setProgress({ done: 0, total: rows.length });
    const res = await runImport(service, rows, mine.schema, setProgress);
    setResults(res);
    setStep("done");
  }, [preview, mine, service]);

  return {
    step,
    fileName,
    error,
    csv,
    schema: mine?.schema ?? null,
    mapping,
    targets,
    preview,
    toImport: preview ? rowsToImport(preview.rows).length : 0,
    progress,
    results,
    onFile,
    onMappingChange,
    showPreview,
    backToMapping,
    startImport,
    reset,
  };
}
