/**
 * Counts writes per contact as they cross the wire (issue 10 "exactly once means counted"): a fetch-style
 * terminal in front of the emulator that records every PATCH (top level or inside $batch) by contact id with its
 * status, and every POST create by the first e-mail address of its body. Can "kill the pane": from then on no
 * request gets an answer (the request that kills may still reach the server and commit, like a closed tab).
 */
import type { Emulator } from "../emulator/index";
import { createGraphClient } from "../src/graph/createGraphClient";
import { MailboxGate } from "../src/graph/mailboxGate";

interface SubRequest {
  id: string;
  method: string;
  url: string;
  body?: { emailAddresses?: { address?: string }[] };
}

export class WriteCounter {
  /** contact id → statuses of the PATCHes sent for it, in order. */
  readonly patches = new Map<string, number[]>();
  /** e-mail address → statuses of the create POSTs sent for it (0 = the answer never arrived). */
  readonly creates = new Map<string, number[]>();
  /** $batch envelopes answered. */
  batches = 0;
  killed = false;
  /** Called after each answered $batch carrying writes; return true to kill the pane on the next one. */
  killAfter?: (writeBatchesAnswered: number) => boolean;
  private writeBatches = 0;
  private killNext = false;

  constructor(private readonly emulator: Emulator) {}

  /** PATCH answers with a 2xx status for a contact: the writes that took effect. */
  effectivePatches(id: string): number {
    return (this.patches.get(id) ?? []).filter((s) => s >= 200 && s < 300).length;
  }

  sentPatches(id: string): number {
    return (this.patches.get(id) ?? []).length;
  }

  readonly terminal = async (req: Request): Promise<Response> => {
    if (this.killed) return new Promise<Response>(() => undefined); // the pane is gone: nothing comes back
    const url = new URL(req.url);
    const isBatch = url.pathname.endsWith("/$batch");
    let subs: SubRequest[] = [];
    if (isBatch) subs = ((await req.clone().json()) as { requests: SubRequest[] }).requests;
    else if (req.method === "PATCH" || req.method === "POST") {
      const text = await req.clone().text();
      subs = [{ id: "", method: req.method, url: url.pathname.replace(/^\/v1\.0/, ""), ...(text ? { body: JSON.parse(text) as SubRequest["body"] } : {}) }];
    }
    const writes = subs.filter((s) => s.method === "PATCH" || (s.method === "POST" && /\/contacts$/.test(s.url.split("?")[0]!)));
    const killing = this.killNext && writes.length > 0;
    const res = await this.emulator.handler(req);
    if (killing) {
      // The request reached the server (and committed); the page died before the answer arrived.
      this.killed = true;
      for (const s of writes) this.record(s, 0);
      return new Promise<Response>(() => undefined);
    }
    const statusOf = new Map<string, number>();
    if (isBatch && res.status === 200) {
      const body = (await res.clone().json()) as { responses: { id: string; status: number }[] };
      for (const r of body.responses) statusOf.set(r.id, r.status);
    }
    for (const s of writes) this.record(s, isBatch ? (statusOf.get(s.id) ?? res.status) : res.status);
    if (isBatch) this.batches++;
    if (writes.length) {
      this.writeBatches++;
      if (this.killAfter?.(this.writeBatches)) this.killNext = true;
    }
    return res;
  };

  private record(s: SubRequest, status: number): void {
    if (s.method === "PATCH") {
      const id = decodeURIComponent(s.url.split("?")[0]!.split("/").pop()!);
      this.patches.set(id, [...(this.patches.get(id) ?? []), status]);
    } else {
      const address = s.body?.emailAddresses?.[0]?.address ?? "?";
      this.creates.set(address, [...(this.creates.get(address) ?? []), status]);
    }
  }

  /** The concurrency budget of this "page" (a killed page's requests hold their slots forever). */
  readonly gate = new MailboxGate();

  /** A Graph client (the SDK chain) whose terminal is this counter. */
  client(upn: string, terminal: (req: Request) => Promise<Response> = this.terminal) {
    return createGraphClient({ authProvider: async () => `dev:${upn}`, terminal, retry: { delaySeconds: 0, maxRetries: 5 }, gate: this.gate });
  }
}

/** Resolves once `cond` holds (polling on timers, so in-flight requests can progress). */
export async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 2));
  }
}
