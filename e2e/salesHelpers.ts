/** Helpers shared by the follow-up, claims and daily-report browser tests (issue 6). */
import type { Page } from "playwright-core";
import type { E2EServer } from "./harness";

/** axe-core on one part of the page: the serious and critical violations, as "rule (count): targets". */
export async function axeSeriousViolations(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // Tabster's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>, placed by Fluent's TabList for arrow
    // navigation) are invisible and hand focus straight on; axe's aria-hidden-focus flags them by construction.
    const res = await axe.run({ include: [[sel]], exclude: [["[data-tabster-dummy]"]] });
    return res.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, selector);
}

/** GET a Graph path from the e2e server over HTTP as `upn` (the emulator's dev token). */
export async function graphGet<T>(page: Page, server: E2EServer, upn: string, path: string): Promise<T> {
  const res = await page.request.get(`${server.url}/v1.0${path}`, { headers: { Authorization: `Bearer dev:${upn}` } });
  if (!res.ok()) throw new Error(`GET ${path} → ${res.status()}`);
  return (await res.json()) as T;
}

/** "YYYY-MM-DD" of an instant in Asia/Shanghai (the e2e browser's zone). */
export function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Selects a tab with the keyboard (focus + Enter), as a keyboard user would. The Contacts view may open a
 * tooltip over the tab strip at start-up, which swallows pointer clicks there.
 */
export async function selectTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole("tab", { name, exact: true });
  await tab.focus();
  await page.keyboard.press("Enter");
  await tab.and(page.locator('[aria-selected="true"]')).waitFor();
}
