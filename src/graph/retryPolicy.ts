/**
 * Retry policy as data, with reasons (conventions.md). The same codes as the SDK's RetryHandler
 * (RETRY_STATUS_CODES = [429, 503, 504], S39); the SDK applies them to whole requests, BatchWriter applies
 * them to each sub-request inside a 200 $batch, which no SDK does (S13).
 */
export const RETRY_STATUS_CODES: Readonly<Record<number, string>> = {
  429: "Too many requests: throttled per app + mailbox (4 concurrent, 10,000 / 10 min); wait Retry-After (S13, S14)",
  503: "Service unavailable: transient; wait Retry-After if given, else back off (S13)",
  504: "Gateway timeout: transient (also caused by oversized pages); back off and retry (S19)",
};

export function isRetryable(status: number): boolean {
  return Object.prototype.hasOwnProperty.call(RETRY_STATUS_CODES, status);
}

/** SDK defaults (RetryHandlerOptions): 3 s default delay, 180 s max. */
export const DEFAULT_RETRY_DELAY_SECONDS = 3;
export const MAX_RETRY_DELAY_SECONDS = 180;

/** Exponential back-off when no Retry-After is given: delay × 2^(attempt-1), capped. */
export function backoffSeconds(attempt: number, baseSeconds = DEFAULT_RETRY_DELAY_SECONDS): number {
  return Math.min(MAX_RETRY_DELAY_SECONDS, baseSeconds * 2 ** Math.max(0, attempt - 1));
}

/**
 * Whether a request may be sent again after an ambiguous failure (503/504, or no answer): it must not do its
 * work twice. GET/HEAD/PUT/DELETE/PATCH are idempotent (our PATCHes also carry If-Match); a POST creates
 * something (a contact, a To Do task) and a gateway timeout can arrive after the server committed it, so a POST
 * is safe only when it is a $batch whose requests are all idempotent. 429 is always safe to retry: a throttled
 * request was not executed (concepts/throttling.md).
 */
export function isIdempotentRequest(method: string, url: string, body?: unknown): boolean {
  const m = method.toUpperCase();
  if (m !== "POST") return true;
  if (!/\/\$batch(\?|$)/.test(url) && !/\/%24batch(\?|$)/i.test(url)) return false;
  let payload = body;
  if (typeof payload === "string") {
    try {
      payload = JSON.parse(payload);
    } catch {
      return false;
    }
  }
  const requests = (payload as { requests?: { method?: string }[] } | undefined)?.requests;
  return Array.isArray(requests) && requests.every((r) => typeof r.method === "string" && r.method.toUpperCase() !== "POST");
}

/** The SDK RetryHandler's shouldRetry: 429 always, 503/504 only for requests that cannot do their work twice. */
export function shouldRetryRequest(status: number, method: string, url: string, body?: unknown): boolean {
  if (status === 429) return true;
  return isIdempotentRequest(method, url, body);
}
