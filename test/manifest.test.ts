/**
 * @jest-environment jsdom
 */
// jsdom only for its strict, namespace-aware XML parser (DOMParser); no UI is rendered here.
// The online validator (`office-addin-manifest validate`) is unreachable offline, so the structure the schema
// and Outlook require is asserted here instead (element order matters to the schema: see toolchain.md).
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const DEV_ORIGIN = "https://localhost:3000";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const VO_1_0 = "http://schemas.microsoft.com/office/mailappversionoverrides";
const VO_1_1 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
/** Schema order of the children of <Action xsi:type="ShowTaskpane"> (MailAppVersionOverrides 1.1). */
const ACTION_ORDER = ["SourceLocation", "SupportsPinning", "SupportsNoItemContext", "SupportsMultiSelect"];

const xml = fs.readFileSync(MANIFEST, "utf8");
const doc = new DOMParser().parseFromString(xml, "application/xml");

const all = (root: Document | Element, localName: string): Element[] =>
  Array.from(root.getElementsByTagNameNS("*", localName));
const one = (root: Document | Element, localName: string): Element => {
  const found = all(root, localName);
  if (found.length !== 1) throw new Error(`expected one <${localName}>, found ${found.length}`);
  return found[0]!;
};
const children = (el: Element): Element[] => Array.from(el.children);
/** A direct child of <OfficeApp> (names like Description and Requirements recur inside VersionOverrides). */
const top = (localName: string): Element => {
  const found = children(doc.documentElement).filter((c) => c.localName === localName);
  if (found.length !== 1) throw new Error(`expected one top-level <${localName}>, found ${found.length}`);
  return found[0]!;
};
const xsiType = (el: Element) => el.getAttributeNS(XSI, "type");
const text = (el: Element) => (el.textContent ?? "").trim();

/** All resources by id: bt:Image, bt:Url, bt:String (short and long). */
function resources(): Map<string, Element> {
  const map = new Map<string, Element>();
  for (const name of ["Image", "Url", "String"]) {
    for (const el of all(one(doc, "Resources"), name)) {
      const id = el.getAttribute("id");
      if (id) map.set(id, el);
    }
  }
  return map;
}

