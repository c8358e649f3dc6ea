/**
 * Strict profiles: the emulator refuses, one by one, the behaviours graph-reference.md marks UNVERIFIED, the way
 * Microsoft Graph plausibly would if a tenant did not support them — a 400 in Graph's error envelope
 * (concepts/errors.md), or for the delta page size a server that ignores `Prefer: odata.maxpagesize`.
 * The add-in's capability probe (src/graph/capabilities.ts) must detect each and pick its fallback path.
 *
 *   expand-collections  `$expand` of extended properties on a collection GET (`/contacts?$expand=…`) — only
 *                       per-item expands are documented (singlevaluelegacyextendedproperty-get.md "Get resource
 *                       instance expanded with a matching extended property"); graph-reference §2.
 *   expand-both         one `$expand` naming both extended-property collections — older query-parameters.md text:
 *                       "only one relationship can be expanded".
 *   edm-cast            `cast(ep/value, Edm.…)` in `$filter` — documented for Int32/Guid only (S6); used for other
 *                       types by DavMail (CODE).
 *   delta-page-size     contact delta ignores `Prefer: odata.maxpagesize` and pages 10 at a time, without
 *                       Preference-Applied (contact-delta.md documents the header, not its range).
 *   if-match            `If-Match` on a contact PATCH/DELETE — not documented on contact-update.md (§7).
 *   contacts-folder-name the well-known folder name `/contactFolders/contacts` — not in v1.0 docs (§1).
 *
 * Select with `createEmulator({ strict: [...] })`, `setStrict([...])`, the CLI's `--strict a,b` or (dev server and
 * e2e harness) `EMULATOR_STRICT=a,b`; `all` selects every profile.
 */
import { GraphError } from "./errors";
import type { Ctx, Resp } from "./graph";

export const STRICT_PROFILES = ["expand-collections", "expand-both", "edm-cast", "delta-page-size", "if-match", "contacts-folder-name"] as const;
export type StrictProfile = (typeof STRICT_PROFILES)[number];

/**
 * A test's own checks (reading what the add-in wrote) send this header with "off" to read the emulator as it is;
 * the add-in never sends it. Only the strict profiles are bypassed: everything else answers as always.
 */
export const STRICT_BYPASS_HEADER = "x-emulator-strict";

/** Contact delta page size under `delta-page-size`. */
export const STRICT_DELTA_PAGE_SIZE = 10;

/** "a,b" / "all" / "" → profiles; throws on an unknown name (a typo must not silently test nothing). */
export function parseStrict(spec: string | undefined | null): StrictProfile[] {
  const names = (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (names.includes("all")) return [...STRICT_PROFILES];
  for (const n of names) {
    if (!(STRICT_PROFILES as readonly string[]).includes(n)) throw new Error(`Unknown strict profile '${n}' (known: ${STRICT_PROFILES.join(", ")}, all)`);
  }
  return names as StrictProfile[];
}

const EXPAND_NAV = /(single|multi)ValueExtendedProperties\s*\(/gi;

/** Path segments after /v1.0/(me|users/{upn}). */
function tail(ctx: Ctx): string[] {
  const segs = ctx.url.pathname.split("/").slice(2).map((s) => decodeURIComponent(s).toLowerCase());
  return segs[0] === "me" ? segs.slice(1) : segs[0] === "users" ? segs.slice(2) : segs;
}

function isContactCollection(t: string[]): boolean {
  // /contacts, /contactFolders/{id}/contacts (and child folders): a collection, not one item.
  return t[t.length - 1] === "contacts" && t.length !== 2;
}

export class StrictRules {
  private on: Set<StrictProfile>;
  constructor(profiles: readonly StrictProfile[] = []) {
    this.on = new Set(profiles);
  }
  set(profiles: readonly StrictProfile[]): void {
    this.on = new Set(profiles);
  }
  list(): StrictProfile[] {
    return [...this.on];
  }

  /** Refuses the request (throws GraphError) or returns the context to dispatch (possibly with other headers). */
  before(ctx: Ctx): Ctx {
    if (!this.on.size || ctx.headers.get(STRICT_BYPASS_HEADER) === "off") return ctx;
    const t = tail(ctx);
    const q = ctx.url.searchParams;
    const expand = q.get("$expand") ?? "";
    const navs = new Set([...expand.matchAll(EXPAND_NAV)].map((m) => m[1]!.toLowerCase()));
    if (this.on.has("expand-collections") && ctx.method === "GET" && navs.size && isContactCollection(t) && !t.includes("delta")) {
      throw new GraphError(400, "ErrorInvalidRequest", "Expanding extended properties is not supported on a collection of contacts; expand them on each contact.");
    }
    if (this.on.has("expand-both") && ctx.method === "GET" && navs.size > 1) {
      throw new GraphError(400, "BadRequest", "Only one navigation property can be expanded in a request.");
    }
    if (this.on.has("edm-cast") && /\bcast\s*\(/i.test(q.get("$filter") ?? "")) {
      throw new GraphError(400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");
    }
    if (this.on.has("if-match") && (ctx.method === "PATCH" || ctx.method === "DELETE") && t.includes("contacts") && ctx.headers.get("if-match")) {
      throw new GraphError(400, "ErrorInvalidRequest", "The If-Match header is not supported on this request.");
    }
    if (this.on.has("contacts-folder-name") && t[0] === "contactfolders" && t[1] === "contacts") {
      throw new GraphError(400, "ErrorInvalidIdMalformed", "Id is malformed.");
    }
    if (this.on.has("delta-page-size") && t[t.length - 1] === "delta") {
      const headers = new Headers(ctx.headers);
      headers.set("prefer", [(headers.get("prefer") ?? "").replace(/odata\.maxpagesize\s*=\s*\d+/gi, ""), `odata.maxpagesize=${STRICT_DELTA_PAGE_SIZE}`].filter((s) => s.replace(/[\s,]/g, "")).join(", "));
      return { ...ctx, headers };
    }
    return ctx;
  }

  /** Adjusts a response: a server that ignores the page-size preference does not say it applied it. */
  after(ctx: Ctx, r: Resp): Resp {
    if (ctx.headers.get(STRICT_BYPASS_HEADER) === "off") return r;
    if (this.on.has("delta-page-size") && r.headers?.["Preference-Applied"] && tail(ctx).includes("delta")) {
      const headers = { ...r.headers };
      delete headers["Preference-Applied"];
      return { ...r, headers };
    }
    return r;
  }
}
