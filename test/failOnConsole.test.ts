/**
 * The console guard (test/failOnConsole.ts, installed by test/setupConsole.ts in both jest projects): a unit test
 * that logs console.error or console.warn fails; one that asserts its log with a spy passes.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { consoleFailure, installConsoleGuard } from "./failOnConsole";

const ROOT = path.join(__dirname, "..");

describe("installConsoleGuard", () => {
  function fakeConsole() {
    const printed: unknown[][] = [];
    const target = {
      error: (...a: unknown[]): void => void printed.push(["error", ...a]),
      warn: (...a: unknown[]): void => void printed.push(["warn", ...a]),
    };
    return { printed, target };
  }

  it("records console.error and console.warn, with React's %s arguments put in, and still prints them", () => {
    const { printed, target } = fakeConsole();
    const guard = installConsoleGuard(target);
    target.error("Warning: Each child in a list should have a unique %s prop.%s", "key", " See ThreadTagging.");
    target.warn("plain", { code: 42 });
    expect(guard.take()).toEqual(['console.error: Warning: Each child in a list should have a unique key prop. See ThreadTagging.', 'console.warn: plain {"code":42}']);
    expect(guard.take()).toEqual([]);
    expect(printed).toHaveLength(2);
    guard.uninstall();
    target.error("after");
    expect(guard.take()).toEqual([]);
  });

  it("is replaced, not fed, by a test's own spy", () => {
    const { target } = fakeConsole();
    const guard = installConsoleGuard(target);
    const spy = jest.spyOn(target, "error").mockImplementation(() => undefined);
    target.error("meant");
    expect(spy).toHaveBeenCalledWith("meant");
    spy.mockRestore();
    expect(guard.take()).toEqual([]);
    target.error("not meant");
    expect(guard.take()).toEqual(["console.error: not meant"]);
    guard.uninstall();
  });

  it("fails with the calls and how to assert a log that is meant", () => {
    expect(consoleFailure([])).toBeUndefined();
    const e = consoleFailure(["console.error: a", "console.warn: b", "console.error: c", "console.error: d"])!;
    expect(e.message).toMatch(/^This test logged 4 console error\/warnings/);
    expect(e.message).toContain("console.warn: b");
    expect(e.message).toContain("… and 1 more");
    expect(e.message).toContain("jest.spyOn(console, …)");
  });
});

interface JestJson {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

test("a child jest with both projects' real setup fails exactly the fixture tests that log", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const real = require(path.join(ROOT, "jest.config.js")) as { projects: { displayName: string; setupFilesAfterEnv?: string[] }[] };
  expect(real.projects.map((p) => [p.displayName, p.setupFilesAfterEnv?.includes("<rootDir>/test/setupConsole.ts")])).toEqual([
    ["node", true],
    ["ui", true],
  ]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfu-console-guard-"));
  const configFile = path.join(dir, "jest.config.json");
  const out = path.join(dir, "results.json");
  const projects = real.projects.map((p) => ({ ...p, rootDir: ROOT, testMatch: ["<rootDir>/test/fixtures/consoleGuard/*.fixture.ts"] }));
  fs.writeFileSync(configFile, JSON.stringify({ rootDir: ROOT, projects }));
  try {
    await new Promise<void>((resolve) => {
      execFile(
        process.execPath,
        [path.join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--config", configFile, "--json", "--outputFile", out, "--runInBand", "--silent"],
        { cwd: ROOT, timeout: 240_000 },
        () => resolve(), // exits 1: some fixture tests fail on purpose
      );
    });
    const results = JSON.parse(fs.readFileSync(out, "utf8")) as JestJson;
    const byTitle = results.testResults.flatMap((f) => f.assertionResults);
    // Six fixture tests in each project (node and jsdom).
    expect(byTitle).toHaveLength(12);
    for (const r of byTitle) {
      expect({ title: r.title, status: r.status }).toEqual({ title: r.title, status: r.title.startsWith("FAILS") ? "failed" : "passed" });
      if (r.status === "failed") expect(r.failureMessages.join("\n")).toMatch(/This test logged 1 console error\/warning \(test\/failOnConsole\.ts\)/);
    }
    const warnFailure = byTitle.find((r) => r.title === "FAILS: logs a React-style console.warn")!.failureMessages.join("\n");
    expect(warnFailure).toContain("console.warn: Warning: Foo is deprecated, use Bar");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
