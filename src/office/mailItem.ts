import type { EmailAddress } from "../domain/types";
import { isMultiSelectSupported, isRestIdConversionSupported } from "./capabilities";
import { OfficeError } from "./OfficeError";
import { fromAsyncResult, fromSync, mailboxOrThrow, officeOrThrow } from "./officeGlobal";

export type ItemMode = "read" | "compose";

/** What the add-in needs to know about the open item, the same shape in read and compose mode. */
export interface MailItemSnapshot {
  /** Office (EWS-format) item id; null for a compose item not yet saved. Convert with convertToRestId. */
  itemId: string | null;
  /** Null on a brand-new compose item (no conversation yet). */
  conversationId: string | null;
  subject: string;
  from: EmailAddress | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  mode: ItemMode;
  itemType: "message" | "appointment";
}

/** One of the messages selected in Outlook (getSelectedItemsAsync, Mailbox 1.13). */
export interface SelectedItem {
  itemId: string;
  conversationId: string | null;
  subject: string;
  itemMode: ItemMode;
}

function toAddress(d: Office.EmailAddressDetails | undefined | null): EmailAddress | null {
  if (!d?.emailAddress) return null;
  return d.displayName ? { name: d.displayName, address: d.emailAddress } : { address: d.emailAddress };
}

function toAddresses(list: readonly Office.EmailAddressDetails[] | undefined | null): EmailAddress[] {
  return (list ?? []).map(toAddress).filter((a): a is EmailAddress => a !== null);
}

type AnyItem = Office.MessageRead & Office.MessageCompose;

/** In compose mode `subject`, `to`, `cc`, `from` are objects with getAsync; in read mode they are plain values. */
function isCompose(item: AnyItem): boolean {
  const subject = item.subject as unknown;
  return typeof subject === "object" && subject !== null && typeof (subject as Office.Subject).getAsync === "function";
}

/**
 * The open item as a snapshot, or null when there is none (a pinned pane between selections: the ItemChanged
 * docs say `item` may be null).
 */
export async function getCurrentItem(): Promise<MailItemSnapshot | null> {
  const mailbox = await fromSync(() => mailboxOrThrow(), "mailbox");
  const item = mailbox.item as AnyItem | null | undefined;
  if (!item) return null;
  const itemType = String(item.itemType) === "appointment" ? "appointment" : "message";
  const conversationId = item.conversationId || null;

  if (!isCompose(item)) {
    return {
      itemId: item.itemId || null,
      conversationId,
      subject: typeof item.subject === "string" ? item.subject : "",
      from: toAddress(item.from as unknown as Office.EmailAddressDetails),
      to: toAddresses(item.to as unknown as Office.EmailAddressDetails[]),
      cc: toAddresses(item.cc as unknown as Office.EmailAddressDetails[]),
      mode: "read",
      itemType,
    };
  }

  const compose = item as Office.MessageCompose;
  const hasFromGetter = typeof (compose.from as Office.From | undefined)?.getAsync === "function";
  const [subject, to, cc, from] = await Promise.all([
    fromAsyncResult<string>((cb) => compose.subject.getAsync(cb), "subject.getAsync"),
    compose.to ? fromAsyncResult<Office.EmailAddressDetails[]>((cb) => compose.to.getAsync(cb), "to.getAsync") : [],
    compose.cc ? fromAsyncResult<Office.EmailAddressDetails[]>((cb) => compose.cc.getAsync(cb), "cc.getAsync") : [],
    // from.getAsync needs Mailbox 1.7; older hosts compose as the mailbox owner.
    hasFromGetter ? fromAsyncResult<Office.EmailAddressDetails>((cb) => compose.from.getAsync(cb), "from.getAsync") : null,
  ]);
  return {
    // A compose item has an id only once saved (getItemIdAsync, Mailbox 1.8); `itemId` may be present on
    // some hosts for drafts.
    itemId: (item as unknown as { itemId?: string }).itemId || null,
    conversationId,
    subject: subject ?? "",
    from: from ? toAddress(from) : null,
    to: toAddresses(to),
    cc: toAddresses(cc),
    mode: "compose",
    itemType,
  };
}

/** Outlook on iOS and Android already hands out REST-format ids (convertToRestId docs). */
const HOSTS_WITH_REST_IDS = new Set(["OutlookIOS", "OutlookAndroid"]);

/**
 * An Office item id in the form Graph accepts (Mailbox 1.3, RestVersion.v2_0 — the same ids Graph v1.0 uses).
 */
export async function convertToRestId(itemId: string): Promise<string> {
  const mailbox = await fromSync(() => mailboxOrThrow(), "mailbox");
  if (HOSTS_WITH_REST_IDS.has(mailbox.diagnostics?.hostName ?? "")) return itemId;
  if (!isRestIdConversionSupported() || typeof mailbox.convertToRestId !== "function") {
    throw new OfficeError("Unsupported", "convertToRestId needs Mailbox 1.3");
  }
  return fromSync(
    () => mailbox.convertToRestId(itemId, officeOrThrow().MailboxEnums.RestVersion.v2_0),
    "convertToRestId",
  );
}

/** The selected messages (Mailbox 1.13, at most 100). Rejects "Unsupported" on older hosts. */
export async function getSelectedItems(): Promise<SelectedItem[]> {
  const mailbox = await fromSync(() => mailboxOrThrow(), "mailbox");
  if (!isMultiSelectSupported() || typeof mailbox.getSelectedItemsAsync !== "function") {
    throw new OfficeError("Unsupported", "Selecting several messages needs Mailbox 1.13");
  }
  const items = await fromAsyncResult<Office.SelectedItemDetails[]>(
    (cb) => mailbox.getSelectedItemsAsync(cb),
    "getSelectedItemsAsync",
  );
  return (items ?? []).map((i) => ({
    itemId: i.itemId,
    conversationId: i.conversationId || null,
    subject: i.subject ?? "",
    itemMode: String(i.itemMode).toLowerCase() === "compose" ? "compose" : "read",
  }));
}

