/**
 * The emulator's responses checked against Graph's published v1.0 metadata (issue 12): the vendored CSDL subset
 * (test/csdl/graph-v1.0-subset.xml — msgraph-metadata clean_v10_metadata/cleanMetadata.xml @ 01d45f6e) gives the
 * property names and EDM types of EntityType contact (+ outlookItem, entity), contactFolder and message, and of
 * ComplexType physicalAddress and itemBody. Representative responses must use only declared properties, with
 * values of the declared type, and carry a well-formed @odata.context; the emulator's request-body schema
 * (emulator/validate.ts) must declare the same types as EntityType contact.
 */
import fs from "node:fs";
import path from "node:path";
import { createEmulator, Emulator } from "../emulator/index";
import { CONTACT, type Prop } from "../emulator/validate";

interface CsdlProp { name: string; type: string; nav: boolean }
interface CsdlType { name: string; base?: string; props: CsdlProp[] }

/** A small reader for the vendored subset (one element per line, attributes in double quotes). */
function readCsdl(file: string): Map<string, CsdlType> {
  const xml = fs.readFileSync(file, "utf8").replace(/<!--[\s\S]*?-->/g, "");
  const types = new Map<string, CsdlType>();
  const re = /<(EntityType|ComplexType)\b([^>]*)>([\s\S]*?)<\/\1>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attr = (s: string, n: string): string | undefined => new RegExp(`\\b${n}="([^"]*)"`).exec(s)?.[1];
    const props: CsdlProp[] = [];
    for (const p of m[3]!.matchAll(/<(Property|NavigationProperty)\b([^>]*)\/>/g)) {
      props.push({ name: attr(p[2]!, "Name")!, type: attr(p[2]!, "Type")!, nav: p[1] === "NavigationProperty" });
    }
    types.set(attr(m[2]!, "Name")!, { name: attr(m[2]!, "Name")!, base: attr(m[2]!, "BaseType")?.replace(/^graph\./, ""), props });
  }
  return types;
}
const CSDL = readCsdl(path.join(__dirname, "csdl", "graph-v1.0-subset.xml"));

/** Structural + navigation properties of a type including its bases (`entity` contributes `id`, Edm.String). */
function allProps(type: string): Map<string, CsdlProp> {
  const out = new Map<string, CsdlProp>();
  for (let t: string | undefined = type; t; t = CSDL.get(t)?.base) {
    if (t === "entity") { out.set("id", { name: "id", type: "Edm.String", nav: false }); break; }
    const def = CSDL.get(t);
    if (!def) throw new Error(`type ${t} is not in the vendored CSDL`);
    for (const p of def.props) if (!out.has(p.name)) out.set(p.name, p);
  }
  return out;
}

const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** Problems of one value against an EDM type name (`Edm.X`, `graph.t`, `Collection(…)`). */
function typeProblems(where: string, v: unknown, type: string): string[] {
  if (v === null) return []; // every property here is nullable (no Nullable="false" in the subset)
  const coll = /^Collection\((.+)\)$/.exec(type);
  if (coll) return Array.isArray(v) ? v.flatMap((x, i) => typeProblems(`${where}[${i}]`, x, coll[1]!)) : [`${where}: expected ${type}, got ${JSON.stringify(v)}`];
  switch (type) {
    case "Edm.String": return typeof v === "string" ? [] : [`${where}: expected Edm.String, got ${JSON.stringify(v)}`];
    case "Edm.Boolean": return typeof v === "boolean" ? [] : [`${where}: expected Edm.Boolean, got ${JSON.stringify(v)}`];
    case "Edm.DateTimeOffset": return typeof v === "string" && ISO_OFFSET.test(v) ? [] : [`${where}: expected Edm.DateTimeOffset, got ${JSON.stringify(v)}`];
    case "Edm.Binary": return typeof v === "string" && /^[A-Za-z0-9+/_-]*=*$/.test(v) ? [] : [`${where}: expected Edm.Binary (base64), got ${JSON.stringify(v)}`];
  }
  const name = type.replace(/^graph\./, "");
  const def = CSDL.get(name);
  // A type not vendored is an enum (a string member) or a complex type (an object) — recipient, emailAddress,
  // importance, bodyType…: its inner shape is not checked here.
  if (!def) return typeof v === "string" || (typeof v === "object" && !Array.isArray(v)) ? [] : [`${where}: expected ${type}, got ${JSON.stringify(v)}`];
  if (typeof v !== "object" || Array.isArray(v)) return [`${where}: expected ${type} object, got ${JSON.stringify(v)}`];
  const props = new Map(def.props.map((p) => [p.name, p]));
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) =>
    props.has(k) ? typeProblems(`${where}.${k}`, x, props.get(k)!.type) : [`${where}.${k}: not a property of ${type}`]);
}

/** Problems of a whole entity: unknown names, wrong types, navigation properties that were not expanded. */
function entityProblems(type: string, doc: Record<string, unknown>, expanded: string[] = []): string[] {
  const props = allProps(type);
  return Object.entries(doc).flatMap(([k, v]) => {
    if (k.startsWith("@odata.") || k.endsWith("@odata.context")) return [];
    const p = props.get(k);
    if (!p) return [`${type}.${k}: not declared in the CSDL`];
    if (p.nav) return expanded.includes(k) && Array.isArray(v) ? [] : [`${type}.${k}: navigation property present without $expand`];
    return typeProblems(`${type}.${k}`, v, p.type);
  });
}

