/**
 * The resource handlers: a synchronous dispatcher over the SQLite store. Auth, faults, concurrency and $batch are
 * in index.ts. Each rule cites the Graph doc page (graph-docs = microsoftgraph/microsoft-graph-docs-contrib).
 */
import { GraphError, accessDenied, badRequest, notFound, notImplemented } from "./errors";
import { readPropsFromBody, parsePropId } from "./extprops";
import {
  Compiled, checkOrderByWithFilter, compileContactFilter, compileMessageFilter, compileTaskFilter, expandIds, invalidNodes,
} from "./filters";
import { parseExpand, parseOrderBy, parseSelect, tooDeep, OrderBy } from "./odata";
import { Seg, contextUrl, parsePathSegs } from "./paths";
import { checkQueryOptions } from "./query";
import {
  BODY_TYPE, CONTACT, CONTACT_FOLDER, IMPORTANCE, LINKED_RESOURCE, MESSAGE_TO_SEND, OUTLOOK_CATEGORY, TASK_STATUS, TODO_TASK, TODO_TASK_LIST, checkObject, enumValue,
} from "./validate";
import { ContactRow, Doc, FolderRow, Store, changeKey, propsInFolder } from "./store";
import { Events } from "./events";

export interface Ctx {
  method: string;
  url: URL; // absolute, path starting with /v1.0
  headers: Headers;
  body: unknown;
  caller: Doc; // the signed-in user
  origin: string;
}
export interface Resp { status: number; body?: unknown; headers?: Record<string, string> }

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Resp => ({ status, body, headers });

export const CONTACT_PROPS = [
  "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "parentFolderId", "birthday", "fileAs",
  "displayName", "givenName", "initials", "middleName", "nickName", "surname", "title", "yomiGivenName", "yomiSurname",
  "yomiCompanyName", "generation", "imAddresses", "jobTitle", "companyName", "department", "officeLocation", "profession",
  "businessHomePage", "assistantName", "manager", "homePhones", "mobilePhone", "businessPhones", "spouseName",
  "personalNotes", "children", "emailAddresses", "homeAddress", "businessAddress", "otherAddress",
];
const CONTACT_READONLY = new Set(["id", "createdDateTime", "lastModifiedDateTime", "changeKey", "parentFolderId"]);
const CONTACT_ARRAYS = new Set(["categories", "imAddresses", "homePhones", "businessPhones", "children", "emailAddresses"]);
const ADDRESS_PROPS = new Set(["homeAddress", "businessAddress", "otherAddress"]);
const PHYSICAL_ADDRESS_PROPS = new Set(["street", "city", "state", "postalCode", "countryOrRegion"]);

