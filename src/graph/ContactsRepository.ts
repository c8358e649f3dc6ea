/**
 * Reads and creates contacts of one mailbox (own or shared): paged loads with the fields ($expand),
 * the schema on the folder, delta refresh, batched re-reads, look-ups by email address.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Contact, EmailAddress, FieldSchema, FieldValues, PostalAddress } from "../domain/types";
import { DEFAULT_SCHEMA, parseSchema, serializeSchema } from "../domain/schema";
import { chunk, mailboxLockKey, MAX_BATCH_SIZE, retryAfterSeconds, sendBatch, withMailboxLock, type BatchSubRequest, type BatchSubResponse } from "./batch";
import { backoffSeconds, DEFAULT_RETRY_DELAY_SECONDS, isRetryable, MAX_RETRY_DELAY_SECONDS } from "./retryPolicy";
import {
  buildExpand,
  CONTACT_SELECT,
  CREATION_ID_PROPERTY_ID,
  fromGraphContact,
  MAX_STRING_PROPERTY_LENGTH,
  readSingleValue,
  SCHEMA_PROPERTY_ID,
  toGraphPatch,
  type GraphContact,
} from "./extendedProperties";
import { buildQuery, emailEquals, or, seg, singleValuePropertyEquals } from "./filterBuilder";
import { fromBatchError, GraphRequestError, toGraphRequestError } from "./GraphRequestError";
import { defaultCapabilitySource, type CapabilitySource, type GraphCapabilities } from "./capabilities";
import { batchGetRaw, expandParts, listRaw, looksRefused, mergeProps } from "./fallbackReads";

/** S19: $top ranges 1–1000; the largest page means the fewest round trips for a full load. */
export const PAGE_SIZE = 1000;
/** Outlook contact name fields: kept to the same 255 characters as text fields (domain MAX_TEXT_LENGTH). */
export const MAX_NAME_LENGTH = 255;
/** Email look-ups per filter: keeps each sub-request URL short; 20 sub-requests per $batch. */
export const EMAILS_PER_FILTER = 10;

/** Where contacts live: `mailbox` undefined = the signed-in user (/me), else a UPN (shared folder, S4). */
export interface MailboxRef {
  mailbox?: string;
  /** Attempts for batched reads whose sub-requests are throttled (429/503/504). */
  maxAttempts?: number;
  retryDelaySeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Which read paths this tenant supports (capabilities.ts); default: the composition root's source. */
  capabilities?: CapabilitySource;
}

export function mailboxRoot(mailbox?: string): string {
  return mailbox ? `/users/${seg(mailbox)}` : "/me";
}

export interface DeltaResult {
  changedIds: string[];
  /** changeKey per changed id when the delta page carried it (lets callers skip re-reading their own writes). */
  changeKeys: Map<string, string>;
  removedIds: string[];
  deltaLink: string;
  requests: number;
}

export interface NewContact {
  displayName?: string;
  givenName?: string;
  surname?: string;
  companyName?: string;
  jobTitle?: string;
  businessPhones?: string[];
  mobilePhone?: string;
  /** Graph's physicalAddress (resources/physicaladdress.md: street, city, state, postalCode, countryOrRegion). */
  businessAddress?: PostalAddress;
  emailAddresses: EmailAddress[];
  categories?: string[];
  fields?: FieldValues;
  /** Client-generated id of this creation (default: a new UUID); see createContacts. */
  creationId?: string;
}

const ADDRESS_KEYS = ["street", "city", "state", "postalCode", "countryOrRegion"] as const;

/** One result per input of createContacts, in input order. */
export type CreateContactResult =
  | { status: "created"; contact: Contact }
  | { status: "failed"; code: string; reason: string; httpStatus?: number };

async function call<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw toGraphRequestError(e);
  }
}

export class ContactsRepository {
  readonly mailbox?: string;
  private readonly maxAttempts: number;
  private readonly retryDelaySeconds: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly capabilities: CapabilitySource;

  constructor(
    private readonly client: Client,
    opts: MailboxRef = {},
  ) {
    this.mailbox = opts.mailbox;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.retryDelaySeconds = opts.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.capabilities = opts.capabilities ?? defaultCapabilitySource();
  }

