/**
 * The salesperson's follow-up commands over Graph (issue 6): mark contacted, flag for follow-up (with an
 * optional To Do reminder), claim a pool customer (If-Match, refused while someone else's claim is alive),
 * the last email exchanged with a customer, and the daily report draft. Rules come from src/domain; this file
 * only moves data. Each Graph client asks for the scopes of its feature only (src/auth/scopes.ts).
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Feature } from "../../auth/scopes";
import { canClaim, claimOps, claimStamp, type ClaimRefusalCode } from "../../domain/claims";
import { buildHandbookReport, renderHandbookReportHtml, type PlannedTomorrow, type ReportTexts } from "../../domain/handbookReport";
import { localDateKey, startOfLocalDay } from "../../domain/dates";
import { reportSubject } from "../../domain/reportSubject";
import { flagForFollowUp, followUpTaskTarget, markContacted } from "../../domain/followUp";
import { createEntry, EntryError, lastContactedAt, type EntryInput, type HistoryEntry, type HistoryLog } from "../../domain/history";
import { fieldByRole } from "../../domain/schema";
import { applyOps } from "../../domain/tagging";
import type { Contact, FieldOp, FieldSchema, FieldValues, Locale } from "../../domain/types";
import { ContactsRepository, mailboxRoot } from "../../graph/ContactsRepository";
import { toGraphClaimStamp, toGraphPatch, touchedFields } from "../../graph/extendedProperties";
import { seg } from "../../graph/filterBuilder";
import { GraphRequestError, toGraphRequestError } from "../../graph/GraphRequestError";
import { isRetryable } from "../../graph/retryPolicy";
import { latestMessageWith } from "../../graph/messages";
import { moveContact } from "../../graph/moveContact";
import { writeOutlookFlag, type OutlookFlagState } from "../../graph/outlookFlag";
import {
  completeTask,
  completeTasksOfContacts,
  ensureFollowUpTask,
  followContactTask,
  getDefaultTaskListId,
  readFollowUpTaskId,
  readFollowUpTaskIds,
  type TaskFollowOutcome,
} from "../../graph/todo";
import type { OfficeHost } from "../../office";
import type { ContactsService } from "../contacts";
import {
  defaultSalesSettings,
  loadDailyNotes,
  loadSalesSettings,
  saveDailyNotes,
  saveSalesSettings,
  toCadence,
  toClaimConfig,
  type SalesSettings,
} from "./salesSettings";
import { createGraphHistoryStore, type HistoryStore } from "./historyStore";
import type { VisitPlanGraph, VisitPlanner, VisitPlanStore } from "./visitPlanner";
import { createVisitEvent, deleteVisitEvent, moveVisitEvent } from "../../graph/calendarEvents";
import { readOpenVisitPlans, updateVisitPlan } from "../../graph/visitPlan";
import type { PlannedVisit } from "../../domain/visitPlan";

/** A To Do update lost to the connection is tried again after 30 s, then 1, 2, 4 … minutes (at most 16). */
const TASK_RETRY_MS = 30_000;
/** A claim re-reads and retries after a 412 this many times before giving up (another writer keeps winning). */
const MAX_CLAIM_ATTEMPTS = 3;
/** Addresses per customer looked up for "last email": the first ones are the ones people write to. */
const MAIL_LOOKUP_ADDRESSES = 3;

export type ClaimErrorCode = ClaimRefusalCode | "notShared" | "gone" | "conflict";

export class ClaimError extends Error {
  readonly code: ClaimErrorCode;
  readonly owner?: string;
  readonly lapsesAt?: string;
  constructor(code: ClaimErrorCode, details: { owner?: string; lapsesAt?: string } = {}) {
    super(`Claim refused: ${code}`);
    this.code = code;
    if (details.owner) this.owner = details.owner;
    if (details.lapsesAt) this.lapsesAt = details.lapsesAt;
  }
}

