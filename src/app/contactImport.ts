/**
 * Importing contacts from an Outlook CSV export into my own default contacts folder (issue 6): the domain does the
 * parsing, mapping, dedupe and dry run (src/domain/csv.ts); this module reads what exists and writes the rows.
 */
import type { ImportDraft, ImportPreviewRow } from "../domain/csv";
import type { Contact, FieldSchema } from "../domain/types";
import { toGraphRequestError } from "../graph";
import type { NewContactInput } from "./contacts";
import type { Services } from "./Services";

/** Writes in flight: Graph allows 4 concurrent requests per mailbox; one slot stays free for the rest of the pane. */
export const IMPORT_MAX_IN_FLIGHT = 3;

export interface ContactImportService {
  /** My contacts (for dedupe by e-mail) and my folder's schema (for mapping custom fields). */
  loadMine(): Promise<{ contacts: Contact[]; schema: FieldSchema }>;
  /** Creates one contact in my default folder; rejects with a GraphRequestError-like error with a `code`. */
  create(draft: ImportDraft, schema: FieldSchema): Promise<void>;
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

/** Writes the rows with a few in flight, reporting progress and a result per row (in file order). */
export async function runImport(
  service: Pick<ContactImportService, "create">,
  rows: readonly ImportPreviewRow[],
  schema: FieldSchema,
  onProgress: (p: ImportProgress) => void = () => undefined,
  maxInFlight: number = IMPORT_MAX_IN_FLIGHT,
): Promise<ImportRowResult[]> {
  const results: ImportRowResult[] = new Array(rows.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const i = next++;
      const row = rows[i] as ImportPreviewRow;
      try {
        await service.create(row.draft, schema);
        results[i] = { line: row.line, status: "created" };
      } catch (e) {
        const code = e && typeof e === "object" && typeof (e as { code?: unknown }).code === "string" ? (e as { code: string }).code : toGraphRequestError(e).code;
        results[i] = { line: row.line, status: "failed", code };
      }
      done++;
      onProgress({ done, total: rows.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(maxInFlight, rows.length)) }, worker));
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
    async create(draft) {
      const [res] = await services.contacts.createContacts([toNewContact(draft)]);
      if (!res || res.status !== "created") throw new ImportWriteError(res?.code ?? "unknown");
    },
  };
}

export function getContactImportService(services: Services): ContactImportService {
  if (services.contactImport) return services.contactImport;
  let s = cache.get(services);
  if (!s) cache.set(services, (s = createContactImportService(services)));
  return s;
}

const cache = new WeakMap<Services, ContactImportService>();
