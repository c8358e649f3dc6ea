/**
 * Moving a contact from one mailbox's folder into another's (a claimed customer goes to the claimant, issue 10
 * item 10). Graph has no move for contacts: resources/contact.md lists Get, Create, Update and Delete only
 * (messages have message-move.md, contacts have nothing like it), so a move is a copy, then a delete.
 *
 * Exactly once, across crashes, retries and ambiguous failures:
 * - the copy carries a marker, `MovedFrom` = "<source mailbox>/<source id>" in the add-in's own property set,
 *   and is looked up by it before anything is created (singlevaluelegacyextendedproperty-get.md: `$filter` on
 *   `singleValueExtendedProperties/Any(ep: ep/id eq … and ep/value eq …)`);
 * - the create is sent with the SDK's retries off (a 504 can arrive after the server created the contact) and an
 *   ambiguous failure is answered by looking the marker up, never by posting again;
 * - the source is deleted with If-Match of the version that was copied (contact-delete.md; 412 when it changed):
 *   a teammate's edit in between is carried over onto the copy (only the properties they changed), then the
 *   delete is tried again; 404 means an earlier attempt already deleted it.
 * What travels: every writable property of the contact, its fields, its history and complaint marker (graph/history.ts)
 * and its claim stamp (CLAIMED_PROPERTY_ID: the claimant keeps the full lapse period from the claim after the move).
 * A move interrupted after the copy resumes from the marker: the copy is kept as it is (its owner may already
 * have worked it) and the source is deleted.
 */
import { RetryHandlerOptions, type Client } from "@microsoft/microsoft-graph-client";
import type { FieldSchema } from "../domain/types";
import { mailboxRoot } from "./ContactsRepository";
import { defaultCapabilitySource } from "./capabilities";
import { ADDIN_PROPERTY_SET, buildExpand, CLAIMED_PROPERTY_ID, isMultiValue, type GraphContact } from "./extendedProperties";
import { mergeProps } from "./fallbackReads";
import { buildQuery, seg, singleValuePropertyEquals } from "./filterBuilder";
import { GraphRequestError, toGraphRequestError } from "./GraphRequestError";
import { COMPLAINTS_PROPERTY_ID, HISTORY_PROPERTY_ID } from "./history";

export const MOVED_FROM_PROPERTY_ID = `String ${ADDIN_PROPERTY_SET} Name MovedFrom`;

/** A teammate who keeps editing the source between copy and delete: give up after this many rounds (retried later). */
const MAX_MOVE_ROUNDS = 3;

/** The writable contact properties of resources/contact.md (read-only ones — id, changeKey, dates, parentFolderId — left out). */
const COPIED_PROPERTIES = [
  "assistantName", "birthday", "businessAddress", "businessHomePage", "businessPhones", "categories", "children",
  "companyName", "department", "displayName", "emailAddresses", "fileAs", "generation", "givenName", "homeAddress",
  "homePhones", "imAddresses", "initials", "jobTitle", "manager", "middleName", "mobilePhone", "nickName",
  "officeLocation", "otherAddress", "personalNotes", "profession", "spouseName", "surname", "title",
  "yomiCompanyName", "yomiGivenName", "yomiSurname",
] as const;

type RawContact = GraphContact & Record<string, unknown>;
type Body = Record<string, unknown>;

export interface MoveContactInput {
  /** A client allowed to read and delete in the source mailbox (Contacts.ReadWrite.Shared for a teammate's). */
  source: Client;
  /** The mailbox the contact is in (UPN), undefined = /me. */
  sourceMailbox: string;
  contactId: string;
  /** The source folder's schema: its fields' extended properties are copied. */
  schema: FieldSchema;
  /** A client for the destination mailbox. */
  target: Client;
  /** Destination mailbox (UPN), undefined = /me; the copy goes to its default contacts folder. */
  targetMailbox?: string;
}

export interface MoveContactResult {
  /** The copy's id in the destination. */
  id: string;
  /** False when an earlier, interrupted attempt had already created the copy. */
  created: boolean;
}

const isEmpty = (v: unknown): boolean =>
  v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && !Array.isArray(v) && Object.values(v as object).every(isEmpty));

/** The copy's body: every writable property with a value, and every field's extended property as read. */
function copyBody(src: RawContact): Body {
  const body: Body = {};
  for (const k of COPIED_PROPERTIES) if (!isEmpty(src[k])) body[k] = src[k];
  if (src.singleValueExtendedProperties?.length) body.singleValueExtendedProperties = src.singleValueExtendedProperties.map((p) => ({ id: p.id, value: p.value }));
  if (src.multiValueExtendedProperties?.length) body.multiValueExtendedProperties = src.multiValueExtendedProperties.map((p) => ({ id: p.id, value: p.value }));
  return body;
}