export function blankContact(): Doc {
  const d: Doc = {};
  for (const p of CONTACT_PROPS) d[p] = CONTACT_ARRAYS.has(p) ? [] : ADDRESS_PROPS.has(p) ? {} : null;
  return d;
}

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export class Graph {
  /** Calendar events live in their own module (events.ts); route() hands `/events` and `/calendar/events` to it. */
  readonly events: Events;
  constructor(readonly store: Store, readonly now: () => Date) {
    this.events = new Events(store, now);
  }

  // ------------------------------------------------------------------ routing
  /** Set when the handler has checked the request's query options (query.ts); see dispatch. */
  private optionsChecked = false;

  dispatch(ctx: Ctx): Resp {
    // Canonical segments (case-insensitive names, keys in parentheses, `delta()`): paths.ts.
    const parsed = parsePathSegs(ctx.url.pathname);
    this.optionsChecked = false;
    let r: Resp;
    try {
      r = this.route(ctx, parsed);
    } catch (e) {
      // A query whose shape overflows the evaluator (e.g. a 5,000-term `or` chain) is the query's fault: 400 like
      // ODataLib's recursion limit (odata.ts MAX_FILTER_DEPTH), never a 500.
      if (e instanceof RangeError && /call stack/i.test(e.message)) throw tooDeep();
      throw e;
    }
    // Safety net: a GET whose handler never looked at its query options must not ignore them (query.ts).
    if (ctx.method === "GET" && !this.optionsChecked) checkQueryOptions(ctx.url, []);
    return this.withContext(ctx, parsed, r);
  }

  /**
   * Every entity and collection response carries `@odata.context` (OData JSON format §10; the docs' response
   * examples, e.g. api/contact-get.md, api/todotasklist-get.md, api/linkedresource-get.md).
   */
  private withContext(ctx: Ctx, parsed: Seg[], r: Resp): Resp {
    const b = r.body as Doc | undefined;
    if (r.status >= 300 || !b || typeof b !== "object" || Array.isArray(b) || "@odata.context" in b) return r;
    const entity = !Array.isArray(b.value);
    const select = ctx.method === "GET" ? parseSelect(ctx.url.searchParams.get("$select")) : null;
    const url = contextUrl(ctx.origin, parsed, String(ctx.caller.userPrincipalName), { entity, select });
    return { ...r, body: { "@odata.context": url, ...b } };
  }

  private route(ctx: Ctx, parsed: Seg[]): Resp {
    const segs = parsed.map((s) => s.name);
    const m = ctx.method;
    if (segs.length === 0) throw notImplemented("the service root");
    if (segs[0] === "users" && segs.length === 1) {
      if (m !== "GET") throw methodNotAllowed();
      return this.listUsers(ctx);
    }
    let target: Doc;
    let rest: string[];
    if (segs[0] === "me") { target = ctx.caller; rest = segs.slice(1); }
    else if (segs[0] === "users" && segs[1]) {
      const u = this.store.user(segs[1]);
      if (!u) {
        if (segs.length === 2) throw new GraphError(404, "Request_ResourceNotFound", `Resource '${segs[1]}' does not exist or one of its queried reference-property objects are not present.`);
        // Exchange's answer for a mailbox that does not exist.
        throw new GraphError(404, "ErrorInvalidUser", `The requested user '${segs[1]}' is invalid.`);
      }
      target = u; rest = segs.slice(2);
    } else throw notImplemented(`the resource '/${segs.join("/")}'`);
    const upn = String(target.userPrincipalName);
    const self = upn.toLowerCase() === String(ctx.caller.userPrincipalName).toLowerCase();
    if (rest.length === 0) {
      if (m !== "GET") throw methodNotAllowed();
      // user-get.md supports $select and $expand; $expand (manager, memberOf, …) is outside the subset → 501.
      this.rejectUnknownParams(ctx, ["$select"]);
      return json(200, this.selectPlain(this.userOut(target), ctx, USER_PROPS, "user"));
    }
    const [r0, r1, r2, r3, r4, r5] = rest;
    switch (r0) {
      case "contacts": {
        const folder = this.store.defaultFolder(upn);
        if (!folder) throw notFound();
        if (rest.length === 1) return this.contactsCollection(ctx, upn, folder, self);
        if (rest.length === 2) return this.contactItem(ctx, upn, r1!, self, undefined);
        if (rest[2] === "extensions" || rest[2] === "photo") throw notImplemented(`contact ${rest[2]}`);
        if (rest[2] === "singleValueExtendedProperties" || rest[2] === "multiValueExtendedProperties") {
          throw notImplemented(`extended properties as a path segment; use $expand=${rest[2]}($filter=id eq '…') (singlevaluelegacyextendedproperty-get.md)`);
        }
        break;
      }
      case "contactFolders": {
        if (rest.length === 1) return this.folderCollection(ctx, upn, null, self);
        let folder = this.folderOf(r1!, upn);
        let i = 2;
        // /contactFolders/{id}/childFolders/{id}/... (contactfolder-list-childfolders.md)
        while (rest[i] === "childFolders" && rest[i + 1]) {
          const child = this.folderOf(rest[i + 1]!, upn);
          if (child.parent !== folder.id) throw notFound();
          folder = child;
          i += 2;
        }
        const tail = rest.slice(i);
        if (tail.length === 0) return this.folderItem(ctx, upn, folder, self);
        if (tail[0] === "childFolders" && tail.length === 1) return this.folderCollection(ctx, upn, folder, self);
        if (tail[0] === "contacts") {
          if (tail.length === 1) return this.contactsCollection(ctx, upn, folder, self);
          if (tail[1] === "delta" && tail.length === 2) return this.delta(ctx, upn, folder, self);
          if (tail.length === 2) return this.contactItem(ctx, upn, tail[1]!, self, folder);
        }
        break;
      }
      case "messages":
        if (!self) throw accessDenied();
        if (rest.length === 1) return this.messages(ctx, upn);
        if (rest.length === 2) return this.message(ctx, upn, r1!);
        break;
      case "sendMail":
        // Sending as someone else needs Send As / Send on Behalf rights the emulator does not model (user-sendmail.md).
        if (!self) throw accessDenied();
        if (rest.length === 1) return this.sendMail(ctx, upn);
        break;
      case "outlook":
        if (!self) throw accessDenied();
        if (r1 === "masterCategories") return this.categories(ctx, upn, r2);
        break;
      case "todo":
        if (!self) throw accessDenied();
        if (r1 === "lists") return this.todo(ctx, upn, r2, r3, r4, r5, rest.slice(6));
        break;
      case "events":
      case "calendar":
        return this.events.route(ctx, upn, self, rest, (allowed) => this.rejectUnknownParams(ctx, allowed));
    }
    throw notImplemented(`'${ctx.method} /${segs.join("/")}'`);
  }

  userOut(u: Doc): Doc {
    const { id, displayName, givenName, surname, userPrincipalName, mail, jobTitle, preferredLanguage, businessPhones, mobilePhone, officeLocation } = u;
    return { businessPhones: businessPhones ?? [], displayName, givenName, jobTitle: jobTitle ?? null, mail, mobilePhone: mobilePhone ?? null, officeLocation: officeLocation ?? null, preferredLanguage: preferredLanguage ?? null, surname, userPrincipalName, id };
  }

  /** `$select` over a plain entity: unknown names → 400 (never a made-up `null`), `id` always kept. */
  private selectPlain(d: Doc, ctx: Ctx, allowed: readonly string[], type: string): Doc {
    const sel = parseSelect(ctx.url.searchParams.get("$select"));
    if (!sel) return d;
    this.checkSelect(sel, [...allowed], type);
    if (sel.includes("*")) return d;
    const out: Doc = {};
    for (const k of Object.keys(d)) if (k.startsWith("@odata.")) out[k] = d[k];
    out.id = d.id;
    for (const s of sel) out[s] = d[s] ?? null;
    for (const k of Object.keys(d)) if (k.includes("ExtendedProperties")) out[k] = d[k];
    return out;
  }

  /**
   * GET /users (user-list.md): `$select`, `$top` (1–999) and `$skiptoken` paging (the directory pages with
   * $skiptoken, not $skip). `$filter`, `$count`, `$search`, `$orderby` are outside the subset → 501.
   */
  private listUsers(ctx: Ctx): Resp {
    this.rejectUnknownParams(ctx, ["$select", "$top", "$skiptoken"]);
    const q = ctx.url.searchParams;
    this.checkSelect(parseSelect(q.get("$select")), USER_PROPS, "user");
    const t = q.get("$top");
    if (t !== null && (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 999)) {
      throw badRequest(`Invalid page size specified: '${t}'. Must be between 1 and 999 inclusive.`, "Request_UnsupportedQuery");
    }
    const top = t === null ? 100 : Number(t);
    let offset = 0;
    const tok = q.get("$skiptoken");
    if (tok !== null) {
      const m = /^u(\d+)$/.exec(tok);
      if (!m) throw badRequest("Invalid paging token.", "Directory_ExpiredPageToken");
      offset = Number(m[1]);
    }
    const all = this.store.users().map((u) => this.selectPlain(this.userOut(u), ctx, USER_PROPS, "user"));
    const out: Doc = { value: all.slice(offset, offset + top) };
    if (offset + top < all.length) {
      const u = new URL(ctx.url.toString());
      u.searchParams.set("$skiptoken", `u${offset + top}`);
      out["@odata.nextLink"] = `${ctx.origin}${u.pathname}?${[...u.searchParams.entries()].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
    }
    return json(200, out);
  }

  // ------------------------------------------------------------------ access (concepts/outlook-get-shared-contacts-folders.md)
  private folderOf(id: string, upn: string): FolderRow {
    // /contactFolders/contacts is the well-known name of the default folder (CODE in several clients; see graph-reference §1).
    const f = id.toLowerCase() === "contacts" ? this.store.defaultFolder(upn) : this.store.folder(id);
    if (!f || f.owner !== upn) throw notFound();
    return f;
  }
  /** Another user's folder is readable when shared with the caller (S4); writes need a write share. */
  private checkAccess(ctx: Ctx, folder: FolderRow, self: boolean, write: boolean): void {
    if (self) return;
    const role = this.store.shareRole(folder.id, String(ctx.caller.userPrincipalName));
    if (!role) throw accessDenied();
    if (write && role !== "write") throw accessDenied();
  }

  // ------------------------------------------------------------------ contact folders (resources/contactfolder.md)
  private folderOut(f: FolderRow, ctx: Ctx): Doc {
    const d: Doc = { id: f.id, displayName: f.displayName, parentFolderId: f.parent ?? `${f.id}-root` };
    return this.withExpand(d, f.id, ctx, this.expandBase(ctx, f.owner, "contactFolders"));
  }
  private folderCollection(ctx: Ctx, upn: string, parent: FolderRow | null, self: boolean): Resp {
    if (!self) throw accessDenied();
    // GET /me/contactFolders lists the folders under the default Contacts folder (user-list-contactfolders.md).
    const p = parent ?? this.store.defaultFolder(upn);
    if (!p) throw notFound();
    if (ctx.method === "GET") {
      this.rejectUnknownParams(ctx, ["$select", "$top", "$skip", "$expand", "$filter"]);
      this.checkSelect(parseSelect(ctx.url.searchParams.get("$select")), FOLDER_PROPS, "contactFolder");
      if (ctx.url.searchParams.has("$filter")) throw notImplemented("$filter on contactFolders");
      const all = this.store.childFolders(upn, p.id).map((f) => this.selectPlain(this.folderOut(f, ctx), ctx, FOLDER_PROPS, "contactFolder"));
      return this.page(ctx, all, 10);
    }
    if (ctx.method === "POST") {
      const b = this.bodyObject(ctx);
      checkObject(b, CONTACT_FOLDER, EXT_NAVS);
      const name = b.displayName;
      if (typeof name !== "string" || !name.trim()) throw badRequest("The displayName property is required.", "ErrorInvalidRequest");
      for (const k of Object.keys(b)) if (!["displayName", "parentFolderId", "singleValueExtendedProperties", "multiValueExtendedProperties"].includes(k) && !k.startsWith("@odata")) throw unknownProperty(k, "contactFolder");
      if (this.store.childFolders(upn, p.id).some((f) => f.displayName.toLowerCase() === name.toLowerCase())) {
        throw new GraphError(409, "ErrorFolderExists", "A folder with the specified name already exists.");
      }
      const props = readPropsFromBody(b);
      const f = this.store.tx(() => {
        const f = this.store.insertFolder(upn, p.id, name, false);
        for (const x of props) this.store.setProp(f.id, x.id, x.single, x.value);
        return f;
      });
      return json(201, this.folderOut(f, { ...ctx, url: new URL(ctx.url.origin + ctx.url.pathname) }));
    }
    throw methodNotAllowed();
  }
  private folderItem(ctx: Ctx, upn: string, f: FolderRow, self: boolean): Resp {
    if (ctx.method === "GET") {
      this.checkAccess(ctx, f, self, false);
      this.rejectUnknownParams(ctx, ["$select", "$expand"]);
      return json(200, this.selectPlain(this.folderOut(f, ctx), ctx, FOLDER_PROPS, "contactFolder"));
    }
    if (ctx.method === "PATCH") {
      this.checkAccess(ctx, f, self, true);
      const b = this.bodyObject(ctx);
      checkObject(b, CONTACT_FOLDER, EXT_NAVS);
      for (const k of Object.keys(b)) if (!["displayName", "singleValueExtendedProperties", "multiValueExtendedProperties"].includes(k) && !k.startsWith("@odata")) throw unknownProperty(k, "contactFolder");
      const props = readPropsFromBody(b);
      this.store.tx(() => {
        if (typeof b.displayName === "string") {
          if (f.isDefault) throw accessDenied();
          this.store.renameFolder(f.id, b.displayName);
        }
        for (const x of props) this.store.setProp(f.id, x.id, x.single, x.value);
      });
      // Extended properties are not echoed in the PATCH response (singlevaluelegacyextendedproperty-post-singlevalueextendedproperties.md).
      return json(200, this.folderOut(this.store.folder(f.id)!, { ...ctx, url: new URL(ctx.url.origin + ctx.url.pathname) }));
    }
    if (ctx.method === "DELETE") {
      // contactfolder-delete.md: DELETE /me/contactFolders/{id} → 204 No Content (the default folder cannot be deleted).
      this.checkAccess(ctx, f, self, true);
      if (f.isDefault) throw accessDenied();
      this.store.tx(() => this.store.deleteFolder(f.id));
      return { status: 204 };
    }
    throw methodNotAllowed();
  }

  // ------------------------------------------------------------------ contacts (resources/contact.md)
  contactOut(row: ContactRow): Doc {
    return { "@odata.etag": `W/"${String(row.doc.changeKey)}"`, ...row.doc };
  }

  private selectContact(d: Doc, sel: string[] | null): Doc {
    if (!sel) return d;
    const out: Doc = { "@odata.etag": d["@odata.etag"], id: d.id };
    for (const s of sel) out[s] = d[s];
    // $expand results (and their context annotations) are kept next to the $select-ed properties.
    for (const k of Object.keys(d)) if (k.includes("ExtendedProperties")) out[k] = d[k];
    return out;
  }

  private checkSelect(sel: string[] | null, allowed: string[], type: string): void {
    if (!sel) return;
    for (const s of sel) {
      if (s === "*") continue;
      if (!allowed.includes(s)) {
        if (/ExtendedProperties$/.test(s)) throw badRequest(`'${s}' is a navigation property and cannot be used in $select; use $expand=${s}($filter=id eq '…') (singlevaluelegacyextendedproperty-get.md).`);
        throw badRequest(`Could not find a property named '${s}' on type 'microsoft.graph.${type}'.`);
      }
    }
  }

  /** `$expand` of extended properties, only with `($filter=id eq …)` (S5, S6, S8). */
  private expandSpec(ctx: Ctx): { single: string[]; multi: string[] } | null {
    const raw = ctx.url.searchParams.get("$expand");
    if (raw === null) return null;
    const spec = { single: [] as string[], multi: [] as string[] };
    for (const it of parseExpand(raw)) {
      const nav = it.nav.toLowerCase() === "singlevalueextendedproperties" ? "singleValueExtendedProperties"
        : it.nav.toLowerCase() === "multivalueextendedproperties" ? "multiValueExtendedProperties" : null;
      if (!nav) throw notImplemented(`$expand=${it.nav}`);
      if (it.filter === undefined) {
        // "You cannot use the REST API to get all the extended properties of a specific instance in one call" (S5).
        throw badRequest(`$expand=${it.nav} requires a $filter naming the property ids, e.g. ${it.nav}($filter=id eq '{type} {guid} Name {name}'); Graph cannot return all extended properties of an item (extended-properties-overview.md).`, "ErrorInvalidRequest");
      }
      (nav === "singleValueExtendedProperties" ? spec.single : spec.multi).push(...expandIds(it.filter, nav));
    }
    return spec;
  }

  private withExpand(d: Doc, id: string, ctx: Ctx, base: string): Doc {
    const spec = this.expandSpec(ctx);
    if (!spec) return d;
    return this.applyExpand([d], [id], spec, base)[0]!;
  }

  /** Context base of an expanded navigation: `…$metadata#users('{upn}')/contacts` (see applyExpand). */
  private expandBase(ctx: Ctx, owner: string, nav: string): string {
    return `${ctx.origin}/v1.0/$metadata#users('${encodeURIComponent(owner)}')/${nav}`;
  }

  /**
   * Expanded collections carry `<nav>@odata.context` before the array, e.g.
   * `"multiValueExtendedProperties@odata.context": "…$metadata#Me/events('AAMk…%3D')/multiValueExtendedProperties"`
   * (api/multivaluelegacyextendedproperty-get.md response example).
   */
  private applyExpand(docs: Doc[], ids: string[], spec: { single: string[]; multi: string[] } | null, base: string): Doc[] {
    if (!spec) return docs;
    const all = [...spec.single, ...spec.multi];
    const props = this.store.props(ids, all);
    return docs.map((d, i) => {
      const p = props.get(ids[i]!);
      const out = d; // callers pass fresh copies (contactOut/folderOut)
      if (spec.single.length) {
        const v = spec.single.filter((pid) => p?.get(pid)?.single).map((pid) => ({ id: pid, value: p!.get(pid)!.value }));
        if (v.length) {
          out["singleValueExtendedProperties@odata.context"] = `${base}('${encodeURIComponent(ids[i]!)}')/singleValueExtendedProperties`;
          out.singleValueExtendedProperties = v;
        }
      }
      if (spec.multi.length) {
        const v = spec.multi.filter((pid) => p?.get(pid) && !p.get(pid)!.single).map((pid) => ({ id: pid, value: p!.get(pid)!.value }));
        if (v.length) {
          out["multiValueExtendedProperties@odata.context"] = `${base}('${encodeURIComponent(ids[i]!)}')/multiValueExtendedProperties`;
          out.multiValueExtendedProperties = v;
        }
      }
      return out;
    });
  }

  private contactsCollection(ctx: Ctx, upn: string, folder: FolderRow, self: boolean): Resp {
    if (ctx.method === "GET") {
      this.checkAccess(ctx, folder, self, false);
      return this.listContacts(ctx, folder);
    }
    if (ctx.method === "POST") {
      this.checkAccess(ctx, folder, self, true);
      return this.createContact(ctx, upn, folder);
    }
    throw methodNotAllowed();
  }

  private listContacts(ctx: Ctx, folder: FolderRow): Resp {
    const q = ctx.url.searchParams;
    this.rejectUnknownParams(ctx, ["$select", "$top", "$skip", "$filter", "$orderby", "$expand"]);
    const sel = parseSelect(q.get("$select"));
    this.checkSelect(sel, CONTACT_PROPS, "contact");
    const top = this.top(ctx, 10);
    const skip = this.skip(ctx);
    const spec = this.expandSpec(ctx);
    const filter = q.get("$filter");
    const orderRaw = q.get("$orderby");
    const order = orderRaw ? parseOrderBy(orderRaw) : null;
    let rows: ContactRow[];
    let total: number;
    if (!filter && !order) {
      rows = this.store.folderPage(folder.id, top, skip);
      total = this.store.folderCount(folder.id);
    } else {
      let all = this.store.folderContactsLazy(folder.id);
      if (filter) {
        const c: Compiled = compileContactFilter(filter);
        if (order) checkOrderByWithFilter(filter, order);
        const props = propsInFolder(this.store, folder.id, c.pids);
        all = all.filter((r) => c.pred(r, props.get(r.id)));
      }
      if (order) all = sortDocs(all, order, (r) => r.doc, CONTACT_PROPS);
      total = all.length;
      rows = all.slice(skip, skip + top);
    }
    const docs = this.applyExpand(rows.map((r) => this.contactOut(r)), rows.map((r) => r.id), spec, this.expandBase(ctx, folder.owner, "contacts")).map((d) => this.selectContact(d, sel));
    const out: Doc = { value: docs };
    if (skip + top < total) out["@odata.nextLink"] = this.nextLink(ctx, skip + top);
    return json(200, out);
  }

  private createContact(ctx: Ctx, upn: string, folder: FolderRow): Resp {
    const b = this.bodyObject(ctx);
    const doc = blankContact();
    this.applyContactBody(doc, b, true);
    const props = readPropsFromBody(b);
    const now = iso(this.now());
    const id = this.store.newId("contact");
    Object.assign(doc, { id, createdDateTime: now, lastModifiedDateTime: now, changeKey: changeKey(), parentFolderId: folder.id });
    const row: ContactRow = { id, owner: upn, folder: folder.id, seq: 0, doc };
    this.store.tx(() => {
      this.store.insertContact(upn, folder.id, id, doc);
      for (const p of props) this.store.setProp(id, p.id, p.single, p.value);
    });
    // 201 with the contact, without the extended properties (S7).
    return json(201, this.contactOut(row), { Location: `${ctx.origin}/v1.0/users('${upn}')/contacts('${id}')` });
  }

  /** Validate and copy writable contact properties (contact-update.md: properties not sent keep their values). */
  private applyContactBody(doc: Doc, b: Doc, create: boolean): void {
    // EDM types of every property first (validate.ts; CSDL EntityType contact): nothing is written on a bad value.
    checkObject(b, CONTACT, EXT_NAVS);
    for (const [k, v] of Object.entries(b)) {
      if (k.startsWith("@odata.") || k === "singleValueExtendedProperties" || k === "multiValueExtendedProperties") continue;
      if (!CONTACT_PROPS.includes(k)) throw unknownProperty(k, "contact");
      if (CONTACT_READONLY.has(k)) {
        if (k === "parentFolderId" && create) continue;
        if (k === "id" || k === "changeKey" || k === "createdDateTime" || k === "lastModifiedDateTime" || k === "parentFolderId") continue; // ignored like Graph
      }
      if (CONTACT_ARRAYS.has(k)) {
        if (!Array.isArray(v)) throw badRequest(`Cannot convert the literal to the expected type 'Collection' for property '${k}'.`, "RequestBodyRead");
        if (k === "emailAddresses") {
          for (const e of v) {
            if (!e || typeof e !== "object") throw badRequest("emailAddresses items must be emailAddress objects.", "RequestBodyRead");
            for (const ek of Object.keys(e as object)) if (ek !== "name" && ek !== "address") throw unknownProperty(ek, "emailAddress");
          }
          // Outlook stores at most three e-mail addresses on a contact (contact.md: Email1/2/3 → "emailAddresses").
          if (v.length > 3) throw badRequest("A contact can have at most 3 email addresses.", "ErrorInvalidRequest");
        } else if (k !== "children" && v.some((x) => typeof x !== "string")) {
          throw badRequest(`Property '${k}' must be a collection of strings.`, "RequestBodyRead");
        }
        doc[k] = v.map((x: unknown) => (x && typeof x === "object" ? { ...(x as object) } : x));
      } else if (ADDRESS_PROPS.has(k)) {
        if (v !== null && (typeof v !== "object" || Array.isArray(v))) throw badRequest(`Property '${k}' must be a physicalAddress.`, "RequestBodyRead");
        // physicalAddress (resources/physicaladdress.md, v1.0): street, city, state, postalCode, countryOrRegion — strings.
        for (const [ak, av] of Object.entries((v ?? {}) as object)) {
          if (!PHYSICAL_ADDRESS_PROPS.has(ak)) throw unknownProperty(ak, "physicalAddress");
          if (av !== null && typeof av !== "string") throw badRequest(`Cannot convert the literal '${String(av)}' to the expected type 'Edm.String' for property '${ak}'.`, "RequestBodyRead");
        }
        doc[k] = v ? { ...(v as object) } : {};
      } else {
        if (v !== null && typeof v !== "string") throw badRequest(`Cannot convert the literal '${String(v)}' to the expected type 'Edm.String' for property '${k}'.`, "RequestBodyRead");
        doc[k] = v;
      }
    }
    // displayName is generated from the name parts when not given, and regenerated when they change without it
    // (contact.md / contact-update.md: "later updates to other properties may cause an automatically generated value").
    if (!("displayName" in b) && (create || "givenName" in b || "surname" in b || "middleName" in b)) {
      const parts = [doc.givenName, doc.middleName, doc.surname].filter((x) => typeof x === "string" && x);
      doc.displayName = parts.length ? parts.join(" ") : (doc.displayName ?? "");
    }
    if (doc.fileAs === null) doc.fileAs = "";
  }

  private contactItem(ctx: Ctx, upn: string, id: string, self: boolean, folder: FolderRow | undefined): Resp {
    const row = this.store.contact(id);
    // Ids are case-sensitive (outlook-immutable-id.md): exact match only.
    if (!row || row.owner !== upn || (folder && row.folder !== folder.id)) throw notFound();
    const f = this.store.folder(row.folder)!;
    if (ctx.method === "GET") {
      this.checkAccess(ctx, f, self, false);
      this.rejectUnknownParams(ctx, ["$select", "$expand"]);
      const sel = parseSelect(ctx.url.searchParams.get("$select"));
      this.checkSelect(sel, CONTACT_PROPS, "contact");
      return json(200, this.selectContact(this.withExpand(this.contactOut(row), row.id, ctx, this.expandBase(ctx, row.owner, "contacts")), sel));
    }
    this.checkAccess(ctx, f, self, true);
    this.checkIfMatch(ctx, row);
    if (ctx.method === "PATCH") {
      const b = this.bodyObject(ctx);
      const doc = { ...row.doc };
      this.applyContactBody(doc, b, false);
      const props = readPropsFromBody(b);
      doc.changeKey = changeKey();
      doc.lastModifiedDateTime = iso(this.now());
      this.store.tx(() => {
        this.store.updateContact(row, doc);
        for (const p of props) this.store.setProp(row.id, p.id, p.single, p.value);
      });
      // 200 with the updated contact, without extended properties (S7).
      return json(200, this.contactOut({ ...row, doc }));
    }
    if (ctx.method === "DELETE") {
      this.store.tx(() => this.store.deleteContact(row));
      return { status: 204 };
    }
    throw methodNotAllowed();
  }

  /** If-Match with a stale etag → 412 ErrorIrresolvableConflict (msgraph-sdk-dotnet #1201, graph-docs-contrib #7934; graph-reference §7). */
  private checkIfMatch(ctx: Ctx, row: ContactRow): void {
    const im = ctx.headers.get("if-match");
    if (!im || im.trim() === "*") return;
    const current = `W/"${String(row.doc.changeKey)}"`;
    const ok = im.split(",").map((s) => s.trim()).some((t) => t === current || t === `"${String(row.doc.changeKey)}"`);
    if (!ok) {
      throw new GraphError(412, "ErrorIrresolvableConflict", "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");
    }
  }

  // ------------------------------------------------------------------ delta (api/contact-delta.md, concepts/delta-query-overview.md)
  private delta(ctx: Ctx, upn: string, folder: FolderRow, self: boolean): Resp {
    if (ctx.method !== "GET") throw methodNotAllowed();
    this.checkAccess(ctx, folder, self, false);
    const q = ctx.url.searchParams;
    this.optionsChecked = true;
    for (const k of q.keys()) {
      // contact-delta.md: "supports $select"; other query parameters are not supported.
      if (!["$select", "$deltatoken", "$skiptoken"].includes(k)) throw badRequest(`The query parameter '${k}' is not supported with delta for contacts; only $select is (contact-delta.md).`, "ErrorInvalidUrlQuery");
    }
    const prefer = ctx.headers.get("prefer") ?? "";
    const mps = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer);
    // e = the token epoch (admin.expireDeltaTokens bumps it); tokens from an older epoch are expired.
    interface Tok { f: string; s: number; u?: number; o?: number; sel: string | null; n?: number; e?: number }
    const epoch = Number(this.store.getMeta("deltaEpoch") ?? "0");
    let tok: Tok;
    const raw = q.get("$skiptoken") ?? q.get("$deltatoken");
    if (raw) {
      try {
        tok = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Tok;
      } catch {
        throw badRequest("The delta token is invalid.", "ErrorInvalidSyncStateData");
      }
      if (tok.f !== folder.id) throw badRequest("The delta token is invalid.", "ErrorInvalidSyncStateData");
      if ((tok.e ?? 0) !== epoch) {
        // An expired token: "a 40X-series error with error codes such as syncStateNotFound" (delta-query-overview.md
        // "Token duration"), as 410 Gone with a Location header for a new initial round ("Synchronization reset").
        throw new GraphError(410, "syncStateNotFound", "The sync state generation is not found. The delta token is expired and data must be synchronized again.",
          { Location: `${ctx.origin}${ctx.url.pathname}${tok.sel ? `?$select=${encodeURIComponent(tok.sel)}` : ""}` });
      }
      if (q.has("$select")) throw badRequest("Query parameters must be specified in the initial request only; they are encoded in the token (delta-query-overview.md).", "ErrorInvalidUrlQuery");
    } else {
      tok = { f: folder.id, s: 0, sel: q.get("$select"), e: epoch };
    }
    const sel = parseSelect(tok.sel);
    this.checkSelect(sel, CONTACT_PROPS, "contact");
    // Page size: Prefer odata.maxpagesize, capped at 200 for contacts, and 200 when not set (Microsoft answer on
    // contact-delta page size, learn.microsoft.com/answers/a/2052165; contact-delta.md documents the header, not the cap).
    const n = Math.min(Math.max(mps ? Number(mps[1]) : tok.n ?? 200, 1), 200);
    const upto = tok.u ?? this.store.maxChange();
    const offset = tok.o ?? 0;
    let items: Doc[];
    if (tok.s === 0) {
      items = this.store.folderContacts(folder.id).map((r) => this.selectContact(this.contactOut(r), sel));
    } else {
      const latest = new Map<string, string>();
      for (const c of this.store.changesSince(folder.id, tok.s, upto)) { latest.delete(c.item); latest.set(c.item, c.op); }
      items = [];
      for (const [id, op] of latest) {
        const row = op === "delete" ? undefined : this.store.contact(id);
        if (!row || row.folder !== folder.id) items.push({ "@odata.type": "#microsoft.graph.contact", id, "@removed": { reason: "deleted" } });
        else items.push(this.selectContact(this.contactOut(row), sel));
      }
    }
    const page = items.slice(offset, offset + n).map((d) => ("@removed" in d ? d : { "@odata.type": "#microsoft.graph.contact", ...d }));
    const base = `${ctx.origin}${ctx.url.pathname}`;
    const out: Doc = { "@odata.context": `${ctx.origin}/v1.0/$metadata#Collection(contact)`, value: page };
    const enc = (t: Tok): string => Buffer.from(JSON.stringify(t)).toString("base64url");
    if (offset + n < items.length) out["@odata.nextLink"] = `${base}?$skiptoken=${enc({ f: folder.id, s: tok.s, u: upto, o: offset + n, sel: tok.sel, n, e: epoch })}`;
    else out["@odata.deltaLink"] = `${base}?$deltatoken=${enc({ f: folder.id, s: upto, sel: tok.sel, n, e: epoch })}`;
    const headers: Record<string, string> = {};
    if (mps) headers["Preference-Applied"] = `odata.maxpagesize=${n}`;
    return json(200, out, headers);
  }

  // ------------------------------------------------------------------ messages (api/user-list-messages.md, resources/message.md)
  private messages(ctx: Ctx, upn: string): Resp {
    if (ctx.method !== "GET") throw notImplemented(`${ctx.method} /messages (the emulator serves seeded mail read-only)`);
    this.rejectUnknownParams(ctx, ["$select", "$top", "$skip", "$filter", "$orderby"]);
    const q = ctx.url.searchParams;
    const sel = parseSelect(q.get("$select"));
    this.checkSelect(sel, MESSAGE_PROPS, "message");
    const top = this.top(ctx, 10);
    const skip = this.skip(ctx);
    const filter = q.get("$filter");
    const orderRaw = q.get("$orderby");
    const order = orderRaw ? parseOrderBy(orderRaw) : null;
    let docs: Doc[];
    if (filter) {
      const c = compileMessageFilter(filter);
      if (order) checkOrderByWithFilter(filter, order);
      const conv = /^\s*conversationId\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
      docs = (conv ? this.store.messages(upn, conv[1]!.replace(/''/g, "'")) : this.store.messages(upn)).filter((d) => c.pred({ doc: d }, undefined));
    } else docs = this.store.messages(upn);
    if (order) docs = sortDocs(docs, order, (d) => d, MESSAGE_PROPS);
    const text = this.preferTextBody(ctx);
    const page = docs.slice(skip, skip + top).map((d) => this.selectMessage(d, sel, text));
    const out: Doc = { value: page };
    if (skip + top < docs.length) out["@odata.nextLink"] = this.nextLink(ctx, skip + top);
    return json(200, out, text ? { "Preference-Applied": 'outlook.body-content-type="text"' } : {});
  }
  private selectMessage(d: Doc, sel: string[] | null, textBody = false): Doc {
    const full: Doc = { "@odata.etag": `W/"${String(d.changeKey)}"`, ...d };
    // Bodies are HTML unless Prefer: outlook.body-content-type="text" (user-list-messages.md "Request headers").
    const body = d.body as { contentType: string; content: string } | undefined;
    if (textBody && body?.contentType === "html") full.body = { contentType: "text", content: body.content.replace(/<[^>]*>/g, "").trim() };
    if (!sel) return full;
    const out: Doc = { "@odata.etag": full["@odata.etag"], id: d.id };
    for (const s of sel) out[s] = full[s];
    return out;
  }
  private message(ctx: Ctx, upn: string, id: string): Resp {
    if (ctx.method !== "GET") throw notImplemented(`${ctx.method} on messages`);
    this.rejectUnknownParams(ctx, ["$select"]);
    const m = this.store.message(id);
    if (!m || m.owner !== upn) throw notFound();
    const sel = parseSelect(ctx.url.searchParams.get("$select"));
    this.checkSelect(sel, MESSAGE_PROPS, "message");
    const text = this.preferTextBody(ctx);
    return json(200, this.selectMessage(m.doc, sel, text), text ? { "Preference-Applied": 'outlook.body-content-type="text"' } : {});
  }
  private preferTextBody(ctx: Ctx): boolean {
    return /outlook\.body-content-type\s*=\s*"?text"?/i.test(ctx.headers.get("prefer") ?? "");
  }

  /**
   * POST /me/sendMail (api/user-sendmail.md): JSON `{ message, saveToSentItems? }` → 202 Accepted, no body. The
   * message is saved in the sender's Sent Items unless saveToSentItems is false, and delivered to the Inbox of each
   * recipient (to, cc, bcc) who is a mailbox here (others leave the tenant). A new message starts a conversation.
   * MIME content (Content-Type text/plain) is outside the subset: its body is no JSON and is refused with 400.
   */
  private sendMail(ctx: Ctx, upn: string): Resp {
    if (ctx.method !== "POST") throw methodNotAllowed();
    const b = this.bodyObject(ctx);
    for (const k of Object.keys(b)) {
      if (k !== "message" && k !== "saveToSentItems" && !k.startsWith("@odata.")) {
        throw new GraphError(400, "RequestBodyRead", `The parameter '${k}' in the request payload is not a valid parameter for the operation 'sendMail'.`);
      }
    }
    // Boolean parameter; the page's own example 1 sends it as the string "false", so that spelling is read too.
    const save = b.saveToSentItems;
    if (save !== undefined && save !== null && typeof save !== "boolean" && save !== "true" && save !== "false") {
      throw new GraphError(400, "RequestBodyRead", `Cannot convert the literal '${String(save)}' to the expected type 'Edm.Boolean'.`);
    }
    const m = b.message;
    if (m === undefined || m === null) throw new GraphError(400, "ErrorInvalidParameter", "The value of the parameter 'Message' is empty.");
    if (typeof m !== "object" || Array.isArray(m)) throw new GraphError(400, "RequestBodyRead", "An unexpected 'PrimitiveValue' node was found when reading from the JSON reader. A 'StartObject' node was expected.");
    const msg = m as Doc;
    for (const k of ["attachments", "flag", "internetMessageHeaders", "from", "sender", "mentions", "singleValueExtendedProperties", "multiValueExtendedProperties", "extensions", "uniqueBody"]) {
      if (k in msg) throw notImplemented(`message '${k}' in sendMail`);
    }
    checkObject(msg, MESSAGE_TO_SEND);
    type R = { emailAddress?: { name?: string; address?: string } };
    const list = (k: string): { name: string; address: string }[] =>
      ((msg[k] as R[] | undefined) ?? []).map((r) => {
        const address = (r.emailAddress?.address ?? "").trim();
        // A recipient without a valid SMTP address is refused before anything is sent (code chosen: README).
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) throw new GraphError(400, "ErrorInvalidRecipients", `The recipient address '${address}' is not valid.`);
        return { name: r.emailAddress?.name || address, address };
      });
    const to = list("toRecipients");
    const cc = list("ccRecipients");
    const bcc = list("bccRecipients");
    const replyTo = list("replyTo");
    if (to.length + cc.length + bcc.length === 0) throw new GraphError(400, "ErrorInvalidRecipients", "At least one recipient is required, but none were found.");
    const body = msg.body as { contentType?: string; content?: string } | undefined;
    const contentType = body?.contentType ? enumValue(BODY_TYPE, body.contentType) : "text";
    const content = body?.content ?? "";
    const text = contentType === "html" ? content.replace(/<style[\s\S]*?<\/style>|<[^>]*>/gi, " ").replace(/&nbsp;/g, " ") : content;
    const t = iso(this.now());
    const me = this.store.user(upn)!;
    const from = { emailAddress: { name: String(me.displayName ?? upn), address: String(me.mail ?? upn) } };
    const conv = `AAQkAD${this.store.newId("conversation").slice(6)}`;
    const internetMessageId = `<${this.store.newId("imid").slice(6, 30)}@${String(me.mail ?? upn).split("@")[1]}>`;
    const recips = (rs: { name: string; address: string }[]) => rs.map((r) => ({ emailAddress: r }));
    const base = {
      createdDateTime: t, lastModifiedDateTime: t, categories: (msg.categories as string[] | undefined) ?? [], receivedDateTime: t, sentDateTime: t,
      hasAttachments: false, internetMessageId, subject: (msg.subject as string | undefined) ?? "",
      bodyPreview: text.replace(/\s+/g, " ").trim().slice(0, 255), importance: msg.importance ? enumValue(IMPORTANCE, String(msg.importance)) : "normal",
      conversationId: conv, conversationIndex: Buffer.from(`${conv}:0`).toString("base64"),
      isDeliveryReceiptRequested: msg.isDeliveryReceiptRequested === true, isReadReceiptRequested: msg.isReadReceiptRequested === true,
      isDraft: false, inferenceClassification: "focused", body: { contentType, content }, sender: from, from,
      toRecipients: recips(to), ccRecipients: recips(cc), replyTo: recips(replyTo), flag: { flagStatus: "notFlagged" },
    };
    const copy = (owner: string, folder: string, extra: Doc): Doc => {
      const id = this.store.newId("message");
      return { id, changeKey: changeKey(), ...base, parentFolderId: `${folder}:${owner}`, webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`, ...extra };
    };
    const delivered = new Set<string>();
    this.store.tx(() => {
      if (save !== false && save !== "false") this.store.insertMessage(upn, copy(upn, "sentitems", { isRead: true, bccRecipients: recips(bcc) }));
      for (const r of [...to, ...cc, ...bcc]) {
        const u = this.store.user(r.address);
        const owner = u ? String(u.userPrincipalName) : undefined;
        if (!owner || delivered.has(owner.toLowerCase())) continue;
        delivered.add(owner.toLowerCase());
        // Recipients never see the Bcc line.
        this.store.insertMessage(owner, copy(owner, "inbox", { isRead: false, bccRecipients: [] }));
      }
    });
    return { status: 202 };
  }

  // ------------------------------------------------------------------ master categories (resources/outlookcategory.md)
  private categories(ctx: Ctx, upn: string, id: string | undefined): Resp {
    const out = (c: { id: string; name: string; color: string }): Doc => ({ id: c.id, displayName: c.name, color: c.color });
    if (id === undefined) {
      if (ctx.method === "GET") {
        // $filter is ignored by masterCategories (graph-docs-contrib #648/#3493) — the emulator returns all, like Graph.
        // $select is implemented; $top/$skip/$orderby… are not (how Graph pages this small collection is not
        // documented) → 501 rather than silently ignored (query.ts).
        this.rejectUnknownParams(ctx, ["$select", "$filter"]);
        this.checkSelect(parseSelect(ctx.url.searchParams.get("$select")), CATEGORY_PROPS, "outlookCategory");
        return json(200, { value: this.store.categories(upn).map((c) => this.selectPlain(out(c), ctx, CATEGORY_PROPS, "outlookCategory")) });
      }
      if (ctx.method === "POST") {
        const b = this.bodyObject(ctx);
        checkObject(b, OUTLOOK_CATEGORY);
        for (const k of Object.keys(b)) if (k !== "displayName" && k !== "color" && !k.startsWith("@odata")) throw unknownProperty(k, "outlookCategory");
        if (typeof b.displayName !== "string" || !b.displayName) throw badRequest("The displayName property is required.", "ErrorInvalidRequest");
        const color = b.color === undefined ? "none" : checkColor(b.color);
        // displayName is unique in a mailbox (outlookuser-post-mastercategories.md).
        if (this.store.categoryByName(upn, b.displayName)) throw new GraphError(409, "ErrorDuplicateCategoryName", "A category with the same name already exists.");
        const cid = this.store.insertCategory(upn, b.displayName, color);
        return json(201, out(this.store.category(cid)!));
      }
      throw methodNotAllowed();
    }
    const c = this.store.category(id);
    if (!c || c.owner !== upn) throw notFound();
    if (ctx.method === "GET") {
      this.rejectUnknownParams(ctx, ["$select"]);
      return json(200, this.selectPlain(out(c), ctx, CATEGORY_PROPS, "outlookCategory"));
    }
    if (ctx.method === "PATCH") {
      const b = this.bodyObject(ctx);
      checkObject(b, OUTLOOK_CATEGORY);
      // Only color is writable; displayName cannot be changed after creation (outlookcategory-update.md).
      if ("displayName" in b && b.displayName !== c.name) throw badRequest("The displayName of a category cannot be modified.", "ErrorInvalidRequest");
      for (const k of Object.keys(b)) if (k !== "displayName" && k !== "color" && !k.startsWith("@odata")) throw unknownProperty(k, "outlookCategory");
      if (b.color !== undefined) this.store.updateCategory(id, checkColor(b.color));
      return json(200, out(this.store.category(id)!));
    }
    if (ctx.method === "DELETE") { this.store.deleteCategory(id); return { status: 204 }; }
    throw methodNotAllowed();
  }

  // ------------------------------------------------------------------ To Do (resources/todotasklist.md, todotask.md, linkedresource.md)
  private todo(ctx: Ctx, upn: string, listId?: string, sub?: string, taskId?: string, sub2?: string, more: string[] = []): Resp {
    const m = ctx.method;
    if (listId === undefined) {
      if (m === "GET") {
        // todotasklist-list.md: OData query parameters; $select, $top, $skip implemented here.
        this.rejectUnknownParams(ctx, ["$select", "$top", "$skip"]);
        this.checkSelect(parseSelect(ctx.url.searchParams.get("$select")), LIST_PROPS, "todoTaskList");
        return this.page(ctx, this.store.lists(upn).map((l) => this.selectPlain(listOut(l), ctx, LIST_PROPS, "todoTaskList")), 100);
      }
      if (m === "POST") {
        const b = this.bodyObject(ctx);
        checkObject(b, TODO_TASK_LIST);
        if (typeof b.displayName !== "string" || !b.displayName) throw badRequest("displayName is required.", "invalidRequest");
        const doc: Doc = { id: this.store.newId("list"), displayName: b.displayName, isOwner: true, isShared: false, wellknownListName: "none", etag: changeKey() };
        this.store.insertList(upn, doc);
        return json(201, listOut(doc));
      }
      throw methodNotAllowed();
    }
    const list = this.store.list(listId);
    if (!list || list.owner !== upn) throw notFound("The requested item was not found.");
    if (sub === undefined) {
      if (m === "GET") {
        this.rejectUnknownParams(ctx, ["$select"]);
        return json(200, this.selectPlain(listOut(list.doc), ctx, LIST_PROPS, "todoTaskList"));
      }
      if (m === "PATCH") {
        const b = this.bodyObject(ctx);
        checkObject(b, TODO_TASK_LIST);
        if (typeof b.displayName === "string") list.doc.displayName = b.displayName;
        this.store.updateList(listId, list.doc);
        return json(200, listOut(list.doc));
      }
      if (m === "DELETE") {
        if (list.doc.wellknownListName === "defaultList") throw badRequest("The default list cannot be deleted.", "invalidRequest");
        this.store.deleteList(listId);
        return { status: 204 };
      }
      throw methodNotAllowed();
    }
    if (sub !== "tasks") throw notImplemented(`/todo/lists/{id}/${sub}`);
    if (taskId === undefined) {
      if (m === "GET") {
        this.rejectUnknownParams(ctx, ["$select", "$top", "$skip", "$filter", "$expand"]);
        this.checkSelect(parseSelect(ctx.url.searchParams.get("$select")), TASK_PROPS, "todoTask");
        let docs = this.store.tasks(listId);
        const f = ctx.url.searchParams.get("$filter");
        if (f) { const c = compileTaskFilter(f); docs = docs.filter((d) => c.pred({ doc: d }, undefined)); }
        const expandLinks = this.expandLinks(ctx);
        return this.page(ctx, docs.map((d) => this.selectTask(taskOut(d, expandLinks), ctx)), 100);
      }
      if (m === "POST") {
        const b = this.bodyObject(ctx);
        const now = iso(this.now());
        const doc: Doc = { id: this.store.newId("task"), title: "", status: "notStarted", importance: "normal", isReminderOn: false,
          categories: [], body: { content: "", contentType: "text" }, createdDateTime: now, lastModifiedDateTime: now, etag: changeKey(), linkedResources: [] };
        checkObject(b, TODO_TASK);
        if (typeof b.title !== "string" || !b.title) throw badRequest("title is required.", "invalidRequest");
        this.applyTask(doc, b, true);
        this.store.insertTask(listId, doc);
        return json(201, taskOut(doc, true));
      }
      throw methodNotAllowed();
    }
    const task = this.store.task(taskId);
    if (!task || task.list !== listId) throw notFound("The requested item was not found.");
    if (sub2 === undefined) {
      if (m === "GET") {
        this.rejectUnknownParams(ctx, ["$select", "$expand"]);
        return json(200, this.selectTask(taskOut(task.doc, this.expandLinks(ctx)), ctx));
      }
      if (m === "PATCH") {
        this.applyTask(task.doc, this.bodyObject(ctx), false);
        task.doc.lastModifiedDateTime = iso(this.now());
        task.doc.etag = changeKey();
        this.store.updateTask(taskId, task.doc);
        return json(200, taskOut(task.doc, false));
      }
      if (m === "DELETE") { this.store.deleteTask(taskId); return { status: 204 }; }
      throw methodNotAllowed();
    }
    if (sub2 !== "linkedResources") throw notImplemented(`/tasks/{id}/${sub2}`);
    const links = (task.doc.linkedResources as Doc[]) ?? [];
    const rid = more[0];
    if (rid === undefined) {
      if (m === "GET") {
        this.rejectUnknownParams(ctx, ["$select", "$top", "$skip"]);
        this.checkSelect(parseSelect(ctx.url.searchParams.get("$select")), LINK_PROPS, "linkedResource");
        return this.page(ctx, links.map((l) => this.selectPlain(linkOut(l), ctx, LINK_PROPS, "linkedResource")), 100);
      }
      if (m === "POST") {
        const l = this.linkFromBody(this.bodyObject(ctx));
        links.push(l);
        task.doc.linkedResources = links;
        this.store.updateTask(taskId, task.doc);
        return json(201, linkOut(l));
      }
      throw methodNotAllowed();
    }
    const idx = links.findIndex((l) => l.id === rid);
    if (idx < 0) throw notFound("The requested item was not found.");
    if (m === "GET") {
      this.rejectUnknownParams(ctx, ["$select"]);
      return json(200, this.selectPlain(linkOut(links[idx]!), ctx, LINK_PROPS, "linkedResource"));
    }
    if (m === "PATCH") {
      const b = this.bodyObject(ctx);
      checkObject(b, LINKED_RESOURCE);
      const cur = links[idx]!;
      for (const k of ["applicationName", "displayName", "externalId", "webUrl"]) if (k in b) cur[k] = b[k];
      this.store.updateTask(taskId, task.doc);
      return json(200, linkOut(cur));
    }
    if (m === "DELETE") { links.splice(idx, 1); this.store.updateTask(taskId, task.doc); return { status: 204 }; }
    throw methodNotAllowed();
  }
  /** $select on a task keeps an expanded linkedResources (and its context) next to the selected properties. */
  private selectTask(d: Doc, ctx: Ctx): Doc {
    const o = this.selectPlain(d, ctx, TASK_PROPS, "todoTask");
    if (o !== d && d.linkedResources) o.linkedResources = d.linkedResources;
    return o;
  }
  private expandLinks(ctx: Ctx): boolean {
    const e = ctx.url.searchParams.get("$expand");
    if (e === null) return false;
    if (e.trim() !== "linkedResources") throw notImplemented(`$expand=${e} on todoTask`);
    return true;
  }
  private linkFromBody(b: Doc): Doc {
    checkObject(b, LINKED_RESOURCE);
    for (const k of Object.keys(b)) if (!["applicationName", "displayName", "externalId", "webUrl", "id"].includes(k) && !k.startsWith("@odata")) throw unknownProperty(k, "linkedResource");
    // applicationName and displayName are required for a linkedResource (linkedresource.md).
    if (typeof b.applicationName !== "string" || typeof b.displayName !== "string") throw badRequest("linkedResource needs applicationName and displayName.", "invalidRequest");
    return { id: crypto.randomUUID(), webUrl: b.webUrl ?? null, applicationName: b.applicationName, displayName: b.displayName, externalId: b.externalId ?? null };
  }
  private applyTask(doc: Doc, b: Doc, create: boolean): void {
    // EDM types first (validate.ts; CSDL EntityType todoTask), then the writable subset.
    checkObject(b, TODO_TASK);
    const allowed = ["title", "status", "importance", "dueDateTime", "isReminderOn", "reminderDateTime", "completedDateTime", "body", "categories", "startDateTime", "linkedResources"];
    for (const [k, v] of Object.entries(b)) {
      if (k.startsWith("@odata")) continue;
      if (!allowed.includes(k)) throw unknownProperty(k, "todoTask");
      if (k === "status") {
        const st = enumValue(TASK_STATUS, String(v));
        doc.status = st;
        // completedDateTime is set when the task is completed (todotask.md).
        if (st === "completed" && !b.completedDateTime) doc.completedDateTime = { dateTime: this.now().toISOString().replace("Z", "0000"), timeZone: "UTC" };
        if (st !== "completed") delete doc.completedDateTime;
      } else if (k === "dueDateTime" || k === "reminderDateTime" || k === "completedDateTime" || k === "startDateTime") {
        if (v === null) { delete doc[k]; continue; }
        const dt = v as { dateTime?: unknown; timeZone?: unknown };
        // dateTimeTimeZone needs both dateTime and timeZone (resources/datetimetimezone.md).
        if (!dt || typeof dt.dateTime !== "string" || typeof dt.timeZone !== "string" || Number.isNaN(Date.parse(dt.dateTime))) throw badRequest(`Invalid dateTimeTimeZone for ${k}.`, "invalidRequest");
        doc[k] = { dateTime: dt.dateTime, timeZone: dt.timeZone };
      } else if (k === "importance") {
        // importance enum: low, normal, high (resources/todotask.md; resources/importance type).
        doc.importance = enumValue(IMPORTANCE, String(v));
      } else if (k === "title") {
        if (typeof v !== "string") throw badRequest("title must be a string.", "invalidRequest");
        doc.title = v;
      } else if (k === "categories") {
        if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw badRequest("categories must be a collection of strings.", "invalidRequest");
        doc.categories = [...v];
      } else if (k === "isReminderOn") {
        if (typeof v !== "boolean") throw badRequest("isReminderOn must be a boolean.", "invalidRequest");
        doc.isReminderOn = v;
      } else if (k === "linkedResources") {
        if (!create) throw badRequest("linkedResources are updated through /tasks/{id}/linkedResources.", "invalidRequest");
        if (!Array.isArray(v)) throw badRequest("linkedResources must be a collection.", "invalidRequest");
        doc.linkedResources = v.map((x) => this.linkFromBody(x as Doc));
      } else {
        doc[k] = v;
        // bodyLastModifiedDateTime: "the date and time when the task body was last modified" (resources/todotask.md).
        if (k === "body") doc.bodyLastModifiedDateTime = iso(this.now());
      }
    }
  }

  // ------------------------------------------------------------------ helpers
  private bodyObject(ctx: Ctx): Doc {
    const b = ctx.body;
    if (!b || typeof b !== "object" || Array.isArray(b)) throw badRequest("Empty Payload. JSON content expected.", "BadRequest");
    return b as Doc;
  }
  private top(ctx: Ctx, def: number): number {
    const t = ctx.url.searchParams.get("$top");
    if (t === null) return def;
    // $top range 1–1000 (user-list-messages.md "Optional query parameters"); same Outlook paging for contacts.
    if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 1000) throw badRequest(`Invalid $top value '${t}': the value must be between 1 and 1000.`, "ErrorInvalidUrlQuery");
    return Number(t);
  }
  private skip(ctx: Ctx): number {
    const s = ctx.url.searchParams.get("$skip");
    if (s === null) return 0;
    if (!/^\d+$/.test(s)) throw badRequest(`Invalid $skip value '${s}'.`, "ErrorInvalidUrlQuery");
    return Number(s);
  }
  private nextLink(ctx: Ctx, skip: number): string {
    // nextLinks are absolute and carry the original query options plus $skip (query-parameters.md / paging.md).
    const u = new URL(ctx.url.toString());
    u.searchParams.set("$skip", String(skip));
    const qs = [...u.searchParams.entries()].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    return `${ctx.origin}${u.pathname}?${qs}`;
  }
  private page(ctx: Ctx, all: Doc[], def: number): Resp {
    const top = this.top(ctx, def);
    const skip = this.skip(ctx);
    const out: Doc = { value: all.slice(skip, skip + top) };
    if (skip + top < all.length) out["@odata.nextLink"] = this.nextLink(ctx, skip + top);
    return json(200, out);
  }
  private rejectUnknownParams(ctx: Ctx, allowed: string[]): void {
    this.optionsChecked = true;
    checkQueryOptions(ctx.url, allowed);
  }
}

/** user properties the emulator serves (resources/user.md default set); $select of anything else → 400. */
export const USER_PROPS = ["id", "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"];
/** contactFolder properties (resources/contactfolder.md). */
export const FOLDER_PROPS = ["id", "displayName", "parentFolderId"];

export const MESSAGE_PROPS = [
  "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "receivedDateTime", "sentDateTime", "hasAttachments",
  "internetMessageId", "subject", "bodyPreview", "importance", "parentFolderId", "conversationId", "conversationIndex",
  "isDeliveryReceiptRequested", "isReadReceiptRequested", "isRead", "isDraft", "webLink", "inferenceClassification", "body",
  "sender", "from", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "flag",
];

function sortDocs<T>(rows: T[], order: OrderBy[], get: (r: T) => Doc, allowed: string[]): T[] {
  for (const o of order) if (!allowed.includes(o.prop)) throw badRequest(`Could not find a property named '${o.prop}' for $orderby.`);
  return [...rows].sort((a, b) => {
    for (const o of order) {
      const x = String(get(a)[o.prop] ?? ""), y = String(get(b)[o.prop] ?? "");
      const c = x.localeCompare(y, "en", { sensitivity: "base" });
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  });
}

function listOut(d: Doc): Doc {
  const { etag, ...rest } = d;
  return { "@odata.etag": `W/"${String(etag)}"`, ...rest };
}
/**
 * todoTask as Graph returns it (resources/todotask.md properties; api/todotasklist-post-tasks.md response):
 * `bodyLastModifiedDateTime` and `hasAttachments` are always present.
 */
function taskOut(d: Doc, links: boolean): Doc {
  const { etag, linkedResources, ...rest } = d;
  const out: Doc = {
    "@odata.etag": `W/"${String(etag)}"`,
    ...rest,
    bodyLastModifiedDateTime: rest.bodyLastModifiedDateTime ?? rest.createdDateTime ?? null,
    hasAttachments: false,
  };
  if (links) out.linkedResources = ((linkedResources as Doc[] | undefined) ?? []).map(linkOut);
  return out;
}
/** linkedResource carries `@odata.type` (api/linkedresource-get.md, api/todotask-post-linkedresources.md responses). */
function linkOut(l: Doc): Doc {
  return { "@odata.type": "#microsoft.graph.linkedResource", ...l };
}
/** resources/todotasklist.md, todotask.md, linkedresource.md, outlookcategory.md property names. */
const LIST_PROPS = ["id", "displayName", "isOwner", "isShared", "wellknownListName"];
const TASK_PROPS = ["id", "title", "status", "importance", "isReminderOn", "reminderDateTime", "dueDateTime", "startDateTime",
  "completedDateTime", "createdDateTime", "lastModifiedDateTime", "bodyLastModifiedDateTime", "hasAttachments", "categories", "body",
  "recurrence"];
const LINK_PROPS = ["id", "webUrl", "applicationName", "displayName", "externalId"];
const CATEGORY_PROPS = ["id", "displayName", "color"];

/** Preset colours: None, preset0 … preset24 (resources/outlookcategory.md "categoryColor values"). */
function checkColor(c: unknown): string {
  if (typeof c !== "string") throw badRequest("Invalid color.", "ErrorInvalidArgument");
  if (c.toLowerCase() === "none") return "none";
  const m = /^preset(\d{1,2})$/i.exec(c);
  if (!m || Number(m[1]) > 24) throw badRequest(`Requested value '${c}' was not found.`, "RequestBodyRead");
  return `preset${Number(m[1])}`;
}

/** Extended-property navigations are checked by extprops.ts, not as structural properties. */
const EXT_NAVS = ["singleValueExtendedProperties", "multiValueExtendedProperties"];

function unknownProperty(k: string, type: string): GraphError {
  // OData's message for an unknown property in a request body.
  return new GraphError(400, "RequestBodyRead", `The property '${k}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
}

function methodNotAllowed(): GraphError {
  return new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
}

export { invalidNodes, parsePropId };
