/**
 * URL path normalization in one place (issue 12): every handler sees canonical segments, so the forms Graph
 * accepts all reach the same code.
 *  - Navigation names match case-insensitively (`/me/Contacts`, `/me/contactfolders/…`): Graph's OData layer
 *    resolves segments case-insensitively, and its own docs write both spellings (api/contactfolder-get.md
 *    `GET /me/contactfolders/{id}`; api/user-list-contactfolders.md `GET /me/contactFolders`). Keys (ids, UPNs)
 *    are kept exactly as sent: Outlook ids are case-sensitive (concepts/outlook-immutable-id.md).
 *  - Key-as-segment and key-in-parentheses are the same address (OData v4.01 URL conventions §4.3.1 "Canonical
 *    URL" and §4.3.6 "Key-as-Segment Convention"): `/me/contacts('{id}')` = `/me/contacts/{id}` (the emulator's
 *    own `Location` header uses the parentheses form, api/user-post-contacts.md response example).
 *  - Functions may be called with parentheses, bare, or namespace-qualified: `/contacts/delta()` (the form the
 *    Kiota SDKs emit, msgraph-sdk-typescript `DeltaRequestBuilderUriTemplate`), `/contacts/delta`
 *    (api/contact-delta.md), `/contacts/microsoft.graph.delta()`.
 *  - A malformed percent-escape is a 400, never a 500.
 */
import { GraphError } from "./errors";

/** Canonical spellings of every navigation/function segment the emulator knows (any case accepted). */
const CANONICAL = [
  "me", "users", "contacts", "contactFolders", "childFolders", "delta", "messages", "outlook", "masterCategories",
  "todo", "lists", "tasks", "linkedResources", "singleValueExtendedProperties", "multiValueExtendedProperties",
  "extensions", "photo", "manager", "sendMail", "events", "calendar", "$batch", "$metadata", "$count", "$value", "$ref",
];
const BY_LOWER = new Map(CANONICAL.map((s) => [s.toLowerCase(), s]));
/** Collections whose next segment is a key (an id, a UPN or a well-known name). */
const KEYED = new Set(["users", "contacts", "contactFolders", "childFolders", "messages", "masterCategories", "lists", "tasks", "linkedResources", "events"]);
/** Segments that are functions (`name()` or bare). */
const FUNCTIONS = new Set(["delta"]);

export interface Seg { name: string; key: boolean }

export function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A lone or malformed %-escape (RFC 3986 §2.1): Graph answers 400, not a server error.
    throw new GraphError(400, "BadRequest", "Bad Request - Invalid URL: the path contains an invalid percent-encoded sequence.");
  }
}

function syntax(seg: string): GraphError {
  return new GraphError(400, "BadRequest", `Bad Request - Error in query syntax: the segment '${seg}' is not a valid key or function call.`);
}

/** `/v1.0/…` (or a $batch-relative path already prefixed) → canonical segments after the version. */
export function parsePathSegs(pathname: string): Seg[] {
  const raw = pathname.split("/").slice(2);
  if (raw.length && raw[raw.length - 1] === "") raw.pop();
  const out: Seg[] = [];
  for (const r of raw) {
    const s = decodeSegment(r);
    const prev = out[out.length - 1];
    const keyPosition = !!prev && !prev.key && KEYED.has(prev.name);
    const paren = /^([A-Za-z_$][\w.$]*)\((.*)\)$/s.exec(s);
    if (paren) {
      const name = canon(paren[1]!.replace(/^microsoft\.graph\./i, ""));
      const arg = paren[2]!;
      if (arg === "") {
        // `delta()`: a function call without parameters.
        if (!FUNCTIONS.has(name)) throw syntax(s);
        out.push({ name, key: false });
        continue;
      }
      // `contacts('{id}')`: key in parentheses, a string literal with doubled quotes (OData ABNF `string`).
      const lit = /^'((?:[^']|'')*)'$/s.exec(arg);
      if (!lit || !KEYED.has(name)) throw syntax(s);
      out.push({ name, key: false }, { name: lit[1]!.replace(/''/g, "'"), key: true });
      continue;
    }
    if (keyPosition) {
      // A key: kept as sent, except the function segment right after a collection (`contacts/delta`).
      const fn = canon(s.replace(/^microsoft\.graph\./i, ""));
      if (FUNCTIONS.has(fn)) out.push({ name: fn, key: false });
      else out.push({ name: s, key: true });
      continue;
    }
    out.push({ name: canon(s.replace(/^microsoft\.graph\./i, "")), key: false });
  }
  return out;
}

export function parsePath(pathname: string): string[] {
  return parsePathSegs(pathname).map((s) => s.name);
}

function canon(s: string): string {
  return BY_LOWER.get(s.toLowerCase()) ?? s;
}

/**
 * The OData context URL for a response (OData v4.01 JSON format §10 "Context URL"; Graph's responses carry it on
 * entities and collections, e.g. api/contact-get.md `$metadata#users('…')/contacts/$entity`). Keys are written in
 * parentheses; `/me` becomes `users('{upn}')`; a single entity ends with `/$entity`; `$select` adds the selected
 * properties in parentheses (api/user-list-messages.md example 2: `…/messages(sender,subject)`).
 */
export function contextUrl(origin: string, segs: Seg[], upn: string, opts: { entity: boolean; select?: string[] | null }): string {
  const parts: string[] = [];
  const list = [...segs];
  if (list[0]?.name === "me") list.splice(0, 1, { name: "users", key: false }, { name: upn, key: true });
  let entity = opts.entity;
  // An item address drops its own key: /contacts/{id} → …/contacts/$entity.
  if (entity && list.length && list[list.length - 1]!.key) list.pop();
  for (const s of list) {
    if (s.key) parts[parts.length - 1] += `('${encodeURIComponent(s.name.replace(/'/g, "''"))}')`;
    else parts.push(s.name);
  }
  if (list.length === 1 && list[0]!.name === "users" && !opts.entity) entity = false;
  let path = parts.join("/");
  if (opts.select && opts.select.length) path += `(${opts.select.join(",")})`;
  return `${origin}/v1.0/$metadata#${path}${entity ? "/$entity" : ""}`;
}
