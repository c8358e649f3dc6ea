/**
 * Where the sales commands read and append contact history (issue 13): Graph in the app (src/graph/history.ts —
 * my own contacts through /me, a teammate's through their shared folder with the read-only team scope), and an
 * in-memory one for component tests. Components get the capability, not the module (conventions.md).
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Feature } from "../../auth/scopes";
import { appendEntry, EMPTY_HISTORY, type HistoryEntry, type HistoryLog } from "../../domain/history";
import type { Contact } from "../../domain/types";
import { mailboxRoot } from "../../graph/ContactsRepository";
import { appendHistory, readHistories, readHistory } from "../../graph/history";

export interface HistoryStore {
  read(contact: Pick<Contact, "id" | "mailbox">): Promise<HistoryLog>;
  /** Histories of many contacts of one mailbox (undefined = mine), batched. */
  readMany(mailbox: string | undefined, ids: readonly string[]): Promise<Map<string, HistoryLog>>;
  /** Appends to one of my own contacts. */
  append(contact: Pick<Contact, "id">, entry: HistoryEntry): Promise<HistoryLog>;
}

const same = (a: string | undefined, b: string): boolean => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

export function createGraphHistoryStore(clientFor: (f: Feature) => Client, me: string): HistoryStore {
  // Someone else's folder is read with the team view's read-only scope (Contacts.Read.Shared), mine with base.
  const where = (mailbox: string | undefined) => (mailbox && !same(mailbox, me) ? { client: clientFor("teamView"), root: mailboxRoot(mailbox) } : { client: clientFor("base"), root: "/me" });
  return {
    async read(contact) {
      const w = where(contact.mailbox);
      return (await readHistory(w.client, w.root, contact.id)).log;
    },
    async readMany(mailbox, ids) {
      const w = where(mailbox);
      return (await readHistories(w.client, w.root, ids)).logs;
    },
    async append(contact, entry) {
      return (await appendHistory(clientFor("base"), "/me", contact.id, entry)).log;
    },
  };
}

/** In memory, keyed by mailbox and contact id: component tests and the fake services. */
export function createMemoryHistoryStore(initial: Record<string, HistoryLog> = {}): HistoryStore & { logs: Map<string, HistoryLog> } {
  const logs = new Map<string, HistoryLog>(Object.entries(initial));
  const key = (id: string) => id;
  return {
    logs,
    async read(contact) {
      return logs.get(key(contact.id)) ?? EMPTY_HISTORY;
    },
    async readMany(_mailbox, ids) {
      return new Map(ids.map((id) => [id, logs.get(key(id)) ?? EMPTY_HISTORY]));
    },
    async append(contact, entry) {
      const next = appendEntry(logs.get(key(contact.id)) ?? EMPTY_HISTORY, entry);
      logs.set(key(contact.id), next);
      return next;
    },
  };
}
