import { useEffect, useState, type ChangeEvent } from "react";
import { LANGUAGES, PANE_WIDTHS, SEEDED_USERS, versionAtLeast, type ItemMode } from "./hostOptions";
import type { HostState, HostStore } from "./hostState";
import type { FakeMessage } from "./mailboxData";
import { NewMessagePanel } from "./NewMessagePanel";

/** Outlook's multi-select limit (item-multi-select.md). */
const MAX_SELECTED = 100;

export interface DemoBarActions {
  /** Changing who is signed in, the language, theme or requirement sets restarts the add-in, as Outlook does. */
  reloadWith(params: Record<string, string | null>): void;
  openItem(index: number | null): void;
  setMode(mode: ItemMode): void;
  setSelected(restIds: string[]): void;
  setWidth(width: number | null): void;
  closeForm(): void;
  /** Sends the shown new-message form through the emulator (sendMail), as Outlook's Send does. */
  sendForm(): Promise<void>;
}

function label(m: FakeMessage, i: number): string {
  const who = m.from?.name ?? "(no sender)";
  return `${i + 1}. ${m.isDraft ? "[Draft] " : ""}${m.subject || "(no subject)"} — ${who}`;
}

function useHostState(store: HostStore): HostState {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    const unsubscribe = store.subscribe(setState);
    return () => {
      unsubscribe();
    };
  }, [store]);
  return state;
}

/** The "Demo — fake Outlook host" bar above the pane. Plain HTML controls, so it never looks like the add-in. */
export function DemoBar({ store, actions }: { store: HostStore; actions: DemoBarActions }) {
  const s = useHostState(store);
  const multiSelect = versionAtLeast(s.options.sets.Mailbox, "1.13");
  const toggle = (id: string) => (e: ChangeEvent<HTMLInputElement>) => {
    const next = e.target.checked ? [...s.selected, id].slice(0, MAX_SELECTED) : s.selected.filter((x) => x !== id);
    actions.setSelected(next);
  };

  return (
    <>
      <div className="fo-bar" data-testid="demo-bar" aria-label="Demo — fake Outlook host" role="region">
        <div className="fo-title">
          <strong>Demo — fake Outlook host</strong>
          <span data-testid="demo-mailbox-status" className="fo-muted">
            {s.mailbox === "loading" && "loading mailbox…"}
            {s.mailbox === "ready" && `${s.messages.length} messages from the Graph emulator`}
            {s.mailbox === "unreachable" && "Graph emulator unreachable: no messages"}
          </span>
          {s.sendStatus.kind === "sent" && (
            <span data-testid="demo-sent" className="fo-muted" role="status">
              Sent: {s.sendStatus.subject}
            </span>
          )}
        </div>
        <div className="fo-row">
          <label>
            User{" "}
            <select
              aria-label="Demo: signed-in user"
              data-testid="demo-user"
              value={s.options.user}
              onChange={(e) => actions.reloadWith({ user: e.target.value })}
            >
              {SEEDED_USERS.map((u) => (
                <option key={u.upn} value={u.upn}>
                  {u.name} ({u.upn})
                </option>
              ))}
            </select>
          </label>
          <label>
            Language{" "}
            <select
              aria-label="Demo: Outlook display language"
              data-testid="demo-lang"
              value={s.options.lang}
              onChange={(e) => actions.reloadWith({ lang: e.target.value })}
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            Theme{" "}
            <select
              aria-label="Demo: Outlook theme"
              data-testid="demo-theme"
              value={s.options.theme}
              onChange={(e) => actions.reloadWith({ theme: e.target.value })}
            >
              <option value="light">light</option>
              <option value="dark">dark</option>
            </select>
          </label>
          <label>
            Pane{" "}
            <select
              aria-label="Demo: task pane width"
              data-testid="demo-width"
              value={s.width === null ? "fit" : String(s.width)}
              onChange={(e) => actions.setWidth(e.target.value === "fit" ? null : Number(e.target.value))}
            >
              <option value="fit">fit window</option>
              {PANE_WIDTHS.map((w) => (
                <option key={w} value={w}>
                  {w} px
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="fo-row">
          <label className="fo-grow">
            Open email{" "}
            <select
              aria-label="Demo: open email"
              data-testid="demo-item"
              value={s.openIndex === null ? "none" : String(s.openIndex)}
              onChange={(e) => actions.openItem(e.target.value === "none" ? null : Number(e.target.value))}
            >
              <option value="none">(none — pinned pane, nothing selected)</option>
              {s.messages.map((m, i) => (
                <option key={m.restId} value={i}>
                  {label(m, i)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Mode{" "}
            <select
              aria-label="Demo: item mode"
              data-testid="demo-mode"
              value={s.mode}
              onChange={(e) => actions.setMode(e.target.value as ItemMode)}
            >
              <option value="read">read</option>
              <option value="compose">compose (reply all)</option>
            </select>
          </label>
        </div>
        <details className="fo-multi" data-testid="demo-multiselect">
          <summary>
            Select several emails{" "}
            <span data-testid="demo-selected-count">
              ({multiSelect ? `${s.selected.length} selected` : "not available: this host claims Mailbox < 1.13"})
            </span>
          </summary>
          {multiSelect && (
            <div className="fo-multi-list">
              <button type="button" onClick={() => actions.setSelected([])} data-testid="demo-select-none">
                Clear selection
              </button>
              {s.messages.map((m, i) => (
                <label key={m.restId} className="fo-check">
                  <input
                    type="checkbox"
                    aria-label={`Demo: select email ${i + 1}`}
                    data-testid={`demo-select-${i}`}
                    data-item-id={m.restId}
                    checked={s.selected.includes(m.restId)}
                    disabled={!s.selected.includes(m.restId) && s.selected.length >= MAX_SELECTED}
                    onChange={toggle(m.restId)}
                  />{" "}
                  {label(m, i)}
                </label>
              ))}
            </div>
          )}
        </details>
      </div>
      {s.shownForm && <NewMessagePanel form={s.shownForm} onClose={actions.closeForm} onSend={() => void actions.sendForm()} status={s.sendStatus} />}
    </>
  );
}
