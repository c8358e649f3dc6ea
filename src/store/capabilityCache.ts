/**
 * Keeps the capability probe's report (src/graph/capabilities.ts) between sessions in localStorage, one entry per
 * signed-in account and mailbox, so the probe runs at first use per mailbox and not at every start. Storage that
 * throws (private mode, quota, disabled) just means probing again next time.
 */
import type { CapabilityCache, ProbeReport } from "../graph/capabilities";

const PREFIX = "customer-follow-up.capabilities";

export function createLocalCapabilityCache(account: string, storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | undefined = globalThis.localStorage): CapabilityCache {
  const key = (root: string) => `${PREFIX}:${account.toLowerCase()}:${root}`;
  return {
    load(root) {
      try {
        const raw = storage?.getItem(key(root));
        if (!raw) return undefined;
        const r = JSON.parse(raw) as ProbeReport;
        return r && typeof r.probedAt === "string" && r.capabilities && Array.isArray(r.results) ? r : undefined;
      } catch {
        return undefined;
      }
    },
    save(root, report) {
      try {
        storage?.setItem(key(root), JSON.stringify(report));
      } catch {
        /* probe again next time */
      }
    },
    remove(root) {
      try {
        storage?.removeItem(key(root));
      } catch {
        /* nothing kept */
      }
    },
  };
}
