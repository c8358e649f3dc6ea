/**
 * Importing contacts from an Outlook CSV export into my own default contacts folder (issue 6): the domain does the
 * parsing, mapping, dedupe and dry run (src/domain/csv.ts); this module reads what exists and writes the rows.
 */
import type { ImportDraft, ImportPreviewRow } from "../domain/csv";
import type { Contact, FieldSchema } from "../domain/types";
import { toGraphRequestError } from "../graph";
import type { NewContactInput } from "./contacts";
import type { Services } from "./Services";

/** Rows per createMany call: 5 $batches of 20 (S12), so results and progress arrive while the import runs. */
export const IMPORT_CHUNK_ROWS = 100;

export interface ContactImportService {
  /** My contacts (for dedupe by e-mail) and my folder's schema (for mapping custom fields). */
  loadMine(): Promise<{ contacts: Contact[]; schema: FieldSchema }>;
  /**
   * Creates contacts in my default folder in $batches of 20, without refreshing the list (one result per draft,
   * in order); `onCreated` is called as each contact's result is known.
   */
  createMany(drafts: readonly ImportDraft[], schema: FieldSchema, onCreated?: () => void): Promise<({ status: "created" } | { status: "failed"; code: string })[]>;
  /** After the last rows: one refresh of the list. */
  finish?(): Promise<void>;
}

export type ImportRowResult = { line: number; status: "created" } | { line: number; status: "failed"; code: string };

export interface ImportProgress {
  done: number;
  total: number;
}

/** Only "new" rows are written; duplicates and invalid rows were shown in the preview and are skipped. */
export function rowsToImport(rows: readonly ImportPreviewRow[]): ImportPreviewRow[] {
  return rows.filter((r) => r.status === "new");
}

/**
 * Writes the rows in chunks ($batches of 20 inside, issue 10 item 6: 200 rows = 10 write round trips instead of one
 * POST and one full refresh per row), reporting progress per contact and a result per row (in file order); one
 * refresh of the list at the end.
 */
export async function runImport(
  service: Pick<ContactImportService, "createMany" | "finish">,
  rows: readonly ImportPreviewRow[],
  schema: FieldSchema,
  onProgress: (p: ImportProgress) => void = () => undefined,
): Promise<ImportRowResult[]> {
  const results: ImportRowResult[] = [];
  let done = 0;
  onProgress({ done, total: rows.length });
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK_ROWS) {
    const part = rows.slice(i, i + IMPORT_CHUNK_ROWS);
    let res: ({ status: "created" } | { status: "failed"; code: string })[];
    try {
      res = await service.createMany(
        part.map((r) => r.draft),
        schema,
        () => onProgress({ done: Math.min(++done, rows.length), total: rows.length }),
      );
    } catch (e) {
      const code = e && typeof e === "object" && typeof (e as { code?: unknown }).code === "string" ? (e as { code: string }).code : toGraphRequestError(e).code;
      res = part.map(() => ({ status: "failed", code }));
    }
    part.forEach((row, j) => {
      const r = res[j];
      results.push(r && r.status === "created" ? { line: row.line, status: "created" } : { line: row.line, status: "failed", code: r?.status === "failed" ? r.code : "unknown" });
    });
    done = i + part.length;
    onProgress({ done, total: rows.length });
  }
  if (results.some((r) => r.status === "created")) await service.finish?.();
  return results;
}

/** The create body of a draft: names, company, job title, phones and the business address in parts. */
export function toNewContact(d: ImportDraft): NewContactInput {
  const c: NewContactInput = { displayName: d.displayName, emailAddresses: d.emailAddresses, categories: d.categories, fields: d.fields };
  if (d.givenName) c.givenName = d.givenName;
  if (d.surname) c.surname = d.surname;
  if (d.companyName) c.companyName = d.companyName;
  if (d.jobTitle) c.jobTitle = d.jobTitle;
  if (d.businessPhones?.length) c.businessPhones = [...d.businessPhones];
  if (d.mobilePhone) c.mobilePhone = d.mobilePhone;
  if (d.businessAddressParts && Object.keys(d.businessAddressParts).length) c.businessAddress = { ...d.businessAddressParts };
  return c;
}

/** Coded failure of one row (the UI maps `code` to a message). */
export class ImportWriteError extends Error {
  constructor(readonly code: string) {
    super(`Import write failed (${code})`);
  }
}

/** The import target is my own folder through services.contacts (cached list for dedupe, createContacts to write). */
export function createContactImportService(services: Services): ContactImportService {
  return {
    async loadMine() {
      await services.contacts.ensureLoaded();
      const snap = services.contacts.snapshot();
      if (!snap.loaded && snap.error) throw new ImportWriteError(snap.error.code);
      return { contacts: [...snap.contacts], schema: snap.schema };
    },
    async createMany(drafts, _schema, onCreated) {
      const res = await services.contacts.createContacts(drafts.map(toNewContact), { refresh: false, ...(onCreated ? { onProgress: onCreated } : {}) });
      return res.map((r) => (r.status === "created" ? { status: "created" as const } : { status: "failed" as const, code: r.code }));
    },
    finish: () => services.contacts.refresh(),
  };
}

export function getContactImportService(services: Services): ContactImportService {
  if (services.contactImport) return services.contactImport;
  let s = cache.get(services);
  if (!s) cache.set(services, (s = createContactImportService(services)));
  return s;
}

const cache = new WeakMap<Services, ContactImportService>();
