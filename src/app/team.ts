/**
 * The manager's Team view (issue 6): reads the salespeople's shared default contacts folders and turns them into
 * one view model — filters, per-salesperson counts (domain followUp + claims) and the CSV export of the view.
 *
 * Permissions: Contacts.Read.Shared is requested only here (auth/scopes.ts "teamView"), so a salesperson who
 * never opens the Team view never sees it in a consent prompt.
 */
import { scopesFor } from "../auth";
import { claimInfo, DEFAULT_CLAIM_CONFIG, responsibleFor, type ClaimConfig } from "../domain/claims";
import { queryContacts, type Condition } from "../domain/contactQuery";
import { createLocalDayFn } from "../domain/dates";
import { followUpInfo } from "../domain/followUp";
import { DEFAULT_SCHEMA, fieldByRole } from "../domain/schema";
import { directoryOf, formatPerson, parsePerson, type Person } from "../domain/people";
import { normalizeAddress } from "../domain/threadParticipants";
import type { Contact, FieldSchema, Locale } from "../domain/types";
import { ContactsRepository, createGraphClient, toGraphRequestError, type GraphRequestError } from "../graph";
import type { HistoryLog } from "../domain/history";
import { reassignCustomer, type ReassignResult } from "./sales/reassign";
import { readComplaintHistories } from "./teamComplaints";
import type { Services } from "./Services";

/**
 * At most this many folders load at once. Graph allows 4 concurrent requests per mailbox (throttling-outlook.md);
 * the folders are different mailboxes, but the pane stays polite to the tenant and to the user's connection.
 */
export const TEAM_MAX_IN_FLIGHT = 4;

/** Roaming-settings key of the configured team (salespeople's addresses). */
export const TEAM_MEMBERS_SETTING = "team.members";

/** At most this many teammates: each is a folder read; a sales team beyond this wants a real report server. */
export const MAX_TEAM_MEMBERS = 50;

/**
 * The demo tenant's salespeople (docs/contracts.md "Seeded tenant"): the default team in the demo build until
 * the user edits the list. src/app cannot read emulator/, so the contract table is the source.
 */
export const DEMO_TEAM: readonly string[] = ["zhang.wei@contoso.com", "wang.fang@contoso.com", "chen.jie@contoso.com", "emily.zhou@contoso.com"];

/** The same salespeople with the names the manager knows them by (docs/contracts.md "Seeded tenant"). */
export const DEMO_TEAM_ENTRIES: readonly string[] = ["张伟", "王芳", "陈杰", "周美玲"].map((name, i) => `${name} <${DEMO_TEAM[i]}>`);

/** Team entries ("Name <address>" or addresses, as saved) → people; unreadable entries are skipped. */
export function teamPeople(entries: readonly string[]): Person[] {
  return entries.map((e) => parsePerson(e)).filter((p): p is Person => !!p);
}

/** Team entries → addresses (what folders are read by). */
export function teamAddresses(entries: readonly string[]): string[] {
  return teamPeople(entries).map((p) => p.address);
}

/** The configured managers (AppConfig.managers) as people. */
export function managerPeople(services: Pick<Services, "config">): Person[] {
  return teamPeople(services.config.managers ?? []);
}

/**
 * Whether the signed-in user is one of the configured managers (issue 13 item 5): only managers see the Team tab.
 * This is navigation, not access control — what anyone can read is what was shared with them (Exchange decides).
 */
export function isManager(services: Pick<Services, "config" | "environment">): boolean {
  const me = normalizeAddress(services.environment.user.emailAddress);
  return managerPeople(services).some((p) => p.address === me);
}

/** Who the Team view names: the team and the managers, by address. */
export function teamDirectory(entries: readonly string[], services?: Pick<Services, "config" | "environment">): Map<string, Person> {
  const people = [...teamPeople(entries), ...(services ? managerPeople(services) : [])];
  if (services?.environment.user.displayName) people.push({ address: normalizeAddress(services.environment.user.emailAddress), name: services.environment.user.displayName });
  return directoryOf(people);
}

/** Why a teammate's folder could not be read; the UI maps each to a localized message (never parses bodies). */
export type TeamFolderErrorCode = "notShared" | "noSuchMailbox" | "unreachable" | "throttled" | "failed";

export interface TeamFolderData {
  contacts: Contact[];
  schema: FieldSchema;
  requests: number;
  /** The folder's id (the complaints look-up filters in it). */
  folderId?: string;
}

