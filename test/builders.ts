/**
 * Shared builders for graph/store tests and benchmarks: a Graph client whose terminal is the in-process
 * emulator, wrapped so that every request is checked for well-formedness and logged.
 */
import { createEmulator, type Emulator, type EmulatorOptions } from "../emulator/index";
import { createGraphClient } from "../src/graph/createGraphClient";
import { MailboxGate } from "../src/graph/mailboxGate";
import { PS_PUBLIC_STRINGS } from "../src/graph/extendedProperties";

export const ZHANG = "zhang.wei@contoso.com";
export const LI_NA = "li.na@contoso.com";
export const WANG = "wang.fang@contoso.com";

export const PROP = {
  products: `StringArray ${PS_PUBLIC_STRINGS} Name IntendedProducts`,
  needsRecontact: `Boolean ${PS_PUBLIC_STRINGS} Name NeedsRecontact`,
  tier: `String ${PS_PUBLIC_STRINGS} Name CustomerTier`,
  owner: `String ${PS_PUBLIC_STRINGS} Name Owner`,
  lastContacted: `SystemTime ${PS_PUBLIC_STRINGS} Name LastContacted`,
  nextContact: `SystemTime ${PS_PUBLIC_STRINGS} Name NextContact`,
};

export interface LoggedRequest {
  method: string;
  url: string;
  /** $filter values as the server decodes them (top level and inside $batch). */
  filters: string[];
  batchSize?: number;
}

/** Throws when a request could not be what we meant: unparsable URL, fragment, broken percent-escapes. */
export function checkUrl(raw: string, base = "https://graph.microsoft.com/v1.0"): URL {
  const u = new URL(raw, base + "/");
  if (raw.includes("#")) throw new Error(`URL with a fragment reached the server: ${raw.slice(0, 200)}`);
  const q = raw.indexOf("?");
  if (q >= 0) {
    for (const part of raw.slice(q + 1).split("&")) {
      const eq = part.indexOf("=");
      const [k, v] = eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
      decodeURIComponent(k); // throws URIError on a broken escape
      decodeURIComponent(v);
      if (/[\s"<>\\^`{|}]/.test(v)) throw new Error(`Unencoded character in query value of ${k}`);
    }
  }
  return u;
}

export interface TestGraph {
  emulator: Emulator;
  client: ReturnType<typeof createGraphClient>;
  log: LoggedRequest[];
  clientFor(upn: string): ReturnType<typeof createGraphClient>;
}

export function createTestGraph(opts: EmulatorOptions & { upn?: string; emulator?: Emulator } = {}): TestGraph {
  const emulator = opts.emulator ?? createEmulator({ seed: opts.seed ?? "empty", ...(opts.faults ? { faults: opts.faults } : {}), ...(opts.now ? { now: opts.now } : {}) });
  const log: LoggedRequest[] = [];
  const terminal = async (req: Request): Promise<Response> => {
    const u = checkUrl(req.url);
    const entry: LoggedRequest = { method: req.method, url: req.url, filters: [] };
    const f = u.searchParams.get("$filter");
    if (f !== null) entry.filters.push(f);
    if (u.pathname.endsWith("/$batch")) {
      const body = (await req.clone().json()) as { requests: { url: string }[] };
      entry.batchSize = body.requests.length;
      for (const r of body.requests) {
        const su = checkUrl(r.url.startsWith("/") ? `https://graph.microsoft.com/v1.0${r.url}` : r.url);
        const sf = su.searchParams.get("$filter");
        if (sf !== null) entry.filters.push(sf);
      }
    }
    log.push(entry);
    return emulator.handler(req);
  };
  // One concurrency budget per signed-in user, as in the app (each user's pane has its own; mailboxGate.ts).
  const gates = new Map<string, MailboxGate>();
  const gateOf = (upn: string) => gates.get(upn.toLowerCase()) ?? gates.set(upn.toLowerCase(), new MailboxGate()).get(upn.toLowerCase())!;
  const clientFor = (upn: string) =>
    createGraphClient({ authProvider: async () => `dev:${upn}`, terminal, retry: { delaySeconds: 0, maxRetries: 5 }, gate: gateOf(upn) });
  return { emulator, client: clientFor(opts.upn ?? ZHANG), log, clientFor };
}

/** n Graph contacts for admin.insertContacts, with distinct names and addresses. */
export function graphContacts(n: number, prefix = "c", extra: (i: number) => object = () => ({})): object[] {
  return Array.from({ length: n }, (_, i) => ({
    displayName: `${prefix} ${i}`,
    givenName: prefix,
    surname: String(i),
    companyName: `Company ${i % 17}`,
    emailAddresses: [{ name: `${prefix} ${i}`, address: `${prefix}${i}@example.com` }],
    ...extra(i),
  }));
}

/** Fast sleep for writers in tests (Retry-After honoured as given but scaled down). */
export const fastSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5)));
