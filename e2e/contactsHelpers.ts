/** Helpers shared by the contacts and designer e2e files. */
import https from "https";
import path from "path";
import type { Page } from "playwright-core";
import type { E2EServer } from "./harness";

const ZHANG = "zhang.wei@contoso.com";

/** GET from the emulator over HTTPS with a dev token, as any Graph client would. */
export function graphGet<T>(srv: E2EServer, pathAndQuery: string, upn = ZHANG): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${srv.url}/v1.0${pathAndQuery}`,
      { method: "GET", rejectUnauthorized: false, headers: { Authorization: `Bearer dev:${upn}`, Prefer: 'IdType="ImmutableId"' } },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(body) as T) : reject(new Error(`${res.statusCode} ${body.slice(0, 200)}`))));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** axe-core in the page: violations of impact serious/critical. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: path.join(__dirname, "..", "node_modules", "axe-core", "axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // Tabster's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>) are Fluent's own focus-trap
    // plumbing and never reachable as content; Fluent's accessibility guidance excludes them from axe.
    const r = await axe.run({ exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.targets.join(", ")}`);
}

