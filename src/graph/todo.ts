/**
 * Follow-up tasks in Microsoft To Do (graph-reference.md §12), linked to the contact through a
 * linkedResource (externalId = contact id) and, to find it again without duplicates, the task id stored on
 * the contact in `String {6e3a1c52-…} Name FollowUpTaskId` (filtering tasks by linkedResources is UNVERIFIED).
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { followUpTaskSchedule, type FollowUpTaskTarget } from "../domain/followUp";
import { mailboxRoot } from "./ContactsRepository";
import { FOLLOW_UP_TASK_PROPERTY_ID, readSingleValue } from "./extendedProperties";
import { readPropertyOfMany } from "./contactProperty";
import { buildQuery, seg } from "./filterBuilder";
import { GraphRequestError, toGraphRequestError } from "./GraphRequestError";

export const LINKED_APPLICATION_NAME = "Customer Follow-up";

export interface FollowUpTaskInput {
  title: string;
  /** The contact's next-contact instant (ISO, UTC): the task is due on its local day and rings at 09:00 then. */
  due?: string;
  /** The user's time zone (IANA), for the due day and the reminder's wall-clock time. */
  timeZone: string;
  contactId: string;
  contactDisplayName: string;
  webUrl?: string;
}

export interface TodoTask {
  id: string;
  title: string;
  status: string;
  dueDateTime?: { dateTime: string; timeZone: string };
  isReminderOn?: boolean;
  reminderDateTime?: { dateTime: string; timeZone: string };
}

async function call<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw toGraphRequestError(e);
  }
}

const utc = (iso: string) => ({ dateTime: new Date(iso).toISOString().replace(/Z$/, ""), timeZone: "UTC" });

/**
 * Due date and reminder of a follow-up task (issue 10 item 13). resources/todotask.md: `dueDateTime` and
 * `reminderDateTime` are dateTimeTimeZone ("the date and time in the specified time zone"), `isReminderOn` "set to
 * true if an alert is set to remind the user". To Do's due date is a calendar day: the user's local day at 00:00,
 * given in UTC; the reminder is the exact instant of 09:00 on that day in the user's zone (domain
 * followUpTaskSchedule), given in UTC (resources/datetimetimezone.md).
 */
function schedule(due: string, timeZone: string) {
  const { dueDay, reminderAt } = followUpTaskSchedule(due, timeZone);
  return { dueDateTime: { dateTime: `${dueDay}T00:00:00.0000000`, timeZone: "UTC" }, isReminderOn: true, reminderDateTime: utc(reminderAt) };
}

/** Same day and same reminder instant (Graph pads seconds with seven fraction digits). */
function sameSchedule(task: TodoTask, want: ReturnType<typeof schedule>): boolean {
  const ms = (d?: { dateTime: string; timeZone: string }) => (d && d.timeZone === "UTC" ? Date.parse(`${d.dateTime.replace(/(\.\d{3})\d*$/, "$1")}Z`) : NaN);
  return task.isReminderOn === true && ms(task.dueDateTime) === ms(want.dueDateTime) && ms(task.reminderDateTime) === ms(want.reminderDateTime);
}

export async function getDefaultTaskListId(client: Client): Promise<string> {
  const res = await call<{ value?: { id: string; wellknownListName?: string }[] }>(client.api("/me/todo/lists").get());
  const list = res.value?.find((l) => l.wellknownListName === "defaultList");
  if (!list) throw new GraphRequestError("notFound", 404, "No default To Do list");
  return list.id;
}

export async function createFollowUpTask(client: Client, listId: string, input: FollowUpTaskInput): Promise<TodoTask> {
  const body: Record<string, unknown> = {
    title: input.title,
    linkedResources: [
      { applicationName: LINKED_APPLICATION_NAME, displayName: input.contactDisplayName, externalId: input.contactId, ...(input.webUrl ? { webUrl: input.webUrl } : {}) },
    ],
  };
  if (input.due) Object.assign(body, schedule(input.due, input.timeZone));
  return call(client.api(`/me/todo/lists/${seg(listId)}/tasks`).post(body));
}

