/**
 * The part of office.js the add-in uses, implemented over the demo's state. Behaviour follows the office-js
 * reference: callbacks get an AsyncResult, compose fields are read with getAsync, ItemChanged/SelectedItemsChanged
 * go through mailbox.addHandlerAsync, ids are EWS-format until convertToRestId.
 */
import { toEwsId, toRestId, versionAtLeast } from "./hostOptions";
import type { HostStore, NewMessageFormRecord } from "./hostState";
import { fetchBody, type Address, type FakeMessage } from "./mailboxData";
import { outlookLikeBody } from "./sanitizeHtml";

const EventType = {
  ItemChanged: "olkItemSelectedChanged",
  SelectedItemsChanged: "olkSelectedItemsChanged",
  OfficeThemeChanged: "officeThemeChanged",
  DialogMessageReceived: "dialogMessageReceived",
  DialogEventReceived: "dialogEventReceived",
} as const;

const AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" } as const;

interface AsyncResult<T> {
  status: string;
  value: T;
  error?: { code: number; name: string; message: string };
  asyncContext?: unknown;
}
type Callback<T> = (r: AsyncResult<T>) => void;

/** Office calls back asynchronously: so does the fake, so the add-in can't come to rely on synchronous callbacks. */
function later<T>(callback: Callback<T> | undefined, value: T): void {
  if (callback) setTimeout(() => callback({ status: AsyncResultStatus.Succeeded, value }), 0);
}

function failLater(callback: Callback<never> | undefined, code: number, name: string, message: string): void {
  if (callback) {
    setTimeout(() => callback({ status: AsyncResultStatus.Failed, value: undefined as never, error: { code, name, message } }), 0);
  }
}

/** Office passes (options?, callback?) in either position. */
function pickCallback<T>(a: unknown, b: unknown): Callback<T> | undefined {
  if (typeof b === "function") return b as Callback<T>;
  if (typeof a === "function") return a as Callback<T>;
  return undefined;
}

const details = (a: Address) => ({ displayName: a.name, emailAddress: a.address, recipientType: "externalUser" });

