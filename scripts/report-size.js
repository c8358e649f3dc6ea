#!/usr/bin/env node
/**
 * Prints the gzipped size of the task pane's initial JavaScript (the scripts dist/taskpane.html loads) and of
 * every lazily loaded chunk, against the 250 KB budget of bench/README.md.
 *
 *   node scripts/report-size.js [distDir]      # default: what `npm run build` just wrote — dist/, or
 *                                              # dist-demo/ when ADDIN_CLIENT_ID is unset (webpack.config.js)
 *   node scripts/report-size.js dist --strict  # also exit 1 when the initial JavaScript is over budget
 *
 * Exits 1 when the build output is missing.
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const KIB = 1024;
/** bench/README.md: task pane initial JavaScript at most 250 KB gzipped. */
const INITIAL_JS_LIMIT_BYTES = 250 * KIB;

/** Local script URLs of an HTML page, in order; the Office CDN and other absolute URLs are not ours to count. */
function scriptsOf(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*?\ssrc=["']?([^"'\s>]+)/gi)) {
    const src = m[1];
    if (/^(https?:)?\/\//i.test(src)) continue;
    out.push(src.replace(/^\//, "").replace(/[?#].*$/, ""));
  }
  return out;
}

function sizeOf(distDir, file) {
  const buf = fs.readFileSync(path.join(distDir, file));
  return { file, bytes: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
}

/** Everything the report prints, for reuse by test/build.test.ts. */
function analyze(distDir) {
  const page = path.join(distDir, "taskpane.html");
  if (!fs.existsSync(page)) {
    throw new Error(`${page} not found: run \`npm run build\` first.`);
  }
  const htmlFiles = fs.readdirSync(distDir).filter((f) => f.endsWith(".html"));
  const referenced = new Set(htmlFiles.flatMap((f) => scriptsOf(fs.readFileSync(path.join(distDir, f), "utf8"))));
  const pageScripts = scriptsOf(fs.readFileSync(page, "utf8"));
  // The demo flavour's fake Outlook host (entry "fakehost") is not part of the add-in: listed, not counted.
  const demoHost = pageScripts.filter((f) => f.startsWith("fakehost.")).map((f) => sizeOf(distDir, f));
  const initial = pageScripts.filter((f) => !f.startsWith("fakehost.")).map((f) => sizeOf(distDir, f));
  // Lazily loaded = emitted JavaScript that no page loads directly (webpack fetches it on import()).
  const lazy = fs
    .readdirSync(distDir)
    .filter((f) => f.endsWith(".js") && !referenced.has(f))
    .sort()
    .map((f) => sizeOf(distDir, f));
  // Entry scripts of the other pages (the sign-in dialog), for information: they never load in the task pane.
  const initialNames = new Set(pageScripts);
  const otherPages = htmlFiles
    .filter((f) => f !== "taskpane.html")
    .flatMap((f) => scriptsOf(fs.readFileSync(path.join(distDir, f), "utf8")).filter((s) => !initialNames.has(s)).map((s) => ({ ...sizeOf(distDir, s), page: f })));
  const initialGzip = initial.reduce((sum, f) => sum + f.gzip, 0);
  return { initial, lazy, otherPages, demoHost, initialGzip, limit: INITIAL_JS_LIMIT_BYTES, ratio: initialGzip / INITIAL_JS_LIMIT_BYTES };
}

const kib = (n) => `${(n / KIB).toFixed(1)} KiB`;

function main() {
  const args = process.argv.slice(2);
  const strict = args.includes("--strict");
  const { loadConfig } = require("./config.js");
  const defaultDir = path.join(__dirname, "..", loadConfig(process.env).clientId ? "dist" : "dist-demo");
  const distDir = path.resolve(args.find((a) => !a.startsWith("--")) || defaultDir);
  let report;
  try {
    report = analyze(distDir);
  } catch (e) {
    console.error(`[size] ${e.message}`);
    process.exit(1);
  }
  const rows = [
    ...report.demoHost.map((f) => ["demo", f]),
    ...report.initial.map((f) => ["initial", f]),
    ...report.lazy.map((f) => ["lazy", f]),
    ...report.otherPages.map((f) => [f.page.replace(/\.html$/, ""), f]),
  ];
  const width = Math.max(10, ...rows.map(([, f]) => f.file.length));
  console.log(`\nTask pane JavaScript in ${path.relative(process.cwd(), distDir) || "."} (gzip -9):`);
  for (const [kind, f] of rows) {
    console.log(`  ${kind.padEnd(8)}${f.file.padEnd(width + 2)}${kib(f.bytes).padStart(11)} raw ${kib(f.gzip).padStart(10)} gz`);
  }
  const over = report.initialGzip > report.limit;
  console.log(
    `Initial JavaScript: ${kib(report.initialGzip)} gzipped / ${kib(report.limit)} limit = ${report.ratio.toFixed(2)}` +
      (over ? "  OVER LIMIT" : "  ok"),
  );
  if (over && strict) process.exit(1);
}

if (require.main === module) main();

module.exports = { analyze, scriptsOf, INITIAL_JS_LIMIT_BYTES };
