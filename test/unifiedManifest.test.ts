/**
 * The optional unified app manifest (issue 14 item 5): generated from manifest.xml by Microsoft's converter plus the
 * documented fixes in scripts/make-unified-manifest.js, and checked against the published JSON schema shipped in
 * Microsoft's @microsoft/app-manifest package (not against our reading of the docs). The production build's copy
 * (production URLs, app package zip) is checked in test/build.test.ts.
 */
import fs from "fs";
import os from "os";
import path from "path";

/* eslint-disable @typescript-eslint/no-require-imports */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Result {
  manifest: Json;
  localizations: Record<string, Json>;
  files: string[];
}
const gen = require("../scripts/make-unified-manifest.js") as {
  makeUnifiedManifest(xml: string, out: string, zip?: string): Promise<Result>;
  validate(r: { manifest: Json; localizations: Record<string, Json> }): Promise<string[]>;
  uuidV5(name: string, ns: string): string;
};
const AdmZip = require("adm-zip") as new (file: string) => { getEntries(): Array<{ entryName: string }> };
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.resolve(__dirname, "..");
const MANIFEST_XML = path.join(ROOT, "manifest.xml");
const xml = fs.readFileSync(MANIFEST_XML, "utf8");
const xmlId = /<Id>([^<]+)<\/Id>/.exec(xml)![1]!;

let outDir: string;
let result: Result;