  private caps(): Promise<GraphCapabilities> {
    return this.capabilities.get(this.client, this.root);
  }

  /**
   * Runs a read on the path the probe chose; when it is refused (400/501: the tenant no longer behaves as
   * probed), forgets the probe, probes again and retries once on the newly chosen path.
   */
  private async withCaps<T>(read: (caps: GraphCapabilities) => Promise<T>): Promise<T> {
    const caps = await this.caps();
    try {
      return await read(caps);
    } catch (e) {
      if (!looksRefused(e)) throw e;
      this.capabilities.invalidate(this.root);
      const again = await this.caps();
      if (JSON.stringify(again) === JSON.stringify(caps)) throw e;
      return read(again);
    }
  }

  private get root(): string {
    return mailboxRoot(this.mailbox);
  }

  private folderPath(folderId: string): string {
    return `${this.root}/contactFolders/${seg(folderId)}`;
  }

  /**
   * contracts.md: the default folder id is learnt from a contact's parentFolderId. With an empty folder we
   * fall back to the well-known name "contacts" (used by public clients; graph-reference.md §1 UNVERIFIED).
   */
  async getDefaultFolderId(): Promise<string> {
    const res = await call<{ value?: { parentFolderId?: string }[] }>(
      this.client.api(`${this.root}/contacts?${buildQuery({ $top: 1, $select: "parentFolderId" })}`).get(),
    );
    const id = res.value?.[0]?.parentFolderId;
    if (id) return id;
    if ((await this.caps()).wellKnownContactsFolder) {
      try {
        const folder = await this.client.api(`${this.root}/contactFolders/contacts?${buildQuery({ $select: "id" })}`).get();
        if (folder?.id) return folder.id as string;
      } catch {
        /* fall through */
      }
    }
    // The folders listed under /contactFolders are children of the default folder (user-list-contactfolders.md).
    try {
      const children = await call<{ value?: { parentFolderId?: string }[] }>(
        this.client.api(`${this.root}/contactFolders?${buildQuery({ $top: 1, $select: "parentFolderId" })}`).get(),
      );
      const parent = children.value?.[0]?.parentFolderId;
      if (parent) return parent;
    } catch {
      /* fall through */
    }
    throw new GraphRequestError("defaultFolderUnknown", 404, "The default contacts folder could not be determined");
  }

  /** The schema stored on the folder; the default schema when none is stored (contracts.md). */
  async loadSchema(folderId: string): Promise<FieldSchema> {
    const folder = await call<{ singleValueExtendedProperties?: { id: string; value: string }[] }>(
      this.client
        .api(
          `${this.folderPath(folderId)}?${buildQuery({
            // No $select here: the folder is small, and the emulator drops $expand results next to $select on folders.
            $expand: `singleValueExtendedProperties($filter=id eq '${SCHEMA_PROPERTY_ID}')`,
          })}`,
        )
        .get(),
    );
    const json = readSingleValue(folder, SCHEMA_PROPERTY_ID);
    if (!json) return structuredClone(DEFAULT_SCHEMA) as FieldSchema;
    return parseSchema(json);
  }

  /** Stores the schema JSON on the folder. Refused before sending when it cannot fit one String property. */
  async saveSchema(folderId: string, schema: FieldSchema): Promise<void> {
    const json = serializeSchema(schema);
    if (json.length > MAX_STRING_PROPERTY_LENGTH) {
      throw new GraphRequestError("valueTooLong", 0, `The field schema is too large to store (${json.length} > ${MAX_STRING_PROPERTY_LENGTH} characters)`);
    }
    await call(this.client.api(this.folderPath(folderId)).patch({ singleValueExtendedProperties: [{ id: SCHEMA_PROPERTY_ID, value: json }] }));
  }

  private listQuery(schema: FieldSchema, extra: Record<string, string | number> = {}): string {
    return buildQuery({ $select: CONTACT_SELECT.join(","), $expand: buildExpand(schema), ...extra });
  }

