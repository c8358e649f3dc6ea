#!/usr/bin/env node
/**
 * The optional unified app manifest for Microsoft 365 (JSON), generated from manifest.xml — the XML stays the default
 * and the only file to edit (issue 14 item 5). For tenants that deploy through the Microsoft 365 admin center's app
 * model ("Integrated apps", upload a custom app package).
 *
 *   node scripts/make-unified-manifest.js [manifest.xml] [out-dir]    # default: manifest.xml → dist-unified/
 *
 * The production build (`npm run build`) runs it on dist/manifest.xml (production URLs) and writes dist/unified/ and
 * dist/customer-follow-up.app.zip, so the two manifests can never drift apart.
 *
 * How (docs: learn.microsoft.com/office/dev/add-ins/develop/convert-xml-to-json-manifest):
 * 1. Microsoft's converter, office-addin-manifest-converter (the tool that page names for projects not made with
 *    Yo Office), turns the XML into manifest.json + one localization file per <Override> locale.
 * 2. What the converter leaves to "Edit the newly created unified manifest" is fixed here, each for a documented reason:
 *    - `id`: "be sure that the id property of the unified manifest ... is a different GUID from the <Id> element in the
 *      add-in only manifest" (concepts/duplicate-legacy-metaos-add-ins.md) — derived from the XML id (name-based UUID,
 *      RFC 4122 §4.3), so every build gives the same id;
 *    - `extensions[0].alternates[].hide.customOfficeAddin.officeAddinId` = the XML id, so a user who has both never sees
 *      two buttons (same page, "link the existing add-in");
 *    - `icons`: the root icons are "full color PNG icon. Size 192x192" and "transparent PNG outline icon. The border
 *      color needs to be white. Size 32x32" (schema v1.17 descriptions); the converter points them at the XML's 64/128 px
 *      IconUrl/HighResolutionIconUrl, which are wrong sizes. scripts/make-icons.js draws both;
 * *    - `description.short` (max 80 characters): the converter cuts the XML description and prefixes "<TRUNCATED>";
 *    - action `displayName`s ("action_1") and `accentColor` (the converter guesses one from nothing);
 *    - `multiselect` on the read action: the XML's <SupportsMultiSelect> is not carried over by the converter
 *      (unified manifest "extensions.runtimes.actions.multiselect").
 * 3. The result is validated against the unified manifest's published JSON schema (and the localization schema) as
 *    shipped in Microsoft's @microsoft/app-manifest package — a reference nobody here wrote. Any error fails the build.
 */
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..");

