import { IfMatchFallbackHandler } from "./ifMatchFallback";
import { AuthenticationHandler, HTTPMessageHandler, RetryHandler } from "@microsoft/microsoft-graph-client";
import { createGraphClient, createMiddlewareChain, FetchHandlerTerminal, ImmutableIdHandler } from "./createGraphClient";
import { GraphRequestError, toGraphRequestError } from "./GraphRequestError";
import { MailboxGateHandler } from "./mailboxGate";

describe("createGraphClient", () => {
  it("pins the middleware chain: auth → retry → mailbox gate → immutable id → If-Match fallback → terminal", () => {
    const names = (t?: (r: Request) => Promise<Response>) =>
      createMiddlewareChain({ authProvider: async () => "t", ...(t ? { terminal: t } : {}) }).map((m) => m.constructor);
    expect(names()).toEqual([AuthenticationHandler, RetryHandler, MailboxGateHandler, ImmutableIdHandler, IfMatchFallbackHandler, HTTPMessageHandler]);
    expect(names(async () => new Response())).toEqual([AuthenticationHandler, RetryHandler, MailboxGateHandler, ImmutableIdHandler, IfMatchFallbackHandler, FetchHandlerTerminal]);
  });

  it("sends the token and Prefer: IdType on every attempt, retrying 429 after Retry-After", async () => {
    const seen: Request[] = [];
    const client = createGraphClient({
      authProvider: async () => "dev:zhang.wei@contoso.com",
      retry: { delaySeconds: 0 },
      terminal: async (req) => {
        seen.push(req);
        if (seen.length === 1) return new Response(JSON.stringify({ error: { code: "TooManyRequests", message: "x" } }), { status: 429, headers: { "Retry-After": "0" } });
        return new Response(JSON.stringify({ id: "me" }), { status: 200, headers: { "Content-Type": "application/json" } });
      },
    });
    await expect(client.api("/me").get()).resolves.toEqual({ id: "me" });
    expect(seen).toHaveLength(2);
    for (const r of seen) {
      expect(r.headers.get("Authorization")).toBe("Bearer dev:zhang.wei@contoso.com");
      expect(r.headers.get("Prefer")).toBe('IdType="ImmutableId"');
    }
    expect(seen[0]!.url).toBe("https://graph.microsoft.com/v1.0/me");
  });

  it("keeps other Prefer values", async () => {
    let prefer: string | null = null;
    const client = createGraphClient({
      authProvider: async () => "t",
      terminal: async (req) => {
        prefer = req.headers.get("Prefer");
        return new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } });
      },
    });
    await client.api("/me/contactFolders/x/contacts/delta").header("Prefer", "odata.maxpagesize=1000").get();
    expect(prefer).toBe('odata.maxpagesize=1000, IdType="ImmutableId"');
  });

  it("maps Graph's error envelope to GraphRequestError without the body", async () => {
    const client = createGraphClient({
      authProvider: async () => "t",
      terminal: async () =>
        new Response(JSON.stringify({ error: { code: "ErrorAccessDenied", message: "secret@x.com denied", innerError: { "request-id": "rid-1" } } }), {
          status: 403,
          headers: { "Content-Type": "application/json" },
        }),
    });
    const err = await client.api("/me").get().then(() => undefined, toGraphRequestError);
    expect(err).toBeInstanceOf(GraphRequestError);
    expect(err).toMatchObject({ code: "ErrorAccessDenied", status: 403, requestId: "rid-1" });
    expect(err!.message).not.toContain("secret@x.com");
  });

  it("maps a fetch rejection (offline) to code network, whatever name the SDK gives it", async () => {
    const client = createGraphClient({
      authProvider: async () => "t",
      retry: { maxRetries: 0 },
      terminal: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const err = await client.api("/me").get().then(() => undefined, toGraphRequestError);
    expect(err).toMatchObject({ code: "network", status: -1 });
  });
});

describe("RetryHandler never repeats a creation after an ambiguous failure (issue 10 item 3)", () => {
  const gatewayTimeout = () => new Response(JSON.stringify({ error: { code: "GatewayTimeout", message: "x" } }), { status: 504, headers: { "Content-Type": "application/json" } });
  const countAttempts = async (send: (c: ReturnType<typeof createGraphClient>) => Promise<unknown>, first = gatewayTimeout) => {
    let n = 0;
    const client = createGraphClient({
      authProvider: async () => "t",
      retry: { delaySeconds: 0, maxRetries: 3 },
      terminal: async () => (++n === 1 ? first() : new Response(JSON.stringify({ responses: [] }), { status: 200, headers: { "Content-Type": "application/json" } })),
    });
    await send(client).catch(() => undefined);
    return n;
  };
  const batch = (methods: string[]) => ({ requests: methods.map((m, i) => ({ id: String(i), method: m, url: "/me/contacts", ...(m === "POST" ? { headers: { "Content-Type": "application/json" }, body: {} } : {}) })) });

  it("a POST that creates, or a $batch carrying one, is not retried on 504", async () => {
    expect(await countAttempts((c) => c.api("/me/contacts").post({ givenName: "A" }))).toBe(1);
    expect(await countAttempts((c) => c.api("/$batch").post(batch(["GET", "POST"])))).toBe(1);
  });

  it("reads, PATCH batches and throttled (429, not executed) creations are retried", async () => {
    expect(await countAttempts((c) => c.api("/me/contacts").get())).toBe(2);
    expect(await countAttempts((c) => c.api("/$batch").post(batch(["GET", "PATCH"])))).toBe(2);
    const throttled = () => new Response(JSON.stringify({ error: { code: "TooManyRequests", message: "x" } }), { status: 429, headers: { "Retry-After": "0" } });
    expect(await countAttempts((c) => c.api("/$batch").post(batch(["POST"])), throttled)).toBe(2);
  });
});
