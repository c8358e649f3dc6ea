import { useCallback, useEffect, useRef, useState } from "react";
import { taggingActions, useTagging, type MailItemSnapshot, type PersonMatch } from "../../app";
import type { FieldOp } from "../../domain/types";

export type EmailPeopleState =
  | { status: "loading" }
  | { status: "ready"; people: PersonMatch[] }
  | { status: "error"; code: string };

const codeOf = (e: unknown) => String((e as { code?: unknown })?.code ?? "unknown");

/**
 * The open email's sender and recipients matched to contacts (cached contacts first, the server for misses),
 * plus the person-level commands: quick edit and one-click "create contact".
 */
export function useEmailPeople(item: MailItemSnapshot) {
  const tagging = useTagging();
  const [state, setState] = useState<EmailPeopleState>({ status: "loading" });
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [messages, setMessages] = useState<Record<string, string | undefined>>({});
  const generation = useRef(0);

  const load = useCallback(
    (showSpinner: boolean) => {
      const mine = ++generation.current;
      if (showSpinner) setState({ status: "loading" });
      tagging.emailPeople(item).then(
        (people) => mine === generation.current && setState({ status: "ready", people }),
        (e: unknown) => mine === generation.current && setState({ status: "error", code: codeOf(e) }),
      );
    },
    [tagging, item],
  );

  useEffect(() => {
    const counter = generation;
    load(true);
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
        setBusy((b) => ({ ...b, [address]: false }));
        load(false);
      }
    },
    [load],
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

  return { state, busy, messages, schema: tagging.schema, retry: () => load(true), createContact, edit };
}
