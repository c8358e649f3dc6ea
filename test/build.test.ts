/**
 * The production build (what `npm run build` ships) with a fake client id: production URLs in the manifest,
 * office.js from Microsoft's CDN, a CSP, no demo/fake-host/emulator code and no localhost anywhere in the
 * JavaScript, sign-in (MSAL) in a lazily loaded chunk, and the initial JavaScript within budget.
 * Builds once into a temp directory (~20–60 s).
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { analyze } = require("../scripts/report-size.js") as {
  analyze(dir: string): { initial: Array<{ file: string }>; lazy: Array<{ file: string }>; initialGzip: number; limit: number };
};

const ROOT = path.resolve(__dirname, "..");
const PRODUCTION_URL = "https://addin.contoso.example";
const FAKE_CLIENT_ID = "00000000-0000-4000-8000-000000000001";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * Strings that exist only in demo/emulator code. Each is first checked to exist in its source folder, so this
 * test cannot pass vacuously after a rename. Add one when a new demo-only module appears.
 */
const MARKERS: Array<{ marker: string; in: string }> = [
  { marker: "Demo — fake Outlook host", in: "demo" },
];
/** MSAL's own API name and package name: present in MSAL's bundle whatever the minifier does. */
const MSAL_MARKERS = ["createNestablePublicClientApplication", "@azure/msal-browser"];
/** Long string literals of demo/ and emulator/ that appear nowhere in src/ are demo-only too. */
const AUTO_LITERAL_MIN_LENGTH = 24;

let outDir: string;
let jsFiles: Array<{ file: string; code: string }>;

function filesUnder(dir: string, exts: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => exts.test(f) && !/\.test\.tsx?$/.test(f) && fs.statSync(f).isFile());
}

function readAll(dir: string, exts: RegExp): string {
  return filesUnder(dir, exts).map((f) => fs.readFileSync(f, "utf8")).join("\n");
}

/** String literals without escapes or interpolation, long enough to be distinctive. */
function longLiterals(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/"([^"\\\n$]{24,})"|'([^'\\\n$]{24,})'|`([^`\\$]{24,})`/g)) {
    const s = (m[1] ?? m[2] ?? m[3])!;
    if (s.length >= AUTO_LITERAL_MIN_LENGTH && !/^[./@\w-]+$/.test(s)) out.add(s);
  }
  return [...out];
}

