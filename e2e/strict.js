#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * npm run test:e2e:strict [-- <profile,…>] [-- e2e files…]: the whole e2e suite once per strict emulator profile
 * (emulator/strict.ts), each refusing one UNVERIFIED Graph behaviour the way a tenant might; the add-in's
 * capability probe must pick a working path every time. Builds once (E2E_OUT), then reuses the build.
 * Prints one line per profile with its time and result; exits non-zero if any profile failed.
 */
const { spawnSync } = require("child_process");
const path = require("path");

const PROFILES = ["expand-collections", "expand-both", "edm-cast", "delta-page-size", "if-match", "contacts-folder-name"];
const args = process.argv.slice(2);
const chosen = args[0] && !args[0].includes(".") && !args[0].startsWith("-") ? args.shift().split(",") : PROFILES;
for (const p of chosen) if (!PROFILES.includes(p) && p !== "all") throw new Error(`unknown strict profile ${p}`);

const results = [];
let built = Boolean(process.env.E2E_SKIP_BUILD);
for (const profile of chosen) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(__dirname, "run.js"), ...args], {
    stdio: "inherit",
    env: { ...process.env, EMULATOR_STRICT: profile, ...(built ? { E2E_SKIP_BUILD: "1" } : {}) },
  });
  built = true;
  results.push({ profile, ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
for (const r of results) console.log(`[e2e strict] ${r.profile}: ${r.ok ? "passed" : "FAILED"} in ${r.seconds} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