export type TeamFolder =
  | { upn: string; status: "loading" }
  | ({ upn: string; status: "loaded" } & TeamFolderData)
  | { upn: string; status: "error"; code: TeamFolderErrorCode };

/** What the Team view needs from the outside world (fakes in component tests, Graph in the app). */
export interface TeamService {
  /** The configured team (addresses), or the default team when none was saved. */
  members(): Promise<string[]>;
  saveMembers(upns: readonly string[]): Promise<void>;
  /** One salesperson's shared default contacts folder with its fields. Rejects with a GraphRequestError. */
  loadFolder(upn: string): Promise<TeamFolderData>;
  /**
   * The histories the complaints list needs from one folder (issue 13 item 6): every customer marked with an open
   * complaint (one server-side $filter) and the `also` ids (customers contacted in the period). Absent in fakes
   * that have no complaints.
   */
  loadComplaintHistories?(upn: string, folderId: string | undefined, also: readonly string[]): Promise<Map<string, HistoryLog>>;
  /** The manager moves a customer to another salesperson (src/app/sales/reassign.ts). */
  reassign?(input: { contact: Contact; schema: FieldSchema; to: Person; directory: ReadonlyMap<string, Person> }): Promise<ReassignResult>;
}

/**
 * The emulator's documented errors (emulator/README.md "Sharing", graph.ts users) and Graph's:
 * 403 ErrorAccessDenied = the folder is not shared with me; 404 ErrorInvalidUser / Request_ResourceNotFound =
 * no such mailbox; no status = offline / unreachable; 429/503/504 after the SDK's retries = throttled.
 */
export function teamErrorCode(e: unknown): TeamFolderErrorCode {
  // Coded errors from other services (fakes, ContactsReader) carry code/status without being GraphRequestErrors.
  const coded = e && typeof e === "object" && typeof (e as { code?: unknown }).code === "string";
  const err: Pick<GraphRequestError, "code" | "status"> = coded
    ? { code: (e as { code: string }).code, status: Number((e as { status?: unknown }).status ?? 0) }
    : toGraphRequestError(e);
  if (err.code === "ErrorAccessDenied" || err.status === 403 || err.status === 401) return "notShared";
  if (err.code === "ErrorInvalidUser" || err.code === "Request_ResourceNotFound" || err.code === "ErrorItemNotFound" || err.code === "defaultFolderUnknown" || err.status === 404) return "noSuchMailbox";
  if (err.code === "network" || err.status === -1) return "unreachable";
  if (err.status === 429 || err.status === 503 || err.status === 504) return "throttled";
  return "failed";
}

/**
 * Loads every folder with at most `maxInFlight` in flight, reporting each folder as it settles (so the view
 * paints folders as they arrive). Never rejects: failures become `status: "error"` entries.
 */
export async function loadTeamFolders(
  service: Pick<TeamService, "loadFolder">,
  upns: readonly string[],
  onFolder: (folder: TeamFolder) => void = () => undefined,
  maxInFlight: number = TEAM_MAX_IN_FLIGHT,
): Promise<TeamFolder[]> {
  const results: TeamFolder[] = upns.map((upn) => ({ upn, status: "loading" }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < upns.length) {
      const i = next++;
      const upn = upns[i] as string;
      let folder: TeamFolder;
      try {
        folder = { upn, status: "loaded", ...(await service.loadFolder(upn)) };
      } catch (e) {
        folder = { upn, status: "error", code: teamErrorCode(e) };
      }
      results[i] = folder;
      onFolder(folder);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(maxInFlight, upns.length)) }, worker));
  return results;
}

/** Adds "Name <address>" or an address to the team list: trimmed, address lower-cased, valid, no duplicates. */
export function addTeamMember(list: readonly string[], entry: string): { ok: true; list: string[] } | { ok: false; code: "invalidEmail" | "duplicate" | "tooMany" } {
  const p = parsePerson(entry);
  if (!p) return { ok: false, code: "invalidEmail" };
  if (teamAddresses(list).includes(p.address)) return { ok: false, code: "duplicate" };
  if (list.length >= MAX_TEAM_MEMBERS) return { ok: false, code: "tooMany" };
  return { ok: true, list: [...list, formatPerson(p)] };
}

// ---------------------------------------------------------------------------------------------------------------
// View model

export type FlagFilter = "any" | "yes" | "no";
export type DueFilter = "any" | "due" | "overdue" | "dueOrOverdue";

