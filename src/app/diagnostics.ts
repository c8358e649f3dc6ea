import type { Client } from "@microsoft/microsoft-graph-client";
import { formatSelfCheck, runSelfCheck, type SelfCheckReport } from "./selfCheck";

/** Settings → Diagnostics: the tenant self-check from the pane (the same checks as `npm run verify-tenant`). */
export interface DiagnosticsService {
  /** Probes and round-trips every write on a scratch contact in a scratch folder, then deletes them. */
  run(): Promise<{ ok: boolean; text: string; report: SelfCheckReport }>;
}

export function createDiagnosticsService(client: () => Client): DiagnosticsService {
  return {
    async run() {
      const report = await runSelfCheck(client());
      return { ok: report.ok, text: formatSelfCheck(report), report };
    },
  };
}
