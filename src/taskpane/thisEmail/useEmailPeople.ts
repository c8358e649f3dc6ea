import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { taggingActions, useTagging, type MailItemSnapshot, type PersonMatch } from "../../app";
import type { FieldOp } from "../../domain/types";

export type EmailPeopleState =
  | { status: "loading" }
  | { status: "ready"; people: readonly PersonMatch[] }
  | { status: "error"; code: string };

const codeOf = (e: unknown) => String((e as { code?: unknown })?.code ?? "unknown");

/**
 * The open email's sender and recipients matched to contacts (cached contacts first, the server for misses),
 * plus the person-level commands: quick edit and one-click "create contact". The matches follow the contact
 * store (issue 10 item 8): a contact created by "Tag thread" or "Create contact", or edited anywhere in the pane,
 * shows on its card at once — no reload, no stale "Create contact" button.
 */
export function useEmailPeople(item: MailItemSnapshot) {
  const tagging = useTagging();
  const [loaded, setState] = useState<EmailPeopleState>({ status: "loading" });
  // A selector over the store: the people are matched again when the cached contacts change, and the same array
  // comes back when none of this email's people changed, so a write elsewhere (a 1,000-contact bulk edit emits
  // once per batch) does not re-render the cards.
  const matched = useRef<{ base: readonly PersonMatch[]; contacts: readonly unknown[]; people: readonly PersonMatch[] }>();
  const peopleNow = useCallback((): readonly PersonMatch[] | undefined => {
    if (loaded.status !== "ready") return undefined;
    const { contacts } = tagging.contactsSnapshot();
    const last = matched.current?.base === loaded.people ? matched.current : undefined;
    if (last?.contacts === contacts) return last.people;
    const people = tagging.rematchPeople(last?.people ?? loaded.people, contacts);
    matched.current = { base: loaded.people, contacts, people };
    return people;
  }, [loaded, tagging]);
  const people = useSyncExternalStore(tagging.subscribe, peopleNow, peopleNow);
  const state = useMemo<EmailPeopleState>(() => (loaded.status === "ready" && people ? { status: "ready", people } : loaded), [loaded, people]);
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [messages, setMessages] = useState<Record<string, string | undefined>>({});
  const generation = useRef(0);

  const load = useCallback(
    () => {
      const mine = ++generation.current;
      setState({ status: "loading" });
      tagging.emailPeople(item).then(
        (people) => mine === generation.current && setState({ status: "ready", people }),
        (e: unknown) => mine === generation.current && setState({ status: "error", code: codeOf(e) }),
      );
    },
    [tagging, item],
  );

  useEffect(() => {
    const counter = generation;
    load();
    return () => {
      counter.current++;
    };
  }, [load]);

  const run = useCallback(
    async (address: string, task: () => Promise<string | undefined>) => {
      setBusy((b) => ({ ...b, [address]: true }));
      setMessages((m) => ({ ...m, [address]: undefined }));
      try {
        const problem = await task();
        setMessages((m) => ({ ...m, [address]: problem }));
      } finally {
        // No reload: the store's snapshot already holds the created or edited contact, and the cards follow it.
        setBusy((b) => ({ ...b, [address]: false }));
      }
    },
    [],
  );

  const createContact = useCallback(
    (person: PersonMatch) =>
      run(person.address, async () => {
        const r = await taggingActions.createContactFromEmail.perform(tagging, { name: person.name, address: person.address });
        return r.status === "failed" ? `create:${r.code ?? "unknown"}` : undefined;
      }),
    [run, tagging],
  );

  const edit = useCallback(
    (person: PersonMatch, contactId: string, ops: FieldOp[]) =>
      run(person.address, async () => {
        try {
          const r = await taggingActions.quickEditContact.perform(tagging, { contactId, ops });
          return r && r.status === "failed" ? `save:${r.code ?? "unknown"}` : undefined;
        } catch (e) {
          return `invalid:${codeOf(e)}`;
        }
      }),
    [run, tagging],
  );

  return { state, busy, messages, schema: tagging.schema, retry: () => load(), createContact, edit };
}
