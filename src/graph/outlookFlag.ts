/**
 * Outlook's own follow-up flag on a contact, as MAPI properties (graph-reference.md §4): v1.0 `contact` has no
 * `flag`, so the properties MS-OXOFLAG "Setting a Time Flag" lists are written as extended properties. Off by
 * default in the product: whether classic Outlook, new Outlook and Outlook on the web render a flag written
 * through Graph on a contact is UNVERIFIED (§4), so the add-in's own fields stay the source of truth and this is
 * only a mirror.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { mailboxRoot } from "./ContactsRepository";
import { normalizePropertyId, type SingleValueProperty } from "./extendedProperties";
import { seg } from "./filterBuilder";
import { toGraphRequestError } from "./GraphRequestError";

const PSETID_COMMON = "{00062008-0000-0000-C000-000000000046}";
const PSETID_TASK = "{00062003-0000-0000-C000-000000000046}";

export const OUTLOOK_FLAG_PROPERTY_IDS = {
  flagStatus: "Integer 0x1090", // PidTagFlagStatus: 2 flagged, 1 complete; absent = unflagged
  followupIcon: "Integer 0x1095", // PidTagFollowupIcon: 6 = red, only while flagged
  toDoItemFlags: "Integer 0x0E2B", // PidTagToDoItemFlags: 0x1 todoTimeFlagged
  flagCompleteTime: "SystemTime 0x1091", // PidTagFlagCompleteTime
  flagRequest: `String ${PSETID_COMMON} Id 0x8530`, // PidLidFlagRequest: "Follow up"
  flagString: `Integer ${PSETID_COMMON} Id 0x85C0`, // PidLidFlagString: 0x6E "Follow up" on contacts
  commonStart: `SystemTime ${PSETID_COMMON} Id 0x8516`, // PidLidCommonStart
  commonEnd: `SystemTime ${PSETID_COMMON} Id 0x8517`, // PidLidCommonEnd
  taskStartDate: `SystemTime ${PSETID_TASK} Id 0x8104`, // PidLidTaskStartDate
  taskDueDate: `SystemTime ${PSETID_TASK} Id 0x8105`, // PidLidTaskDueDate
  taskStatus: `Integer ${PSETID_TASK} Id 0x8101`, // PidLidTaskStatus: 0 time flag, 2 complete
  percentComplete: `Double ${PSETID_TASK} Id 0x8102`, // PidLidPercentComplete
  taskComplete: `Boolean ${PSETID_TASK} Id 0x811C`, // PidLidTaskComplete
} as const;

const FLAG_STATUS = { none: 0, complete: 1, flagged: 2 } as const;
const RED_ICON = 6;
const TODO_TIME_FLAGGED = 0x1;
const FLAG_STRING_FOLLOW_UP = 0x6e;
const TASK_STATUS = { notStarted: 0, complete: 2 } as const;

export type OutlookFlagState =
  | { status: "flagged"; start: string; due?: string }
  | { status: "complete"; completedAt: string }
  /** Graph cannot delete extended properties (§2): 0 is written; whether Outlook reads 0 as unflagged is UNVERIFIED. */
  | { status: "none" };

/** Second-precision UTC, as contracts.md fixes for SystemTime values. */
const systemTime = (iso: string): string => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

export function toOutlookFlagProperties(state: OutlookFlagState): SingleValueProperty[] {
  const P = OUTLOOK_FLAG_PROPERTY_IDS;
  const p = (id: string, value: string | number | boolean): SingleValueProperty => ({ id, value: String(value) });
  if (state.status === "flagged") {
    const out = [
      p(P.flagStatus, FLAG_STATUS.flagged),
      p(P.followupIcon, RED_ICON),
      p(P.toDoItemFlags, TODO_TIME_FLAGGED),
      p(P.flagRequest, "Follow up"),
      p(P.flagString, FLAG_STRING_FOLLOW_UP),
      p(P.commonStart, systemTime(state.start)),
      p(P.taskStartDate, systemTime(state.start)),
      p(P.taskStatus, TASK_STATUS.notStarted),
      p(P.percentComplete, 0),
      p(P.taskComplete, false),
    ];
    if (state.due) out.push(p(P.commonEnd, systemTime(state.due)), p(P.taskDueDate, systemTime(state.due)));
    return out;
  }
  if (state.status === "complete") {
    return [
      p(P.flagStatus, FLAG_STATUS.complete),
      p(P.flagCompleteTime, systemTime(state.completedAt)),
      p(P.taskStatus, TASK_STATUS.complete),
      p(P.percentComplete, 1),
      p(P.taskComplete, true),
    ];
  }
  return [p(P.flagStatus, FLAG_STATUS.none), p(P.toDoItemFlags, 0), p(P.taskComplete, false)];
}

/** Reads the mirror back (for tests and diagnostics); unknown or absent status = none. */
export function fromOutlookFlagProperties(props: readonly SingleValueProperty[]): OutlookFlagState {
  const P = OUTLOOK_FLAG_PROPERTY_IDS;
  const get = (id: string) => props.find((x) => normalizePropertyId(x.id).toLowerCase() === normalizePropertyId(id).toLowerCase())?.value;
  const status = Number(get(P.flagStatus));
  if (status === FLAG_STATUS.flagged) {
    const start = get(P.taskStartDate) ?? get(P.commonStart);
    const due = get(P.taskDueDate) ?? get(P.commonEnd);
    return { status: "flagged", start: start ?? "", ...(due ? { due } : {}) };
  }
  if (status === FLAG_STATUS.complete) return { status: "complete", completedAt: get(P.flagCompleteTime) ?? "" };
  return { status: "none" };
}

/** PATCHes the mirror onto a contact. No If-Match: these properties are written by nothing else of ours. */
export async function writeOutlookFlag(client: Client, contactId: string, state: OutlookFlagState, mailbox?: string): Promise<void> {
  try {
    await client.api(`${mailboxRoot(mailbox)}/contacts/${seg(contactId)}`).patch({ singleValueExtendedProperties: toOutlookFlagProperties(state) });
  } catch (e) {
    throw toGraphRequestError(e);
  }
}

/** The mirror as stored on a contact (one GET with the flag properties expanded). */
export async function readOutlookFlag(client: Client, contactId: string, mailbox?: string): Promise<OutlookFlagState> {
  const ids = Object.values(OUTLOOK_FLAG_PROPERTY_IDS).map((id) => `id eq '${id}'`).join(" or ");
  const q = `$select=id&$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=${ids})`)}`;
  try {
    const c = (await client.api(`${mailboxRoot(mailbox)}/contacts/${seg(contactId)}?${q}`).get()) as { singleValueExtendedProperties?: SingleValueProperty[] };
    return fromOutlookFlagProperties(c.singleValueExtendedProperties ?? []);
  } catch (e) {
    throw toGraphRequestError(e);
  }
}
