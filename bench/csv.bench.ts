/**
 * CSV import benchmark (bench/README.md, T6): a generated 100,000-row Outlook export (UTF-8 with BOM, Chinese names,
 * quoted line breaks, some invalid addresses and blank rows) parsed and validated exactly as the pane's dry run does
 * it — readCsvFile.streamCsvFile over the Blob, createImportValidator per row, the shown rows kept — measuring
 * the total time, the longest stretch between two yields to the event loop (what would block the pane's main
 * thread), and the peak JS heap above the baseline. Called by bench/run.ts; also runnable alone:
 * `npx tsx bench/csv.bench.ts`.
 */
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { createImportValidator, suggestMapping } from "../src/domain/csv";
import { DEFAULT_SCHEMA } from "../src/domain/schema";
import { createShownRows } from "../src/taskpane/csvImport/previewRows";
import { streamCsvFile } from "../src/taskpane/csvImport/readCsvFile";
import type { BenchRow } from "./graph.bench";

export const CSV_ROWS = 100_000;
/** Total time for the 100,000 rows in Node on this machine. */
const LIMIT_TOTAL_MS = 8_000;
/** A task over 50 ms is a "long task" (W3C Long Tasks API; RAIL's budget for a response): no slice may take that. */
const LIMIT_BLOCK_MS = 50;
/**
 * Peak heap above the baseline: a slice in flight, the addresses seen (duplicates within the file), the rows shown
 * and garbage not yet collected — bounded, not growing with the file (keeping every row's draft took ~150 MB).
 */
const LIMIT_HEAP_MB = 64;

const SURNAMES = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"];
const HEADERS = ["First Name", "Last Name", "Company", "Job Title", "E-mail Address", "Business Phone", "Business Street", "Business City", "Customer tier", "Intended products"];

/** The file as parts (never one string): ~20 MB in all. Row i: invalid address every 997th, blank every 1,000th. */
export function buildCsvBlob(rows = CSV_ROWS): Blob {
  const parts: string[] = ["\uFEFF" + HEADERS.map((h) => `"${h}"`).join(",") + "\r\n"];
  for (let i = 1; i <= rows; i++) {
    if (i % 1000 === 0) {
      parts.push("\r\n");
      continue;
    }
    const email = i % 997 === 0 ? `broken${i}@` : `buyer${i}@example${i % 89}.cn`;
    const street = i % 5 === 0 ? `"科技园路 ${i} 号\r\n${i % 9} 栋"` : `"工业大道 ${i} 号"`;
    parts.push(
      `"${GIVEN[i % 10]}","${SURNAMES[(i * 7) % 10]}","华信科技有限公司 ${i % 211}","采购经理","${email}","+86 21 5555 ${String(i % 10000).padStart(4, "0")}",${street},"上海","${i % 3 === 0 ? "重点客户" : "regular"}","PLC; 伺服电机"\r\n`,
    );
  }
  return new Blob(parts);
}

export async function runCsvBench(): Promise<BenchRow[]> {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  const blob = buildCsvBlob();
  const mapping = suggestMapping(HEADERS, DEFAULT_SCHEMA);
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const blocks: number[] = [];
  let slices = 0;
  const validator = createImportValidator(HEADERS, mapping, DEFAULT_SCHEMA, [], { timeZone: "Asia/Shanghai" });
  const shown = createShownRows();
  let checked = 0;
  const started = performance.now();
  let since = started;
  const result = await streamCsvFile(blob, "utf-8", (rows) => {
    for (const r of rows) {
      shown.add(validator.check(r.cells, r.line, r.problem));
      checked++;
    }
  }, {
    yieldToUi: async () => {
      blocks.push(performance.now() - since);
      slices++;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    },
  });
  const now = performance.now();
  blocks.push(now - since);
  const total = now - started;
  const sorted = [...blocks].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const longest = sorted[sorted.length - 1]!;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const heapMb = (peak - baseline) / 1024 / 1024;
  const fileMb = blob.size / 1024 / 1024;
  if (result.rows !== checked || checked !== CSV_ROWS - Math.floor(CSV_ROWS / 1000)) throw new Error(`CSV bench: ${checked} rows checked`);
  const invalid = validator.counts.invalid;
  return [
    { name: `T6 CSV ${CSV_ROWS.toLocaleString("en-US")} rows (${fileMb.toFixed(1)} MB): parse + validate`, figure: `${(total / 1000).toFixed(2)} s (${slices} slices, ${invalid} invalid)`, limit: `< ${LIMIT_TOTAL_MS / 1000} s`, ratio: (total / LIMIT_TOTAL_MS).toFixed(2) },
    { name: "T6 CSV longest main-thread block (between yields)", figure: `${longest.toFixed(1)} ms (p95 ${at(0.95).toFixed(1)}, median ${at(0.5).toFixed(1)})`, limit: `< ${LIMIT_BLOCK_MS} ms`, ratio: (longest / LIMIT_BLOCK_MS).toFixed(2) },
    { name: "T6 CSV peak heap above baseline", figure: `${heapMb.toFixed(0)} MB`, limit: `< ${LIMIT_HEAP_MB} MB`, ratio: (heapMb / LIMIT_HEAP_MB).toFixed(2) },
  ];
}

if (require.main === module) {
  void runCsvBench().then((rows) => {
    for (const r of rows) process.stdout.write(`${r.name}: ${r.figure} (limit ${r.limit}, ratio ${r.ratio})\n`);
  });
}
