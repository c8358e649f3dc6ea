/**
 * Node http glue: a `(req, res, next?)` adapter around the fetch-style handler, and a loopback server.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_BODY_BYTES, createEmulator, Emulator, EmulatorOptions } from "./index";

export type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next?: (err?: unknown) => void) => void;

export interface AdapterOptions {
  /**
   * Same-origin only (the dev server, issue 12 item 8): the Host header's name must be one of `hosts` (DNS
   * rebinding: another name pointing at 127.0.0.1 is refused), a request carrying an `Origin` must come from this
   * server's own origin, and no `Access-Control-*` header is sent (no CORS at all, so no other site can read it).
   */
  sameOrigin?: { hosts: readonly string[] };
}

/** Host name of a Host header value (`localhost:3000` → `localhost`, `[::1]:3000` → `::1`). */
function hostName(host: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(host) ?? /^([^:]+)(?::\d+)?$/.exec(host);
  return (m?.[1] ?? "").toLowerCase();
}

/** Adapt an emulator to Node's http API. Requests whose path does not start with /v1.0 go to `next` (or 404). */
export function nodeAdapter(em: Emulator, opts: AdapterOptions = {}): NodeHandler {
  return (req, res, next) => {
    // Express strips the mount path into req.url; originalUrl keeps it.
    const raw = (req as http.IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
    if (!/^\/v1\.0(\/|\?|$)/.test(raw)) {
      if (next) return next();
      res.statusCode = 404;
      res.end();
      return;
    }
    const proto = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
    if (opts.sameOrigin) {
      const host = req.headers.host ?? "";
      const origin = req.headers.origin;
      const hostOk = opts.sameOrigin.hosts.map((h) => h.toLowerCase()).includes(hostName(host));
      // Same-origin requests never need a CORS preflight, so OPTIONS is refused too.
      const originOk = origin === undefined || origin === `${proto}://${host}`;
      if (!hostOk || !originOk || req.method === "OPTIONS") {
        res.statusCode = 403;
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        res.setHeader("Connection", "close");
        res.end(!hostOk ? "Invalid Host header" : "Cross-Origin request blocked");
        req.resume();
        return;
      }
    }
    const url = `${proto}://${req.headers.host ?? "127.0.0.1"}${raw}`;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    }
    const send = (r: Response, close = false): void => {
      void r.arrayBuffer().then((buf) => {
        res.statusCode = r.status;
        r.headers.forEach((v, k) => {
          if (opts.sameOrigin && k.toLowerCase().startsWith("access-control-")) return;
          res.setHeader(k, v);
        });
        // A refused upload is not read: close the connection instead of draining it.
        if (close) res.setHeader("Connection", "close");
        res.end(Buffer.from(buf));
      });
    };
    // Auth, version and declared size are checked before any body byte is read (index.ts preflight).
    const early = em.preflight(req.method ?? "GET", url, headers);
    if (early) {
      void early.then((r) => { send(r, true); req.resume(); });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        // No (or a false) Content-Length: stop buffering at the limit; the handler answers 413 for the oversize body.
        refused = true;
        chunks.length = 0;
        void em.handler(new Request(url, { method: req.method, headers: withoutLength(headers), body: new Uint8Array(MAX_BODY_BYTES + 1) }))
          .then((r) => { send(r, true); req.resume(); });
        return;
      }
      chunks.push(c);
    });
    req.on("error", (e) => (next ? next(e) : res.destroy(e)));
    req.on("end", () => {
      if (refused) return;
      const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
      em.handler(new Request(url, { method: req.method, headers, body }))
        .then((r) => send(r))
        .catch((e: unknown) => (next ? next(e) : (res.statusCode = 500, res.end(String(e)))));
    });
  };
}

function withoutLength(h: Headers): Headers {
  const c = new Headers(h);
  c.delete("content-length");
  return c;
}

export interface RunningServer { url: string; port: number; emulator: Emulator; close(): Promise<void> }

/** Serve the emulator on 127.0.0.1 only (loopback). port 0 picks a free port. */
export function startServer(port: number, opts: EmulatorOptions): Promise<RunningServer> {
  const emulator = createEmulator(opts);
  const handle = nodeAdapter(emulator);
  const server = http.createServer((req, res) => handle(req, res));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const p = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${p}/v1.0`,
        port: p,
        emulator,
        close: () => new Promise<void>((r) => server.close(() => { emulator.close(); r(); })),
      });
    });
  });
}
