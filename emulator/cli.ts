/**
 * npm run emulator -- --port <port> --data <file|:memory:> --seed <demo|empty> [--strict <profile,…|all>]
 * Defaults: port 4000, data .emulator/demo.sqlite (git-ignored), seed demo (applied only when the database is new).
 */
/* eslint-disable no-console */
import { startServer } from "./server";
import { parseStrict } from "./strict";

function arg(name: string, def: string): string {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return def;
  const a = argv[i]!;
  return a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[i + 1] ?? def;
}

const port = Number(arg("port", "4000"));
const data = arg("data", ".emulator/demo.sqlite");
const seed = arg("seed", "demo");
if (seed !== "demo" && seed !== "empty") {
  console.error(`--seed must be demo or empty (got ${seed})`);
  process.exit(2);
}
let strict;
try {
  strict = parseStrict(arg("strict", process.env.EMULATOR_STRICT ?? ""));
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
startServer(port, { data, seed, strict })
  .then((s) => {
    console.log(`Graph emulator listening on ${s.url} (data: ${data}, seed: ${seed}${strict.length ? `, strict: ${strict.join(",")}` : ""})`);
    console.log(`Try: curl -H "Authorization: Bearer dev:zhang.wei@contoso.com" "${s.url}/me/contacts?\\$top=3&\\$select=displayName"`);
    const stop = (): void => { void s.close().then(() => process.exit(0)); };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  })
  .catch((e: unknown) => {
    console.error("Graph emulator failed to start:", e);
    process.exit(1);
  });
