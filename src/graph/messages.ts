/**
 * Thread participants (graph-reference.md §11): all messages of a conversation, headers only, paged, sorted
 * on the client — $orderby together with this $filter gives 400 InefficientFilter (S19, S20).
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { EmailAddress } from "../domain/types";
import { mailboxRoot } from "./ContactsRepository";
import { buildQuery, odataString } from "./filterBuilder";
import { toGraphRequestError } from "./GraphRequestError";

const MESSAGE_SELECT = "from,toRecipients,ccRecipients,bccRecipients,receivedDateTime,sentDateTime";
const MESSAGE_PAGE = 100;

interface GraphRecipient {
  emailAddress?: { name?: string; address?: string };
}
interface GraphMessage {
  id: string;
  from?: GraphRecipient;
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  bccRecipients?: GraphRecipient[];
  receivedDateTime?: string;
  sentDateTime?: string;
}

export interface ThreadMessage {
  id: string;
  from?: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  receivedDateTime?: string;
  sentDateTime?: string;
}

function addr(r?: GraphRecipient): EmailAddress | undefined {
  const a = r?.emailAddress?.address;
  if (!a) return undefined;
  return r?.emailAddress?.name ? { name: r.emailAddress.name, address: a } : { address: a };
}

function toMessage(m: GraphMessage): ThreadMessage {
  const list = (rs?: GraphRecipient[]) => (rs ?? []).map(addr).filter((x): x is EmailAddress => !!x);
  const out: ThreadMessage = { id: m.id, to: list(m.toRecipients), cc: list(m.ccRecipients), bcc: list(m.bccRecipients) };
  const from = addr(m.from);
  if (from) out.from = from;
  if (m.receivedDateTime) out.receivedDateTime = m.receivedDateTime;
  if (m.sentDateTime) out.sentDateTime = m.sentDateTime;
  return out;
}

const when = (m: ThreadMessage) => Date.parse(m.receivedDateTime ?? m.sentDateTime ?? "") || 0;

async function pages(client: Client, first: string): Promise<GraphMessage[]> {
  const out: GraphMessage[] = [];
  let url: string | undefined = first;
  try {
    while (url) {
      const page: { value?: GraphMessage[]; "@odata.nextLink"?: string } = await client.api(url).get();
      out.push(...(page.value ?? []));
      url = page["@odata.nextLink"];
    }
  } catch (e) {
    throw toGraphRequestError(e);
  }
  return out;
}

/** Messages of a conversation (REST-format conversationId — convert Office.js ids first), oldest first. */
export async function listThreadMessages(client: Client, conversationId: string, mailbox?: string): Promise<ThreadMessage[]> {
  const q = buildQuery({ $filter: `conversationId eq ${odataString(conversationId)}`, $select: MESSAGE_SELECT, $top: MESSAGE_PAGE });
  const msgs = (await pages(client, `${mailboxRoot(mailbox)}/messages?${q}`)).map(toMessage);
  return msgs.sort((a, b) => when(a) - when(b));
}

/** Distinct participants (from, to, cc, bcc) of a conversation, first-seen order, addresses compared case-insensitively. */
export async function listThreadParticipants(client: Client, conversationId: string, mailbox?: string): Promise<EmailAddress[]> {
  const seen = new Map<string, EmailAddress>();
  for (const m of await listThreadMessages(client, conversationId, mailbox)) {
    for (const a of [m.from, ...m.to, ...m.cc, ...m.bcc]) if (a && !seen.has(a.address.toLowerCase())) seen.set(a.address.toLowerCase(), a);
  }
  return [...seen.values()];
}

/** How many pages (of MESSAGE_PAGE, newest first) the recipient side of latestMessageWith looks through. */
const RECIPIENT_SCAN_PAGES = 5;

/**
 * The latest message exchanged with an address (received from it, or sent to / copied to it): for "last
 * contacted derived from mail". The sender side is a server-side filter; Graph refuses lambda filters on
 * recipients (`toRecipients/any(...)` → 400 ErrorInvalidUrlQueryFilter), so the recipient side reads the
 * newest messages ($orderby receivedDateTime desc, no $filter, at most RECIPIENT_SCAN_PAGES pages) and stops at
 * the first one that names the address in to/cc/bcc.
 */
export async function latestMessageWith(client: Client, address: string, mailbox?: string): Promise<ThreadMessage | undefined> {
  const root = mailboxRoot(mailbox);
  const fromQ = buildQuery({ $filter: `from/emailAddress/address eq ${odataString(address)}`, $select: MESSAGE_SELECT, $top: MESSAGE_PAGE });
  let best: ThreadMessage | undefined;
  for (const m of (await pages(client, `${root}/messages?${fromQ}`)).map(toMessage)) if (!best || when(m) > when(best)) best = m;
  const target = address.toLowerCase();
  const names = (m: ThreadMessage) => [...m.to, ...m.cc, ...m.bcc].some((a) => a.address.toLowerCase() === target);
  let url: string | undefined = `${root}/messages?${buildQuery({ $select: MESSAGE_SELECT, $orderby: "receivedDateTime desc", $top: MESSAGE_PAGE })}`;
  try {
    for (let page = 0; url && page < RECIPIENT_SCAN_PAGES; page++) {
      const res: { value?: GraphMessage[]; "@odata.nextLink"?: string } = await client.api(url).get();
      for (const m of (res.value ?? []).map(toMessage)) {
        if (best && when(m) <= when(best)) return best; // newest first: nothing later can beat it
        if (names(m)) return m;
      }
      url = res["@odata.nextLink"];
    }
  } catch (e) {
    throw toGraphRequestError(e);
  }
  return best;
}