const THEMES = {
  light: { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#242424", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#242424" },
  dark: { bodyBackgroundColor: "#292929", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#1F1F1F", controlForegroundColor: "#FFFFFF" },
};

function getter<T>(read: () => T) {
  return {
    getAsync(a?: unknown, b?: unknown) {
      later(pickCallback<T>(a, b), read());
    },
  };
}

/** A reply-all to a received message, or the draft itself: what "compose" means for the open message. */
function composeItem(m: FakeMessage, me: Address) {
  const notMe = (a: Address) => a.address.toLowerCase() !== me.address.toLowerCase();
  const to = m.isDraft ? m.to : [...(m.from ? [m.from] : []), ...m.to].filter(notMe);
  const cc = m.isDraft ? m.cc : m.cc.filter(notMe);
  const subject = m.isDraft || /^re:/i.test(m.subject) ? m.subject : `RE: ${m.subject}`;
  return {
    itemType: "message",
    // A draft has an id; a new reply has none until saved (Office: getItemIdAsync after saveAsync).
    ...(m.isDraft ? { itemId: toEwsId(m.restId) } : {}),
    conversationId: m.conversationId,
    subject: getter(() => subject),
    to: getter(() => to.map(details)),
    cc: getter(() => cc.map(details)),
    bcc: getter(() => []),
    from: getter(() => details(me)),
  };
}

/**
 * Read mode's body.getAsync (Mailbox 1.1): the message's HTML from the emulator, rewritten the way Outlook rewrites
 * bodies before add-ins see them (sanitizeHtml.ts outlookLikeBody); Text coercion gives the text content.
 */
function bodyOf(m: FakeMessage, upn: string) {
  return {
    getAsync(coercion: unknown, a?: unknown, b?: unknown) {
      const cb = pickCallback<string>(a, b);
      fetchBody(upn, m.restId).then(
        (html) => {
          const outlook = outlookLikeBody(html);
          if (coercion === "text") {
            const doc = new DOMParser().parseFromString(outlook, "text/html");
            later(cb, doc.body.textContent ?? "");
          } else later(cb, outlook);
        },
        (e: unknown) => failLater(cb as Callback<never>, 9002, "InternalServerError", e instanceof Error ? e.message : "The body could not be read"),
      );
    },
  };
}

function readItem(m: FakeMessage, upn: string) {
  return {
    body: bodyOf(m, upn),
    itemType: "message",
    itemId: toEwsId(m.restId),
    conversationId: m.conversationId,
    subject: m.subject,
    from: m.from ? details(m.from) : null,
    sender: m.from ? details(m.from) : null,
    to: m.to.map(details),
    cc: m.cc.map(details),
  };
}

function roamingSettingsFor(upn: string) {
  const key = `fakeOutlook:roamingSettings:${upn}`;
  let values: Record<string, unknown> = {};
  try {
    values = JSON.parse(window.localStorage.getItem(key) ?? "{}") as Record<string, unknown>;
  } catch {
    values = {};
  }
  return {
    get: (name: string) => (name in values ? values[name] : null),
    set: (name: string, value: unknown) => {
      values[name] = JSON.parse(JSON.stringify(value)) as unknown;
    },
    remove: (name: string) => {
      delete values[name];
    },
    saveAsync(a?: unknown, b?: unknown) {
      const cb = pickCallback<void>(a, b);
      const json = JSON.stringify(values);
      // Office's limit for all roaming settings of an add-in (RoamingSettings docs): 32 KB.
      if (json.length > 32 * 1024) {
        failLater(cb as Callback<never>, 9057, "SettingsTooLarge", "Roaming settings exceed 32 KB");
        return;
      }
      window.localStorage.setItem(key, json);
      later(cb, undefined);
    },
  };
}

export function createFakeOffice(store: HostStore, ready: Promise<void>) {
  const handlers = new Map<string, Set<(arg: unknown) => void>>();
  const { options } = store.get();
  const isSetSupported = (name: string, version?: string) => versionAtLeast(options.sets[name], version);
  const multiSelect = isSetSupported("Mailbox", "1.13");
  const me = (): Address => ({ name: store.get().userName, address: store.get().options.user });

  const currentItem = () => {
    const s = store.get();
    const m = s.openIndex === null ? undefined : s.messages[s.openIndex];
    if (!m) return null;
    return s.mode === "compose" ? composeItem(m, me()) : readItem(m, s.options.user);
  };

  const fire = (type: string) => {
    for (const h of handlers.get(type) ?? []) {
      setTimeout(() => h({ type }), 0);
    }
  };

  const mailbox = {
    get item() {
      return currentItem();
    },
    userProfile: {
      get emailAddress() {
        return store.get().options.user;
      },
      get displayName() {
        return store.get().userName;
      },
      timeZone: "China Standard Time",
      accountType: "enterprise",
    },
    diagnostics: { hostName: "OutlookWebApp", hostVersion: "fake-1.0", OWAView: "ThreeColumns" },
    restUrl: window.location.origin,
    convertToRestId: (id: string) => toRestId(id),
    convertToEwsId: (id: string) => toEwsId(id),
    addHandlerAsync(eventType: string, handler: (arg: unknown) => void, a?: unknown, b?: unknown) {
      const cb = pickCallback<void>(a, b);
      const known = eventType === EventType.ItemChanged || (eventType === EventType.SelectedItemsChanged && multiSelect);
      if (!known) {
        failLater(cb as Callback<never>, 5000, "NotSupported", `Event ${eventType} is not supported by this host`);
        return;
      }
      if (!handlers.has(eventType)) handlers.set(eventType, new Set());
      handlers.get(eventType)?.add(handler);
      later(cb, undefined);
    },
    removeHandlerAsync(eventType: string, a?: unknown, b?: unknown) {
      handlers.delete(eventType);
      later(pickCallback<void>(a, b), undefined);
    },
    // Mailbox 1.13 only: absent on hosts that don't claim it, as in older Outlook clients.
    ...(multiSelect
      ? {
          getSelectedItemsAsync(a?: unknown, b?: unknown) {
            const s = store.get();
            const items = s.selected
              .map((id) => s.messages.find((m) => m.restId === id))
              .filter((m): m is FakeMessage => m !== undefined)
              .map((m) => ({
                itemId: toEwsId(m.restId),
                conversationId: m.conversationId,
                internetMessageId: `<${m.restId.slice(-12)}@fake.outlook>`,
                subject: m.subject,
                hasAttachment: false,
                itemMode: m.isDraft ? "Compose" : "Read",
                itemType: "Message",
              }));
            later(pickCallback(a, b), items);
          },
        }
      : {}),
    displayNewMessageForm(params: { toRecipients?: Array<string | { emailAddress?: string }>; subject?: string; htmlBody?: string }) {
      const form: NewMessageFormRecord = {
        toRecipients: (params.toRecipients ?? []).map((r) => (typeof r === "string" ? r : r.emailAddress ?? "")),
        subject: params.subject ?? "",
        htmlBody: params.htmlBody ?? "",
      };
      const s = store.get();
      store.update({ forms: [...s.forms, form], shownForm: form });
    },
  };

  const office = {
    HostType: { Outlook: "Outlook" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    EventType,
    AsyncResultStatus,
    CoercionType: { Text: "text", Html: "html" },
    MailboxEnums: {
      RestVersion: { v1_0: "v1.0", v2_0: "v2.0", Beta: "beta" },
      ItemType: { Message: "message", Appointment: "appointment" },
    },
    onReady(callback?: (info: { host: string; platform: string }) => void) {
      const info = { host: "Outlook", platform: "OfficeOnline" };
      return ready.then(() => {
        callback?.(info);
        return info;
      });
    },
    context: {
      host: "Outlook",
      platform: "OfficeOnline",
      displayLanguage: options.lang,
      contentLanguage: options.lang,
      officeTheme: THEMES[options.theme],
      requirements: { isSetSupported },
      roamingSettings: roamingSettingsFor(options.user),
      mailbox,
      ui: {
        displayDialogAsync(_url: string, a?: unknown, b?: unknown) {
          // The demo signs in with dev tokens; a dialog would mean the add-in tried real sign-in.
          failLater(pickCallback<never>(a, b), 5000, "NotSupported", "The fake Outlook host cannot open dialogs");
        },
      },
    },
  };

  return { office, fireItemChanged: () => fire(EventType.ItemChanged), fireSelectionChanged: () => fire(EventType.SelectedItemsChanged) };
}
