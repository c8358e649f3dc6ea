import type { FakeMessage } from "./mailboxData";
import type { HostOptions, ItemMode } from "./hostOptions";

export interface NewMessageFormRecord {
  toRecipients: string[];
  subject: string;
  htmlBody: string;
}

export interface HostState {
  options: HostOptions;
  userName: string;
  messages: FakeMessage[];
  /** "loading" until the emulator answered; "unreachable" when it did not (the demo still runs, with no mail). */
  mailbox: "loading" | "ready" | "unreachable";
  /** Index into messages, or null for no open item. */
  openIndex: number | null;
  mode: ItemMode;
  /** REST ids of the messages ticked in the demo bar (multi-select). */
  selected: string[];
  width: number | null;
  forms: NewMessageFormRecord[];
  /** The form shown in the demo's "new message" panel, if any. */
  shownForm: NewMessageFormRecord | null;
  /** Forms the user sent (through the emulator's sendMail), oldest first. */
  sent: NewMessageFormRecord[];
  /** The last send's outcome, shown in the demo bar and the panel. */
  sendStatus: { kind: "idle" } | { kind: "sending" } | { kind: "sent"; subject: string } | { kind: "failed"; message: string };
}

type Listener = (s: HostState) => void;

/** A tiny observable store: the Office object reads it, the demo bar renders it. */
export function createHostStore(initial: HostState) {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => state,
    update(patch: Partial<HostState>) {
      state = { ...state, ...patch };
      for (const l of listeners) l(state);
    },
    subscribe(l: Listener) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export type HostStore = ReturnType<typeof createHostStore>;