/** Short descriptions (≤ 80 characters, schema "description.short"); the full one is the XML's. */
const SHORT_DESCRIPTION = {
  default: "Custom fields, follow-ups and a team view for your Outlook contacts.",
  "zh-cn": "为 Outlook 联系人添加自定义字段、跟进提醒和团队视图。",
};
/** What Outlook shows for the pane action (e.g. pinning); the converter writes "action_1". */
const ACTION_NAME = { default: "Open Customer Follow-up", "zh-cn": "打开客户跟进" };
/** Fluent "brand" #0F6CBD, the icons' background (scripts/make-icons.js BLUE). */
const ACCENT_COLOR = "#0F6CBD";
const COLOR_ICON = "color-192.png";
const OUTLINE_ICON = "outline-32.png";
/** Namespace for the name-based UUID of the JSON manifest (a fixed random UUID of this project). */
const ID_NAMESPACE = "5f0b7f8e-3b1c-4c39-9d2e-6c1f9a3e2b71";
const SCHEMA_DIR = path.join(path.dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams");

/** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1). */
function uuidV5(name, namespace) {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = crypto.createHash("sha1").update(Buffer.concat([ns, Buffer.from(name, "utf8")])).digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function xmlValue(xml, re, what) {
  const m = re.exec(xml);
  if (!m) throw new Error(`manifest.xml has no ${what}`);
  return m[1].trim();
}

/** Runs Microsoft's converter into a scratch folder; returns the parsed files. Its console chatter is kept quiet. */
async function runConverter(xmlPath) {
  const { convert } = require("office-addin-manifest-converter");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unified-manifest-"));
  const log = console.log;
  console.log = () => {};
  try {
    await convert(xmlPath, tmp, false);
  } finally {
    console.log = log;
  }
  const files = fs.readdirSync(tmp);
  if (!files.includes("manifest.json")) throw new Error(`office-addin-manifest-converter wrote no manifest.json (got ${files.join(", ") || "nothing"})`);
  const out = { manifest: JSON.parse(fs.readFileSync(path.join(tmp, "manifest.json"), "utf8")), localizations: {} };
  for (const f of files) if (f !== "manifest.json" && f.endsWith(".json")) out.localizations[f] = JSON.parse(fs.readFileSync(path.join(tmp, f), "utf8"));
  fs.rmSync(tmp, { recursive: true, force: true });
  return out;
}

/** Applies the documented fixes (see the header) to the converter's output. Pure: returns new objects. */
function postProcess(converted, xml) {
  const m = structuredClone(converted.manifest);
  const xmlId = xmlValue(xml, /<Id>([^<]+)<\/Id>/, "<Id>");
  m.id = uuidV5(xmlId.toLowerCase(), ID_NAMESPACE);
  m.description.short = SHORT_DESCRIPTION.default;
  m.accentColor = ACCENT_COLOR;
  m.icons = { color: COLOR_ICON, outline: OUTLINE_ICON };
  if (!Array.isArray(m.extensions) || m.extensions.length !== 1) throw new Error("expected one extension in the converted manifest");
  const ext = m.extensions[0];
  const readActions = new Set();
  for (const ribbon of ext.ribbons ?? []) {
    if (!(ribbon.contexts ?? []).includes("mailRead")) continue;
    for (const tab of ribbon.tabs ?? []) for (const g of tab.groups ?? []) for (const c of g.controls ?? []) if (c.actionId) readActions.add(c.actionId);
  }
  const multiSelect = /<SupportsMultiSelect>\s*true\s*<\/SupportsMultiSelect>/.test(xml);
  const actionPaths = [];
  (ext.runtimes ?? []).forEach((rt, r) =>
    (rt.actions ?? []).forEach((a, i) => {
      a.displayName = ACTION_NAME.default;
      if (multiSelect && readActions.has(a.id)) a.multiselect = true;
      actionPaths.push(`extensions[0].runtimes[${r}].actions[${i}].displayName`);
    }),
  );
  // alternateIcons (what the admin center uses to generate an XML manifest for older clients) stay as the converter
  // wrote them: highResolutionIcon points at the 128 px file with size 64, because the schema's
  // extensionCommonIcon.size enum stops at 80 (16, 20, 24, 32, 40, 48, 64, 80 — schema/extension-common-icon).
  const alternates = (ext.alternates ?? []).filter((a) => !a.hide);
  alternates.push({ hide: { customOfficeAddin: { officeAddinId: xmlId } } });
  ext.alternates = alternates;

  const localizations = {};
  for (const [file, loc] of Object.entries(converted.localizations)) {
    const lang = file.replace(/\.json$/, "").toLowerCase();
    const l = { ...loc };
    if (SHORT_DESCRIPTION[lang]) l["description.short"] = SHORT_DESCRIPTION[lang];
    else delete l["description.short"];
    for (const p of actionPaths) {
      if (ACTION_NAME[lang]) l[p] = ACTION_NAME[lang];
      else delete l[p];
    }
    localizations[file] = l;
  }
  return { manifest: m, localizations };
}

/**
 * A draft-04 AJV validator for one of the published schemas, configured as @microsoft/app-manifest's own
 * `AppManifestUtils.validateAgainstSchema` does (allErrors, uri/email/regex formats) — that helper itself is not used
 * because the package's ESM-only dependency (strip-bom) cannot be required under jest. `unicodeRegExp: false`: the
 * localization schema's key patterns (`\[\b([0-9]|…)\b]`) are not valid with the `u` flag.
 */
function compileSchema(schema) {
  const from = { paths: [path.dirname(require.resolve("@microsoft/app-manifest/package.json"))] };
  const AjvDraft04 = require(require.resolve("ajv-draft-04", from));
  const addFormats = require(require.resolve("ajv-formats", from));
  const ajv = new (AjvDraft04.default ?? AjvDraft04)({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  (addFormats.default ?? addFormats)(ajv, ["uri", "email", "regex"]);
  const check = ajv.compile(schema);
  return (doc) => (check(doc) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ""}`));
}

/** Schema errors (empty when valid): the manifest against its $schema's version, each localization file likewise. */
async function validate(result) {
  const version = result.manifest.manifestVersion;
  const dir = path.join(SCHEMA_DIR, `v${version}`);
  if (!fs.existsSync(dir)) return [`no published schema for manifestVersion ${version}`];
  const errors = compileSchema(require(path.join(dir, "MicrosoftTeams.schema.json")))(result.manifest).map((e) => `manifest.json: ${e}`);
  const checkLoc = compileSchema(require(path.join(dir, "MicrosoftTeams.Localization.schema.json")));
  for (const [file, loc] of Object.entries(result.localizations)) for (const e of checkLoc(loc)) errors.push(`${file}: ${e}`);
  if (JSON.stringify(result).includes("<TRUNCATED>")) errors.push("a value was truncated by the converter (<TRUNCATED>)");
  return errors;
}

/** XML manifest → validated unified manifest files in outDir (+ an app package zip when zipPath is given). */
async function makeUnifiedManifest(xmlPath, outDir, zipPath) {
  const xml = fs.readFileSync(xmlPath, "utf8");
  const result = postProcess(await runConverter(xmlPath), xml);
  const errors = await validate(result);
  if (errors.length) throw new Error(`the unified manifest generated from ${xmlPath} is invalid:\n  ${errors.join("\n  ")}`);
  const { drawIcon, drawOutlineIcon } = require("./make-icons.js");
  const files = {
    "manifest.json": Buffer.from(JSON.stringify(result.manifest, null, 2) + "\n"),
    ...Object.fromEntries(Object.entries(result.localizations).map(([f, l]) => [f, Buffer.from(JSON.stringify(l, null, 2) + "\n")])),
    [COLOR_ICON]: drawIcon(192),
    [OUTLINE_ICON]: drawOutlineIcon(32),
  };
  fs.mkdirSync(outDir, { recursive: true });
  for (const [f, b] of Object.entries(files)) fs.writeFileSync(path.join(outDir, f), b);
  if (zipPath) {
    // The app package: manifest.json, the two icons and the localization files at the zip's root
    // (convert-xml-to-json-manifest.md "Package the new manifest and two icon image files into a zip file").
    const AdmZip = require("adm-zip");
    const zip = new AdmZip();
    for (const [f, b] of Object.entries(files)) zip.addFile(f, b);
    zip.writeZip(zipPath);
  }
  return { ...result, files: Object.keys(files) };
}

if (require.main === module) {
  const [xmlArg = path.join(ROOT, "manifest.xml"), outArg = path.join(ROOT, "dist-unified")] = process.argv.slice(2);
  const out = path.resolve(outArg);
  makeUnifiedManifest(path.resolve(xmlArg), out, path.join(out, "customer-follow-up.app.zip")).then(
    (r) => console.log(`wrote ${path.relative(process.cwd(), out) || "."}/: ${r.files.join(", ")}, customer-follow-up.app.zip (id ${r.manifest.id})`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}

module.exports = { makeUnifiedManifest, postProcess, validate, runConverter, uuidV5, SHORT_DESCRIPTION };
