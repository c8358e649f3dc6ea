/**
 * "This email" and thread / multi-select tagging as user actions (conventions.md "User commands are registered
 * actions"): the UI, ribbon commands and tests all go through the same `perform`. The rules live in src/domain
 * (collectParticipants, contactFromAddress, planTagging); this module only wires them to Office (ids, settings),
 * Graph (the conversation's messages) and the contacts service.
 */
import {
  collectParticipants,
  contactFromAddress,
  isFreeMailDomain,
  normalizeAddress,
  type MessageParticipants,
  type NewContactDraft,
  type Participant,
} from "../domain/threadParticipants";
import { applyOps, planTagging, type TagChange } from "../domain/tagging";
import { followUpEdited } from "../domain/followUp";
import type { Contact, EmailAddress, FieldOp, FieldValues, WriteResult } from "../domain/types";
import type { MailItemSnapshot, OfficeHost, SelectedItem } from "../office";
import type { ContactsService, CreateResult } from "./contacts";

/** Outlook's multi-select limit (item-multi-select.md): at most 100 selected messages. */
export const MAX_SELECTED_EMAILS = 100;
/** Conversations listed at once: the per-mailbox concurrency limit is 4 (graph-reference.md, design.md §4). */
const CONVERSATION_CONCURRENCY = 4;

/** Roaming-settings keys (Office.context.roamingSettings, 32 KB in all: keep the list short). */
export const NEVER_TAG_SETTING = "tagging.neverTag";
export const EXCLUDE_OWN_DOMAIN_SETTING = "tagging.excludeOwnDomain";
/** The never-tag list is a personal, hand-kept list: cap it so it can never eat the 32 KB roaming budget. */
export const MAX_NEVER_TAG_ENTRIES = 200;

/** What tagging needs from the contacts service (services' ContactsService): cached copy first, server for misses. */
export type TaggingContacts = Pick<ContactsService, "snapshot" | "subscribe" | "ensureLoaded" | "findByEmail" | "createContacts" | "applyOps">;

export interface TaggingPorts {
  office: Pick<OfficeHost, "convertToRestId" | "getSelectedItems" | "roamingSettings">;
  /** The signed-in mailbox address. */
  me: string;
  contacts: TaggingContacts;
  /** Headers of every message of a conversation (REST conversation id). */
  listConversationMessages(restConversationId: string): Promise<MessageParticipants[]>;
  /**
   * Contacts whose "needs re-contact" or next-contact date a tagging or a card edit changed: their open To Do tasks
   * follow (issue 10 item 13; SalesService.followTasks). Called in the background, never awaited.
   */
  followTasks?(contactIds: readonly string[]): unknown;
}

export interface TaggingSettings {
  neverTag: string[];
  excludeOwnDomain: boolean;
}

/** One person of the open email, matched to contacts by address. */
export interface PersonMatch {
  address: string;
  name: string;
  roles: Array<"from" | "to" | "cc">;
  contacts: Contact[];
  isMe: boolean;
  /** At the signed-in user's own domain (never for free-mail domains like gmail.com or qq.com). */
  isColleague: boolean;
}

export type TagRowResult =
  | { status: "created"; contactId: string }
  | { status: "updated"; contactId: string }
  | { status: "unchanged" }
  | { status: "failed"; reason: string; code?: string };

export interface TagRow {
  address: string;
  name: string;
  status: Participant["status"];
}

export interface TagProgress {
  done: number;
  total: number;
}