/** Stops listening; resolves when Office has removed the handler. */
export type Unsubscribe = () => Promise<void>;

/**
 * One Office registration per event type, multiplexed to a set of subscribers. Mailbox.removeHandlerAsync takes
 * no handler and removes EVERY handler of the event type (office-js reference, Mailbox.removeHandlerAsync), so
 * per-subscriber registrations would let one feature's unsubscribe silently deafen the others. The Office
 * handler is added with the first subscriber and removed when the last one leaves.
 */
interface EventChannel {
  subscribers: Set<() => void>;
  /** Settles when the current Office registration (or removal) finished; undefined while unregistered. */
  registration?: Promise<void>;
  registered: boolean;
}

const channels = new Map<string, EventChannel>();

/** Test hook: forget every registration (a fresh `Office` global is installed per test). */
export function resetMailboxEventsForTests(): void {
  channels.clear();
}

async function addMailboxHandler(eventType: Office.EventType, handler: () => void, what: string): Promise<Unsubscribe> {
  const mailbox = await fromSync(() => mailboxOrThrow(), "mailbox");
  const key = String(eventType);
  let channel = channels.get(key);
  if (!channel) channels.set(key, (channel = { subscribers: new Set(), registered: false }));
  const ch = channel;
  // A wrapper per subscription: subscribing the same function twice gives two independent subscriptions.
  const entry = () => handler();
  ch.subscribers.add(entry);

  // Serialize register/unregister per type: wait for a removal in progress before registering again.
  const previous = ch.registration ?? Promise.resolve();
  const ensureRegistered = previous
    .catch(() => undefined)
    .then(async () => {
      if (ch.registered || !ch.subscribers.has(entry)) return;
      // Office calls the dispatcher from its own event loop: one throwing subscriber must neither break
      // Office's dispatch nor stop the other subscribers.
      const dispatch = () => {
        for (const h of [...ch.subscribers]) {
          try {
            h();
          } catch (e) {
            // The kind only: a handler's error message may quote mail data (no personal data in logs).
            console.error(`${what} handler failed`, e instanceof Error ? e.name : typeof e);
          }
        }
      };
      await fromAsyncResult<void>((cb) => mailbox.addHandlerAsync(eventType, dispatch, cb), `addHandlerAsync(${what})`);
      ch.registered = true;
    });
  ch.registration = ensureRegistered;
  try {
    await ensureRegistered;
  } catch (e) {
    ch.subscribers.delete(entry);
    throw e;
  }

  let active = true;
  return async () => {
    if (!active) return;
    active = false;
    ch.subscribers.delete(entry);
    if (ch.subscribers.size > 0) return;
    const before = ch.registration ?? Promise.resolve();
    const removal = before
      .catch(() => undefined)
      .then(async () => {
        // Someone subscribed again meanwhile, or nothing is registered: keep / nothing to remove.
        if (ch.subscribers.size > 0 || !ch.registered) return;
        await fromAsyncResult<void>((cb) => mailbox.removeHandlerAsync(eventType, cb), `removeHandlerAsync(${what})`);
        // Only once Office removed it: after a failed removal the dispatcher stays (with no subscribers) and
        // the next subscriber reuses it instead of registering a second one.
        ch.registered = false;
      });
    ch.registration = removal;
    await removal;
  };
}

/**
 * Called when a pinned pane's item changes (Mailbox 1.5, pinnable-taskpane.md). Read the new item with
 * getCurrentItem(), which resolves null when nothing is selected.
 */
export async function onItemChanged(handler: () => void): Promise<Unsubscribe> {
  return addMailboxHandler(officeOrThrow().EventType.ItemChanged, handler, "ItemChanged");
}

/** Called when the selection changes (Mailbox 1.13); read it with getSelectedItems(). */
export async function onSelectedItemsChanged(handler: () => void): Promise<Unsubscribe> {
  if (!isMultiSelectSupported()) {
    throw new OfficeError("Unsupported", "SelectedItemsChanged needs Mailbox 1.13");
  }
  return addMailboxHandler(officeOrThrow().EventType.SelectedItemsChanged, handler, "SelectedItemsChanged");
}

export interface NewMessageForm {
  toRecipients: string[];
  subject: string;
  htmlBody: string;
}

/** Opens Outlook's new-message form, prefilled (Mailbox 1.6). The user reviews and sends it. */
export function displayNewMessageForm(form: NewMessageForm): Promise<void> {
  return fromSync(() => {
    mailboxOrThrow().displayNewMessageForm({
      toRecipients: form.toRecipients,
      subject: form.subject,
      htmlBody: form.htmlBody,
    });
  }, "displayNewMessageForm");
}

/**
 * The open message's body as HTML (Body.getAsync, Mailbox 1.3, read item permission — no Graph scope, so the
 * add-in never needs Mail.Read for it). Rejects "NotAvailable" when no message is open. Outlook returns the body
 * rewritten (no class or data-* attributes on the web, office-js #5296; line breaks inserted, #2910): callers
 * read text, not markup.
 */
export async function getItemBody(): Promise<string> {
  const mailbox = await fromSync(() => mailboxOrThrow(), "mailbox");
  const item = mailbox.item as Office.MessageRead | null | undefined;
  if (!item?.body || typeof item.body.getAsync !== "function") throw new OfficeError("NotAvailable", "No open message body");
  return fromAsyncResult<string>((cb) => item.body.getAsync(officeOrThrow().CoercionType.Html, cb), "body.getAsync");
}
