/**
 * The If-Match fallback (capabilities.ts): when the probe found that this tenant refuses (400) or ignores
 * `If-Match` on contacts (contact-update.md does not document it; graph-reference.md §7), conditional writes are
 * emulated in the client: the contact's current `@odata.etag` is read just before the write, a stale copy gets
 * the same 412 `ErrorIrresolvableConflict` Exchange would send (so the write path re-reads and re-applies as
 * usual), and a current one is written without the header. The window between the read and the write is not
 * covered — that is the price of a tenant without If-Match, and the reason the fast path is preferred.
 *
 * Works on single PATCH/DELETE requests and on `$batch` sub-requests. Inactive (pass-through) until a probe
 * report says If-Match is not honoured, so the probe itself always sees the server's own answer.
 */
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { defaultCapabilitySource } from "./capabilities";

const CONTACT_ITEM = /\/contacts\/[^/?]+(\?|$)/i;

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof Headers !== "undefined" && headers instanceof Headers) return headers.get(name) ?? undefined;
  const rec = headers as Record<string, string>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : rec[key];
}

function withoutHeader(headers: unknown, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof Headers !== "undefined" && headers instanceof Headers) headers.forEach((v, k) => (out[k] = v));
  else Object.assign(out, headers as Record<string, string> | undefined);
  for (const k of Object.keys(out)) if (k.toLowerCase() === name.toLowerCase()) delete out[k];
  return out;
}

const conflictBody = () => ({
  error: {
    code: "ErrorIrresolvableConflict",
    message: "The change key passed in the request does not match the current change key for the item (checked by the add-in: this tenant does not honour If-Match).",
  },
});

/** True when a probe report says If-Match is refused or ignored. */
export function ifMatchEmulationActive(): boolean {
  const report = defaultCapabilitySource().report?.("/me");
  return Boolean(report && !report.capabilities.ifMatch && report.results.some((r) => r.behaviour === "ifMatch" && (r.outcome === "refused" || r.outcome === "ignored")));
}

export class IfMatchFallbackHandler implements Middleware {
  private next?: Middleware;
  constructor(private readonly active: () => boolean = ifMatchEmulationActive) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const ctx: Context = { request: url, options: init };
    await this.next!.execute(ctx);
    return ctx.response as Response;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("IfMatchFallbackHandler must not be the last middleware");
    const url = typeof context.request === "string" ? context.request : (context.request as Request).url;
    const opts = (context.options ?? {}) as RequestInit;
    const method = (opts.method ?? "GET").toUpperCase();
    if (!this.active() || typeof context.request !== "string") return this.next.execute(context);
    if ((method === "PATCH" || method === "DELETE") && CONTACT_ITEM.test(url) && headerOf(opts.headers, "If-Match")) {
      return this.single(context, url, opts);
    }
    if (method === "POST" && /\/\$batch(\?|$)/.test(url) && typeof opts.body === "string" && /if-match/i.test(opts.body)) {
      return this.batch(context, url, opts);
    }
    return this.next.execute(context);
  }

  private baseHeaders(opts: RequestInit): Record<string, string> {
    const h = withoutHeader(withoutHeader(opts.headers, "If-Match"), "Content-Type");
    return h;
  }

  private async single(context: Context, url: string, opts: RequestInit): Promise<void> {
    const expected = headerOf(opts.headers, "If-Match")!;
    const read = await this.send(`${url.split("?")[0]}?$select=id`, { method: "GET", headers: this.baseHeaders(opts) });
    if (!read.ok) {
      context.response = read;
      return;
    }
    const etag = ((await read.json()) as { "@odata.etag"?: string })["@odata.etag"];
    if (etag !== expected) {
      context.response = new Response(JSON.stringify(conflictBody()), { status: 412, headers: { "Content-Type": "application/json" } });
      return;
    }
    context.options = { ...opts, headers: withoutHeader(opts.headers, "If-Match") };
    await this.next!.execute(context);
  }

  private async batch(context: Context, url: string, opts: RequestInit): Promise<void> {
    type Sub = { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown };
    const payload = JSON.parse(opts.body as string) as { requests: Sub[] };
    const conditional = payload.requests.filter((r) => (r.method === "PATCH" || r.method === "DELETE") && CONTACT_ITEM.test(r.url) && headerOf(r.headers, "If-Match"));
    if (!conditional.length) return this.next!.execute(context);
    // One $batch of GETs for the current etags (at most 20, like the batch itself).
    const reads = await this.send(url, {
      method: "POST",
      headers: { ...this.baseHeaders(opts), "Content-Type": "application/json" },
      body: JSON.stringify({ requests: conditional.map((r) => ({ id: r.id, method: "GET", url: `${r.url.split("?")[0]}?$select=id` })) }),
    });
    if (!reads.ok) {
      context.response = reads;
      return;
    }
    const current = new Map<string, { status: number; etag?: string }>();
    for (const r of ((await reads.json()) as { responses?: { id: string; status: number; body?: { "@odata.etag"?: string } }[] }).responses ?? []) {
      current.set(r.id, { status: r.status, etag: r.body?.["@odata.etag"] });
    }
    const synthetic: { id: string; status: number; headers: Record<string, string>; body: unknown }[] = [];
    const forward: Sub[] = [];
    for (const r of payload.requests) {
      if (!conditional.includes(r)) {
        forward.push(r);
        continue;
      }
      const c = current.get(r.id);
      if (c && c.status === 200 && c.etag !== headerOf(r.headers, "If-Match")) {
        synthetic.push({ id: r.id, status: 412, headers: { "Content-Type": "application/json" }, body: conflictBody() });
      } else {
        // Current (or its read failed: let the write itself report 404/403/429).
        forward.push({ ...r, headers: withoutHeader(r.headers, "If-Match") });
      }
    }
    let responses: unknown[] = [];
    let status = 200;
    let headers: HeadersInit = { "Content-Type": "application/json" };
    if (forward.length) {
      const res = await this.send(url, { ...opts, body: JSON.stringify({ ...payload, requests: forward }) });
      if (!res.ok) {
        context.response = res;
        return;
      }
      status = res.status;
      const h = new Headers(res.headers);
      h.delete("content-length");
      h.delete("content-encoding");
      headers = h;
      responses = ((await res.json()) as { responses?: unknown[] }).responses ?? [];
    }
    context.response = new Response(JSON.stringify({ responses: [...responses, ...synthetic] }), { status, headers });
  }
}