  /** Every contact of a folder with its fields: pages of up to 1000, following @odata.nextLink verbatim. */
  async listContacts(folderId: string, schema: FieldSchema, onPage?: (loaded: number) => void): Promise<{ contacts: Contact[]; requests: number }> {
    return this.withCaps((caps) =>
      caps.expandOnCollections && caps.expandBothCollections ? this.listContactsOnePass(folderId, schema, onPage) : this.listContactsFallback(folderId, schema, caps, onPage),
    );
  }

  private async listContactsOnePass(folderId: string, schema: FieldSchema, onPage?: (loaded: number) => void): Promise<{ contacts: Contact[]; requests: number }> {
    let url: string | undefined = `${this.folderPath(folderId)}/contacts?${this.listQuery(schema, { $top: PAGE_SIZE })}`;
    const contacts: Contact[] = [];
    let requests = 0;
    while (url) {
      const page: { value?: GraphContact[]; "@odata.nextLink"?: string } = await call(this.client.api(url).get());
      requests++;
      for (const g of page.value ?? []) contacts.push(fromGraphContact(g, schema, { mailbox: this.mailbox, folderId }));
      onPage?.(contacts.length);
      url = page["@odata.nextLink"];
    }
    return { contacts, requests };
  }

  /**
   * The probe's fallbacks: one collection pass per `$expand` part (two passes when one `$expand` may hold only one
   * collection), or — when collection GETs may not expand at all — pages of contacts without fields and then
   * per-item expands in `$batch`es of 20.
   */
  private async listContactsFallback(folderId: string, schema: FieldSchema, caps: GraphCapabilities, onPage?: (loaded: number) => void): Promise<{ contacts: Contact[]; requests: number }> {
    const parts = expandParts(schema, caps);
    const base = `${this.folderPath(folderId)}/contacts`;
    const select = CONTACT_SELECT.join(",");
    let requests = 0;
    const first = await listRaw(
      this.client,
      `${base}?${buildQuery({ $select: select, ...(caps.expandOnCollections && parts[0] ? { $expand: parts[0] } : {}), $top: PAGE_SIZE })}`,
      caps.expandOnCollections ? (items) => onPage?.(items.length) : undefined,
    );
    requests += first.requests;
    const byId = new Map(first.items.map((g) => [g.id, g]));
    if (caps.expandOnCollections) {
      for (const part of parts.slice(1)) {
        const more = await listRaw(this.client, `${base}?${buildQuery({ $select: "id", $expand: part, $top: PAGE_SIZE })}`);
        requests += more.requests;
        for (const g of more.items) {
          const into = byId.get(g.id);
          if (into) mergeProps(into, g);
        }
      }
    } else if (parts.length) {
      const ids = [...byId.keys()];
      let done = 0;
      for (const group of chunk(ids, 200)) {
        const r = await batchGetRaw(this.client, (id) => `${this.root}/contacts/${seg(id)}`, group, parts.map((p) => buildQuery({ $select: "id", $expand: p })), {
          maxAttempts: this.maxAttempts,
          retryDelaySeconds: this.retryDelaySeconds,
          sleep: this.sleep,
        });
        requests += r.requests;
        for (const [id, g] of r.raw) mergeProps(byId.get(id)!, g);
        // A contact deleted meanwhile (404) is dropped; anything else failed the load.
        for (const [id, err] of r.errors) {
          if (err.status === 404) byId.delete(id);
          else throw err;
        }
        done += group.length;
        onPage?.(done);
      }
    }
    const contacts = [...byId.values()].map((g) => fromGraphContact(g, schema, { mailbox: this.mailbox, folderId }));
    return { contacts, requests };
  }

  /**
   * Runs the initial delta round (ids only) to obtain a deltaLink. Query parameters must be on the initial
   * request; they are carried inside the tokens (S16). Contact delta supports $select only.
   */
  async startDelta(folderId: string): Promise<DeltaResult> {
    return this.delta(`${this.folderPath(folderId)}/contacts/delta?${buildQuery({ $select: "id,changeKey" })}`);
  }

