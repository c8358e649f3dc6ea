/**
 * Helpers for browser tests (e2e/*.e2e.ts). No global setup: each test file starts what it needs.
 *
 *   let server: E2EServer;
 *   let browser: Browser;
 *   withE2E((s, b) => ([server, browser] = [s, b]));
 *   test("…", async () => {
 *     const page = await newPage(browser, server, { width: 480 });
 *     await openPane(page, { lang: "zh-CN", user: "li.na@contoso.com" });
 *     await expect(page.getByRole("tab", { name: "团队" }).isVisible()).resolves.toBe(true);
 *     await screenshot(page, "team-zh-CN");
 *     expect(pageErrors(page)).toEqual([]);
 *   });
 *
 * The server is HTTPS (self-signed; the browser context ignores certificate errors) because the Graph client
 * sends the Authorization header only to https URLs. It serves dist-e2e/ (built by e2e/run.js: the demo flavour, with the fake Outlook host) and answers
 * Graph requests (/v1.0/...) from a fresh in-memory emulator seeded "demo", its clock pinned to E2E_NOW, so the
 * facts a test asserts (due follow-ups, "last contacted 3 days ago") do not drift with the calendar.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import type http from "http";
import https from "https";
import type { AddressInfo } from "net";
import os from "os";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createEmulator, parseStrict, STRICT_BYPASS_HEADER, type Emulator } from "../emulator/index";
import { emulatorMiddleware } from "../emulator/mount";

const ROOT = path.resolve(__dirname, "..");

/** The instant every e2e run lives in (emulator and browser clocks). Override with E2E_NOW=<ISO date>. */
export const E2E_NOW = new Date(process.env.E2E_NOW ?? "2026-03-02T09:00:00+08:00");

/** Chromium flags that work as root in a container (toolchain.md). */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

export interface E2EServer {
  /** https://127.0.0.1:<port> */
  url: string;
  /** The emulator behind /v1.0: inspect stats(), setFaults(), admin.* from a test. */
  emulator: Emulator;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Folder of the built demo task pane; default E2E_DIST or dist-e2e/. */
  dist?: string;
  /** Emulator seed; default "demo". */
  seed?: "demo" | "empty";
  /** Emulator clock; default E2E_NOW. */
  now?: Date;
}

