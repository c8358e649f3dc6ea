/**
 * Follow-up tasks in Microsoft To Do (graph-reference.md §12), linked to the contact through a
 * linkedResource (externalId = contact id) and, to find it again without duplicates, the task id stored on
 * the contact in `String {6e3a1c52-…} Name FollowUpTaskId` (filtering tasks by linkedResources is UNVERIFIED).
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { mailboxRoot } from "./ContactsRepository";
import { FOLLOW_UP_TASK_PROPERTY_ID, readSingleValue } from "./extendedProperties";
import { buildQuery, seg } from "./filterBuilder";
import { GraphRequestError, toGraphRequestError } from "./GraphRequestError";

export const LINKED_APPLICATION_NAME = "Customer Follow-up";

export interface FollowUpTaskInput {
  title: string;
  /** ISO instant (UTC). */
  due?: string;
  reminder?: string;
  contactId: string;
  contactDisplayName: string;
  webUrl?: string;
}

export interface TodoTask {
  id: string;
  title: string;
  status: string;
  dueDateTime?: { dateTime: string; timeZone: string };
}

async function call<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw toGraphRequestError(e);
  }
}

const utc = (iso: string) => ({ dateTime: new Date(iso).toISOString().replace(/Z$/, ""), timeZone: "UTC" });

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
  if (input.due) body.dueDateTime = utc(input.due);
  if (input.reminder) {
    body.isReminderOn = true;
    body.reminderDateTime = utc(input.reminder);
  }
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

/**
 * The contact's open follow-up task, creating one only if there is none (no duplicates): the stored task id
 * is checked first; a completed or deleted task leads to a new one.
 */
export async function ensureFollowUpTask(client: Client, input: FollowUpTaskInput, listId?: string): Promise<{ task: TodoTask; created: boolean; listId: string }> {
  const list = listId ?? (await getDefaultTaskListId(client));
  const existingId = await readFollowUpTaskId(client, input.contactId);
  if (existingId) {
    const t = await getTask(client, list, existingId);
    if (t && t.status !== "completed") return { task: t, created: false, listId: list };
  }
  const task = await createFollowUpTask(client, list, input);
  await writeFollowUpTaskId(client, input.contactId, task.id);
  return { task, created: true, listId: list };
}