export async function completeTask(client: Client, listId: string, taskId: string): Promise<void> {
  await call(client.api(`/me/todo/lists/${seg(listId)}/tasks/${seg(taskId)}`).patch({ status: "completed" }));
}

export async function getTask(client: Client, listId: string, taskId: string): Promise<TodoTask | undefined> {
  try {
    return await client.api(`/me/todo/lists/${seg(listId)}/tasks/${seg(taskId)}`).get();
  } catch (e) {
    const err = toGraphRequestError(e);
    if (err.status === 404) return undefined;
    throw err;
  }
}

export async function readFollowUpTaskId(client: Client, contactId: string, mailbox?: string): Promise<string | undefined> {
  const q = buildQuery({ $select: "id", $expand: `singleValueExtendedProperties($filter=id eq '${FOLLOW_UP_TASK_PROPERTY_ID}')` });
  const c = await call<{ singleValueExtendedProperties?: { id: string; value: string }[] }>(client.api(`${mailboxRoot(mailbox)}/contacts/${seg(contactId)}?${q}`).get());
  return readSingleValue(c, FOLLOW_UP_TASK_PROPERTY_ID) || undefined;
}

export async function writeFollowUpTaskId(client: Client, contactId: string, taskId: string, mailbox?: string): Promise<void> {
  await call(client.api(`${mailboxRoot(mailbox)}/contacts/${seg(contactId)}`).patch({ singleValueExtendedProperties: [{ id: FOLLOW_UP_TASK_PROPERTY_ID, value: taskId }] }));
}

/** Moves an open task to the schedule of `due` (one PATCH; none when it already matches). */
async function moveTask(client: Client, listId: string, t: TodoTask, due: string, timeZone: string): Promise<{ task: TodoTask; moved: boolean }> {
  const want = schedule(due, timeZone);
  if (sameSchedule(t, want)) return { task: t, moved: false };
  const moved = await call<TodoTask>(client.api(`/me/todo/lists/${seg(listId)}/tasks/${seg(t.id)}`).patch(want));
  return { task: { ...t, ...want, ...moved }, moved: true };
}

/**
 * The contact's follow-up task while it is open (not completed, not deleted): undefined otherwise. `knownTaskId`: the
 * id read earlier (e.g. in a batch); when that task is no longer open, the contact's stored id is read again, as
 * "Contacted" may have replaced the task since.
 */
async function openTaskOf(client: Client, listId: string, contactId: string, knownTaskId?: string): Promise<TodoTask | undefined> {
  const open = async (id: string | undefined) => {
    const t = id ? await getTask(client, listId, id) : undefined;
    return t && t.status !== "completed" ? t : undefined;
  };
  if (knownTaskId) {
    const t = await open(knownTaskId);
    if (t) return t;
    const current = await readFollowUpTaskId(client, contactId);
    return current && current !== knownTaskId ? open(current) : undefined;
  }
  return open(await readFollowUpTaskId(client, contactId));
}

/**
 * The follow-up task ids stored on many contacts (20 contacts per $batch): contacts without one map to undefined, so
 * an edit of many contacts costs To Do requests only for those that have a task.
 */
export async function readFollowUpTaskIds(client: Client, contactIds: readonly string[], mailbox?: string): Promise<Map<string, string | undefined>> {
  return (await readPropertyOfMany(client, mailboxRoot(mailbox), contactIds, FOLLOW_UP_TASK_PROPERTY_ID)).values;
}

/**
 * The contact's open follow-up task, creating one only if there is none (no duplicates): the stored task id
 * is checked first; a completed or deleted task leads to a new one. An open task follows the contact's date:
 * when the follow-up moved, its due day and reminder move with it (one PATCH; none when they already match).
 */
