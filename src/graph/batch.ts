/**
 * JSON batching (graph-reference.md §5): at most 20 sub-requests, relative urls, per-item status inside a
 * 200 envelope, responses in any order (correlate by id).
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { GraphRequestError, toGraphRequestError } from "./GraphRequestError";

/** S12: Graph accepts at most 20 requests per $batch (the JS client's BatchRequestContent enforces the same). */
export const MAX_BATCH_SIZE = 20;

export interface BatchSubRequest {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the version root, e.g. "/me/contacts/abc?$expand=…" (query values already encoded). */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchSubResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export async function sendBatch(client: Client, requests: BatchSubRequest[]): Promise<Map<string, BatchSubResponse>> {
  if (requests.length === 0) return new Map();
  if (requests.length > MAX_BATCH_SIZE) throw new Error(`A $batch holds at most ${MAX_BATCH_SIZE} requests`);
  const payload = {
    requests: requests.map((r) => {
      const headers: Record<string, string> = { ...(r.headers ?? {}) };
      // S12: headers are required with a body and must carry Content-Type.
      if (r.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) {
        headers["Content-Type"] = "application/json";
      }
      return { id: r.id, method: r.method, url: r.url, ...(Object.keys(headers).length ? { headers } : {}), ...(r.body !== undefined ? { body: r.body } : {}) };
    }),
  };
  let res: { responses?: BatchSubResponse[] };
  try {
    res = await client.api("/$batch").post(payload);
  } catch (e) {
    throw toGraphRequestError(e);
  }
  if (!res || !Array.isArray(res.responses)) throw new GraphRequestError("malformedResponse", 200, "$batch response without responses");
  const out = new Map<string, BatchSubResponse>();
  for (const r of res.responses) out.set(String(r.id), r);
  return out;
}

/** Retry-After of a sub-response in seconds (header names are case-insensitive; value may be fractional). */
export function retryAfterSeconds(r: BatchSubResponse): number | undefined {
  for (const [k, v] of Object.entries(r.headers ?? {})) {
    if (k.toLowerCase() === "retry-after") {
      const n = Number(v);
      if (Number.isFinite(n) && n >= 0) return n;
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return Math.max(0, (t - Date.now()) / 1000);
    }
  }
  return undefined;
}

export function chunk<T>(items: T[], size = MAX_BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The lock key of a mailbox: "me" for the signed-in user, else the lower-cased UPN. */
export function mailboxLockKey(mailbox?: string): string {
  return mailbox?.toLowerCase() ?? "me";
}

/** The gate a client was built with (createGraphClient): clients sharing a gate share the batch lock too. */
const gates = new WeakMap<Client, object>();
export function registerGate(client: Client, gate: object): void {
  gates.set(client, gate);
}

/**
 * Serializes batches per mailbox across every client that shares a MailboxGate (the whole app, issue 10 item 4):
 * one writer's $batch in flight per mailbox, so batches of the store, the sales and the tagging services queue
 * behind each other instead of racing for the 4 slots (S14). Shared by BatchWriter (PATCH) and ContactsRepository
 * (POST, look-ups). Not re-entrant: never call it from inside `fn` for the same gate and mailbox.
 */
const mailboxLocks = new WeakMap<object, Map<string, Promise<unknown>>>();
export function withMailboxLock<T>(client: Client, mailbox: string, fn: () => Promise<T>): Promise<T> {
  const owner = gates.get(client) ?? client;
  let locks = mailboxLocks.get(owner);
  if (!locks) mailboxLocks.set(owner, (locks = new Map()));
  const prev = locks.get(mailbox) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  locks.set(mailbox, settled);
  return run;
}
