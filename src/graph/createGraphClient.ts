/**
 * The Graph client: the SDK's own middleware chain, with only the terminal swappable
 * (conventions.md "Use the SDK's middleware chain; swap only the terminal handler").
 *
 *   AuthenticationHandler → RetryHandler (429/503/504, Retry-After) → MailboxGateHandler → ImmutableIdHandler → IfMatchFallbackHandler → terminal
 *
 * IfMatchFallbackHandler passes everything through unless the capability probe found that the tenant refuses
 * If-Match on contacts (ifMatchFallback.ts); its extra reads use the slot of the write they guard.
 *
 * ImmutableIdHandler sits after RetryHandler so that every attempt, retries included, carries the header.
 * MailboxGateHandler sits after RetryHandler too: each attempt takes its mailbox slots, a wait for Retry-After
 * holds none. Every client shares the app's gate (one budget of 4 per mailbox, mailboxGate.ts).
 */
import {
  AuthenticationHandler,
  AuthenticationProvider,
  Client,
  Context,
  HTTPMessageHandler,
  Middleware,
  RetryHandler,
  RetryHandlerOptions,
  type ShouldRetry,
} from "@microsoft/microsoft-graph-client";
import { registerGate } from "./batch";
import { APP_MAILBOX_GATE, MailboxGateHandler, type MailboxGate } from "./mailboxGate";
import { IfMatchFallbackHandler } from "./ifMatchFallback";
import { shouldRetryRequest } from "./retryPolicy";

export const GRAPH_BASE_URL = "https://graph.microsoft.com";

/** graph-reference.md §1/§S23: ids that survive folder moves; must be sent on every request. */
export const IMMUTABLE_ID_PREFER = 'IdType="ImmutableId"';

export type TokenSource = ((scopes?: string[]) => Promise<string>) | AuthenticationProvider;

export interface GraphClientOptions {
  authProvider: TokenSource;
  /** Origin only, e.g. "https://graph.microsoft.com" (the default). */
  baseUrl?: string;
  /** Extra host names (no scheme/port) that get the Authorization header; the SDK sends it only to Graph hosts. */
  customHosts?: string[];
  /** A fetch-style handler in the terminal position (tests, benchmarks, the in-process emulator). */
  terminal?: (req: Request) => Promise<Response>;
  /** RetryHandler options; defaults are the SDK's (3 retries, 3 s default delay). */
  retry?: { maxRetries?: number; delaySeconds?: number };
  /** The per-mailbox concurrency budget; default: the app's one (APP_MAILBOX_GATE), shared by every client. */
  gate?: MailboxGate;
}

function getHeader(context: Context, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (typeof Request !== "undefined" && context.request instanceof Request) return context.request.headers.get(name) ?? undefined;
  const headers = context.options?.headers;
  if (!headers) return undefined;
  if (typeof Headers !== "undefined" && headers instanceof Headers) return headers.get(name) ?? undefined;
  if (Array.isArray(headers)) return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
  const record = headers as Record<string, string>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

function setHeader(context: Context, name: string, value: string): void {
  if (typeof Request !== "undefined" && context.request instanceof Request) {
    context.request.headers.set(name, value);
    return;
  }
  context.options = context.options ?? {};
  const headers = context.options.headers;
  if (headers === undefined) {
    context.options.headers = { [name]: value };
  } else if (typeof Headers !== "undefined" && headers instanceof Headers) {
    headers.set(name, value);
  } else if (Array.isArray(headers)) {
    const i = headers.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
    if (i >= 0) headers.splice(i, 1);
    headers.push([name, value]);
  } else {
    const record = headers as Record<string, string>;
    for (const k of Object.keys(record)) if (k.toLowerCase() === name.toLowerCase()) delete record[k];
    record[name] = value;
  }
}

/** Adds `Prefer: IdType="ImmutableId"` to every request (graph-reference.md §1, S23). */
export class ImmutableIdHandler implements Middleware {
  private next?: Middleware;

  async execute(context: Context): Promise<void> {
    // Keep other preferences (e.g. odata.maxpagesize for delta): Prefer takes a comma-separated list (RFC 7240).
    const existing = getHeader(context, "Prefer");
    if (!existing) setHeader(context, "Prefer", IMMUTABLE_ID_PREFER);
    else if (!/IdType\s*=/i.test(existing)) setHeader(context, "Prefer", `${existing}, ${IMMUTABLE_ID_PREFER}`);
    if (!this.next) throw new Error("ImmutableIdHandler must not be the last middleware");
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Terminal middleware calling a fetch-style handler in-process instead of `fetch`. */
export class FetchHandlerTerminal implements Middleware {
  constructor(private readonly handler: (req: Request) => Promise<Response>) {}

  async execute(context: Context): Promise<void> {
    const req =
      context.request instanceof Request ? context.request : new Request(context.request as string, context.options as RequestInit);
    context.response = await this.handler(req);
  }
}

/**
 * The RetryHandler retries 429/503/504 (S39) — but a 503/504 can arrive after the server committed a POST that
 * creates (a contact, a task, a $batch of creations): those are never retried blindly (issue 10 item 3); the
 * caller looks up what was created first (ContactsRepository.createContacts).
 */
const sdkShouldRetry: ShouldRetry = (_delay, _attempt, request, options, response) => {
  const method = typeof request === "string" ? (options?.method ?? "GET") : request.method;
  const url = typeof request === "string" ? request : request.url;
  return shouldRetryRequest(response.status, method, url, options?.body);
};

function toAuthProvider(source: TokenSource): AuthenticationProvider {
  if (typeof source === "function") {
    return { getAccessToken: (opts) => source(opts?.scopes) };
  }
  return source;
}

/** The middleware chain in order (exported so one test can pin it). */
export function createMiddlewareChain(opts: GraphClientOptions): Middleware[] {
  return [
    new AuthenticationHandler(toAuthProvider(opts.authProvider)),
    new RetryHandler(new RetryHandlerOptions(opts.retry?.delaySeconds, opts.retry?.maxRetries, sdkShouldRetry)),
    new MailboxGateHandler(opts.gate ?? APP_MAILBOX_GATE),
    new ImmutableIdHandler(),
    new IfMatchFallbackHandler(),
    opts.terminal ? new FetchHandlerTerminal(opts.terminal) : new HTTPMessageHandler(),
  ];
}

export function createGraphClient(opts: GraphClientOptions): Client {
  const chain = createMiddlewareChain(opts);
  const client = Client.initWithMiddleware({
    middleware: chain,
    baseUrl: opts.baseUrl ?? GRAPH_BASE_URL,
    defaultVersion: "v1.0",
    customHosts: opts.customHosts ? new Set(opts.customHosts) : undefined,
  });
  registerGate(client, opts.gate ?? APP_MAILBOX_GATE);
  return client;
}