export async function ensureFollowUpTask(
  client: Client,
  input: FollowUpTaskInput,
  listId?: string,
): Promise<{ task: TodoTask; created: boolean; moved?: boolean; listId: string }> {
  const list = listId ?? (await getDefaultTaskListId(client));
  const t = await openTaskOf(client, list, input.contactId);
  if (t) {
    if (!input.due) return { task: t, created: false, listId: list };
    const { task, moved } = await moveTask(client, list, t, input.due, input.timeZone);
    return { task, created: false, ...(moved ? { moved } : {}), listId: list };
  }
  const task = await createFollowUpTask(client, list, input);
  await writeFollowUpTaskId(client, input.contactId, task.id);
  return { task, created: true, listId: list };
}

export type TaskFollowOutcome = "none" | "unchanged" | "moved" | "undated" | "completed";

/**
 * After the contact's follow-up fields were edited (details form, bulk edit, undo, the list's tick): its open task
 * follows them (issue 10 item 13) — moved to the new date, left without a due day and reminder when the date was
 * removed but the customer still needs a call, completed when nothing is left to follow up. A contact without an
 * open task gets none here: tasks are created by "Follow up" and "Contacted" with reminders on.
 * resources/todotask.md: dueDateTime and reminderDateTime are nullable dateTimeTimeZone, isReminderOn a Boolean;
 * api/todotask-update.md updates them with PATCH.
 */
export async function followContactTask(
  client: Client,
  listId: string,
  contactId: string,
  target: FollowUpTaskTarget,
  timeZone: string,
  knownTaskId?: string,
): Promise<TaskFollowOutcome> {
  const t = await openTaskOf(client, listId, contactId, knownTaskId);
  if (!t) return "none";
  if (target.kind === "due") return (await moveTask(client, listId, t, target.due, timeZone)).moved ? "moved" : "unchanged";
  if (target.kind === "done") {
    await completeTask(client, listId, t.id);
    return "completed";
  }
  if (!t.dueDateTime && !t.reminderDateTime && t.isReminderOn !== true) return "unchanged";
  await call(client.api(`/me/todo/lists/${seg(listId)}/tasks/${seg(t.id)}`).patch({ dueDateTime: null, reminderDateTime: null, isReminderOn: false }));
  return "undated";
}

interface LinkedTask extends TodoTask {
  linkedResources?: { applicationName?: string; externalId?: string | null }[];
}

/**
 * Completes the open follow-up tasks linked to these contacts, which have left the user's folder (deleted, or moved
 * into a teammate's folder by their claim): a reminder for a customer who is no longer mine would ring for nothing.
 * Completed, not deleted: the user can reopen it, and any notes they typed on it stay. The contact (and the task id
 * stored on it) is gone, so the tasks are found by their linked resource (resources/linkedresource.md: externalId
 * is the contact id we wrote): the list's tasks with their linkedResources, page by page through @odata.nextLink.
 * api/todotasklist-list-tasks.md says only that "some" OData query parameters are supported: `$filter` on status
 * (open tasks only) is UNVERIFIED, so a 400 for it falls back to every task, filtered here. Returns the ids completed.
 */
export async function completeTasksOfContacts(client: Client, listId: string, contactIds: readonly string[]): Promise<string[]> {
  const gone = new Set(contactIds);
  const done: string[] = [];
  const found: string[] = [];
  const list = async (query: Record<string, string>) => {
    let url: string | undefined = `/me/todo/lists/${seg(listId)}/tasks?${buildQuery(query)}`;
    while (url) {
      const page: { value?: LinkedTask[]; "@odata.nextLink"?: string } = await call(client.api(url).get());
      for (const t of page.value ?? []) {
        const link = t.linkedResources?.find((l) => l.applicationName === LINKED_APPLICATION_NAME);
        if (t.status !== "completed" && link?.externalId && gone.has(link.externalId)) found.push(t.id);
      }
      url = page["@odata.nextLink"];
    }
  };
  try {
    await list({ $filter: "status ne 'completed'", $expand: "linkedResources" });
  } catch (e) {
    if (toGraphRequestError(e).status !== 400 || found.length) throw e;
    await list({ $expand: "linkedResources" });
  }
  for (const id of found) {
    try {
      await completeTask(client, listId, id);
      done.push(id);
    } catch (e) {
      if (toGraphRequestError(e).status !== 404) throw e;
    }
  }
  return done;
}