/** A Node https server on 127.0.0.1:<random port>: static dist-e2e + the Graph emulator. */
export async function startServer(options: ServerOptions = {}): Promise<E2EServer> {
  const dist = path.resolve(options.dist ?? process.env.E2E_DIST ?? path.join(ROOT, "dist-e2e"));
  if (!fs.existsSync(path.join(dist, "taskpane.html"))) {
    throw new Error(`${dist}/taskpane.html not found: run the e2e tests with \`npm run test:e2e\` (node e2e/run.js), which builds it.`);
  }
  // EMULATOR_STRICT=<profile,…>: the whole suite against an emulator that refuses UNVERIFIED behaviours
  // (emulator/strict.ts; npm run test:e2e:strict loops over the profiles).
  const emulator = createEmulator({ data: ":memory:", seed: options.seed ?? "demo", now: options.now ?? E2E_NOW, strict: parseStrict(process.env.EMULATOR_STRICT) });
  // The emulator's own Node adapter answers /v1.0/... and hands every other request to `next`.
  const { handler: graph } = emulatorMiddleware({ emulator });
  const fail = (res: http.ServerResponse) => (e: unknown) => {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end(`e2e server error: ${e instanceof Error ? e.stack : String(e)}`);
  };
  const server = https.createServer(selfSignedCertificate(), (req, res) => {
    // Under a strict profile only the add-in (the page's own fetches, which Chromium marks with Sec-Fetch-Mode) is
    // refused; a test's own checks over HTTP (page.request, https.request) read the emulator as it is.
    if (!req.headers["sec-fetch-mode"]) req.headers[STRICT_BYPASS_HEADER] = "off";
    graph(req, res, (err?: unknown) => {
      if (err) return fail(res)(err);
      const pathname = new URL(req.url ?? "/", "https://127.0.0.1").pathname;
      serveStatic(dist, pathname, res).catch(fail(res));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // Tests that call the handler directly are checks too: they bypass the strict profile.
  const oracle: Emulator = {
    ...emulator,
    handler: (req: Request) => {
      const headers = new Headers(req.headers);
      headers.set(STRICT_BYPASS_HEADER, "off");
      return emulator.handler(new Request(req, { headers }));
    },
  };
  return {
    url: `https://127.0.0.1:${port}`,
    emulator: oracle,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      emulator.close();
    },
  };
}

let certificate: { key: string; cert: string } | undefined;

/** A throwaway certificate for 127.0.0.1: openssl when present (fast), else webpack-dev-server's `selfsigned`. */
function selfSignedCertificate(): { key: string; cert: string } {
  if (certificate) return certificate;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfu-e2e-cert-"));
  try {
    const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
      { stdio: "ignore" },
    );
    certificate = { key: fs.readFileSync(key, "utf8"), cert: fs.readFileSync(cert, "utf8") };
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const selfsigned = require(require.resolve("selfsigned", { paths: [path.dirname(require.resolve("webpack-dev-server"))] }));
    const pems = selfsigned.generate([{ name: "commonName", value: "127.0.0.1" }], { days: 2, keySize: 2048 });
    certificate = { key: pems.private, cert: pems.cert };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return certificate;
}

async function serveStatic(dist: string, pathname: string, res: http.ServerResponse): Promise<void> {
  const rel = decodeURIComponent(pathname === "/" ? "/taskpane.html" : pathname);
  const file = path.join(dist, path.normalize(rel).replace(/^([/\\])+/, ""));
  if (!file.startsWith(dist + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end(`not found: ${pathname}`);
    return;
  }
  res.writeHead(200, {
    "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
    "cache-control": "no-store",
  });
  res.end(await fs.promises.readFile(file));
}

/** Chromium from CHROMIUM_PATH (set by e2e/run.js) or /usr/bin/chromium, headless. */
/**
 * The file's server (seeded emulator + the built pane) and Chromium: started before its first test, handed to `ready`,
 * and closed after its last (jest beforeAll/afterAll). For a server with options, call startServer yourself.
 */
export function withE2E(ready: (server: E2EServer, browser: Browser) => void): void {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface PageOptions {
  /** Viewport width in CSS px; default 400 (Outlook's pane is ~320–450 px; openPane's `width` sets the pane). */
  width?: number;
  height?: number;
  /** Browser clock: Date.now() in the page returns this instant; default E2E_NOW. `null` leaves the real clock. */
  now?: Date | null;
  /** Default "Asia/Shanghai", so dates render the same on every machine. */
  timezoneId?: string;
}

const errorsByPage = new WeakMap<Page, string[]>();

/** A fresh context (own storage, so IndexedDB and roaming settings never leak between tests) and page. */
export async function newPage(browser: Browser, server: E2EServer, options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    ignoreHTTPSErrors: true,
    viewport: { width: options.width ?? 400, height: options.height ?? 800 },
    timezoneId: options.timezoneId ?? "Asia/Shanghai",
    locale: "en-US",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  errorsByPage.set(page, errors);
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // Chromium's "Failed to load resource" lines carry no URL: the response listener below reports them better.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console.error: ${m.text()}`);
  });
  page.on("response", (r) => {
    // Graph answers 4xx by design (not found, 412 on a stale etag…) and the app handles them; a missing static
    // file or any 5xx is a defect.
    const graph = /^\/v1\.0(\/|\?|$)/.test(new URL(r.url()).pathname);
    if (r.status() >= 500 || (!graph && r.status() >= 400)) errors.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  const now = options.now === undefined ? E2E_NOW : options.now;
  if (now) await page.clock.setFixedTime(now);
  page.setDefaultTimeout(15_000);
  return page;
}

/** Uncaught errors, console.error lines and failed requests (static ≥ 400, Graph ≥ 500) of the page so far. */
export function pageErrors(page: Page): string[] {
  return [...(errorsByPage.get(page) ?? [])];
}

export interface PaneOptions {
  /** Office display language the fake host reports (?lang=), e.g. "en-US", "zh-CN". */
  lang?: string;
  /** Signed-in mailbox (?user=), a upn of the demo seed; the fake host's default is zhang.wei@contoso.com. */
  user?: string;
  /** The open email (?item=): an emulator message id, or "none" for no item. */
  item?: string;
  /** Office theme (?theme=light|dark). */
  theme?: "light" | "dark";
  /** Read (default) or compose mode (?mode=). */
  mode?: "read" | "compose";
  /** Requirement sets the fake host claims (?sets=Mailbox:1.12,NestedAppAuth:1.1), to test capability gating. */
  sets?: string;
  /** Task pane width in px inside the host (?width=320|350|450); default: fit the window. */
  width?: number;
  /** Wait until this selector is visible; default the shell's tab list. `null` waits for load only. */
  readySelector?: string | null;
}

/** Opens /taskpane.html with the fake host's query options and waits for the shell to render. */
export async function openPane(page: Page, options: PaneOptions = {}): Promise<void> {
  const query = new URLSearchParams();
  for (const key of ["lang", "user", "item", "theme", "mode", "sets", "width"] as const) {
    const value = options[key];
    if (value) query.set(key, String(value));
  }
  const qs = query.toString();
  await page.goto(`/taskpane.html${qs ? `?${qs}` : ""}`, { waitUntil: "load" });
  const ready = options.readySelector === undefined ? '[role="tablist"]' : options.readySelector;
  if (ready) await page.locator(ready).first().waitFor({ state: "visible" });
}

/** Saves e2e/screenshots/<name>.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const file = path.join(ROOT, "e2e", "screenshots", `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}
