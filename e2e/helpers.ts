/** Page helpers shared by the browser tests (e2e/*.e2e.ts): axe-core checks and keyboard tab selection. */
import type { Page } from "playwright-core";

export interface AxeOptions {
  /**
   * Leave Tabster's focus sentinels out of the check (default true). Fluent's TabList, focus groups and charts
   * place `<i data-tabster-dummy tabindex=0 aria-hidden=true>` to hand focus on; they are empty and pass focus on
   * as soon as they receive it, so axe's aria-hidden-focus report on them is by design (microsoft/fluentui#27517,
   * microsoft/tabster#288). Set false to check them too.
   */
  excludeTabsterDummies?: boolean;
}

/**
 * axe-core on the page, or on the parts matched by `include` (one selector or several): the serious and critical
 * violations, as "rule (impact): target html | …", so a failing assertion names the offending nodes.
 */
export async function axeSeriousViolations(page: Page, include?: string | string[], options: AxeOptions = {}): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const selectors = include === undefined ? undefined : typeof include === "string" ? [include] : include;
  const exclude = options.excludeTabsterDummies === false ? [] : [["[data-tabster-dummy]"]];
  return page.evaluate(
    async ({ selectors, exclude }) => {
      type Result = { violations: { id: string; impact: string; nodes: { target: string[]; html: string }[] }[] };
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
      const context = selectors ? { include: selectors.map((s) => [s]), exclude } : { exclude };
      const r = await axe.run(context, { resultTypes: ["violations"] });
      return r.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 160)}`).join(" | ")}`);
    },
    { selectors, exclude },
  );
}

/**
 * Selects a tab with the keyboard (focus + Enter), as a keyboard user would, and waits until it is selected.
 * A tooltip another view leaves open can sit over the tab strip and swallow pointer clicks.
 */
export async function selectTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole("tab", { name, exact: true });
  await tab.focus();
  await page.keyboard.press("Enter");
  await tab.and(page.locator('[aria-selected="true"]')).waitFor();
}