/** Width, height and colour type from a PNG's IHDR (RFC 2083 §4.1.1), and its RGBA pixels via zlib. */
function pngInfo(file: string): { width: number; height: number; colorType: number; pixels: Buffer } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(1, 4).toString("latin1")).toBe("PNG");
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colorType = buf[25]!;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    if (buf.subarray(at + 4, at + 8).toString("latin1") === "IDAT") idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const raw: Buffer = require("zlib").inflateSync(Buffer.concat(idat));
  // scripts/make-icons.js writes filter type 0 on every row, 4 bytes per pixel.
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, colorType, pixels };
}

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "cfu-unified-"));
  result = await gen.makeUnifiedManifest(MANIFEST_XML, outDir, path.join(outDir, "app.zip"));
}, 60_000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe("unified manifest generated from manifest.xml", () => {
  test("is valid against Microsoft's published schema for its manifestVersion, with its localization file", async () => {
    expect(result.manifest.manifestVersion).toBe("1.17");
    expect(await gen.validate(result)).toEqual([]);
    expect(Object.keys(result.localizations)).toEqual(["zh-cn.json"]);
  });

  test("the validation it relies on rejects what the schema forbids (so a drift would fail the build)", async () => {
    const tooLong = structuredClone(result);
    tooLong.manifest.description.short = "x".repeat(81);
    tooLong.localizations["zh-cn.json"]!["name.short"] = "客".repeat(31);
    const errors = await gen.validate(tooLong);
    expect(errors.some((e) => e.startsWith("manifest.json") && e.includes("/description/short"))).toBe(true);
    expect(errors.some((e) => e.startsWith("zh-cn.json"))).toBe(true);
    const unknown = structuredClone(result);
    unknown.manifest.extensions[0].runtimes[0].actions[0].multiSelect = true; // wrong case: not in the schema
    expect((await gen.validate(unknown)).length).toBeGreaterThan(0);
  });

  test("has its own stable id and hides the XML add-in, so a user with both sees one button", async () => {
    expect(result.manifest.id).not.toBe(xmlId);
    expect(result.manifest.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = await gen.makeUnifiedManifest(MANIFEST_XML, fs.mkdtempSync(path.join(os.tmpdir(), "cfu-unified-")));
    expect(again.manifest.id).toBe(result.manifest.id);
    const hides = result.manifest.extensions[0].alternates.filter((a: Json) => a.hide);
    expect(hides).toEqual([{ hide: { customOfficeAddin: { officeAddinId: xmlId } } }]);
  });

  test("says what the XML says: version, names, descriptions, pane URL, commands and their strings in both languages", () => {
    const m = result.manifest;
    expect(m.version).toBe(/<Version>([^<]+)<\/Version>/.exec(xml)![1]!.split(".").slice(0, 3).join("."));
    expect(m.name.short).toBe(/<DisplayName DefaultValue="([^"]+)"/.exec(xml)![1]);
    expect(m.description.full).toBe(/<Description DefaultValue="([^"]+)"/.exec(xml)![1]);
    expect(m.description.short.length).toBeLessThanOrEqual(80);
    expect(JSON.stringify(result)).not.toContain("<TRUNCATED>");
    const pages = m.extensions[0].runtimes.map((r: Json) => r.code.page);
    expect(pages).toEqual([/<bt:Url id="Taskpane.Url" DefaultValue="([^"]+)"/.exec(xml)![1]]);
    const ribbons = m.extensions[0].ribbons as Json[];
    expect(ribbons.map((r) => r.contexts)).toEqual([["mailRead"], ["mailCompose"]]);
    const ids = ribbons.flatMap((r) => r.tabs.flatMap((t: Json) => t.groups.flatMap((g: Json) => g.controls.map((c: Json) => c.id))));
    expect(ids).toEqual([...xml.matchAll(/<Control xsi:type="Button" id="([^"]+)"/g)].map((x) => x[1]));
    const zh = result.localizations["zh-cn.json"]!;
    expect(zh["name.short"]).toBe("客户跟进");
    expect(zh["extensions[0].ribbons[0].tabs[0].groups[0].controls[0].label"]).toBe("客户");
    expect(zh["description.short"].length).toBeLessThanOrEqual(80);
    // Every action got a real name in both languages, not the converter's "action_1".
    const actions = m.extensions[0].runtimes.flatMap((r: Json) => r.actions) as Json[];
    expect(actions.map((a) => a.displayName)).toEqual(actions.map(() => "Open Customer Follow-up"));
    actions.forEach((_, i) => expect(zh[`extensions[0].runtimes[0].actions[${i}].displayName`]).toBe("打开客户跟进"));
  });

  test("keeps multi-select on the read command only, as <SupportsMultiSelect> does in the XML", () => {
    const m = result.manifest;
    const ribbons = m.extensions[0].runtimes[0].actions as Json[];
    const readAction = m.extensions[0].ribbons.find((r: Json) => r.contexts.includes("mailRead")).tabs[0].groups[0].controls[0].actionId;
    expect(ribbons.map((a) => [a.id === readAction, a.multiselect])).toEqual([[true, true], [false, false]]);
    // The permission the XML asks for (ReadWriteMailbox) maps to the unified manifest's RSC permission.
    expect(m.authorization.permissions.resourceSpecific).toEqual([{ name: "Mailbox.ReadWrite.User", type: "Delegated" }]);
  });

  test("ships a 192×192 colour icon and a 32×32 white-on-transparent outline icon, in the folder and the zip", () => {
    expect(result.manifest.icons).toEqual({ color: "color-192.png", outline: "outline-32.png" });
    const color = pngInfo(path.join(outDir, "color-192.png"));
    expect([color.width, color.height, color.colorType]).toEqual([192, 192, 6]);
    const outline = pngInfo(path.join(outDir, "outline-32.png"));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        expect([r, g, b]).toEqual([255, 255, 255]);
        opaque++;
      }
    }
    expect(opaque).toBeGreaterThan(100); // a visible glyph
    expect(transparent).toBeGreaterThan(300); // on a transparent background
    const entries = new AdmZip(path.join(outDir, "app.zip")).getEntries().map((e) => e.entryName).sort();
    expect(entries).toEqual(["color-192.png", "manifest.json", "outline-32.png", "zh-cn.json"]);
  });

  test("name-based ids follow RFC 4122 (the DNS namespace example from the RFC's errata/test vectors)", () => {
    // uuid v5 of "www.example.com" in the DNS namespace: a widely published test vector (Python's uuid.uuid5).
    expect(gen.uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });
});
