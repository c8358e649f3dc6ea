/**
 * Fake Outlook host for the browser demo and the e2e tests — injected by webpack before the task pane in demo
 * builds only (never in production). It defines `window.Office` with the part of office.js the add-in uses,
 * reads the signed-in user's real messages from the Graph emulator, and puts a "Demo — fake Outlook host" bar
 * above the pane to choose the user, language, theme, open email, read/compose and multi-selection.
 * Query parameters: see hostOptions.ts. Test hooks: `window.fakeOutlook` (below) and the bar's data-testids.
 */
import { createRoot } from "react-dom/client";
import { createFakeOffice } from "./createFakeOffice";
import { DemoBar, type DemoBarActions } from "./DemoBar";
import { FAKE_HOST_CSS } from "./fakeHost.css";
import { parseHostOptions, SEEDED_USERS, toEwsId } from "./hostOptions";
import { createHostStore, type HostState, type NewMessageFormRecord } from "./hostState";
import { fetchMessages, sendMessage, type FakeMessage } from "./mailboxData";

const options = parseHostOptions(window.location.search);
const userName = SEEDED_USERS.find((u) => u.upn === options.user)?.name ?? options.user;

const store = createHostStore({
  options,
  userName,
  messages: [],
  mailbox: "loading",
  openIndex: null,
  mode: options.mode,
  selected: [],
  width: options.width,
  forms: [],
  shownForm: null,
  sent: [],
  sendStatus: { kind: "idle" },
});

/** ?item= as an index into the list, an emulator message id, "none", or absent (the first message). */
function initialIndex(messages: FakeMessage[], item: string | null): number | null {
  if (item === "none" || messages.length === 0) return null;
  if (item === null || item === "") return 0;
  if (/^\d+$/.test(item)) return Number(item) < messages.length ? Number(item) : null;
  const i = messages.findIndex((m) => m.restId === item || toEwsId(m.restId) === item);
  return i >= 0 ? i : null;
}

const ready = fetchMessages(options.user).then(
  (messages) => store.update({ messages, mailbox: "ready", openIndex: initialIndex(messages, options.item) }),
  (e: unknown) => {
    // A warning, not an error: the pane still starts (with no open email) when the emulator is not mounted.
    console.warn("[fake Outlook] could not read the mailbox from the Graph emulator:", e instanceof Error ? e.message : e);
    store.update({ mailbox: "unreachable", openIndex: null });
  },
);

const fake = createFakeOffice(store, ready);
(window as unknown as { Office: unknown }).Office = fake.office;

/** Keep the URL in step with the bar, so a reload (or a copied link) reopens the same state. */
function syncUrl(patch: Record<string, string | null>): URL {
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  return url;
}

function itemParam(s: HostState): string {
  return s.openIndex === null ? "none" : String(s.openIndex);
}

const actions: DemoBarActions = {
  reloadWith(params) {
    // A different user, language, theme or host capability restarts the add-in, as in Outlook; keep the item.
    const url = syncUrl({ ...params, item: itemParam(store.get()) });
    window.location.assign(url.toString());
  },
  openItem(index) {
    store.update({ openIndex: index });
    window.history.replaceState(null, "", syncUrl({ item: index === null ? "none" : String(index) }));
    fake.fireItemChanged();
  },
  setMode(mode) {
    store.update({ mode });
    window.history.replaceState(null, "", syncUrl({ mode: mode === "read" ? null : mode }));
    fake.fireItemChanged();
  },
  setSelected(restIds) {
    store.update({ selected: restIds });
    fake.fireSelectionChanged();
  },
  setWidth(width) {
    store.update({ width });
    applyWidth(width);
    window.history.replaceState(null, "", syncUrl({ width: width === null ? null : String(width) }));
  },
  closeForm() {
    store.update({ shownForm: null, sendStatus: { kind: "idle" } });
  },
  async sendForm() {
    const s = store.get();
    const form = s.shownForm;
    if (!form || s.sendStatus.kind === "sending") return;
    store.update({ sendStatus: { kind: "sending" } });
    try {
      await sendMessage(s.options.user, form);
    } catch (e) {
      store.update({ sendStatus: { kind: "failed", message: e instanceof Error ? e.message : String(e) } });
      return;
    }
    store.update({ shownForm: null, sent: [...store.get().sent, form], sendStatus: { kind: "sent", subject: form.subject } });
    await refreshMailbox();
  },
};

/** Re-reads the mailbox (after a send: the copy in Sent Items), keeping the open email open. */
async function refreshMailbox(): Promise<void> {
  const before = store.get();
  const openId = before.openIndex === null ? null : before.messages[before.openIndex]?.restId ?? null;
  try {
    const messages = await fetchMessages(before.options.user);
    const openIndex = openId === null ? null : messages.findIndex((m) => m.restId === openId);
    store.update({ messages, openIndex: openIndex === null || openIndex < 0 ? null : openIndex });
  } catch (e) {
    console.warn("[fake Outlook] could not re-read the mailbox:", e instanceof Error ? e.message : e);
  }
}

/** Test hooks for e2e: drive the host without clicking through the bar, and read what the add-in asked of it. */
const testApi = {
  ready,
  get state() {
    return store.get();
  },
  get messages() {
    return store.get().messages;
  },
  get newMessageForms(): NewMessageFormRecord[] {
    return store.get().forms;
  },
  /** Forms sent with the new-message window's Send (emulator sendMail). */
  get sentForms(): NewMessageFormRecord[] {
    return store.get().sent;
  },
  openItem: (indexOrId: number | string | null) =>
    actions.openItem(
      indexOrId === null || typeof indexOrId === "number" ? indexOrId : initialIndex(store.get().messages, indexOrId),
    ),
  setMode: actions.setMode,
  /** Select messages by index or REST id (at most 100, as Outlook). */
  select: (items: Array<number | string>) =>
    actions.setSelected(
      items
        .map((x) => (typeof x === "number" ? store.get().messages[x]?.restId : x))
        .filter((x): x is string => typeof x === "string")
        .slice(0, 100),
    ),
};
(window as unknown as { fakeOutlook: typeof testApi }).fakeOutlook = testApi;

let frame: HTMLElement | null = null;

function applyWidth(width: number | null) {
  const container = document.getElementById("container");
  if (container) container.style.width = width === null ? "100%" : `${width}px`;
}

/** bar on top, then the pane's #container inside a frame of task-pane width. */
function layout() {
  const style = document.createElement("style");
  style.textContent = FAKE_HOST_CSS;
  document.head.appendChild(style);
  document.body.classList.add("fo-host");

  const barRoot = document.createElement("div");
  barRoot.id = "fake-outlook-bar";
  document.body.prepend(barRoot);

  frame = document.createElement("div");
  frame.className = "fo-frame";
  frame.dataset.testid = "fake-pane";
  const container = document.getElementById("container");
  if (container) {
    container.replaceWith(frame);
    frame.appendChild(container);
  } else {
    frame.id = "container";
  }
  document.body.insertBefore(frame, barRoot.nextSibling);
  applyWidth(store.get().width);

  createRoot(barRoot).render(<DemoBar store={store} actions={actions} />);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", layout, { once: true });
else layout();
