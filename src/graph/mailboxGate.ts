/**
 * One concurrency budget per mailbox for the whole app (issue 10 item 4). Outlook allows 4 concurrent requests
 * per app and mailbox, counting the requests inside a $batch (includes/throttling-outlook.md, S14; Q&A 1660054,
 * S45): a fifth answers 429 ApplicationThrottled "Application is over its MailboxConcurrency limit". The add-in
 * has several Graph clients for the same mailbox (contacts, sales, tagging, team — each with its feature's
 * scopes), so the budget cannot live in a client: every client shares one MailboxGate (the default one of this
 * page unless a test passes its own), and the MailboxGateHandler in each client's middleware chain takes slots
 * before a request goes out — 1 for a plain request, one per sub-request (at most 4) for a $batch, per mailbox it
 * touches — and gives them back when the answer arrives. It sits after the RetryHandler, so a request waiting
 * for its Retry-After holds no slot.
 */
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";

/** S14: concurrent requests per app and mailbox. */
export const MAILBOX_CONCURRENCY = 4;

class Semaphore {
  private free: number;
  private readonly waiting: { n: number; resolve: () => void }[] = [];
  constructor(private readonly size: number) {
    this.free = size;
  }
  /** FIFO: a $batch waiting for 4 slots is not starved by single requests arriving after it. */
  acquire(n: number): Promise<void> {
    const want = Math.min(n, this.size);
    if (!this.waiting.length && this.free >= want) {
      this.free -= want;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ n: want, resolve }));
  }
  release(n: number): void {
    this.free += Math.min(n, this.size);
    while (this.waiting.length && this.free >= this.waiting[0]!.n) {
      const w = this.waiting.shift()!;
      this.free -= w.n;
      w.resolve();
    }
  }
  get inUse(): number {
    return this.size - this.free;
  }
}

export class MailboxGate {
  private readonly mailboxes = new Map<string, Semaphore>();
  constructor(readonly size: number = MAILBOX_CONCURRENCY) {}

  private sem(key: string): Semaphore {
    let s = this.mailboxes.get(key);
    if (!s) this.mailboxes.set(key, (s = new Semaphore(this.size)));
    return s;
  }

  /** Takes `slots` per mailbox key (in key order, so two multi-mailbox batches cannot deadlock); returns the release. */
  async acquire(slots: Map<string, number>): Promise<() => void> {
    const keys = [...slots.keys()].sort();
    const taken: [string, number][] = [];
    for (const k of keys) {
      const n = slots.get(k)!;
      await this.sem(k).acquire(n);
      taken.push([k, n]);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const [k, n] of taken) this.sem(k).release(n);
    };
  }

  /** Slots in use for a mailbox (tests). */
  inUse(key: string): number {
    return this.mailboxes.get(key)?.inUse ?? 0;
  }
}

/** The page's gate: every Graph client of the app shares it unless given another (tests: one per simulated page). */
export const APP_MAILBOX_GATE = new MailboxGate();

/** "me", or the lower-cased UPN/id of /users/{x}/… (a mailbox resource); undefined for /users/{x} itself and the rest. */
export function mailboxKeyOf(url: string): string | undefined {
  let path = url;
  try {
    path = new URL(url, "https://graph.invalid/v1.0/").pathname;
  } catch {
    /* relative path as given */
  }
  const segs = path.split("?")[0]!.split("/").filter(Boolean);
  if (segs[0] === "v1.0" || segs[0] === "beta") segs.shift();
  if (segs[0] === "me") return "me";
  if (segs[0] === "users" && segs[1] && segs.length > 2) return decodeURIComponent(segs[1]).toLowerCase();
  return undefined;
}

/** Slots a request needs per mailbox: 1 for a plain request, one per sub-request (capped) for a $batch. */
export function slotsFor(url: string, body: unknown, size = MAILBOX_CONCURRENCY): Map<string, number> {
  const out = new Map<string, number>();
  if (/\/(\$|%24)batch(\?|$)/i.test(url)) {
    let payload = body;
    if (typeof payload === "string") {
      try {
        payload = JSON.parse(payload);
      } catch {
        payload = undefined;
      }
    }
    for (const r of (payload as { requests?: { url?: string }[] } | undefined)?.requests ?? []) {
      const k = typeof r.url === "string" ? mailboxKeyOf(r.url) : undefined;
      if (k) out.set(k, Math.min(size, (out.get(k) ?? 0) + 1));
    }
    return out;
  }
  const k = mailboxKeyOf(url);
  if (k) out.set(k, 1);
  return out;
}

export class MailboxGateHandler implements Middleware {
  private next?: Middleware;
  constructor(readonly gate: MailboxGate) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const release = await this.gate.acquire(slotsFor(url, context.options?.body));
    try {
      if (!this.next) throw new Error("MailboxGateHandler must not be the last middleware");
      await this.next.execute(context);
    } finally {
      release();
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