export function isClaimError(e: unknown): e is ClaimError {
  return e instanceof ClaimError;
}

export type FolderStatus = "ok" | "notShared" | "unreachable";

/** One mailbox's default contacts folder as the pool sees it. */
export interface FolderLoad {
  mailbox: string;
  own: boolean;
  status: FolderStatus;
  contacts: Contact[];
  schema: FieldSchema;
}

export interface FollowUpResult {
  contact: Contact;
  /** The history entry recorded by "Contacted" / "Record contact", and the contact's history after it. */
  entry?: HistoryEntry;
  history?: HistoryLog;
  /** The contact's open To Do task after the command, when reminders are on. */
  task?: { id: string; created: boolean };
  /** The field write succeeded but the reminder could not be updated (e.g. consent to Tasks declined). */
  reminderFailed?: boolean;
  /** The field write succeeded but the Outlook flag mirror could not be written. */
  mirrorFailed?: boolean;
  /** A visit recorded ("Contacted" by visit) completed this planned visit (issue 13 item 2). */
  visit?: PlannedVisit;
  /** The contact was recorded but its planned visit could not be marked done (retry from Today). */
  visitFailed?: boolean;
}

export interface DailyReportDraftInput {
  contacts: readonly Contact[];
  schema: FieldSchema;
  outcomes: Record<string, string>;
  locale: Locale;
  settings: SalesSettings;
  /** The report's free sections (competitors, feedback, news, insights), typed by the salesperson. */
  texts?: Partial<ReportTexts>;
  /** Tomorrow's planned visits (time order): the report's "tomorrow's plan" section (每日访问计划表). */
  tomorrowVisits?: readonly PlannedTomorrow[];
}

export interface SalesService {
  me: string;
  displayName: string;
  timeZone: string;
  now(): Date;
  /** Today's local date "YYYY-MM-DD" in the user's zone. */
  today(): string;
  defaults(): SalesSettings;
  loadSettings(): Promise<SalesSettings>;
  saveSettings(s: SalesSettings): Promise<void>;
  loadNotes(): Promise<Record<string, string>>;
  saveNotes(notes: Record<string, string>): Promise<void>;
  /** My default contacts folder. */
  loadMine(): Promise<FolderLoad>;
  /** My folder and each teammate's shared folder; a folder that cannot be read is reported, not thrown. */
  loadFolders(): Promise<FolderLoad[]>;
  /**
   * Records a contact with the customer (issue 13): a history entry on the contact (defaults: now, a call,
   * purpose "other"), then — when it is the latest contact — last contacted, needs re-contact and next contact.
   * Rejects with an EntryError (nothing written) for bad input, e.g. a time in the future or beyond 7 days back.
   */
  markContacted(contact: Contact, schema: FieldSchema, settings: SalesSettings, entry?: Partial<EntryInput> & { visitId?: string }): Promise<FollowUpResult>;
  /** The daily visit plan (每日访问计划表): plan, move, cancel visits; the calendar when turned on. */
  visits: VisitPlanner;
  /** A customer's history: mine, or a teammate's through their shared folder. */
  loadHistory(contact: Pick<Contact, "id" | "mailbox">): Promise<HistoryLog>;
  loadHistories(mailbox: string | undefined, ids: readonly string[]): Promise<Map<string, HistoryLog>>;
  flagForFollowUp(contact: Contact, schema: FieldSchema, due: Date | null, settings: SalesSettings): Promise<FollowUpResult>;
  claim(contact: Contact, schema: FieldSchema, settings: SalesSettings): Promise<Contact>;
  /**
   * After the follow-up fields of my contacts were edited outside "Follow up"/"Contacted" (details form, bulk edit,
   * its undo, the list's tick), each one's open To Do task follows (issue 10 item 13), when reminders are on.
   * Never throws: contacts whose task could not be updated are counted in `failed`.
   */
  followTasks(contactIds: readonly string[]): Promise<TaskFollowSummary>;
  /**
   * Contacts that left my folder (deleted, or claimed by a teammate and moved to their folder): their open To Do
   * tasks are completed, when reminders are on. Never throws; resolves to how many tasks were completed.
   */
  closeTasksOf(contactIds: readonly string[]): Promise<number>;
  /** ISO instant of the latest message exchanged with the contact's addresses, if any. */
  latestMailWith(contact: Contact): Promise<string | undefined>;
  /**
   * Opens the day's report as a new email to the manager: subject "[客户跟进·日报] <day> <my name>" (or the English
   * tag), the handbook's tables, and the copy the manager's pane reads back (domain/reportMessage.ts).
   */
  draftDailyReport(input: DailyReportDraftInput): Promise<{ rows: number; htmlBody: string; subject: string; copied: boolean }>;
  /** A new email for the user to review and send (the weekly report), addressed to the configured manager. */
  draftEmail(input: { subject: string; htmlBody: string; settings: SalesSettings }): Promise<void>;
}

