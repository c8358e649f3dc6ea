/**
 * JSON batching (graph-reference.md §5): at most 20 sub-requests, relative urls, per-item status inside a
 * 200 envelope, responses in any order (correlate by id).
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { GraphRequestError, toGraphRequestError } from "./GraphRequestError";
import { backoffSeconds, DEFAULT_RETRY_DELAY_SECONDS, isRetryable, MAX_RETRY_DELAY_SECONDS } from "./retryPolicy";

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

/**
 * Serializes batches per (client, mailbox): at most one $batch in flight per mailbox (Graph fans an unordered
 * batch out 4 at a time per mailbox, S14). Shared by BatchWriter (PATCH) and ContactsRepository (POST).
 * Not re-entrant: never call it from inside `fn` for the same client and mailbox.
 */
const mailboxLocks = new WeakMap<Client, Map<string, Promise<unknown>>>();
export function withMailboxLock<T>(client: Client, mailbox: string, fn: () => Promise<T>): Promise<T> {
  let locks = mailboxLocks.get(client);
  if (!locks) mailboxLocks.set(client, (locks = new Map()));
  const prev = locks.get(mailbox) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  locks.set(mailbox, settled);
  return run;
}

export interface RetryingBatchOptions {
  /** Lock key (mailboxLockKey): one batch in flight per mailbox. */
  lockKey: string;
  /** Attempts per sub-request before its last throttled response is final. */
  maxAttempts?: number;
  retryDelaySeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The final answer for one sub-request: its last response, or the envelope error when the batch itself failed. */
export type SubRequestOutcome = { response: BatchSubResponse; attempts: number } | { error: GraphRequestError; attempts: number };

/**
 * Independent sub-requests in $batches of up to 20, one batch in flight per mailbox, each sub-request that
 * answered 429/503/504 retried in a later batch (at its front, in order) after the longest Retry-After of that
 * batch (back-off when none) — the SDK only retries whole requests, never items inside a 200 batch (S13).
 * A throttled envelope is retried whole. A failed envelope with an unknown outcome (network error, 4xx) is not
 * retried: the sub-requests may have run (POST is not idempotent), so they end with that error.
 * Returns the outcome per sub-request id and the number of $batch round trips.
 */
export async function sendRetryingBatches(
  client: Client,
  requests: BatchSubRequest[],
  opts: RetryingBatchOptions,
  onSettled?: (id: string, outcome: SubRequestOutcome) => void,
): Promise<{ outcomes: Map<string, SubRequestOutcome>; requests: number }> {
  const maxAttempts = opts.maxAttempts ?? 8;
  const baseDelay = opts.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  if (new Set(requests.map((r) => r.id)).size !== requests.length) throw new Error("Sub-request ids must be unique");
  const outcomes = new Map<string, SubRequestOutcome>();
  const attempts = new Map<string, number>(requests.map((r) => [r.id, 0]));
  const settle = (id: string, o: SubRequestOutcome) => {
    outcomes.set(id, o);
    onSettled?.(id, o);
  };
  let queue = requests.slice();
  let round = 0;
  let waitSeconds = 0;
  while (queue.length) {
    if (waitSeconds > 0) await sleep(Math.min(waitSeconds, MAX_RETRY_DELAY_SECONDS) * 1000);
    waitSeconds = 0;
    const part = queue.slice(0, MAX_BATCH_SIZE);
    const rest = queue.slice(part.length);
    for (const r of part) attempts.set(r.id, (attempts.get(r.id) ?? 0) + 1);
    round++;
    let responses: Map<string, BatchSubResponse>;
    try {
      responses = await withMailboxLock(client, opts.lockKey, () => sendBatch(client, part));
    } catch (e) {
      const err = toGraphRequestError(e);
      if (err.status > 0 && isRetryable(err.status)) {
        const again = part.filter((r) => (attempts.get(r.id) ?? 0) < maxAttempts);
        for (const r of part) if (!again.includes(r)) settle(r.id, { error: err, attempts: attempts.get(r.id) ?? 0 });
        queue = [...again, ...rest];
        waitSeconds = backoffSeconds(round, baseDelay);
        continue;
      }
      for (const r of part) settle(r.id, { error: err, attempts: attempts.get(r.id) ?? 0 });
      queue = rest;
      continue;
    }
    const retried: BatchSubRequest[] = [];
    for (const r of part) {
      const n = attempts.get(r.id) ?? 0;
      const res = responses.get(r.id);
      if (!res) {
        settle(r.id, { error: new GraphRequestError("malformedResponse", 0, "No response for a sub-request"), attempts: n });
      } else if (isRetryable(res.status) && n < maxAttempts) {
        retried.push(r);
        waitSeconds = Math.max(waitSeconds, retryAfterSeconds(res) ?? backoffSeconds(n, baseDelay));
      } else {
        settle(r.id, { response: res, attempts: n });
      }
    }
    queue = [...retried, ...rest];
  }
  return { outcomes, requests: round };
}
