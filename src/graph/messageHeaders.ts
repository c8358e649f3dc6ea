/**
 * Message headers for the daily report's sign-off list (issue 13). Not re-exported from ./index: only the report
 * views (lazy chunks) use it, so it stays out of the pane's initial JavaScript.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { EmailAddress } from "../domain/types";
import { mailboxRoot } from "./ContactsRepository";
import { buildQuery } from "./filterBuilder";
import { toGraphRequestError } from "./GraphRequestError";

interface GraphHeader {
  id: string;
  subject?: string;
  from?: { emailAddress?: { name?: string; address?: string } };
  receivedDateTime?: string;
  sentDateTime?: string;
}

/** One message's headers as Mail.ReadBasic exposes them (no body, no preview). */
export interface MessageHeader {
  id: string;
  subject: string;
  from?: EmailAddress;
  receivedDateTime?: string;
  sentDateTime?: string;
}

/** Pages of this size for the header scan; at most MAX_HEADER_PAGES of them. */
const HEADER_PAGE = 250;
const MAX_HEADER_PAGES = 8;

/**
 * The headers (subject, from, times) of every message received or sent since `since`, newest first, across all
 * folders of the mailbox (/me/messages lists Inbox and Sent Items alike, user-list-messages.md). Mail.ReadBasic
 * suffices: it reads everything but bodies, previews, attachments and extended properties (permissions
 * reference). `receivedDateTime` leads the $filter so that $orderby on it is allowed (user-list-messages.md "Using
 * filter and orderby in the same query"). Subjects are matched by the caller: a $filter on the subject text is not
 * documented for messages. At most HEADER_PAGE × MAX_HEADER_PAGES messages (`truncated` says when more exist).
 */
export async function listMessageHeadersSince(client: Client, since: Date, mailbox?: string): Promise<{ messages: MessageHeader[]; truncated: boolean }> {
  const q = buildQuery({
    $filter: `receivedDateTime ge ${since.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    $orderby: "receivedDateTime desc",
    $select: "subject,from,receivedDateTime,sentDateTime",
    $top: HEADER_PAGE,
  });
  const out: MessageHeader[] = [];
  let url: string | undefined = `${mailboxRoot(mailbox)}/messages?${q}`;
  try {
    for (let page = 0; url && page < MAX_HEADER_PAGES; page++) {
      const res: { value?: GraphHeader[]; "@odata.nextLink"?: string } = await client.api(url).get();
      for (const m of res.value ?? []) {
        const h: MessageHeader = { id: m.id, subject: m.subject ?? "" };
        const a = m.from?.emailAddress;
        if (a?.address) h.from = a.name ? { name: a.name, address: a.address } : { address: a.address };
        if (m.receivedDateTime) h.receivedDateTime = m.receivedDateTime;
        if (m.sentDateTime) h.sentDateTime = m.sentDateTime;
        out.push(h);
      }
      url = res["@odata.nextLink"];
    }
  } catch (e) {
    throw toGraphRequestError(e);
  }
  return { messages: out, truncated: !!url };
}
