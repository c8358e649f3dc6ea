#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports -- plain Node script (CommonJS) */
/**
 * `npm run screenshot`: refreshes the README's docs/screenshot.png, on purpose only. Runs the English shell test
 * of e2e/shell.e2e.ts (build included, as `npm run test:e2e`) with UPDATE_DOCS_SCREENSHOT=1; the test copies its
 * screenshot over docs/screenshot.png only after every check of that test passed. `npm test` never does this.
 */
const { spawnSync } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const run = spawnSync(process.execPath, [path.join(ROOT, "e2e", "run.js"), "e2e/shell.e2e.ts", "-t", "renders in English"], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, UPDATE_DOCS_SCREENSHOT: "1" },
});
if (run.status !== 0) {
  console.error("\n[screenshot] the shell test failed: docs/screenshot.png was left as it was.");
  process.exit(run.status ?? 1);
}
console.log("[screenshot] docs/screenshot.png refreshed; review it (git diff --stat docs/screenshot.png) and commit it.");
