#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports -- plain Node script (CommonJS), run before any build */
/**
 * `npm run test:e2e`: browser tests in real Chromium against the built demo task pane and the Graph emulator.
 *
 * 1. Finds Chromium (CHROMIUM_PATH, else /usr/bin/chromium). Missing Chromium FAILS the run — never a skip.
 * 2. Builds the demo flavour once into dist-e2e/ (skip with E2E_SKIP_BUILD=1 when dist-e2e is fresh).
 * 3. Runs jest with jest.e2e.config.js, writing its JSON report to .jest-e2e.json (read by .ci/run).
 *    Extra arguments go to jest: `node e2e/run.js -t "Chinese"`, `node e2e/run.js e2e/shell.e2e.ts`.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
// E2E_OUT lets parallel runs on one machine build into their own folder (dist-e2e*/ is git-ignored).
const OUT = process.env.E2E_OUT || "dist-e2e";
const DIST = path.join(ROOT, OUT);
const REPORT = path.join(ROOT, ".jest-e2e.json");

function fail(message) {
  console.error(`\n[e2e] FAILED: ${message}\n`);
  process.exit(1);
}

function findChromium() {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return c;
    } catch {
      // try the next one
    }
  }
  return null;
}

function main() {
  // A stale report must never be counted as this run's result.
  fs.rmSync(REPORT, { force: true });

  const chromium = findChromium();
  if (!chromium) {
    fail(
      (process.env.CHROMIUM_PATH
        ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable.`
        : "Chromium not found at /usr/bin/chromium.") +
        "\n  Install it with:  apt-get update && apt-get install -y chromium" +
        "\n  or point CHROMIUM_PATH at a Chromium/Chrome binary. (Browser tests never skip silently.)",
    );
  }
  console.log(`[e2e] Chromium: ${chromium}`);

  if (process.env.E2E_SKIP_BUILD && fs.existsSync(path.join(DIST, "taskpane.html"))) {
    console.log(`[e2e] E2E_SKIP_BUILD set: reusing ${OUT}/`);
  } else {
    console.log(`[e2e] building the demo flavour into ${OUT}/ ...`);
    const build = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production", "--env", "demo", "--env", `out=${OUT}`, "--stats", "errors-warnings"],
      { cwd: ROOT, stdio: "inherit" },
    );
    if (build.status !== 0) fail("the demo build (webpack --env demo) failed; see above.");
  }

  const jest = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "jest", "bin", "jest.js"),
      "--config",
      path.join(ROOT, "jest.e2e.config.js"),
      "--json",
      `--outputFile=${REPORT}`,
      ...process.argv.slice(2),
    ],
    { cwd: ROOT, stdio: "inherit", env: { ...process.env, CHROMIUM_PATH: chromium, E2E_DIST: DIST } },
  );
  process.exit(jest.status === null ? 1 : jest.status);
}

main();