  /** Follows a delta/next link to the end; ids of changed and removed contacts (changes in any order, maybe repeated). */
  async delta(link: string): Promise<DeltaResult> {
    const changed = new Set<string>();
    const removed = new Set<string>();
    const changeKeys = new Map<string, string>();
    let url: string | undefined = link;
    let requests = 0;
    const caps = await this.caps();
    for (;;) {
      // A server that ignores the page-size preference (probe: deltaHonoursMaxPageSize) is not asked for one.
      const req = this.client.api(url);
      const page: { value?: GraphContact[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string } = await call(
        (caps.deltaHonoursMaxPageSize ? req.header("Prefer", `odata.maxpagesize=${PAGE_SIZE}`) : req).get(),
      );
      requests++;
      for (const item of page.value ?? []) {
        if (item["@removed"]) {
          removed.add(item.id);
          changed.delete(item.id);
        } else {
          changed.add(item.id);
          removed.delete(item.id);
          if (item.changeKey) changeKeys.set(item.id, item.changeKey);
        }
      }
      if (page["@odata.nextLink"]) url = page["@odata.nextLink"];
      else if (page["@odata.deltaLink"]) return { changedIds: [...changed], changeKeys, removedIds: [...removed], deltaLink: page["@odata.deltaLink"], requests };
      else throw new GraphRequestError("malformedResponse", 200, "Delta page without nextLink or deltaLink");
    }
  }

  /**
   * Contacts by id with their fields, 20 GETs per $batch. Missing contacts (404) are reported as errors, so
   * callers can drop them.
   */
  async getContacts(ids: string[], schema: FieldSchema): Promise<{ contacts: Map<string, Contact>; errors: Map<string, GraphRequestError>; requests: number }> {
    const caps = await this.caps();
    if (!caps.expandBothCollections) {
      // Probe fallback: one sub-request per collection per contact (10 contacts per $batch of 20), merged.
      const parts = expandParts(schema, caps);
      const queries = parts.length ? parts.map((p, i) => buildQuery({ $select: i === 0 ? CONTACT_SELECT.join(",") : "id", $expand: p })) : [buildQuery({ $select: CONTACT_SELECT.join(",") })];
      const r = await batchGetRaw(this.client, (id) => `${this.root}/contacts/${seg(id)}`, ids, queries, {
        maxAttempts: this.maxAttempts,
        retryDelaySeconds: this.retryDelaySeconds,
        sleep: this.sleep,
      });
      const contacts = new Map<string, Contact>();
      for (const [id, g] of r.raw) contacts.set(id, fromGraphContact(g, schema, { mailbox: this.mailbox }));
      return { contacts, errors: r.errors, requests: r.requests };
    }
    const contacts = new Map<string, Contact>();
    const errors = new Map<string, GraphRequestError>();
    const q = this.listQuery(schema);
    let requests = 0;
    let todo = [...new Set(ids)];
    // 429/503/504 sub-responses are retried in a later batch after the longest Retry-After (same policy as writes).
    for (let attempt = 1; todo.length; attempt++) {
      const retry: string[] = [];
      let waitSeconds = 0;
      for (const part of chunk(todo)) {
        const reqs: BatchSubRequest[] = part.map((id, i) => ({ id: String(i), method: "GET", url: `${this.root}/contacts/${seg(id)}?${q}` }));
        const res = await sendBatch(this.client, reqs);
        requests++;
        part.forEach((id, i) => {
          const r = res.get(String(i));
          if (r && r.status === 200 && r.body) {
            contacts.set(id, fromGraphContact(r.body as GraphContact, schema, { mailbox: this.mailbox }));
            errors.delete(id);
          } else {
            errors.set(id, fromBatchError(r?.status ?? 0, r?.body));
            if (r && isRetryable(r.status) && attempt < this.maxAttempts) {
              retry.push(id);
              waitSeconds = Math.max(waitSeconds, retryAfterSeconds(r) ?? backoffSeconds(attempt, this.retryDelaySeconds));
            }
          }
        });
      }
      todo = retry;
      if (todo.length) await this.sleep(waitSeconds * 1000);
    }
    return { contacts, errors, requests };
  }

  /** Contacts whose address equals one of the given ones (server-side exact match, S2), batched. */
  async findByEmail(addresses: string[], schema: FieldSchema): Promise<Contact[]> {
    const unique = [...new Map(addresses.filter(Boolean).map((a) => [a.toLowerCase(), a])).values()];
    const groups = chunk(unique, EMAILS_PER_FILTER);
    const caps = await this.caps();
    // Probe fallback: find the ids without expanding, then read the fields per contact (getContacts' path).
    const expandHere = caps.expandOnCollections && caps.expandBothCollections;
    const q = (group: string[]) =>
      `${this.root}/contacts?${buildQuery({ $filter: or(...group.map(emailEquals)), $select: expandHere ? CONTACT_SELECT.join(",") : "id", $expand: expandHere ? buildExpand(schema) : undefined, $top: PAGE_SIZE })}`;
    const found = new Map<string, Contact>();
    for (const batch of chunk(groups)) {
      const res = await sendBatch(
        this.client,
        batch.map((g, i) => ({ id: String(i), method: "GET", url: q(g) })),
      );
      for (let i = 0; i < batch.length; i++) {
        const r = res.get(String(i));
        if (!r || r.status !== 200) throw fromBatchError(r?.status ?? 0, r?.body);
        const body = r.body as { value?: GraphContact[]; "@odata.nextLink"?: string };
        for (const g of body.value ?? []) found.set(g.id, fromGraphContact(g, schema, { mailbox: this.mailbox }));
        let next = body["@odata.nextLink"];
        while (next) {
          const page: { value?: GraphContact[]; "@odata.nextLink"?: string } = await call(this.client.api(next).get());
          for (const g of page.value ?? []) found.set(g.id, fromGraphContact(g, schema, { mailbox: this.mailbox }));
          next = page["@odata.nextLink"];
        }
      }
    }
    if (expandHere) return [...found.values()];
    const { contacts } = await this.getContacts([...found.keys()], schema);
    return [...contacts.values()];
  }

  /** The POST body of a new contact; throws (invalidInput / valueTooLong / FieldValueError) before anything is sent. */
  private newContactBody(input: NewContact, schema: FieldSchema): Record<string, unknown> {
    const check = (name: string, v: string | undefined, multiline = false): void => {
      if (v === undefined) return;
      if ((multiline ? /[\u0000-\u0009\u000b-\u001f\u007f]/ : /[\u0000-\u0008\u000b-\u001f\u007f]/).test(v)) throw new GraphRequestError("invalidInput", 0, `The ${name} contains control characters`);
      if (v.length > MAX_NAME_LENGTH) throw new GraphRequestError("valueTooLong", 0, `The ${name} is longer than ${MAX_NAME_LENGTH} characters`);
    };
    for (const k of ["displayName", "givenName", "surname", "companyName", "jobTitle", "mobilePhone"] as const) check(k, input[k]);
    (input.businessPhones ?? []).forEach((p, i) => check(`businessPhones[${i}]`, p));
    const address = input.businessAddress;
    if (address) for (const k of ADDRESS_KEYS) check(`businessAddress.${k}`, address[k], k === "street");
    const patch = toGraphPatch(input.fields ?? {}, schema);
    const body: Record<string, unknown> = { ...patch, emailAddresses: input.emailAddresses };
    for (const k of ["displayName", "givenName", "surname", "companyName", "jobTitle", "businessPhones", "mobilePhone", "categories"] as const) {
      if (input[k] !== undefined) body[k] = input[k];
    }
    if (address) {
      const a: PostalAddress = {};
      for (const k of ADDRESS_KEYS) if (address[k] !== undefined) a[k] = address[k];
      body.businessAddress = a;
    }
    return body;
  }

  /** The created contact as the app sees it: the response omits extended properties (S7), so fields come from the input. */
  private createdContact(created: GraphContact, input: NewContact, schema: FieldSchema, folderId?: string): Contact {
    const c = fromGraphContact(created, schema, { mailbox: this.mailbox, folderId });
    for (const f of schema.fields) if (input.fields && f.propertyName in input.fields) c.fields[f.propertyName] = input.fields[f.propertyName] ?? null;
    return c;
  }

  /**
   * Creates a contact with its fields in one POST (S7: POST carries the extended properties; the response
   * omits them, so the returned contact takes the fields from the input). Values are encoded (and refused)
   * before anything is sent.
   */
  async createContact(input: NewContact, schema: FieldSchema, folderId?: string): Promise<Contact> {
    const body = this.newContactBody(input, schema);
    const path = folderId ? `${this.folderPath(folderId)}/contacts` : `${this.root}/contacts`;
    const created = await call<GraphContact>(this.client.api(path).post(body));
    return this.createdContact(created, input, schema, folderId);
  }

  /**
   * Creates many contacts exactly once: POST sub-requests (with Content-Type) in $batches of 20, one batch in
   * flight per mailbox. Each new contact carries a client-generated id (CREATION_ID_PROPERTY_ID; the input's
   * `creationId` when given, so a caller can make a creation idempotent across reloads too). A 429 was not
   * executed (throttling.md) and is retried after its Retry-After; a 503/504 or a lost answer is ambiguous — the
   * server may have created the contact before the gateway gave up — so the contact is looked up by its id
   * ($filter on the extended property, S6) and sent again only when it is not there.
   * Inputs that fail validation are reported failed without being sent; the others are still created.
   * One result per input, in input order; `requests` counts $batch round trips (POSTs and look-ups).
   */
  async createContacts(
    inputs: readonly NewContact[],
    schema: FieldSchema,
    folderId?: string,
    onProgress?: (p: { done: number; total: number }) => void,
  ): Promise<{ results: CreateContactResult[]; requests: number }> {
    const results: (CreateContactResult | undefined)[] = inputs.map(() => undefined);
    const path = folderId ? `${this.folderPath(folderId)}/contacts` : `${this.root}/contacts`;
    interface Item { index: number; creationId: string; sub: BatchSubRequest; attempts: number; lastError?: GraphRequestError }
    let toSend: Item[] = [];
    inputs.forEach((input, i) => {
      try {
        const creationId = input.creationId ?? newCreationId();
        const body = this.newContactBody(input, schema);
        const single = (body.singleValueExtendedProperties as { id: string; value: string }[] | undefined) ?? [];
        body.singleValueExtendedProperties = [...single, { id: CREATION_ID_PROPERTY_ID, value: creationId }];
        toSend.push({ index: i, creationId, attempts: 0, sub: { id: String(i), method: "POST", url: path, headers: { "Content-Type": "application/json" }, body } });
      } catch (e) {
        // GraphRequestError or the domain's FieldValueError: both carry a string code.
        const code = e && typeof e === "object" && typeof (e as { code?: unknown }).code === "string" ? (e as { code: string }).code : "invalidInput";
        results[i] = { status: "failed", code, reason: e instanceof Error ? e.message : "Invalid input" };
      }
    });
    const total = inputs.length;
    let done = total - toSend.length;
    onProgress?.({ done, total });
    const settle = (it: Item, r: CreateContactResult) => {
      results[it.index] = r;
      onProgress?.({ done: ++done, total });
    };
    const giveUp = (it: Item, e: GraphRequestError) => settle(it, { status: "failed", code: e.code, reason: e.message, ...(e.status > 0 ? { httpStatus: e.status } : {}) });
    let toLookUp: Item[] = [];
    let requests = 0;
    let waitSeconds = 0;
    const lockKey = mailboxLockKey(this.mailbox);
    /** A try that may have created the contact: look it up next (bounded). */
    const ambiguous = (it: Item, e: GraphRequestError) => {
      it.lastError = e;
      if (it.attempts >= this.maxAttempts) giveUp(it, e);
      else toLookUp.push(it);
    };
    while (toSend.length || toLookUp.length) {
      if (waitSeconds > 0) await this.sleep(Math.min(waitSeconds, MAX_RETRY_DELAY_SECONDS) * 1000);
      waitSeconds = 0;
      // 1. Look up the ambiguous ones by their creation id, 20 GETs per $batch.
      if (toLookUp.length) {
        const part = toLookUp.slice(0, MAX_BATCH_SIZE);
        toLookUp = toLookUp.slice(part.length);
        const q = (cid: string) =>
          `${this.root}/contacts?${buildQuery({ $filter: singleValuePropertyEquals(CREATION_ID_PROPERTY_ID, cid), $select: CONTACT_SELECT.join(","), $expand: buildExpand(schema), $top: 1 })}`;
        let res: Map<string, BatchSubResponse> | undefined;
        try {
          res = await withMailboxLock(this.client, lockKey, () => sendBatch(this.client, part.map((it) => ({ id: String(it.index), method: "GET", url: q(it.creationId) }))));
        } catch (e) {
          const err = toGraphRequestError(e);
          for (const it of part) {
            it.attempts++;
            ambiguous(it, err);
          }
          waitSeconds = backoffSeconds(Math.max(...part.map((it) => it.attempts)), this.retryDelaySeconds);
        }
        requests++;
        for (const it of res ? part : []) {
          const r = res!.get(String(it.index));
          const found = r && r.status === 200 ? (r.body as { value?: GraphContact[] }).value?.[0] : undefined;
          if (found) {
            const c = fromGraphContact(found, schema, { mailbox: this.mailbox, ...(folderId ? { folderId } : {}) });
            settle(it, { status: "created", contact: c });
          } else if (r && r.status === 200) {
            toSend.push(it); // not created: safe to send again
          } else {
            it.attempts++;
            ambiguous(it, r ? fromBatchError(r.status, r.body) : new GraphRequestError("malformedResponse", 0, "No response for a sub-request"));
            if (r) waitSeconds = Math.max(waitSeconds, retryAfterSeconds(r) ?? backoffSeconds(it.attempts, this.retryDelaySeconds));
          }
        }
        continue;
      }
      // 2. Send one batch of creations.
      const part = toSend.slice(0, MAX_BATCH_SIZE);
      toSend = toSend.slice(part.length);
      for (const it of part) it.attempts++;
      let res: Map<string, BatchSubResponse>;
      try {
        res = await withMailboxLock(this.client, lockKey, () => sendBatch(this.client, part.map((it) => it.sub)));
        requests++;
      } catch (e) {
        requests++;
        const err = toGraphRequestError(e);
        if (err.status === 429) {
          // The envelope was throttled, so nothing in it ran: send it again later.
          for (const it of part) if (it.attempts >= this.maxAttempts) giveUp(it, err);
          toSend = [...part.filter((it) => !results[it.index]), ...toSend];
          waitSeconds = backoffSeconds(Math.max(...part.map((it) => it.attempts)), this.retryDelaySeconds);
        } else if (err.status >= 400 && err.status < 500) {
          for (const it of part) giveUp(it, err); // the batch itself was refused: nothing ran
        } else {
          for (const it of part) ambiguous(it, err); // 5xx or no answer: may have run
          waitSeconds = backoffSeconds(Math.max(...part.map((it) => it.attempts)), this.retryDelaySeconds);
        }
        continue;
      }
      const retried: Item[] = [];
      for (const it of part) {
        const r = res.get(String(it.index));
        const input = inputs[it.index] as NewContact;
        if (!r) {
          ambiguous(it, new GraphRequestError("malformedResponse", 0, "No response for a sub-request"));
        } else if (r.status >= 200 && r.status < 300 && r.body) {
          settle(it, { status: "created", contact: this.createdContact(r.body as GraphContact, input, schema, folderId) });
        } else if (r.status === 429) {
          const err = fromBatchError(r.status, r.body);
          if (it.attempts >= this.maxAttempts) giveUp(it, err);
          else retried.push(it);
          waitSeconds = Math.max(waitSeconds, retryAfterSeconds(r) ?? backoffSeconds(it.attempts, this.retryDelaySeconds));
        } else if (isRetryable(r.status)) {
          ambiguous(it, fromBatchError(r.status, r.body));
          waitSeconds = Math.max(waitSeconds, retryAfterSeconds(r) ?? backoffSeconds(it.attempts, this.retryDelaySeconds));
        } else {
          const err = fromBatchError(r.status, r.body);
          settle(it, { status: "failed", code: err.code, reason: err.message, httpStatus: r.status });
        }
      }
      toSend = [...retried, ...toSend];
    }
    return { results: results.map((r) => r ?? { status: "failed", code: "malformedResponse", reason: "No result" }), requests };
  }
}

/** A client-generated creation id (crypto.randomUUID where present: browsers, Node 19+). */
function newCreationId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

