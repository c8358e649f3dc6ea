import { useCallback, useMemo, useState } from "react";
import { getContactImportService, rowsToImport, runImport, useServices, type ImportProgress, type ImportRowResult } from "../../app";
import { applyMapping, parseOutlookCsv, suggestMapping, type ImportPreview, type ImportTarget, type ParsedCsv } from "../../domain/csv";
import { decodeText, hasUndecodableBytes, TEXT_ENCODINGS, type TextEncodingName } from "../../domain/textEncoding";
import type { Contact, FieldSchema } from "../../domain/types";

export type ImportStep = "pick" | "reading" | "mapping" | "preview" | "importing" | "done";

/** Every built-in target the mapping step offers (custom fields are added from the schema). */
export const BUILTIN_TARGETS: readonly ImportTarget[] = [
  "ignore", "displayName", "givenName", "middleName", "surname", "companyName", "jobTitle", "email", "email2", "email3",
  "businessPhone", "mobilePhone", "businessStreet", "businessCity", "businessState", "businessPostalCode", "businessCountry", "categories",
];

/** 10 MB: far beyond any sales team's address book, small enough to parse in the pane without freezing it. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The file's bytes (Blob.arrayBuffer where present; FileReader in older engines and jsdom). */
function readBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** How the file's text was decoded: the encoding in use, what detection found, and whether bytes were lost. */
export interface EncodingState {
  encoding: TextEncodingName;
  detected: TextEncodingName;
  detectedBy: "bom" | "content";
  overridden: boolean;
  undecodable: boolean;
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
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [encoding, setEncoding] = useState<EncodingState | null>(null);

  const reset = useCallback(() => {
    setStep("pick");
    setError(null);
    setCsv(null);
    setPreview(null);
    setProgress(null);
    setResults(null);
    setFileName("");
    setBytes(null);
    setEncoding(null);
  }, []);

  const onFile = useCallback(
    async (_ev: unknown, data: { file: File | null | undefined }) => {
      const file = data.file;
      if (!file) return;
      setError(null);
      setFileName(file.name);
      setStep("reading");
      let parsed: ParsedCsv;
      let content: Uint8Array;
      let enc: EncodingState;
      try {
        if (file.size > MAX_FILE_BYTES) throw new Error("too large");
        content = await readBytes(file);
        // GBK from Outlook in a Chinese locale, UTF-8 (with or without BOM), UTF-16: detected, overridable below.
        const decoded = decodeText(content);
        parsed = parseOutlookCsv(decoded.text);
        const detectedBy = decoded.detectedBy === "bom" ? "bom" : "content";
        enc = { encoding: decoded.encoding, detected: decoded.encoding, detectedBy, overridden: false, undecodable: hasUndecodableBytes(decoded.text) };
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
      setBytes(content);
      setEncoding(enc);
      setMine(existing);
      setMapping(suggestMapping(parsed.headers, existing.schema));
      setStep("mapping");
    },
    [service],
  );

  /** The user's encoding choice: the same bytes decoded again, parsed again, the mapping suggested again. */
  const onEncodingChange = useCallback(
    (_ev: unknown, data: { encoding: TextEncodingName }) => {
      if (!bytes || !encoding || !mine) return;
      let text: string;
      try {
        text = decodeText(bytes, data.encoding).text;
      } catch {
        return;
      }
      const parsed = parseOutlookCsv(text);
      setEncoding({ ...encoding, encoding: data.encoding, overridden: data.encoding !== encoding.detected, undecodable: hasUndecodableBytes(text) });
      setCsv(parsed);
      setMapping(suggestMapping(parsed.headers, mine.schema));
    },
    [bytes, encoding, mine],
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
    encoding,
    encodings: TEXT_ENCODINGS,
    schema: mine?.schema ?? null,
    mapping,
    targets,
    preview,
    toImport: preview ? rowsToImport(preview.rows).length : 0,
    progress,
    results,
    onFile,
    onMappingChange,
    onEncodingChange,
    showPreview,
    backToMapping,
    startImport,
    reset,
  };
}
