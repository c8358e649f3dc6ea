/**
 * `npm run bench`: every benchmark in one run, printed side by side (name, figure, limit, ratio).
 * Informational: always exits 0.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runGraphBench, type BenchRow } from "./graph.bench";

async function domainRows(): Promise<BenchRow[]> {
  if (!existsSync(join(__dirname, "domain.bench.ts"))) return [];
  const mod = (await import("./domain.bench")) as { runDomainBench?: () => Promise<unknown> };
  if (typeof mod.runDomainBench !== "function") return [];
  const res = await mod.runDomainBench();
  if (!Array.isArray(res)) return [];
  return res.map((r: { name?: string; medianMs?: number; limitMs?: number; figure?: string; limit?: string; ratio?: string }) => ({
    name: String(r.name ?? "domain"),
    figure: r.figure ?? (typeof r.medianMs === "number" ? `${r.medianMs.toFixed(2)} ms median` : "?"),
    limit: r.limit ?? (typeof r.limitMs === "number" ? `< ${r.limitMs} ms` : "—"),
    ratio: r.ratio ?? (typeof r.medianMs === "number" && typeof r.limitMs === "number" ? (r.medianMs / r.limitMs).toFixed(2) : "—"),
  }));
}

function print(rows: BenchRow[]): void {
  const head: BenchRow = { name: "benchmark", figure: "figure", limit: "limit", ratio: "ratio" };
  const all = [head, ...rows];
  const w = (k: keyof BenchRow) => Math.max(...all.map((r) => r[k].length));
  const line = (r: BenchRow) => `${r.name.padEnd(w("name"))}  ${r.figure.padStart(w("figure"))}  ${r.limit.padStart(w("limit"))}  ${r.ratio.padStart(w("ratio"))}`;
  console.log(line(head));
  console.log("-".repeat(line(head).length));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  try {
    rows.push(...(await domainRows()));
  } catch (e) {
    rows.push({ name: "domain bench failed", figure: e instanceof Error ? e.message.slice(0, 60) : "error", limit: "—", ratio: "—" });
  }
  try {
    rows.push(...(await runGraphBench({ naiveCount: Number(process.env.BENCH_NAIVE_COUNT) || undefined })));
    rows.push(...(await (await import("./team.bench")).runTeamBench()));
  } catch (e) {
    rows.push({ name: "graph bench failed", figure: e instanceof Error ? e.message.slice(0, 60) : "error", limit: "—", ratio: "—" });
  }
  try { rows.push(...(await (await import("./csv.bench")).runCsvBench())); } catch (e) { rows.push({ name: "csv bench failed", figure: e instanceof Error ? e.message.slice(0, 60) : "error", limit: "—", ratio: "—" }); } // prettier-ignore
  try { rows.push(...(await (await import("./ui.bench")).runUiBench())); } catch (e) { rows.push({ name: "ui bench failed", figure: e instanceof Error ? e.message.slice(0, 60) : "error", limit: "—", ratio: "—" }); } // prettier-ignore
  print(rows);
}

main()
  .catch((e) => console.error(e))
  .finally(() => process.exit(0));