beforeAll(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "cfu-build-"));
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production", "--env", `out=${outDir}`],
    {
      cwd: ROOT,
      env: { ...process.env, ADDIN_CLIENT_ID: FAKE_CLIENT_ID, ADDIN_PRODUCTION_URL: PRODUCTION_URL },
      stdio: "pipe",
      timeout: 240_000,
    },
  );
  jsFiles = fs
    .readdirSync(outDir)
    .filter((f) => f.endsWith(".js"))
    .map((file) => ({ file, code: fs.readFileSync(path.join(outDir, file), "utf8") }));
}, 300_000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe("production build", () => {
  test("manifest.xml has the production URLs and no localhost", () => {
    const manifest = fs.readFileSync(path.join(outDir, "manifest.xml"), "utf8");
    expect(manifest).not.toMatch(/localhost/i);
    expect(manifest).toContain(`${PRODUCTION_URL}/taskpane.html`);
    // Every URL on our origin that the manifest names is a file of this build.
    const urls = [...manifest.matchAll(/DefaultValue="([^"]+)"/g)].map((m) => m[1]!).filter((u) => u.startsWith(PRODUCTION_URL));
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const url of urls) {
      const rel = new URL(url).pathname.replace(/^\//, "");
      expect({ url, exists: fs.existsSync(path.join(outDir, rel)) }).toEqual({ url, exists: true });
    }
  });

  test("the unified manifest (JSON) and its app package are generated from the built manifest.xml, same URLs", () => {
    const unified = path.join(outDir, "unified");
    const manifest = JSON.parse(fs.readFileSync(path.join(unified, "manifest.json"), "utf8"));
    const text = JSON.stringify(manifest);
    expect(text).not.toMatch(/localhost/i);
    expect(manifest.extensions[0].runtimes[0].code.page).toBe(`${PRODUCTION_URL}/taskpane.html`);
    expect(manifest.validDomains).toContain(PRODUCTION_URL);
    // Every URL on our origin that it names is a file of this build (icons of the commands, the pane).
    const urls = [...text.matchAll(/"(https:[^"]+)"/g)].map((m) => m[1]!).filter((u) => u.startsWith(`${PRODUCTION_URL}/`));
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) {
      const rel = new URL(url).pathname.replace(/^\//, "");
      expect({ url, exists: fs.existsSync(path.join(outDir, rel)) }).toEqual({ url, exists: true });
    }
    expect(fs.readdirSync(unified).sort()).toEqual(["color-192.png", "manifest.json", "outline-32.png", "zh-cn.json"]);
    expect(fs.statSync(path.join(outDir, "customer-follow-up.app.zip")).size).toBeGreaterThan(1000);
  });

  test.each(["taskpane.html", "signin.html"])("%s loads office.js from Microsoft's CDN and has a CSP", (page) => {
    const html = fs.readFileSync(path.join(outDir, page), "utf8");
    expect(html).toContain(`src="${OFFICE_JS_CDN}"`);
    expect(html).toMatch(/<meta[^>]+http-equiv=["']?Content-Security-Policy["']?[^>]+content=["'][^"']*default-src 'self'/i);
    expect(html).not.toMatch(/localhost/i);
  });

  test("no JavaScript file contains demo, fake-host or emulator code, nor localhost", () => {
    expect(jsFiles.length).toBeGreaterThan(0);
    const markers: string[] = [];
    for (const { marker, in: dir } of MARKERS) {
      expect({ marker, foundIn: dir, present: readAll(path.join(ROOT, dir), /\.(ts|tsx|js)$/).includes(marker) }).toEqual({
        marker,
        foundIn: dir,
        present: true,
      });
      markers.push(marker);
    }
    const src = readAll(path.join(ROOT, "src"), /\.(ts|tsx)$/);
    for (const dir of ["demo", "emulator"]) {
      const own = longLiterals(readAll(path.join(ROOT, dir), /\.(ts|tsx)$/)).filter((l) => !src.includes(l));
      expect({ dir, enoughMarkers: own.length >= 5 }).toEqual({ dir, enoughMarkers: true });
      markers.push(...own);
    }
    const leaks = jsFiles.flatMap(({ file, code }) => [
      ...markers.filter((m) => code.includes(m)).map((m) => `${file}: ${JSON.stringify(m)}`),
      ...(/localhost/i.test(code) ? [`${file}: "localhost"`] : []),
    ]);
    expect(leaks).toEqual([]);
  });

  test("the emulator's dev token provider (`dev:<upn>` tokens) is not in the production bundle", () => {
    // The provider's token literal, as the source writes it and as a minifier rewrites it.
    expect(fs.readFileSync(path.join(ROOT, "src/auth/staticTokenProvider.ts"), "utf8")).toContain("`dev:${upn}`");
    const withDevToken = jsFiles.filter(({ code }) => /`dev:\$\{|["']dev:["']\s*\.concat|["']dev:["']\s*\+/.test(code)).map((f) => f.file);
    expect(withDevToken).toEqual([]);
  });

  test("the CSP names each source once and restricts base-uri and form-action", () => {
    const html = fs.readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    const csp = /content="([^"]*default-src[^"]*)"/.exec(html)?.[1] ?? "";
    const directives = csp.split(";").map((d) => d.trim().split(/\s+/));
    for (const [name, ...sources] of directives) expect({ name, sources }).toEqual({ name, sources: [...new Set(sources)] });
    const byName = new Map(directives.map(([n, ...s]) => [n, s]));
    expect(byName.get("base-uri")).toEqual(["'self'"]);
    expect(byName.get("form-action")).toEqual(["'self'"]);
    expect(byName.get("connect-src")).toContain("https://graph.microsoft.com");
  });

  test("sign-in (MSAL) is in a lazily loaded chunk, not in the task pane's initial JavaScript", () => {
    const report = analyze(outDir);
    const initial = new Set(report.initial.map((f) => f.file));
    expect(initial.size).toBeGreaterThan(0);
    const withMsal = jsFiles.filter(({ code }) => MSAL_MARKERS.some((m) => code.includes(m))).map((f) => f.file);
    expect(withMsal.filter((f) => initial.has(f))).toEqual([]);
    // The task pane reaches MSAL through a chunk no page loads up front (the sign-in dialog page's own
    // entry may bundle it directly; `analyze` counts only files that no HTML page references as lazy).
    expect(withMsal.filter((f) => report.lazy.some((l) => l.file === f)).length).toBeGreaterThan(0);
  });

  test("pinyin search (pinyin-match and its dictionary) is in a lazily loaded chunk of its own, not in the initial JavaScript", () => {
    const report = analyze(outDir);
    const initial = new Set(report.initial.map((f) => f.file));
    // pinyin-match's list of syllables spelt with u or v (src/core.js), kept as is by the minifier.
    const withPinyin = jsFiles.filter(({ code }) => /"juan","qu","qun"/.test(code)).map((f) => f.file);
    expect(withPinyin).toHaveLength(1);
    expect(withPinyin.filter((f) => initial.has(f))).toEqual([]);
    expect(report.lazy.map((l) => l.file)).toContain(withPinyin[0]);
    expect(withPinyin[0]).toMatch(/^pinyin\./);
  });

  test("the task pane's initial JavaScript is within 250 KB gzipped (bench/README.md)", () => {
    const report = analyze(outDir);
    expect(report.initialGzip).toBeLessThanOrEqual(report.limit);
  });
});