/** How many open tasks followed their contact's edit, per outcome (graph/todo followContactTask). */
export type TaskFollowSummary = Partial<Record<TaskFollowOutcome | "failed", number>>;

export interface SalesDeps {
  /** The signed-in user's folder (cached, optimistic writes): the same store the Contacts list shows. */
  contacts: ContactsService;
  /** Teammates whose shared folders feed the pool (the Team view's configured list). */
  teamMembers(): Promise<string[]>;
  me: string;
  displayName: string;
  demo: boolean;
  office: Pick<OfficeHost, "roamingSettings" | "displayNewMessageForm">;
  /** A Graph client whose token carries exactly the scopes of `feature`. */
  clientFor(feature: Feature): Client;
  now?: () => Date;
  timeZone?: string;
  /** Where history is read and appended; Graph by default. */
  history?: HistoryStore;
  /** Where visit plans are read and written; Graph by default. */
  visitPlans?: VisitPlanStore;
  /** First wait before a To Do update that failed on the way (offline, throttled) is tried again; doubles after. */
  taskRetryMs?: number;
}

const same = (a: string | undefined, b: string): boolean => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

function pick(values: FieldValues, names: string[]): FieldValues {
  const out: FieldValues = {};
  for (const n of names) out[n] = values[n] ?? null;
  return out;
}