/** What changed between two copies of the source (a teammate's edit): only those properties are sent. */
function changedBetween(before: Body, after: Body): Body {
  const patch: Body = {};
  for (const k of COPIED_PROPERTIES) {
    if (JSON.stringify(before[k] ?? null) === JSON.stringify(after[k] ?? null)) continue;
    // A property cleared in the source is cleared on the copy (null for scalars and addresses, [] for collections).
    patch[k] = after[k] ?? (Array.isArray(before[k]) ? [] : null);
  }
  for (const key of ["singleValueExtendedProperties", "multiValueExtendedProperties"] as const) {
    const was = new Map(((before[key] as { id: string; value: unknown }[] | undefined) ?? []).map((p) => [p.id.toLowerCase(), JSON.stringify(p.value)]));
    const changed = ((after[key] as { id: string; value: unknown }[] | undefined) ?? []).filter((p) => was.get(p.id.toLowerCase()) !== JSON.stringify(p.value));
    if (changed.length) patch[key] = changed;
  }
  return patch;
}

const noRetry = () => [new RetryHandlerOptions(0, 0)];

export async function moveContact(input: MoveContactInput): Promise<MoveContactResult> {
  const srcRoot = mailboxRoot(input.sourceMailbox);
  const dstRoot = mailboxRoot(input.targetMailbox);
  const srcPath = `${srcRoot}/contacts/${seg(input.contactId)}`;
  const marker = `${input.sourceMailbox.trim().toLowerCase()}/${input.contactId}`;
  // The fields, the contact history and the claim stamp travel with the customer (the To Do task id does not: that
  // task is in the previous owner's To Do).
  const addinProps = [HISTORY_PROPERTY_ID, COMPLAINTS_PROPERTY_ID, CLAIMED_PROPERTY_ID];
  const expand = buildExpand(input.schema, addinProps);

  const readSource = async (): Promise<RawContact | undefined> => {
    try {
      // A tenant that takes one extended-property collection per $expand (capability probe): two reads, merged.
      if (!(await defaultCapabilitySource().get(input.source, srcRoot)).expandBothCollections) {
        const single = buildExpand({ ...input.schema, fields: input.schema.fields.filter((f) => !isMultiValue(f.kind)) }, addinProps);
        const multi = buildExpand({ ...input.schema, fields: input.schema.fields.filter((f) => isMultiValue(f.kind)) });
        const head = (await input.source.api(`${srcPath}?${buildQuery({ $expand: single })}`).get()) as RawContact;
        if (multi) mergeProps(head as GraphContact, (await input.source.api(`${srcPath}?${buildQuery({ $select: "id", $expand: multi })}`).get()) as GraphContact);
        return head;
      }
      return (await input.source.api(`${srcPath}?${buildQuery({ $expand: expand })}`).get()) as RawContact;
    } catch (e) {
      const err = toGraphRequestError(e);
      if (err.status === 404) return undefined;
      throw err;
    }
  };
  const findCopy = async (): Promise<string | undefined> => {
    try {
      const res = (await input.target
        .api(`${dstRoot}/contacts?${buildQuery({ $filter: singleValuePropertyEquals(MOVED_FROM_PROPERTY_ID, marker), $select: "id", $top: 10 })}`)
        .get()) as { value?: { id: string }[] };
      return res.value?.[0]?.id;
    } catch (e) {
      throw toGraphRequestError(e);
    }
  };

  let src = await readSource();
  let copyId = await findCopy();
  if (!src) {
    if (copyId) return { id: copyId, created: false };
    throw new GraphRequestError("notFound", 404, "The contact to move no longer exists");
  }
  let created = false;
  let copied = copyBody(src);
  if (!copyId) {
    const body = { ...copied, singleValueExtendedProperties: [...((copied.singleValueExtendedProperties as unknown[]) ?? []), { id: MOVED_FROM_PROPERTY_ID, value: marker }] };
    try {
      const res = (await input.target.api(`${dstRoot}/contacts`).middlewareOptions(noRetry()).post(body)) as { id: string };
      copyId = res.id;
    } catch (e) {
      // Ambiguous (timeout, 5xx, lost connection): the server may have created it. Look before anything else.
      copyId = await findCopy();
      if (!copyId) throw toGraphRequestError(e);
    }
    created = true;
  }

  for (let round = 1; round <= MAX_MOVE_ROUNDS; round++) {
    try {
      let del = input.source.api(srcPath);
      if (src["@odata.etag"]) del = del.header("If-Match", src["@odata.etag"]);
      await del.delete();
      return { id: copyId, created };
    } catch (e) {
      const err = toGraphRequestError(e);
      if (err.status === 404) return { id: copyId, created };
      if (err.status !== 412) throw err;
    }
    // 412: the source changed after it was copied. Carry the change over, then delete the newer version.
    const fresh = await readSource();
    if (!fresh) return { id: copyId, created };
    const now = copyBody(fresh);
    const patch = changedBetween(copied, now);
    if (Object.keys(patch).length) await input.target.api(`${dstRoot}/contacts/${seg(copyId)}`).patch(patch);
    src = fresh;
    copied = now;
  }
  throw new GraphRequestError("ErrorIrresolvableConflict", 412, "The contact kept changing while it was moved");
}