export interface TeamFilters {
  flag: FlagFilter;
  due: DueFilter;
  /** Tier choice value; "" = any. */
  tier: string;
  /** Owner address (owner field); "" = any. */
  owner: string;
  /** Intended product keyword; "" = any. */
  product: string;
}

export const NO_TEAM_FILTERS: TeamFilters = { flag: "any", due: "any", tier: "", owner: "", product: "" };

export interface TeamCounts {
  upn: string;
  total: number;
  due: number;
  overdue: number;
  lapsing: number;
  lapsed: number;
}

export interface TeamViewModel {
  /** The schema used to read and filter (the first loaded folder's, else the default). */
  schema: FieldSchema;
  rows: Contact[];
  counts: TeamCounts[];
  owners: string[];
  products: string[];
}

export interface TeamViewOptions {
  locale: Locale;
  timeZone: string;
  now: Date;
  claims?: ClaimConfig;
}

/**
 * The whole team's contacts filtered (flag / tier / owner / product through the domain query engine, due and
 * overdue through domain followUp) and sorted by name; per-salesperson counts over the filtered rows.
 * "Due" = due today, "overdue" = before today (local calendar days); lapsing / lapsed = domain claims.
 */
export function buildTeamView(folders: readonly TeamFolder[], filters: TeamFilters, opts: TeamViewOptions): TeamViewModel {
  const loaded = folders.filter((f): f is Extract<TeamFolder, { status: "loaded" }> => f.status === "loaded");
  const schema = loaded[0]?.schema ?? (DEFAULT_SCHEMA as FieldSchema);
  const flagF = fieldByRole(schema, "needsRecontact");
  const tierF = fieldByRole(schema, "tier");
  const ownerF = fieldByRole(schema, "owner");
  const productsF = fieldByRole(schema, "products");
  const all = loaded.flatMap((f) => f.contacts.map((c) => (c.mailbox ? c : { ...c, mailbox: f.upn })));

  const owners = new Set<string>();
  const products = new Set<string>();
  for (const c of all) {
    const o = ownerF ? c.fields[ownerF.propertyName] : undefined;
    if (typeof o === "string" && o.trim()) owners.add(o.trim().toLowerCase());
    const p = productsF ? c.fields[productsF.propertyName] : undefined;
    if (Array.isArray(p)) for (const k of p) if (k.trim()) products.add(k.trim());
  }

  const conditions: Condition[] = [];
  if (flagF && filters.flag === "yes") conditions.push({ column: { field: flagF.propertyName }, op: "eq", value: true });
  // "No" includes contacts with no value: nothing asks to re-contact them.
  if (flagF && filters.flag === "no") conditions.push({ column: { field: flagF.propertyName }, op: "ne", value: true });
  if (tierF && filters.tier) conditions.push({ column: { field: tierF.propertyName }, op: "eq", value: filters.tier });
  if (ownerF && filters.owner) conditions.push({ column: { field: ownerF.propertyName }, op: "eq", value: filters.owner });
  if (productsF && filters.product) conditions.push({ column: { field: productsF.propertyName }, op: "hasKeyword", value: filters.product });
  let rows = queryContacts(all, schema, {
    filters: conditions,
    sort: { column: { builtin: "displayName" } },
    locale: opts.locale,
    timeZone: opts.timeZone,
  }).rows;

  const dayOf = createLocalDayFn(opts.timeZone);
  const status = new Map<Contact, string>();
  for (const c of rows) status.set(c, followUpInfo(c.fields, schema, opts.now, opts.timeZone, dayOf).status);
  if (filters.due !== "any") {
    const keep = filters.due === "due" ? ["dueToday"] : filters.due === "overdue" ? ["overdue"] : ["dueToday", "overdue"];
    rows = rows.filter((c) => keep.includes(status.get(c) as string));
  }

  // Counted under the customer's owner (the owner field), not the folder it sits in: a customer claimed from a
  // teammate's folder is the claimant's (issue 10 item 12). No owner → the folder's holder. Owners outside the
  // configured team get their own row after the team's.
  const zero = (upn: string): TeamCounts => ({ upn, total: 0, due: 0, overdue: 0, lapsing: 0, lapsed: 0 });
  const byUpn = new Map<string, TeamCounts>(loaded.map((f) => [normalizeAddress(f.upn), zero(f.upn)]));
  const extra: TeamCounts[] = [];
  for (const c of rows) {
    const who = responsibleFor(c.fields, schema, c.mailbox as string);
    let k = byUpn.get(who);
    if (!k) {
      k = zero(who);
      byUpn.set(who, k);
      extra.push(k);
    }
    k.total++;
    const s = status.get(c);
    if (s === "dueToday") k.due++;
    else if (s === "overdue") k.overdue++;
    const claim = claimInfo(c, schema, opts.now, opts.claims ?? DEFAULT_CLAIM_CONFIG).state;
    if (claim === "lapsing") k.lapsing++;
    else if (claim === "lapsed") k.lapsed++;
  }
  const collator = new Intl.Collator(opts.locale);
  return {
    schema,
    rows,
    counts: [...byUpn.values()].filter((k) => !extra.includes(k)).concat(extra.sort((a, b) => collator.compare(a.upn, b.upn))),
    owners: [...owners].sort(collator.compare),
    products: [...products].sort(collator.compare),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Graph-backed service

/** The real TeamService: Graph with the teamView scopes, team list in roaming settings. */
export function createTeamService(
  services: Pick<Services, "auth" | "graph" | "office" | "config" | "environment">,
  opts: { terminal?: (req: Request) => Promise<Response>; retry?: { maxRetries?: number; delaySeconds?: number } } = {},
): TeamService {
  const clientFor = (feature: "teamView" | "contactsSharedWrite") =>
    createGraphClient({
      authProvider: () => services.auth.getToken(scopesFor(feature)),
      baseUrl: services.graph.baseUrl,
      customHosts: services.graph.customHosts,
      // In-process Graph (tests, bench): the same middleware chain with the emulator in the terminal position.
      ...(opts.terminal ? { terminal: opts.terminal } : {}),
      ...(opts.retry ? { retry: opts.retry } : {}),
    });
  const client = clientFor("teamView");
  // Contacts.ReadWrite.Shared only once the manager reassigns a customer (incremental consent).
  let writeClient: ReturnType<typeof createGraphClient> | undefined;
  const me = normalizeAddress(services.environment.user.emailAddress);
  let eventSeq = 0;
  return {
    async members() {
      const saved = await services.office.roamingSettings.get<string[]>(TEAM_MEMBERS_SETTING);
      if (Array.isArray(saved)) return saved.filter((s) => typeof s === "string");
      return services.config.demo ? DEMO_TEAM_ENTRIES.filter((e) => parsePerson(e)?.address !== me) : [];
    },
    async saveMembers(upns) {
      await services.office.roamingSettings.set(TEAM_MEMBERS_SETTING, [...upns]);
      await services.office.roamingSettings.save();
    },
    async loadFolder(upn) {
      // contracts.md: the default folder id comes from a contact's parentFolderId; /users/{upn}/contactFolders/{id}
      // is readable when shared (graph-reference.md S4).
      const repo = new ContactsRepository(client, { mailbox: upn });
      const folderId = await repo.getDefaultFolderId();
      const schema = await repo.loadSchema(folderId);
      const { contacts, requests } = await repo.listContacts(folderId, schema);
      return { contacts, schema, requests: requests + 2, folderId };
    },
    async loadComplaintHistories(upn, folderId, also) {
      return readComplaintHistories(client, upn, folderId, also);
    },
    async reassign({ contact, schema, to, directory }) {
      writeClient ??= clientFor("contactsSharedWrite");
      const byName = managerPeople(services).find((p) => p.address === me)?.name ?? services.environment.user.displayName;
      const at = new Date();
      return reassignCustomer({
        client: writeClient,
        mailbox: contact.mailbox ?? "",
        contactId: contact.id,
        schema,
        to,
        // The name the team knows the manager by (ADDIN_MANAGERS "李娜 <li.na@…>"), else the account's display name.
        by: { address: me, ...(byName ? { name: byName } : {}) },
        directory,
        now: at,
        eventId: `r-${at.getTime().toString(36)}-${(++eventSeq).toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      });
    },
  };
}

/** Services may carry a TeamService (tests, future caching); otherwise the Graph one is built on demand. */
export function getTeamService(services: Services): TeamService {
  if (services.team) return services.team;
  const cached = serviceCache.get(services);
  if (cached) return cached;
  const created = createTeamService(services);
  serviceCache.set(services, created);
  return created;
}

const serviceCache = new WeakMap<Services, TeamService>();