/** The html files webpack emits (HtmlWebpackPlugin filenames) for a flavour of webpack.config.js. */
function emittedPages(flavour: "production" | "demo"): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configFn = require(path.join(ROOT, "webpack.config.js"));
  const saved = process.env.ADDIN_CLIENT_ID;
  // Without a client id webpack.config.js falls back to the demo flavour; a fake one selects production.
  process.env.ADDIN_CLIENT_ID = flavour === "production" ? "00000000-0000-4000-8000-000000000001" : "";
  let config;
  // A production build without ADDIN_PRODUCTION_URL / ADDIN_TENANT warns (scripts/config.js): expected here, and
  // nothing else may be logged.
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  let warnings: string[];
  try {
    config = configFn(flavour === "demo" ? { demo: true } : {}, { mode: "production" });
  } finally {
    warnings = warn.mock.calls.map(([m]) => String(m));
    warn.mockRestore();
    if (saved === undefined) delete process.env.ADDIN_CLIENT_ID;
    else process.env.ADDIN_CLIENT_ID = saved;
  }
  for (const message of warnings) expect(message).toMatch(/^\[config\] ADDIN_(PRODUCTION_URL|TENANT) is not set/);
  return config.plugins
    .filter((p: { constructor: { name: string } }) => p.constructor.name === "HtmlWebpackPlugin")
    .map((p: { userOptions: { filename: string } }) => p.userOptions.filename);
}

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe("manifest.xml", () => {
  test("is well-formed XML", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.localName).toBe("OfficeApp");
    // A second, independent parser when the machine has one (.ci/run installs libxml2-utils).
    let hasXmllint = true;
    try {
      execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    } catch {
      hasXmllint = false;
    }
    if (hasXmllint) execFileSync("xmllint", ["--noout", MANIFEST], { stdio: "pipe" });
  });

  test("is an Outlook MailApp with a stable id, provider and support URL", () => {
    expect(xsiType(doc.documentElement)).toBe("MailApp");
    expect(text(one(doc, "Id"))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(text(one(doc, "ProviderName"))).not.toBe("");
    expect(text(one(doc, "DefaultLocale"))).toBe("en-US");
    expect(one(doc, "SupportUrl").getAttribute("DefaultValue")).toMatch(/^https:\/\//);
    expect(all(doc, "Host").map((h) => h.getAttribute("Name"))).toContain("Mailbox");
    expect(all(one(doc, "AppDomains"), "AppDomain").map(text)).toContain("https://login.microsoftonline.com");
  });

  test("asks for the permission that getSelectedItemsAsync needs, and says why", () => {
    expect(text(one(doc, "Permissions"))).toBe("ReadWriteMailbox");
    expect(xml).toMatch(/getSelectedItemsAsync[^\n]*read\/write mailbox/);
  });

  test("nests VersionOverrides 1.1 in 1.0 and keeps the minimum requirement sets low", () => {
    const outer = all(doc, "VersionOverrides").find((v) => v.namespaceURI === VO_1_0);
    const inner = all(doc, "VersionOverrides").find((v) => v.namespaceURI === VO_1_1);
    expect(xsiType(outer!)).toBe("VersionOverridesV1_0");
    expect(xsiType(inner!)).toBe("VersionOverridesV1_1");
    expect(inner!.parentElement).toBe(outer);
    const baseSet = all(top("Requirements"), "Set").find((s) => s.getAttribute("Name") === "Mailbox");
    expect(baseSet?.getAttribute("MinVersion")).toBe("1.1");
    // Multi-select (1.13) is gated at runtime; 1.5 is what pinning needs, so older clients still load the add-in.
    const sets = all(inner!, "Sets")[0]!;
    expect(Number(sets.getAttribute("DefaultMinVersion"))).toBeLessThanOrEqual(1.5);
  });

  describe.each([
    ["MessageReadCommandSurface", { multiSelect: true }],
    ["MessageComposeCommandSurface", { multiSelect: false }],
  ])("%s", (surface, { multiSelect }) => {
    const point = () => {
      const found = all(doc, "ExtensionPoint").filter((e) => xsiType(e) === surface);
      expect(found).toHaveLength(1);
      return found[0]!;
    };

    test("has a ribbon button that opens the task pane", () => {
      const control = one(point(), "Control");
      expect(xsiType(control)).toBe("Button");
      const action = one(control, "Action");
      expect(xsiType(action)).toBe("ShowTaskpane");
      const url = resources().get(one(action, "SourceLocation").getAttribute("resid") ?? "");
      expect(url?.getAttribute("DefaultValue")).toBe(`${DEV_ORIGIN}/taskpane.html`);
    });

    test("button icons are 16, 32 and 80 px", () => {
      const images = all(one(point(), "Icon"), "Image");
      expect(images.map((i) => i.getAttribute("size"))).toEqual(["16", "32", "80"]);
      for (const image of images) {
        const url = resources().get(image.getAttribute("resid") ?? "")?.getAttribute("DefaultValue");
        expect(url).toBe(`${DEV_ORIGIN}/assets/icon-${image.getAttribute("size")}.png`);
      }
    });

    test("supports pinning" + (multiSelect ? " and multi-select" : ""), () => {
      const action = one(point(), "Action");
      expect(text(one(action, "SupportsPinning"))).toBe("true");
      const multi = all(action, "SupportsMultiSelect");
      if (multiSelect) expect(multi.map(text)).toEqual(["true"]);
      else expect(multi).toHaveLength(0); // multi-select applies to selected messages in read mode only
    });

    test("children of Action follow the schema order", () => {
      const names = children(one(point(), "Action")).map((c) => c.localName);
      expect(names[0]).toBe("SourceLocation");
      const positions = names.map((n) => ACTION_ORDER.indexOf(n));
      expect(positions).not.toContain(-1);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });
  });

  test("every resid is defined, ids fit the schema's 32 characters, strings fit their limits", () => {
    const defined = resources();
    const used = Array.from(doc.querySelectorAll("[resid]")).map((el) => el.getAttribute("resid")!);
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(defined.has(id)).toBe(true);
    for (const id of defined.keys()) expect(id.length).toBeLessThanOrEqual(32);
    const limit = (section: string, max: number) => {
      for (const s of all(one(doc, section), "String")) {
        for (const v of [s, ...all(s, "Override")].map((e) => e.getAttribute("DefaultValue") ?? e.getAttribute("Value") ?? "")) {
          expect(v.length).toBeLessThanOrEqual(max);
        }
      }
    };
    limit("ShortStrings", 125);
    limit("LongStrings", 250);
  });

  test("display name, description and button labels have zh-CN overrides", () => {
    const zh = (el: Element) =>
      children(el).find((c) => c.localName === "Override" && c.getAttribute("Locale") === "zh-CN")?.getAttribute("Value");
    const displayName = top("DisplayName");
    expect(displayName.getAttribute("DefaultValue")).toBe("Customer Follow-up");
    expect(zh(displayName)).toBe("客户跟进");
    expect(zh(top("Description"))).toMatch(/[\u4e00-\u9fff]/);
    const strings = [...all(one(doc, "ShortStrings"), "String"), ...all(one(doc, "LongStrings"), "String")];
    expect(strings.length).toBeGreaterThanOrEqual(3);
    for (const s of strings) expect(zh(s)).toMatch(/[\u4e00-\u9fff]/);
  });

  test("the committed icons are what scripts/make-icons.js draws", () => {
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "make-icons.js"), "--check"], { stdio: "pipe" });
  });

  test("IconUrl is 64 px and HighResolutionIconUrl is 128 px", () => {
    expect(one(doc, "IconUrl").getAttribute("DefaultValue")).toBe(`${DEV_ORIGIN}/assets/icon-64.png`);
    expect(one(doc, "HighResolutionIconUrl").getAttribute("DefaultValue")).toBe(`${DEV_ORIGIN}/assets/icon-128.png`);
  });

  test("every URL it names is on the dev origin and exists in the build", () => {
    const urls = new Set<string>();
    for (const el of Array.from(doc.querySelectorAll("[DefaultValue]"))) {
      const v = el.getAttribute("DefaultValue")!;
      if (/^https?:/.test(v)) urls.add(v);
    }
    expect(urls.size).toBeGreaterThanOrEqual(6);
    // Both flavours must emit the pages: the production one is what a store/admin deploys.
    const pages = new Set(emittedPages("production"));
    const demoPages = new Set(emittedPages("demo"));
    for (const url of urls) {
      expect(url.startsWith(`${DEV_ORIGIN}/`)).toBe(true);
      const rel = new URL(url).pathname.replace(/^\//, "");
      if (rel.endsWith(".html")) {
        expect({ url, inProduction: pages.has(rel), inDemo: demoPages.has(rel) }).toEqual({ url, inProduction: true, inDemo: true });
      } else {
        // webpack copies assets/*.png to the same path (CopyWebpackPlugin in webpack.config.js).
        const file = path.join(ROOT, rel);
        expect({ url, exists: fs.existsSync(file) }).toEqual({ url, exists: true });
        const m = /icon-(\d+)\.png$/.exec(rel);
        if (m) expect(pngSize(file)).toEqual({ width: Number(m[1]), height: Number(m[1]) });
      }
    }
  });
});