export interface TagOutcome {
  results: Array<{ address: string; name: string; result: TagRowResult }>;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export class TaggingError extends Error {
  constructor(
    readonly code: "noConversation" | "tooManyEmails" | "nothingSelected" | "unsupported",
    message: string,
  ) {
    super(message);
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Index of the cached contacts by normalized address. */
function indexByAddress(contacts: readonly Contact[]): Map<string, Contact[]> {
  const index = new Map<string, Contact[]>();
  for (const c of contacts) {
    for (const e of c.emailAddresses) {
      if (!e.address) continue;
      const k = normalizeAddress(e.address);
      const list = index.get(k);
      if (list) {
        if (!list.includes(c)) list.push(c);
      } else index.set(k, [c]);
    }
  }
  return index;
}

/** Parses a never-tag entry typed by the user: an address or "@domain". Returns null when it is neither. */
export function parseNeverTagEntry(raw: string): string | null {
  const s = normalizeAddress(raw);
  if (/^@[^\s@]+\.[^\s@]+$/.test(s)) return s;
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) return s;
  return null;
}

export function createTaggingService(ports: TaggingPorts) {
  const { office, contacts } = ports;
  /** Hands the written contacts whose follow-up fields these ops touch to followTasks. */
  const follow = (results: readonly WriteResult[], opsOf: (id: string) => readonly FieldOp[] | undefined) => {
    if (!ports.followTasks) return;
    const ids = followUpEdited(results, opsOf, contacts.snapshot().schema);
    if (ids.length) ports.followTasks(ids);
  };
  const me = normalizeAddress(ports.me);
  const myDomain = me.slice(me.lastIndexOf("@") + 1);
  const isColleague = (normalized: string) =>
    normalized !== me && myDomain !== "" && !isFreeMailDomain(myDomain) && normalized.slice(normalized.lastIndexOf("@") + 1) === myDomain;

  /** Cached contacts first; one server look-up (findByEmail, batched) for the misses. */
  /** Loads the contacts once; a failed load is an error here (an empty list would offer duplicates). */
  async function ready(): Promise<void> {
    await contacts.ensureLoaded();
    const { error, loaded } = contacts.snapshot();
    if (error && !loaded) throw Object.assign(new Error(error.message), { code: error.code });
  }

  async function matchAddresses(addresses: readonly string[]): Promise<Map<string, Contact[]>> {
    await ready();
    const index = indexByAddress(contacts.snapshot().contacts);
    const out = new Map<string, Contact[]>();
    const misses: string[] = [];
    for (const a of addresses) {
      const k = normalizeAddress(a);
      const hit = index.get(k);
      if (hit) out.set(k, hit);
      else misses.push(k);
    }
    if (misses.length) {
      const found = await contacts.findByEmail(misses);
      const foundIndex = indexByAddress(found);
      for (const k of misses) out.set(k, foundIndex.get(k) ?? []);
    }
    return out;
  }

  async function readSettings(): Promise<TaggingSettings> {
    const [neverTag, excludeOwnDomain] = await Promise.all([
      office.roamingSettings.get<unknown>(NEVER_TAG_SETTING),
      office.roamingSettings.get<unknown>(EXCLUDE_OWN_DOMAIN_SETTING),
    ]);
    return {
      neverTag: Array.isArray(neverTag) ? neverTag.filter((x): x is string => typeof x === "string") : [],
      excludeOwnDomain: excludeOwnDomain === undefined ? true : excludeOwnDomain === true,
    };
  }

  async function saveSettings(next: TaggingSettings): Promise<TaggingSettings> {
    const neverTag = [...new Set(next.neverTag.map(parseNeverTagEntry).filter((x): x is string => x !== null))].slice(0, MAX_NEVER_TAG_ENTRIES);
    await office.roamingSettings.set(NEVER_TAG_SETTING, neverTag);
    await office.roamingSettings.set(EXCLUDE_OWN_DOMAIN_SETTING, next.excludeOwnDomain);
    await office.roamingSettings.save();
    return { neverTag, excludeOwnDomain: next.excludeOwnDomain };
  }

  /** The open email's people (from, to, cc), each matched to contacts. */
  async function emailPeople(item: MailItemSnapshot): Promise<PersonMatch[]> {
    const byKey = new Map<string, PersonMatch>();
    const add = (a: EmailAddress | null | undefined, role: "from" | "to" | "cc") => {
      if (!a?.address) return;
      const k = normalizeAddress(a.address);
      const p = byKey.get(k);
      if (p) {
        if (!p.roles.includes(role)) p.roles.push(role);
        if (!p.name && a.name) p.name = a.name;
      } else byKey.set(k, { address: a.address.trim(), name: a.name ?? "", roles: [role], contacts: [], isMe: k === me, isColleague: isColleague(k) });
    };
    add(item.from, "from");
    for (const a of item.to) add(a, "to");
    for (const a of item.cc) add(a, "cc");
    const lookup = [...byKey.entries()].filter(([, p]) => !p.isMe).map(([k]) => k);
    const matched = await matchAddresses(lookup);
    for (const [k, p] of byKey) p.contacts = matched.get(k) ?? [];
    return [...byKey.values()];
  }

  /**
   * The same people matched again against the contact store's current copy, so the cards follow the store
   * (issue 10 item 8): a contact created by "Tag thread", or edited in the contacts view, shows at once without
   * reopening the email. A person whose address has a cached contact gets those; one whose earlier match came from
   * the server only (not in the cached copy) keeps it; a cached contact that no longer has the address is dropped.
   * Returns `people` itself when nothing changed (React keeps the cards as they are).
   */
  function rematchPeople(people: readonly PersonMatch[], cached: readonly Contact[]): readonly PersonMatch[] {
    const wanted = new Set(people.filter((p) => !p.isMe).map((p) => normalizeAddress(p.address)));
    const index = new Map<string, Contact[]>();
    const cachedIds = new Set<string>();
    for (const c of cached) {
      cachedIds.add(c.id);
      for (const e of c.emailAddresses) {
        const k = e.address ? normalizeAddress(e.address) : "";
        if (!wanted.has(k)) continue;
        const list = index.get(k);
        if (!list) index.set(k, [c]);
        else if (!list.includes(c)) list.push(c);
      }
    }
    let changed = false;
    const out = people.map((p) => {
      if (p.isMe) return p;
      const next = index.get(normalizeAddress(p.address)) ?? p.contacts.filter((c) => !cachedIds.has(c.id));
      if (next.length === p.contacts.length && next.every((c, i) => c === p.contacts[i])) return p;
      changed = true;
      return { ...p, contacts: next };
    });
    return changed ? out : people;
  }

  /**
   * Participants of the given conversations (Office ids → REST ids → every message through Graph), plus the
   * extra messages given (e.g. the open compose item's recipients, not sent yet), with exclusions and contact
   * status. Cached contacts are looked up first, the server for the rest, so nobody is created twice.
   */
  async function participants(conversationIds: readonly string[], extra: readonly MessageParticipants[] = []): Promise<Participant[]> {
    const restIds = [...new Set(await Promise.all([...new Set(conversationIds)].map((id) => office.convertToRestId(id))))];
    const perConversation = await mapLimited(restIds, CONVERSATION_CONCURRENCY, (id) => ports.listConversationMessages(id));
    const messages = [...perConversation.flat(), ...extra];
    const settings = await readSettings();
    const first = collectParticipants(messages, {
      me: ports.me,
      excludeOwnDomain: settings.excludeOwnDomain,
      neverTag: settings.neverTag,
      findContacts: () => [],
    });
    const candidates = first.filter((p) => p.status.kind === "new").map((p) => p.address);
    const matched = await matchAddresses(candidates);
    return first.map((p) => {
      if (p.status.kind !== "new") return p;
      const found = matched.get(normalizeAddress(p.address)) ?? [];
      return found.length ? { ...p, status: { kind: "existing", contactIds: found.map((c) => c.id) } } : p;
    });
  }

  /** Participants of the open message's whole conversation. */
  async function threadParticipants(item: MailItemSnapshot): Promise<Participant[]> {
    if (!item.conversationId) throw new TaggingError("noConversation", "The open email has no conversation yet");
    const own: MessageParticipants = { from: item.from, toRecipients: item.to, ccRecipients: item.cc };
    return participants([item.conversationId], [own]);
  }

  /** Participants of every conversation of the selected emails (Mailbox 1.13, at most 100 emails). */
  async function selectionParticipants(selected?: readonly SelectedItem[]): Promise<Participant[]> {
    const items = selected ?? (await office.getSelectedItems());
    if (items.length === 0) throw new TaggingError("nothingSelected", "No email is selected");
    if (items.length > MAX_SELECTED_EMAILS) throw new TaggingError("tooManyEmails", `At most ${MAX_SELECTED_EMAILS} emails`);
    const ids = items.map((i) => i.conversationId).filter((c): c is string => !!c);
    if (ids.length === 0) throw new TaggingError("noConversation", "The selected emails have no conversation");
    return participants(ids);
  }

  /**
   * Applies a change to the chosen participants: creates the missing contacts with the change's values
   * (one POST each), then field-level ops for the existing ones through the store (batched, keywords merged
   * into what each contact already has, never overwritten). Excluded rows are ignored.
   */
  async function tag(rows: readonly TagRow[], change: TagChange, onProgress?: (p: TagProgress) => void): Promise<TagOutcome> {
    await ready();
    const schema = contacts.snapshot().schema;
    // Validates the change once before anything is written (throws FieldValueError).
    const template = planTagging([{ id: "", displayName: "", emailAddresses: [], categories: [], fields: {} }], schema, change);
    const newFields: FieldValues = template.plans[0] ? applyOps({}, template.plans[0].ops) : {};

    const newRows = rows.filter((r) => r.status.kind === "new");
    const existingRows = rows.filter((r) => r.status.kind === "existing");
    const cached = new Map(contacts.snapshot().contacts.map((c) => [c.id, c]));
    const existingIds = [...new Set(existingRows.flatMap((r) => (r.status.kind === "existing" ? r.status.contactIds : [])))];
    const existing = existingIds.map((id) => cached.get(id)).filter((c): c is Contact => !!c);
    const plan = planTagging(existing, schema, change);
    const opsById: Record<string, FieldOp[]> = {};
    for (const p of plan.plans) opsById[p.contactId] = p.ops;
    const refused = new Map(plan.refused.map((r) => [r.contactId, r]));

    const total = newRows.length + existingIds.length;
    let createdDone = 0;
    onProgress?.({ done: 0, total });

    const byAddress = new Map<string, TagRowResult>();
    // Creations: sequential per contact inside createContacts; progress counted as they come back.
    if (newRows.length) {
      const drafts = newRows.map((r) => {
        const d = contactFromAddress(r.name, r.address);
        return { ...d, fields: { ...newFields } };
      });
      const created = await contacts.createContacts(drafts);
      newRows.forEach((r, i) => {
        const res = created[i];
        byAddress.set(
          normalizeAddress(r.address),
          res?.status === "created"
            ? { status: "created", contactId: res.contact.id }
            : { status: "failed", reason: res?.reason ?? "Not created", code: res?.code ?? "unknown" },
        );
      });
      createdDone = newRows.length;
      onProgress?.({ done: createdDone, total });
    }

    const perContact = new Map<string, TagRowResult>();
    for (const id of existingIds) {
      if (!cached.has(id)) perContact.set(id, { status: "failed", reason: "The contact is not loaded yet", code: "notFound" });
      else if (refused.has(id)) perContact.set(id, { status: "failed", reason: "Too many keywords", code: refused.get(id)!.code });
      else if (!opsById[id]) perContact.set(id, { status: "unchanged" });
    }
    const toWrite = Object.keys(opsById);
    if (toWrite.length) {
      const unchangedCount = existingIds.length - toWrite.length;
      const results = await contacts.applyOps(toWrite, opsById, (p) =>
        onProgress?.({ done: createdDone + unchangedCount + Math.min(p.done, toWrite.length), total }),
      );
      follow(results, (id) => opsById[id]);
      const got = new Map(results.map((r) => [r.contactId, r]));
      for (const id of toWrite) {
        const r = got.get(id);
        // No result = queued (offline): the store keeps it pending and shows it in the sync status.
        perContact.set(
          id,
          !r || r.status === "written" ? { status: "updated", contactId: id } : { status: "failed", reason: r.reason, ...(r.code ? { code: r.code } : {}) },
        );
      }
    }
    onProgress?.({ done: total, total });

    for (const r of existingRows) {
      if (r.status.kind !== "existing") continue;
      const results = r.status.contactIds.map((id) => perContact.get(id) ?? { status: "unchanged" as const });
      const failed = results.find((x) => x.status === "failed");
      const updated = results.find((x) => x.status === "updated");
      byAddress.set(normalizeAddress(r.address), failed ?? updated ?? { status: "unchanged" });
    }

    const outcome: TagOutcome = { results: [], created: 0, updated: 0, unchanged: 0, failed: 0 };
    for (const r of [...newRows, ...existingRows]) {
      const result = byAddress.get(normalizeAddress(r.address)) ?? { status: "unchanged" as const };
      outcome.results.push({ address: r.address, name: r.name, result });
      outcome[result.status]++;
    }
    return outcome;
  }

  /** Quick edit of one contact's fields (validated and written by the store, optimistic). */
  async function editContact(contactId: string, ops: FieldOp[]) {
    const results = await contacts.applyOps([contactId], { [contactId]: ops });
    follow(results, () => ops);
    return results[0];
  }

  /** One-click "create contact" for a person of the open email. */
  async function createContactFor(person: { name?: string; address: string }, fields: FieldValues = {}): Promise<CreateResult> {
    // A card can be stale (the thread was just tagged, another device created the contact): an address that already
    // has a contact is refused, and nothing is written (issue 10 item 8). Cached copy first, then the server.
    const address = person.address.trim().toLowerCase();
    const hasAddress = (c: Contact) => c.emailAddresses.some((e) => e.address.trim().toLowerCase() === address);
    const existing = contacts.snapshot().contacts.find(hasAddress) ?? (await contacts.findByEmail([person.address])).find(hasAddress);
    if (existing) return { status: "failed", code: "exists", reason: "A contact with this address already exists" };
    const draft = contactFromAddress(person.name, person.address);
    const [r] = await contacts.createContacts([{ ...draft, fields }]);
    return r ?? { status: "failed", reason: "Not created", code: "unknown" };
  }

  return {
    me: ports.me,
    schema: () => contacts.snapshot().schema,
    readSettings,
    saveSettings,
    emailPeople,
    rematchPeople,
    /** The contact store's current copy and its change notifications (useSyncExternalStore). */
    contactsSnapshot: () => contacts.snapshot(),
    subscribe: (listener: () => void) => contacts.subscribe(listener),
    threadParticipants,
    selectionParticipants,
    tag,
    editContact,
    createContactFor,
  };
}

export type TaggingService = ReturnType<typeof createTaggingService>;

/** The registered user commands of this feature: buttons and tests call `perform` the same way. */
export const taggingActions = {
  tagParticipants: {
    name: "tagParticipants",
    perform: (s: TaggingService, input: { rows: readonly TagRow[]; change: TagChange; onProgress?: (p: TagProgress) => void }) =>
      s.tag(input.rows, input.change, input.onProgress),
  },
  createContactFromEmail: {
    name: "createContactFromEmail",
    perform: (s: TaggingService, input: { name?: string; address: string; fields?: FieldValues }) => s.createContactFor(input, input.fields),
  },
  quickEditContact: {
    name: "quickEditContact",
    perform: (s: TaggingService, input: { contactId: string; ops: FieldOp[] }) => s.editContact(input.contactId, input.ops),
  },
} as const;

export type { MessageParticipants, Participant, NewContactDraft, TagChange, CreateResult };
