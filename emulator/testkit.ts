/**
 * Test helpers: a Graph SDK client whose terminal middleware is the emulator's handler (no network).
 * The SDK's terminal middleware receives `context.request` (url string or Request) and `context.options`
 * (RequestInit) and must set `context.response` (msgraph-sdk-javascript v3.0.7 src/middleware/HTTPMessageHandler.ts).
 */
import { Client, Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { Emulator } from "./index";

export class EmulatorMiddleware implements Middleware {
  constructor(private readonly em: Emulator, private readonly upn: string | null) {}
  async execute(context: Context): Promise<void> {
    const init: RequestInit = { ...(context.options as RequestInit) };
    const headers = new Headers(init.headers);
    if (this.upn) headers.set("Authorization", `Bearer dev:${this.upn}`);
    init.headers = headers;
    const req = typeof context.request === "string" ? new Request(context.request, init) : new Request(context.request, init);
    context.response = await this.em.handler(req);
  }
}

export function graphClient(em: Emulator, upn: string | null = "zhang.wei@contoso.com"): Client {
  return Client.initWithMiddleware({ middleware: new EmulatorMiddleware(em, upn) });
}

/** Percent-encode a $filter/$expand expression once (the SDK does not encode; graph-reference §9). */
export const enc = (s: string): string => encodeURIComponent(s);

/** Run `fn` expecting a Graph error; returns { statusCode, code, body }. */
export async function graphError(fn: () => Promise<unknown>): Promise<{ statusCode: number; code: string; message: string; headers?: Headers }> {
  try {
    await fn();
  } catch (e) {
    const g = e as { statusCode: number; code: string; message: string; headers?: Headers };
    return { statusCode: g.statusCode, code: g.code, message: g.message, headers: g.headers };
  }
  throw new Error("expected a Graph error");
}
