/**
 * createEmulator(): an in-process Microsoft Graph v1.0 emulator with a fetch-style handler (docs/contracts.md).
 * Auth, the error envelope, request ids, faults (latency, per-mailbox concurrency, random 429/503) and JSON batching.
 */
import { GraphError, errorBody } from "./errors";
import { Ctx, Graph, Resp, blankContact } from "./graph";
import { readPropsFromBody } from "./extprops";
import { prng, seedDemo, seedUsers } from "./seed";
import { parsePath } from "./paths";
import { normalizeQuery } from "./query";
export { prng };
import { Doc, Store, changeKey } from "./store";
import { StrictRules, type StrictProfile } from "./strict";
export { STRICT_BYPASS_HEADER, STRICT_PROFILES, parseStrict, type StrictProfile } from "./strict";

export interface Faults {
  latencyMs: number;
  errorRate: number;
  errorStatuses: number[];
  concurrencyLimit: number;
  retryAfterSeconds: number;
  randomSeed: number;
  /**
   * Test-only "answer lost after commit": with this probability a request whose method is in
   * `lostResponseMethods` is executed (and committed), then answered 504 GatewayTimeout as a gateway that timed
   * out after the mailbox did the work (throttling.md/user-list-messages.md: 504 is transient and ambiguous —
   * the caller cannot know whether it ran). `lostResponseScope` "request": each request, top-level or inside
   * $batch (per-item 504); "batch": the whole $batch envelope after all its requests ran. Default 0 (off), so
   * normal behaviour stays Graph-faithful.
   */
  lostResponseRate: number;
  lostResponseMethods: string[];
  lostResponseScope: "request" | "batch";
}
export interface EmulatorOptions {
  data?: string;
  seed?: "demo" | "empty";
  now?: Date;
  faults?: Partial<Faults>;
  /** Refuse these UNVERIFIED behaviours the way Graph plausibly would (strict.ts). */
  strict?: readonly StrictProfile[];
}
export interface Stats { requests: number; batchSubRequests: number; byMethod: Record<string, number>; throttled: number; maxConcurrency: number }
export interface Admin {
  /** Insert contacts (Graph contact JSON, may carry single/multiValueExtendedProperties) into a user's default folder (or folderId). */
  insertContacts(upn: string, contacts: object[], folderId?: string): string[];
  defaultFolderId(upn: string): string;
  /** Share a folder (default folder when folderId is omitted) of owner with grantee (read by default). */
  share(ownerUpn: string, granteeUpn: string, opts?: { folderId?: string; role?: "read" | "write" }): void;
  unshare(ownerUpn: string, granteeUpn: string, folderId?: string): void;
  /** Expire every delta/skip token issued so far (Outlook drops old tokens from its cache: delta-query-overview.md
   *  "Token duration"); the next use answers 410 Gone `syncStateNotFound` with a Location for a fresh round. */
  expireDeltaTokens(): void;
  store: Store;
}
export interface Emulator {
  handler(req: Request): Promise<Response>;
  /**
   * The checks made before a request body is read (auth, version, declared size): a Response to send instead of
   * reading the body, or null. Node adapters call it first so a huge or unauthenticated upload is never buffered.
   */
  preflight(method: string, url: string, headers: Headers): Promise<Response> | null;
  setFaults(f: Partial<Faults>): void;
  faults(): Faults;
  /** Switch the strict profiles (strict.ts) at run time; [] = the default, lenient on UNVERIFIED behaviours. */
  setStrict(profiles: readonly StrictProfile[]): void;
  strict(): StrictProfile[];
  stats(): Stats;
  resetStats(): void;
  admin: Admin;
  close(): void;
}

const DEFAULT_FAULTS: Faults = { latencyMs: 0, errorRate: 0, errorStatuses: [429, 503], concurrencyLimit: 4, retryAfterSeconds: 1, randomSeed: 1, lostResponseRate: 0, lostResponseMethods: ["POST"], lostResponseScope: "request" };

