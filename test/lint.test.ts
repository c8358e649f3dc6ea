/**
 * The boundary rules of design.md §3 (eslint.config.mjs) fail on deliberate violations and pass on the same
 * code without them. Fixtures live in test/fixtures/lint/ (ignored by `npm run lint` and by tsc); each is linted
 * under the virtual path of the layer it pretends to be in, so the real config decides.
 *
 * The ESLint API (`new ESLint({ cwd })`, `lintText(code, { filePath })`) runs in a child Node process
 * (test/fixtures/lint/lintFixtures.js) because Jest's sandbox cannot import the flat config (.mjs).
 */
import { execFileSync } from "child_process";
import path from "path";

const ROOT = path.resolve(__dirname, "..");
const FIXTURES = path.join(__dirname, "fixtures", "lint");

type Message = { ruleId: string | null; severity: number; message: string };

const VIOLATIONS: Array<[fixture: string, virtualPath: string, ruleId: string, message: RegExp]> = [
  ["domain-imports-graph.ts", "src/domain/__fixture__.ts", "no-restricted-imports", /src\/domain is pure/],
  ["domain-date-now.ts", "src/domain/__fixture__.ts", "no-restricted-properties", /takes the clock as an argument/],
  ["domain-new-date.ts", "src/domain/__fixture__.ts", "no-restricted-syntax", /takes the clock as an argument/],
  ["taskpane-imports-graph.tsx", "src/taskpane/contacts/__fixture__.tsx", "no-restricted-imports", /only through src\/app/],
  ["emulator-imports-src.ts", "emulator/__fixture__.ts", "no-restricted-imports", /emulator\/ stands alone/],
  ["graph-uses-office.ts", "src/graph/__fixture__.ts", "no-restricted-globals", /Only src\/office touches the Office global/],
];

const CLEAN: Array<[fixture: string, virtualPath: string]> = [
  ["domain-clean.ts", "src/domain/__fixture__.ts"],
  ["taskpane-clean.tsx", "src/taskpane/contacts/__fixture__.tsx"],
  ["emulator-clean.ts", "emulator/__fixture__.ts"],
  ["graph-clean.ts", "src/graph/__fixture__.ts"],
  ["office-uses-office.ts", "src/office/__fixture__.ts"],
];

let results: Message[][];
let probeIgnored: boolean;

beforeAll(() => {
  const cases = [...VIOLATIONS, ...CLEAN].map(([fixture, virtualPath]) => ({ fixture, virtualPath }));
  const input = JSON.stringify({ root: ROOT, cases, ignoredProbe: path.join(FIXTURES, "domain-imports-graph.ts") });
  const out = execFileSync(process.execPath, [path.join(FIXTURES, "lintFixtures.js")], { input, cwd: ROOT, encoding: "utf8" });
  const parsed = JSON.parse(out) as { results: Array<{ messages: Message[] }>; probeIgnored: boolean };
  results = parsed.results.map((r) => r.messages);
  probeIgnored = parsed.probeIgnored;
}, 120_000);

function errorsOf(index: number) {
  const messages = results[index]!;
  // A virtual path that the config ignores would "pass" vacuously: make sure it was really linted.
  expect(messages.filter((m) => /ignored/i.test(m.message))).toEqual([]);
  return messages.filter((m) => m.severity === 2).map(({ ruleId, message }) => ({ ruleId, message }));
}

describe("boundary rules fail on violations, with a message that says why", () => {
  test.each(VIOLATIONS.map((v, i) => [...v, i] as const))("%s as %s → %s", (_f, _p, ruleId, message, index) => {
    expect(errorsOf(index)).toContainEqual({ ruleId, message: expect.stringMatching(message) });
  });
});

describe("the same code without the violation passes", () => {
  test.each(CLEAN.map((c, i) => [...c, VIOLATIONS.length + i] as const))("%s as %s", (_f, _p, index) => {
    expect(errorsOf(index)).toEqual([]);
  });
});

test("the fixtures themselves are outside the main lint run", () => {
  expect(probeIgnored).toBe(true);
});
