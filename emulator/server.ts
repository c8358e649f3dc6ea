/**
 * Node http glue: a `(req, res, next?)` adapter around the fetch-style handler, and a loopback server.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulator, Emulator, EmulatorOptions } from "./index";

export type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next?: (err?: unknown) => void) => void;

/** Adapt an emulator to Node's http API. Requests whose path does not start with /v1.0 go to `next` (or 404). */
export function nodeAdapter(em: Emulator): NodeHandler {
  return (req, res, next) => {
    // Express strips the mount path into req.url; originalUrl keeps it.
    const raw = (req as http.IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
    if (!/^\/v1\.0(\/|\?|$)/.test(raw)) {
      if (next) return next();
      res.statusCode = 404;
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("error", (e) => (next ? next(e) : res.destroy(e)));
    req.on("end", () => {
      const proto = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
      const url = `${proto}://${req.headers.host ?? "127.0.0.1"}${raw}`;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue;
        headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      }
      const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
      em.handler(new Request(url, { method: req.method, headers, body }))
        .then(async (r) => {
          res.statusCode = r.status;
          r.headers.forEach((v, k) => res.setHeader(k, v));
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch((e: unknown) => (next ? next(e) : (res.statusCode = 500, res.end(String(e)))));
    });
  };
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