/** Graph refuses request bodies over 4 MB: 413 "The maximum request length supported is 4MB." (python-o365 #472,
 *  a Graph answer quoted verbatim; concepts/errors.md lists 413 Request Entity Too Large). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const tooLarge = (): GraphError => new GraphError(413, "RequestEntityTooLarge", "The maximum request length supported is 4MB.");

/** Read a request body, refusing it as soon as it passes MAX_BODY_BYTES (also when no Content-Length was sent). */
async function readBody(req: Request): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > MAX_BODY_BYTES) { await reader.cancel().catch(() => undefined); throw tooLarge(); }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const CORS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "request-id, client-request-id, Retry-After, Preference-Applied, Location, ETag",
};

export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const store = new Store(opts.data ?? ":memory:");
  const fixedNow = opts.now;
  const now = (): Date => (fixedNow ? new Date(fixedNow.getTime()) : new Date());
  if (store.isNew) {
    store.tx(() => {
      if ((opts.seed ?? "demo") === "demo") seedDemo(store, fixedNow ?? new Date());
      else seedUsers(store);
      store.setMeta("seeded", opts.seed ?? "demo");
    });
  }
  const graph = new Graph(store, now);
  const strict = new StrictRules(opts.strict ?? []);
  let faults: Faults = { ...DEFAULT_FAULTS, ...opts.faults };
  let rand = prng(faults.randomSeed);
  const inflight = new Map<string, number>();
  let stats: Stats = { requests: 0, batchSubRequests: 0, byMethod: {}, throttled: 0, maxConcurrency: 0 };

  function baseHeaders(requestId: string, clientRequestId: string | null): Record<string, string> {
    // Every HTTP response carries Date (RFC 9110 §6.6.1; Graph sends it on every response, and the SDK's
    // RetryHandler reads Retry-After as an HTTP date too); request-id / client-request-id (concepts/errors.md innerError).
    return { ...CORS, Date: new Date().toUTCString(), "request-id": requestId, "client-request-id": clientRequestId ?? requestId };
  }

  function errResp(e: unknown, requestId: string, crid: string | null): Resp {
    if (e instanceof GraphError) {
      return { status: e.status, body: errorBody(e.code, e.message, requestId, crid), headers: { ...e.headers } };
    }
    const msg = e instanceof Error ? e.message : String(e);
    return { status: 500, body: errorBody("generalException", `Emulator internal error: ${msg}`, requestId, crid), headers: {} };
  }

  function authenticate(headers: Headers): Doc {
    const auth = headers.get("authorization");
    // Graph answers a missing/invalid token with 401 InvalidAuthenticationToken (concepts/errors.md, auth-v2-user.md).
    if (!auth) throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
    const m = /^Bearer\s+dev:(\S+)$/i.exec(auth.trim());
    const u = m ? store.user(m[1]!) : undefined;
    if (!u) throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience or unknown dev user (emulator accepts 'Bearer dev:<userPrincipalName>' of a seeded user).");
    return u;
  }

  function mailboxOf(url: URL, caller: Doc): string | null {
    let segs: string[];
    try { segs = parsePath(url.pathname); } catch { return null; } // canonical segments (paths.ts); bad paths fail in dispatch
    if (segs[0] === "me") return String(caller.userPrincipalName).toLowerCase();
    if (segs[0] === "users" && segs[1]) {
      if (segs.length === 2) return null; // /users/{id}: directory, not a mailbox
      const u = store.user(segs[1]);
      return String(u?.userPrincipalName ?? segs[1]).toLowerCase();
    }
    return null;
  }

  /** One Graph request (top-level or inside $batch) with faults applied. */
  async function runOne(ctx: Ctx, requestId: string, crid: string | null): Promise<Resp> {
    const f = faults;
    // Random transient faults (throttling.md: 429 + Retry-After; 503 Service Unavailable).
    if (f.errorRate > 0 && rand() < f.errorRate) {
      const statuses = f.errorStatuses.length ? f.errorStatuses : [429];
      const status = statuses[Math.floor(rand() * statuses.length)] ?? 429;
      if (status === 429) stats.throttled++;
      const code = status === 429 ? "TooManyRequests" : status === 503 ? "ServiceNotAvailable" : status === 504 ? "GatewayTimeout" : "InternalServerError";
      const message = status === 429 ? "Too many requests. Please retry after the time given in Retry-After." : "The service is temporarily unavailable.";
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      return { status, body: errorBody(code, message, requestId, crid), headers: { "Retry-After": String(f.retryAfterSeconds) } };
    }
    const mb = mailboxOf(ctx.url, ctx.caller);
    if (mb) {
      const n = inflight.get(mb) ?? 0;
      // Outlook: 4 concurrent requests per app per mailbox (includes/throttling-outlook.md, S14); Q&A 1660054 (S45) for the message.
      if (n >= f.concurrencyLimit) {
        stats.throttled++;
        return {
          status: 429,
          body: errorBody("ApplicationThrottled", "Application is over its MailboxConcurrency limit.", requestId, crid),
          headers: { "Retry-After": String(f.retryAfterSeconds) },
        };
      }
      inflight.set(mb, n + 1);
      stats.maxConcurrency = Math.max(stats.maxConcurrency, n + 1);
    }
    try {
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      let r: Resp;
      try {
        r = strict.after(ctx, graph.dispatch(strict.before(ctx)));
      } catch (e) {
        return errResp(e, requestId, crid);
      }
      if (lostAnswer(ctx.method, "request")) return gatewayTimeout(requestId, crid);
      return r;
    } finally {
      if (mb) inflight.set(mb, (inflight.get(mb) ?? 1) - 1);
    }
  }

  /** The lostResponse fault (test-only): does this executed request lose its answer? */
  function lostAnswer(method: string, scope: "request" | "batch"): boolean {
    const f = faults;
    return f.lostResponseRate > 0 && f.lostResponseScope === scope && f.lostResponseMethods.includes(method.toUpperCase()) && rand() < f.lostResponseRate;
  }

  function gatewayTimeout(requestId: string, crid: string | null): Resp {
    return { status: 504, body: errorBody("GatewayTimeout", "The gateway did not receive a timely response from the upstream server.", requestId, crid), headers: {} };
  }

  function idTypeHeader(headers: Headers): Record<string, string> {
    // Prefer: IdType="ImmutableId" (outlook-immutable-id.md). Ids here never change, so it is applied trivially.
    const p = headers.get("prefer") ?? "";
    return /IdType\s*=\s*"?ImmutableId"?/i.test(p) ? { "Preference-Applied": 'IdType="ImmutableId"' } : {};
  }

  function toResponse(r: Resp, base: Record<string, string>): Response {
    const headers = new Headers({ ...base, ...(r.headers ?? {}) });
    if (r.status === 204 || r.body === undefined) return new Response(null, { status: r.status, headers });
    headers.set("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8");
    return new Response(JSON.stringify(r.body), { status: r.status, headers });
  }

  async function batch(req: Request, caller: Doc, origin: string, requestId: string, crid: string | null): Promise<Resp> {
    let payload: unknown;
    const text = await readBody(req);
    try { payload = JSON.parse(text); } catch { throw new GraphError(400, "BadRequest", "Invalid batch payload format."); }
    const reqs = (payload as { requests?: unknown }).requests;
    if (!Array.isArray(reqs)) throw new GraphError(400, "BadRequest", "Invalid batch payload format.");
    // At most 20 requests per batch (json-batching.md "Batch size limitations", S12).
    if (reqs.length > 20) throw new GraphError(400, "BadRequest", "The number of batch requests exceeds the limit of 20.");
    if (reqs.length === 0) throw new GraphError(400, "BadRequest", "Invalid batch payload format: requests is empty.");
    interface Sub { id: string; method: string; url: string; headers: Record<string, string>; body: unknown; dependsOn: string[] }
    const subs: Sub[] = [];
    const ids = new Set<string>();
    for (const r of reqs as Record<string, unknown>[]) {
      if (!r || typeof r.id !== "string" || !r.id || typeof r.method !== "string" || typeof r.url !== "string") {
        throw new GraphError(400, "BadRequest", "Invalid batch payload format: each request needs id, method and url.");
      }
      // "id … Not case-sensitive. Must be unique in the batch, otherwise, the batch request fails with a 400" (json-batching.md).
      if (ids.has(r.id.toLowerCase())) throw new GraphError(400, "BadRequest", `Batch request contains a duplicate id '${r.id}' (ids are not case-sensitive).`);
      ids.add(r.id.toLowerCase());
      const headers: Record<string, string> = {};
      if (r.headers && typeof r.headers === "object") for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
      // "headers" with Content-Type is required when a body is present (json-batching.md "Request format").
      if (r.body !== undefined && !headers["content-type"]) {
        throw new GraphError(400, "BadRequest", `Write request id : ${r.id} does not contain Content-Type header or body.`);
      }
      // dependsOn names ids, which are not case-sensitive (json-batching.md): resolve them to the ids as written.
      const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map((d) => String(d)) : [];
      subs.push({ id: r.id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn });
    }
    const byLower = new Map(subs.map((s) => [s.id.toLowerCase(), s.id]));
    for (const s of subs) {
      s.dependsOn = s.dependsOn.map((d) => {
        const id = byLower.get(d.toLowerCase());
        if (id === undefined) throw new GraphError(400, "BadRequest", `Request id '${s.id}' depends on '${d}', which is not in the batch.`);
        return id;
      });
    }
    // dependsOn patterns are limited to parallel (none), serial (each on the previous) or all-depend-on-the-same
    // request (concepts/known-issues.md "JSON batching"; msgraph-sdk-javascript BatchRequestContent.validateDependencies).
    if (subs.some((s) => s.dependsOn.length)) {
      const serial = subs.every((s, i) => (i === 0 ? s.dependsOn.length === 0 : s.dependsOn.length === 1 && s.dependsOn[0] === subs[i - 1]!.id));
      const deps = new Set(subs.flatMap((s) => s.dependsOn));
      const same = deps.size === 1 && subs.every((s) => s.dependsOn.length <= 1);
      if (!serial && !same) throw new GraphError(400, "BadRequest", "Batch should be either fully sequential or fully parallel");
    }
    const results = new Map<string, { id: string; status: number; headers: Record<string, string>; body?: unknown }>();
    const out: { id: string; status: number; headers: Record<string, string>; body?: unknown }[] = [];

    async function runSub(s: Sub): Promise<void> {
      stats.batchSubRequests++;
      stats.byMethod[s.method] = (stats.byMethod[s.method] ?? 0) + 1;
      const subId = crypto.randomUUID();
      let r: Resp;
      const failed = s.dependsOn.find((d) => (results.get(d)?.status ?? 0) >= 400);
      if (failed !== undefined) {
        // A failed dependency makes dependants fail with 424 (json-batching.md "Sequencing requests with the dependsOn property").
        r = { status: 424, body: errorBody("FailedDependency", `Dependency '${failed}' failed; request not executed.`, subId, crid) };
      } else if (/^https?:/i.test(s.url) || /^\/?v1\.0\//i.test(s.url) || /^\/?beta\//i.test(s.url)) {
        // URLs are relative to the batch endpoint's version (json-batching.md; known-issues.md JSON batching, S25).
        r = { status: 400, body: errorBody("BadRequest", `Invalid request URL '${s.url}': batch request URLs must be relative (e.g. /me/contacts), without the version segment.`, subId, crid) };
      } else {
        let url: URL;
        try {
          url = new URL(`${origin}/v1.0/${s.url.replace(/^\//, "")}`);
          normalizeQuery(url);
        } catch (e) {
          r = errResp(e instanceof GraphError ? e : new GraphError(400, "BadRequest", `Invalid request URL '${s.url}'.`), subId, crid);
          const item = { id: s.id, status: r.status, headers: { "Content-Type": "application/json" }, body: r.body };
          results.set(s.id, item);
          out.push(item);
          return;
        }
        const headers = new Headers(s.headers);
        headers.set("authorization", req.headers.get("authorization") ?? "");
        let body = s.body;
        if (typeof body === "string" && /json/i.test(s.headers["content-type"] ?? "")) { try { body = JSON.parse(body); } catch { /* keep */ } }
        r = await runOne({ method: s.method, url, headers, body, caller, origin }, subId, crid);
        r = { ...r, headers: { ...idTypeHeader(headers), ...(r.headers ?? {}) } };
      }
      const item = { id: s.id, status: r.status, headers: { ...(r.body !== undefined ? { "Content-Type": "application/json" } : {}), ...(r.headers ?? {}) }, ...(r.body !== undefined ? { body: r.body } : {}) };
      results.set(s.id, item);
      out.push(item);
    }

    // Unordered requests are sent to Outlook up to 4 at a time; dependsOn chains run in order (includes/throttling-outlook.md, S14).
    const pending = [...subs];
    const running = new Map<string, Promise<void>>();
    while (pending.length || running.size) {
      const readyIdx = pending.findIndex((s) => s.dependsOn.every((d) => results.has(d)));
      if (readyIdx >= 0 && running.size < 4) {
        const s = pending.splice(readyIdx, 1)[0]!;
        const p = runSub(s).finally(() => running.delete(s.id));
        running.set(s.id, p);
        continue;
      }
      if (running.size === 0) {
        // cycle: fail the rest
        for (const s of pending.splice(0)) {
          const item = { id: s.id, status: 424, headers: { "Content-Type": "application/json" }, body: errorBody("FailedDependency", "Circular dependsOn.", requestId, crid) };
          results.set(s.id, item); out.push(item);
        }
        break;
      }
      await Promise.race(running.values());
    }
    // The lostResponse fault (test-only): every request above ran; the envelope's answer is lost.
    const write = subs.find((s) => faults.lostResponseMethods.includes(s.method));
    if (write && lostAnswer(write.method, "batch")) return gatewayTimeout(requestId, crid);
    // Envelope is 200 even when parts fail (json-batching.md "Response format").
    return { status: 200, body: { responses: out } };
  }

  /** Version, then auth, then the declared size — all before any body byte is read (issue 12 item 7). */
  function checkBeforeBody(method: string, url: URL, headers: Headers): Doc {
    if (!/^\/v1\.0(\/|$)/.test(url.pathname)) {
      throw new GraphError(400, "BadRequest", `Invalid version: the emulator serves only /v1.0 (got '${url.pathname.split("/")[1] ?? ""}').`);
    }
    const caller = authenticate(headers);
    const len = headers.get("content-length");
    if (len !== null && Number(len) > MAX_BODY_BYTES) throw tooLarge();
    return caller;
  }

  function preflight(method: string, rawUrl: string, headers: Headers): Promise<Response> | null {
    if (method === "OPTIONS") return null;
    try {
      checkBeforeBody(method, new URL(rawUrl), headers);
      return null;
    } catch (e) {
      const requestId = crypto.randomUUID();
      const crid = headers.get("client-request-id");
      stats.requests++;
      stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
      return Promise.resolve(toResponse(errResp(e, requestId, crid), baseHeaders(requestId, crid)));
    }
  }

  async function handler(req: Request): Promise<Response> {
    const requestId = crypto.randomUUID();
    const crid = req.headers.get("client-request-id");
    const base = baseHeaders(requestId, crid);
    stats.requests++;
    stats.byMethod[req.method] = (stats.byMethod[req.method] ?? 0) + 1;
    try {
      const url = new URL(req.url);
      if (req.method === "OPTIONS") {
        return new Response(null, {
          status: 204,
          headers: { ...base, "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS", "Access-Control-Allow-Headers": req.headers.get("access-control-request-headers") ?? "*", "Access-Control-Max-Age": "600" },
        });
      }
      const caller = checkBeforeBody(req.method, url, req.headers);
      const origin = url.origin;
      const path = parsePath(url.pathname);
      normalizeQuery(url);
      if (path.length === 1 && path[0] === "$batch") {
        if (req.method !== "POST") throw new GraphError(405, "BadRequest", "$batch accepts POST only.");
        return toResponse(await batch(req, caller, origin, requestId, crid), base);
      }
      let body: unknown;
      if (req.method !== "GET" && req.method !== "DELETE" && req.method !== "HEAD") {
        const text = await readBody(req);
        if (text) {
          try { body = JSON.parse(text); } catch { throw new GraphError(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."); }
        }
      }
      const r = await runOne({ method: req.method, url, headers: req.headers, body, caller, origin }, requestId, crid);
      return toResponse({ ...r, headers: { ...idTypeHeader(req.headers), ...(r.headers ?? {}) } }, base);
    } catch (e) {
      return toResponse(errResp(e, requestId, crid), base);
    }
  }

  const admin: Admin = {
    store,
    defaultFolderId(upn) {
      const f = store.defaultFolder(upn.toLowerCase());
      if (!f) throw new Error(`unknown user ${upn}`);
      return f.id;
    },
    insertContacts(upn, contacts, folderId) {
      const owner = String(store.user(upn)?.userPrincipalName ?? upn);
      const folder = folderId ?? admin.defaultFolderId(owner);
      const ts = now().toISOString().replace(/\.\d{3}Z$/, "Z");
      return store.tx(() =>
        contacts.map((c) => {
          const input = c as Doc;
          const id = store.newId("contact");
          const doc = { ...blankContact(), ...input, id, createdDateTime: ts, lastModifiedDateTime: ts, changeKey: changeKey(), parentFolderId: folder } as Doc;
          delete doc.singleValueExtendedProperties;
          delete doc.multiValueExtendedProperties;
          if (!doc.displayName) doc.displayName = [doc.givenName, doc.surname].filter(Boolean).join(" ");
          store.insertContact(owner, folder, id, doc);
          for (const p of readPropsFromBody(input)) store.setProp(id, p.id, p.single, p.value);
          return id;
        }),
      );
    },
    share(ownerUpn, granteeUpn, o = {}) {
      store.share(o.folderId ?? admin.defaultFolderId(ownerUpn), granteeUpn.toLowerCase(), o.role ?? "read");
    },
    expireDeltaTokens() {
      store.setMeta("deltaEpoch", String(Number(store.getMeta("deltaEpoch") ?? "0") + 1));
    },
    unshare(ownerUpn, granteeUpn, folderId) {
      store.unshare(folderId ?? admin.defaultFolderId(ownerUpn), granteeUpn.toLowerCase());
    },
  };

  return {
    handler,
    preflight,
    setFaults(f) {
      faults = { ...faults, ...f };
      if (f.randomSeed !== undefined) rand = prng(f.randomSeed);
    },
    faults: () => ({ ...faults }),
    setStrict(profiles) { strict.set(profiles); },
    strict: () => strict.list(),
    stats: () => ({ ...stats, byMethod: { ...stats.byMethod } }),
    resetStats() { stats = { requests: 0, batchSubRequests: 0, byMethod: {}, throttled: 0, maxConcurrency: 0 }; },
    admin,
    close() { store.close(); },
  };
}

export { DEMO_FACTS } from "./seed";