const ZW = "zhang.wei@contoso.com";
const ORIGIN = "https://csdl.test";
let em: Emulator;
beforeAll(() => { em = createEmulator({ now: new Date("2026-03-10T08:00:00Z") }); });
afterAll(() => em.close());
async function get(p: string, method = "GET", body?: unknown): Promise<Record<string, unknown> & { value?: Record<string, unknown>[] }> {
  const r = await em.handler(new Request(`${ORIGIN}/v1.0${p}`, { method, headers: { Authorization: `Bearer dev:${ZW}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }));
  return (await r.json()) as Record<string, unknown> & { value?: Record<string, unknown>[] };
}
const CONTEXT = new RegExp(`^${ORIGIN.replace(/[.]/g, "\\.")}/v1\\.0/\\$metadata#users\\('[^']+'\\)/[A-Za-z]+(\\('[^']*'\\)/[A-Za-z]+)*(\\([A-Za-z,]+\\))?(/\\$entity)?$`);

describe("responses against the v1.0 CSDL (EntityType contact, contactFolder, message)", () => {
  test("contacts (list, item, created, expanded): only declared properties, declared EDM types, every CSDL property present", async () => {
    const list = await get("/me/contacts?$top=50");
    expect(list["@odata.context"]).toMatch(CONTEXT);
    const problems = list.value!.flatMap((c) => entityProblems("contact", c));
    expect(problems).toEqual([]);
    // A full GET returns every structural property of the type (Graph returns all when there is no $select).
    const structural = [...allProps("contact").values()].filter((p) => !p.nav).map((p) => p.name).sort();
    expect(Object.keys(list.value![0]!).filter((k) => !k.startsWith("@odata.")).sort()).toEqual(structural);
    const made = await get("/me/contacts", "POST", { givenName: "Csdl", birthday: "1990-05-01T00:00:00Z", homeAddress: { city: "Berlin" }, emailAddresses: [{ address: "c@example.com", name: "C" }] });
    expect(made["@odata.context"]).toMatch(CONTEXT);
    expect(made["@odata.context"]).toMatch(/\/contacts\/\$entity$/);
    expect(entityProblems("contact", made)).toEqual([]);
    const id = String(made.id);
    const P = "String {00020329-0000-0000-c000-000000000046} Name CustomerTier";
    await get(`/me/contacts/${id}`, "PATCH", { singleValueExtendedProperties: [{ id: P, value: "key" }] });
    const expanded = await get(`/me/contacts/${id}?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${P}')`)}`);
    expect(entityProblems("contact", expanded, ["singleValueExtendedProperties"])).toEqual([]);
    expect(expanded["singleValueExtendedProperties@odata.context"]).toMatch(/\/contacts\('[^']+'\)\/singleValueExtendedProperties$/);
    const selected = await get(`/me/contacts/${id}?$select=displayName,birthday`);
    expect(selected["@odata.context"]).toMatch(/\/contacts\(displayName,birthday\)\/\$entity$/);
    expect(entityProblems("contact", selected)).toEqual([]);
  });

  test("contact folders and messages", async () => {
    const folder = await get("/me/contactFolders", "POST", { displayName: "Csdl folder" });
    expect(folder["@odata.context"]).toMatch(CONTEXT);
    expect(entityProblems("contactFolder", folder)).toEqual([]);
    const folders = await get("/me/contactFolders");
    expect(folders["@odata.context"]).toMatch(CONTEXT);
    expect(folders.value!.flatMap((f) => entityProblems("contactFolder", f))).toEqual([]);
    const msgs = await get("/me/messages?$top=20");
    expect(msgs["@odata.context"]).toMatch(CONTEXT);
    expect(msgs.value!.flatMap((m) => entityProblems("message", m))).toEqual([]);
    const one = await get(`/me/messages/${String(msgs.value![0]!.id)}`);
    expect(one["@odata.context"]).toMatch(/\/messages\/\$entity$/);
    expect(entityProblems("message", one)).toEqual([]);
  });

  test("a response that breaks the metadata is caught (the checker itself can fail)", () => {
    expect(entityProblems("contact", { id: "x", birthday: "not a date", nope: 1, emailAddresses: "a@b" })).toEqual([
      "contact.birthday: expected Edm.DateTimeOffset, got \"not a date\"",
      "contact.nope: not declared in the CSDL",
      "contact.emailAddresses: expected Collection(graph.emailAddress), got \"a@b\"",
    ]);
  });
});

describe("the emulator's request-body schema (emulator/validate.ts) matches EntityType contact", () => {
  const edmName = (p: Prop): string => {
    const t = p.type;
    const base = typeof t === "string" ? t : "enum" in t ? `graph.${t.enum}` : `graph.${t.complex}`;
    return p.collection ? `Collection(${base})` : base;
  };
  test("same property names and the same EDM type for each", () => {
    const csdl = Object.fromEntries([...allProps("contact").values()].filter((p) => !p.nav).map((p) => [p.name, p.type]));
    const ours = Object.fromEntries(Object.entries(CONTACT.props).map(([k, p]) => [k, edmName(p)]));
    expect(ours).toEqual(csdl);
  });
});