export function createSalesService(deps: SalesDeps): SalesService {
  const now = deps.now ?? (() => new Date());
  const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
  const taskRetryMs = deps.taskRetryMs ?? TASK_RETRY_MS;
  const roaming = deps.office.roamingSettings;
  const clients = new Map<Feature, Client>();
  const client = (f: Feature): Client => {
    let c = clients.get(f);
    if (!c) clients.set(f, (c = deps.clientFor(f)));
    return c;
  };
  const defaults = () => defaultSalesSettings({ demo: deps.demo, me: deps.me });
  const today = () => localDateKey(now(), timeZone);
  const history = deps.history ?? createGraphHistoryStore(client, deps.me);
  // The visit plan (and its calendar code) loads on first use, not with the pane: the task pane's initial JavaScript
  // has a 250 KB gzipped budget (bench/README.md), and only Today and "Record visit" need it.
  const visitGraph: VisitPlanGraph = { readOpenVisitPlans, updateVisitPlan, mailboxRoot, createVisitEvent, moveVisitEvent, deleteVisitEvent };
  let planner: Promise<VisitPlanner> | undefined;
  const loadPlanner = (): Promise<VisitPlanner> =>
    (planner ??= import(/* webpackChunkName: "visit-plan" */ "./visitPlanner").then((m) =>
      m.createVisitPlanner({ me: deps.me, timeZone, now, store: deps.visitPlans ?? m.createGraphVisitPlanStore(client, deps.me, visitGraph), calendar: () => client("calendar"), graph: visitGraph }),
    ));
  // Every command of the planner, forwarded once its module has loaded.
  const visits = new Proxy({} as VisitPlanner, {
    // Not a thenable: `then` stays undefined so the object can be passed through async code.
    get: (_t, name) =>
      name === "then"
        ? undefined
        : async (...args: unknown[]) => {
            const p = (await loadPlanner()) as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>;
            return p[name]!(...args);
          },
  });

  let entrySeq = 0;
  const newEntryId = (at: Date) => `${at.getTime().toString(36)}-${(++entrySeq).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  /** `fresh`: my folder as it is now, not as the store last saw it — a teammate may have claimed (moved away) one of my lapsed customers since (one delta round). */
  async function loadOwn({ fresh = false }: { fresh?: boolean } = {}): Promise<FolderLoad> {
    await deps.contacts.ensureLoaded();
    if (fresh) await deps.contacts.refresh();
    const snap = deps.contacts.snapshot();
    if (snap.error && !snap.loaded) throw new GraphRequestError(snap.error.code, 0, snap.error.message);
    return { mailbox: deps.me, own: true, status: "ok", contacts: snap.contacts.map((c) => ({ ...c, mailbox: c.mailbox ?? deps.me })), schema: snap.schema };
  }

  async function loadShared(mailbox: string): Promise<FolderLoad> {
    const repo = new ContactsRepository(client("teamView"), { mailbox });
    try {
      const folderId = await repo.getDefaultFolderId();
      const schema = await repo.loadSchema(folderId);
      const { contacts } = await repo.listContacts(folderId, schema);
      return { mailbox, own: false, status: "ok", contacts: contacts.map((c) => ({ ...c, mailbox, folderId })), schema };
    } catch (e) {
      const err = toGraphRequestError(e);
      const status: FolderStatus = err.status === 403 || err.status === 404 || err.status === 401 ? "notShared" : "unreachable";
      return { mailbox, own: false, status, contacts: [], schema: { version: 1, fields: [] } };
    }
  }

  /** Own contacts go through the shared store: optimistic, queued, If-Match with re-read on 412, retried. */
  async function writeOwn(contact: Contact, ops: (c: Contact) => FieldOp[]): Promise<Contact> {
    const [r] = await deps.contacts.applyOps([contact.id], ops);
    if (r && r.status === "failed") throw new GraphRequestError(r.code ?? "writeFailed", 0, r.reason);
    const now = deps.contacts.snapshot().contacts.find((c) => c.id === contact.id);
    return { ...(now ?? contact), mailbox: contact.mailbox ?? deps.me };
  }

  // To Do work runs one piece at a time: a task moved by an edit and the same task completed by "Contacted" never
  // interleave (each reads the task's state after the other's write).
  let todoTurn: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = todoTurn.then(work, work);
    todoTurn = run.catch(() => undefined);
    return run;
  }

  // A task update that could not reach Graph (offline, throttled, 5xx) is tried again later in the session, with
  // back-off, so a lost connection delays it but does not lose it; a refusal (no consent, 403) is not retried.
  const retryFollow = new Set<string>();
  const retryClose = new Set<string>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryAttempt = 0;
  const transient = (e: unknown) => {
    const err = toGraphRequestError(e);
    return err.code === "network" || isRetryable(err.status);
  };
  function retryLater(kind: "follow" | "close", ids: readonly string[]): void {
    for (const id of ids) (kind === "follow" ? retryFollow : retryClose).add(id);
    if (retryTimer !== undefined) return;
    retryAttempt++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      const follow = [...retryFollow];
      const close = [...retryClose];
      retryFollow.clear();
      retryClose.clear();
      void followTasks(follow).then(() => closeTasksOf(close));
    }, taskRetryMs * 2 ** Math.min(retryAttempt - 1, 5));
  }

  /** Whether the user turned To Do reminders on (an unreadable setting counts as off). */
  const remindersOn = async () => (await loadSalesSettings(roaming, defaults()).catch(() => undefined))?.remindersOn === true;

  async function followTasks(contactIds: readonly string[]): Promise<TaskFollowSummary> {
    const summary: TaskFollowSummary = {};
    if (!contactIds.length) return summary;
    if (!(await remindersOn())) return summary;
    const count = (k: keyof TaskFollowSummary) => (summary[k] = (summary[k] ?? 0) + 1);
    let todo: Client;
    let listId: string;
    let taskIds: Map<string, string | undefined>;
    try {
      todo = client("reminders");
      // Which of these contacts have a task at all: 20 per $batch, so a bulk edit costs To Do requests only for those.
      taskIds = await readFollowUpTaskIds(todo, contactIds);
      if (![...taskIds.values()].some(Boolean)) {
        summary.none = contactIds.length;
        return summary;
      }
      listId = await getDefaultTaskListId(todo);
    } catch (e) {
      summary.failed = contactIds.length;
      if (transient(e)) retryLater("follow", contactIds);
      return summary;
    }
    const again: string[] = [];
    // Each contact as the store holds it when its turn comes (after the write that led here, and anything since);
    // indexed once per snapshot, not searched per contact (a bulk edit hands over thousands).
    let snap = deps.contacts.snapshot();
    let byId = new Map(snap.contacts.map((c) => [c.id, c]));
    for (const id of contactIds) {
      if (deps.contacts.snapshot() !== snap) {
        snap = deps.contacts.snapshot();
        byId = new Map(snap.contacts.map((c) => [c.id, c]));
      }
      const contact = byId.get(id);
      const taskId = taskIds.get(id);
      if (!contact || !taskId) {
        count("none");
        continue;
      }
      try {
        count(await inTurn(() => followContactTask(todo, listId, id, followUpTaskTarget(contact.fields, snap.schema), timeZone, taskId)));
      } catch (e) {
        count("failed");
        if (transient(e)) again.push(id);
      }
    }
    if (again.length) retryLater("follow", again);
    else if (!summary.failed) retryAttempt = 0;
    return summary;
  }

  async function closeTasksOf(contactIds: readonly string[]): Promise<number> {
    if (!contactIds.length) return 0;
    if (!(await remindersOn())) return 0;
    try {
      return await inTurn(async () => {
        const todo = client("reminders");
        return (await completeTasksOfContacts(todo, await getDefaultTaskListId(todo), contactIds)).length;
      });
    } catch (e) {
      // Offline or throttled: tried again later; refused (no consent): the tasks stay open.
      if (transient(e)) retryLater("close", contactIds);
      return 0;
    }
  }

  function reminder(contact: Contact, schema: FieldSchema, settings: SalesSettings, action: "contacted" | "flag"): Promise<Pick<FollowUpResult, "task" | "reminderFailed">> {
    return settings.remindersOn ? inTurn(() => updateReminder(contact, schema, action)) : Promise.resolve({});
  }

  async function updateReminder(contact: Contact, schema: FieldSchema, action: "contacted" | "flag"): Promise<Pick<FollowUpResult, "task" | "reminderFailed">> {
    const nextF = fieldByRole(schema, "nextContact");
    const due = nextF ? contact.fields[nextF.propertyName] : null;
    try {
      // Tasks.ReadWrite is asked for only here, once reminders are on (incremental consent).
      const todo = client("reminders");
      const listId = await getDefaultTaskListId(todo);
      if (action === "contacted") {
        // Completing the follow-up completes its task; the next follow-up gets a fresh one below.
        const existing = await readFollowUpTaskId(todo, contact.id);
        if (existing) {
          try {
            await completeTask(todo, listId, existing);
          } catch (e) {
            if (toGraphRequestError(e).status !== 404) throw e;
          }
        }
      }
      if (typeof due !== "string") return {};
      const { task, created } = await ensureFollowUpTask(
        todo,
        { title: contact.displayName || contact.emailAddresses[0]?.address || "", due, timeZone, contactId: contact.id, contactDisplayName: contact.displayName },
        listId,
      );
      return { task: { id: task.id, created } };
    } catch {
      return { reminderFailed: true };
    }
  }

  /**
   * A customer I claimed from a teammate's folder, moved into my default folder (graph moveContact: copy with a
   * marker, then delete with If-Match, exactly once). Resolves to my copy as my store holds it after a refresh.
   */
  async function moveToMine(mailbox: string, id: string, schema: FieldSchema): Promise<Contact> {
    const moved = await moveContact({ source: client("contactsSharedWrite"), sourceMailbox: mailbox, contactId: id, schema, target: client("base") });
    await deps.contacts.refresh();
    const mine = deps.contacts.snapshot().contacts.find((c) => c.id === moved.id);
    if (mine) return { ...mine, mailbox: deps.me };
    const read = await new ContactsRepository(client("base")).getContacts([moved.id], deps.contacts.snapshot().schema);
    const copy = read.contacts.get(moved.id);
    if (!copy) throw new GraphRequestError("notFound", 404, "The moved contact could not be read back");
    return { ...copy, mailbox: deps.me };
  }

  /**
   * Claims of mine whose move was interrupted (the claim was written in the teammate's folder, the copy or the
   * delete did not happen): finished now, best effort. Returns the ids moved.
   */
  async function finishMoves(folder: FolderLoad): Promise<Set<string>> {
    const done = new Set<string>();
    if (folder.own || folder.status !== "ok") return done;
    const ownerF = fieldByRole(folder.schema, "owner");
    if (!ownerF) return done;
    for (const c of folder.contacts) {
      if (!same(c.fields[ownerF.propertyName] as string | undefined, deps.me)) continue;
      try {
        await moveContact({ source: client("contactsSharedWrite"), sourceMailbox: folder.mailbox, contactId: c.id, schema: folder.schema, target: client("base") });
        done.add(c.id);
      } catch {
        // not shared with edit rights, offline, …: stays where it is and is tried again next time
      }
    }
    if (done.size) await deps.contacts.refresh();
    return done;
  }

  /** Outlook's own contact flag, only when the user turned the mirror on (off by default: rendering UNVERIFIED). */
  async function mirror(contact: Contact, settings: SalesSettings, state: OutlookFlagState): Promise<Pick<FollowUpResult, "mirrorFailed">> {
    if (!settings.flagMirrorOn) return {};
    try {
      await writeOutlookFlag(client("base"), contact.id, state);
      return {};
    } catch {
      return { mirrorFailed: true };
    }
  }

  return {
    me: deps.me,
    displayName: deps.displayName,
    timeZone,
    now,
    today,
    defaults,
    loadSettings: () => loadSalesSettings(roaming, defaults()),
    saveSettings: (s) => saveSalesSettings(roaming, s),
    loadNotes: () => loadDailyNotes(roaming, today()),
    saveNotes: (notes) => saveDailyNotes(roaming, today(), notes),
    loadMine: () => loadOwn(),
    async loadFolders() {
      const team = await deps.teamMembers();
      const others = [...new Set(team.map((t) => t.trim().toLowerCase()))].filter((t) => t && !same(t, deps.me));
      const shared = await Promise.all(others.map(loadShared));
      const finished = await Promise.all(shared.map(finishMoves));
      const teammates = shared.map((f, i) => (finished[i]!.size ? { ...f, contacts: f.contacts.filter((c) => !finished[i]!.has(c.id)) } : f));
      return [await loadOwn({ fresh: !finished.some((f) => f.size) }), ...teammates];
    },

    visits,
    followTasks,
    closeTasksOf,

    async markContacted(contact, schema, settings, input = {}) {
      const at = now();
      if (contact.mailbox && !same(contact.mailbox, deps.me)) throw new EntryError("notMine");
      const { visitId, ...typed } = input;
      const entryInput: EntryInput = { at: at.toISOString(), channel: "call", purpose: "other", ...typed };
      // Closing a complaint needs the current log to check the complaint is open; otherwise no extra read.
      const before = entryInput.closes ? await history.read(contact) : undefined;
      const entry = createEntry(entryInput, { id: newEntryId(at), now: at, by: deps.me, byName: deps.displayName, ...(before ? { log: before } : {}) });
      const log = await history.append(contact, entry);
      // A visit recorded completes the planned visit (the one chosen, or that day's closest to the entry's time).
      let done: Pick<FollowUpResult, "visit" | "visitFailed"> = {};
      if (entry.channel === "visit") {
        try {
          const c = await visits.complete(contact, { entryId: entry.id, at: entry.at }, visitId);
          if (c) done = { visit: c.visit };
        } catch {
          done = { visitFailed: true };
        }
      }
      // Last contacted derives from the history: a backdated entry older than the latest changes no field.
      const lastF = fieldByRole(schema, "lastContacted");
      const recorded = lastF ? contact.fields[lastF.propertyName] : null;
      const latest = lastContactedAt(log) ?? entry.at;
      const isLatest = latest === entry.at && (typeof recorded !== "string" || !(Date.parse(recorded) > Date.parse(entry.at)));
      if (!isLatest) return { contact, entry, history: log, ...done };
      const when = new Date(entry.at);
      // Ops from the store's current copy, so a concurrent edit of the tier picks the right cadence.
      const written = await writeOwn(contact, (c) => markContacted(c.fields, schema, when, toCadence(settings)));
      return {
        contact: written,
        entry,
        history: log,
        ...done,
        ...(await reminder(written, schema, settings, "contacted")),
        ...(await mirror(written, settings, { status: "complete", completedAt: when.toISOString() })),
      };
    },

    loadHistory: (contact) => history.read(contact),
    loadHistories: (mailbox, ids) => history.readMany(mailbox, ids),

    async flagForFollowUp(contact, schema, due, settings) {
      const written = await writeOwn(contact, () => flagForFollowUp(schema, due));
      const flag: OutlookFlagState = { status: "flagged", start: now().toISOString(), ...(due ? { due: due.toISOString() } : {}) };
      return { contact: written, ...(await reminder(written, schema, settings, "flag")), ...(await mirror(written, settings, flag)) };
    },

    async claim(contact, schema, settings) {
      const mailbox = contact.mailbox && !same(contact.mailbox, deps.me) ? contact.mailbox : undefined;
      // Writing to a teammate's folder needs their edit share and Contacts.ReadWrite.Shared — only here.
      const c = client(mailbox ? "contactsSharedWrite" : "base");
      const repo = new ContactsRepository(c, mailbox ? { mailbox } : {});
      for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
        // Re-read first: the pool may be minutes old and a colleague may have claimed the customer meanwhile.
        let read;
        try {
          read = await repo.getContacts([contact.id], schema);
        } catch (e) {
          const err = toGraphRequestError(e);
          if (err.status === 403) throw new ClaimError("notShared");
          throw err;
        }
        const fresh = read.contacts.get(contact.id);
        const readErr = read.errors.get(contact.id);
        if (!fresh) {
          if (readErr?.status === 403) throw new ClaimError("notShared");
          if (readErr?.status === 404) throw new ClaimError("gone");
          throw readErr ?? new ClaimError("gone");
        }
        const at = now();
        const check = canClaim(fresh, schema, deps.me, at, toClaimConfig(settings));
        if (!check.ok) throw new ClaimError(check.code, { owner: check.owner, ...(check.lapsesAt ? { lapsesAt: check.lapsesAt } : {}) });
        // Owner := me and the claim's stamp; "last contacted" is left alone: nobody has spoken to the customer yet.
        const ops = claimOps(schema, deps.me);
        const stamp = claimStamp(deps.me, at);
        const fields = applyOps(fresh.fields, ops);
        const patch = toGraphPatch(pick(fields, touchedFields(ops)), schema);
        patch.singleValueExtendedProperties = [...(patch.singleValueExtendedProperties ?? []), toGraphClaimStamp(stamp)];
        try {
          let req = c.api(`${mailboxRoot(mailbox)}/contacts/${seg(contact.id)}`);
          if (fresh.etag) req = req.header("If-Match", fresh.etag);
          await req.patch(patch);
        } catch (e) {
          const err = toGraphRequestError(e);
          // 412: someone wrote in between. Re-read and decide again: their claim wins, anything else is retried.
          if (err.status === 412) continue;
          if (err.status === 403) throw new ClaimError("notShared");
          throw err;
        }
        const claimed: Contact = { ...fresh, fields, claimed: stamp, mailbox: contact.mailbox ?? deps.me, folderId: contact.folderId ?? fresh.folderId };
        // My own folder: let the shared store pick the change up (delta), so the list shows the new owner.
        if (!mailbox) {
          void deps.contacts.refresh();
          return claimed;
        }
        // The claim is won (the If-Match write above). Now the customer moves into my own folder, where Today,
        // Contacts and my reminders work on it; if the move fails it is finished the next time the pool loads.
        return (await moveToMine(mailbox, claimed.id, schema).catch(() => undefined)) ?? claimed;
      }
      throw new ClaimError("conflict");
    },

    async latestMailWith(contact) {
      let best: number | undefined;
      for (const a of contact.emailAddresses.slice(0, MAIL_LOOKUP_ADDRESSES)) {
        const m = await latestMessageWith(client("base"), a.address);
        const t = m ? Date.parse(m.receivedDateTime ?? m.sentDateTime ?? "") : NaN;
        if (Number.isFinite(t) && (best === undefined || t > best)) best = t;
      }
      return best === undefined ? undefined : new Date(best).toISOString();
    },

    async draftEmail(input) {
      const to = input.settings.managerAddress.trim();
      await deps.office.displayNewMessageForm({ toRecipients: to && !same(to, deps.me) ? [to] : [], subject: input.subject, htmlBody: input.htmlBody });
    },

    async draftDailyReport(input) {
      // The handbook's daily report (issue 13) from the day's history: only customers contacted since the start of
      // the day can hold an entry of the day (last contacted derives from the history), so only their logs are read.
      const at = now();
      const lastF = fieldByRole(input.schema, "lastContacted");
      const dayStart = startOfLocalDay(today(), timeZone).getTime();
      const candidates = input.contacts.filter((c) => {
        const v = lastF ? c.fields[lastF.propertyName] : null;
        return typeof v === "string" && Date.parse(v) >= dayStart;
      });
      const histories = candidates.length ? await history.readMany(undefined, candidates.map((c) => c.id)) : new Map();
      const report = buildHandbookReport(input.contacts, histories, input.schema, {
        now: at,
        timeZone,
        salesperson: `${deps.displayName} <${deps.me}>`,
        notes: input.outcomes,
        ...(input.texts ? { texts: input.texts } : {}),
        ...(input.tomorrowVisits ? { plannedTomorrow: input.tomorrowVisits } : {}),
      });
      // The copy's encoder loads with the report (its own chunk), not with the pane's initial JavaScript.
      const { withReportCopy } = await import(/* webpackChunkName: "report-message" */ "../../domain/reportMessage");
      const { html: htmlBody, copied } = withReportCopy(renderHandbookReportHtml(report, input.locale, timeZone), report, input.locale);
      const subject = reportSubject(report.date, deps.displayName, input.locale);
      const to = input.settings.managerAddress.trim();
      await deps.office.displayNewMessageForm({ toRecipients: to ? [to] : [], subject, htmlBody });
      return { rows: report.counts.contacts, htmlBody, subject, copied };
    },
  };
}
