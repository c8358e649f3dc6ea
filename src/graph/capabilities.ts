/**
 * Capability probe: at first use per mailbox the add-in tries each Graph behaviour it relies on that
 * graph-reference.md marks UNVERIFIED, with a harmless request, and picks the read/write path that works:
 *
 * | behaviour              | fast path (when supported)                                  | fallback                                  |
 * |------------------------|-------------------------------------------------------------|-------------------------------------------|
 * | expandOnCollections    | `/contacts?$expand=…` pages of 1000 with the fields         | pages of ids + per-item `$expand` in `$batch`es of 20 |
 * | expandBothCollections  | one `$expand` holding single- and multi-value properties    | two passes (one collection each), merged by id |
 * | edmCastInFilter        | (not used: value filters run on the cached copy either way) | filter on the cached copy                 |
 * | deltaMaxPageSize       | `Prefer: odata.maxpagesize=1000` honoured                   | follow `@odata.nextLink` at the server's page size |
 * | ifMatch                | `If-Match: <etag>` on PATCH → 412 on a stale copy           | re-read the etag just before writing (optimistic check without the header) |
 * | wellKnownContactsFolder| `/contactFolders/contacts` when the folder is empty         | `parentFolderId` of a child folder         |
 *
 * Sources: §2 (expand on collections, both collections, "only one relationship can be expanded" in older
 * query-parameters.md text), §2 "Filter by value" (casts documented for Int32/Guid only, S6), §6 (contact delta
 * documents `Prefer: odata.maxpagesize` but not its range, S16), §7 (If-Match not documented on contact-update,
 * S3), §1 (well-known folder name not in v1.0 docs). The emulator's strict profiles (emulator/strict.ts) refuse
 * each of these, and each fallback is tested against them.
 *
 * A probe that cannot decide (throttled, offline, forbidden) takes the fallback for that behaviour and the result
 * is not cached, so the next use probes again. Results are cached (CapabilityCache) for a week, and dropped when a
 * read on the chosen path fails with 400 (the tenant changed), which re-runs the probe.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { DEFAULT_SCHEMA } from "../domain/schema";
import { isMultiValue, propertyId, SCHEMA_PROPERTY_ID } from "./extendedProperties";
import { buildQuery, seg } from "./filterBuilder";
import { toGraphRequestError } from "./GraphRequestError";

export interface GraphCapabilities {
  expandOnCollections: boolean;
  expandBothCollections: boolean;
  edmCastInFilter: boolean;
  /** True when contact delta honours `Prefer: odata.maxpagesize` (pages no larger than asked). */
  deltaHonoursMaxPageSize: boolean;
  /** The page size to ask delta for: 1000, or what the server pages at when it ignores the preference. */
  deltaPageSize: number;
  ifMatch: boolean;
  wellKnownContactsFolder: boolean;
}

export type CapabilityKey = keyof Omit<GraphCapabilities, "deltaPageSize">;
export type ProbeOutcome = "supported" | "refused" | "ignored" | "inconclusive" | "notTested";

export interface ProbeResult {
  behaviour: CapabilityKey;
  outcome: ProbeOutcome;
  /** HTTP status and Graph error code that decided it (no bodies, no personal data). */
  detail: string;
}

export interface ProbeReport {
  capabilities: GraphCapabilities;
  results: ProbeResult[];
  /** False when a probe was inconclusive: the report is used this session, not cached. */
  complete: boolean;
  probedAt: string;
  requests: number;
}

/** What graph-reference.md documents or assumes; the paths the add-in took before probing existed. */
export const ASSUMED_CAPABILITIES: GraphCapabilities = Object.freeze({
  expandOnCollections: true,
  expandBothCollections: true,
  edmCastInFilter: true,
  deltaHonoursMaxPageSize: true,
  deltaPageSize: 1000,
  ifMatch: true,
  wellKnownContactsFolder: true,
});

/** Whether the docs state the behaviour (for the self-check's "documented?" column). */
export const BEHAVIOURS: Record<CapabilityKey, { documented: "yes" | "partly" | "no"; what: string; fallback: string; fast: string }> = {
  expandOnCollections: {
    documented: "no",
    what: "$expand of extended properties on a collection GET (/contacts?$expand=…)",
    fast: "pages of 1000 contacts with their fields",
    fallback: "pages of ids, then per-contact $expand in $batches of 20",
  },
  expandBothCollections: {
    documented: "no",
    what: "one $expand holding both single- and multi-value extended properties, several ids each",
    fast: "one request per page",
    fallback: "two passes (one collection each), merged by id",
  },
  edmCastInFilter: {
    documented: "partly",
    what: "cast(ep/value, Edm.Double) in $filter on contacts (docs show Int32/Guid only)",
    fast: "not used: filters run on the cached copy",
    fallback: "filter on the cached copy",
  },
  deltaHonoursMaxPageSize: {
    documented: "partly",
    what: "contact delta honours Prefer: odata.maxpagesize",
    fast: "delta pages of up to 1000",
    fallback: "delta pages at the server's size (more round trips)",
  },
  ifMatch: {
    documented: "no",
    what: "If-Match on PATCH of a contact (stale etag → 412)",
    fast: "conditional PATCH (If-Match)",
    fallback: "re-read the etag right before each write, PATCH without If-Match",
  },
  wellKnownContactsFolder: {
    documented: "no",
    what: "well-known folder name /contactFolders/contacts",
    fast: "default folder by name when the folder is empty",
    fallback: "default folder id from a contact's or child folder's parentFolderId",
  },
};

/** Property ids the probe expands: the default schema's own, so no new named property is ever created. */
function probeIds(): { single: string[]; multi: string[]; number: string } {
  const fields = DEFAULT_SCHEMA.fields;
  const single = fields.filter((f) => !isMultiValue(f.kind)).slice(0, 2).map(propertyId);
  const multi = fields.filter((f) => isMultiValue(f.kind)).slice(0, 1).map(propertyId);
  const numberField = fields.find((f) => f.kind === "number");
  const number = numberField ? propertyId(numberField) : `Double ${SCHEMA_PROPERTY_ID.split(" ")[1]} Name NoSuchProbeField`;
  return { single: [SCHEMA_PROPERTY_ID, ...single].slice(0, 2), multi, number };
}

const q = (id: string): string => `id eq '${id.replace(/'/g, "''")}'`;
const expandOf = (nav: "singleValueExtendedProperties" | "multiValueExtendedProperties", ids: string[]): string => `${nav}($filter=${ids.map(q).join(" or ")})`;

/** A refusal of the behaviour itself: 400 (bad request / invalid query) or 501. Anything else is inconclusive. */
function refused(status: number): boolean {
  return status === 400 || status === 501;
}

interface Attempt {
  ok: boolean;
  status: number;
  code: string;
  body?: unknown;
  headers?: Headers;
}

/**
 * Runs every probe against one mailbox root ("/me", or "/users/{upn}" for the self-check of another account).
 * Read-only except one PATCH with a deliberately stale If-Match and an empty body, which a conditional server
 * refuses (412) without writing; it is skipped when the mailbox has no contact.
 */
export async function probeCapabilities(client: Client, root = "/me", opts: { now?: () => Date } = {}): Promise<ProbeReport> {
  let requests = 0;
  const attempt = async (path: string, method: "GET" | "PATCH" = "GET", headers: Record<string, string> = {}, body?: unknown): Promise<Attempt> => {
    requests++;
    try {
      let req = client.api(path);
      for (const [k, v] of Object.entries(headers)) req = req.header(k, v);
      const res = method === "GET" ? await req.get() : await req.patch(body ?? {});
      return { ok: true, status: 200, code: "", body: res };
    } catch (e) {
      const err = toGraphRequestError(e);
      return { ok: false, status: err.status, code: err.code };
    }
  };
  const detail = (a: Attempt): string => (a.ok ? "200" : `${a.status} ${a.code}`);
  const results: ProbeResult[] = [];
  const caps: GraphCapabilities = { ...ASSUMED_CAPABILITIES };
  const ids = probeIds();

  // First contact (its id and folder) and whether the mailbox has any.
  const first = await attempt(`${root}/contacts?${buildQuery({ $top: 1, $select: "id,parentFolderId" })}`);
  const firstContact = (first.body as { value?: { id: string; parentFolderId?: string }[] } | undefined)?.value?.[0];

  // 1 + 2: $expand on a collection GET, both collections at once; then one collection (several ids).
  const both = `${expandOf("singleValueExtendedProperties", ids.single)},${expandOf("multiValueExtendedProperties", ids.multi)}`;
  const collBoth = await attempt(`${root}/contacts?${buildQuery({ $top: 1, $select: "id", $expand: both })}`);
  if (collBoth.ok) {
    results.push({ behaviour: "expandOnCollections", outcome: "supported", detail: detail(collBoth) });
    results.push({ behaviour: "expandBothCollections", outcome: "supported", detail: detail(collBoth) });
  } else if (!refused(collBoth.status)) {
    caps.expandOnCollections = false;
    caps.expandBothCollections = false;
    results.push({ behaviour: "expandOnCollections", outcome: "inconclusive", detail: detail(collBoth) });
    results.push({ behaviour: "expandBothCollections", outcome: "inconclusive", detail: detail(collBoth) });
  } else {
    const collOne = await attempt(`${root}/contacts?${buildQuery({ $top: 1, $select: "id", $expand: expandOf("singleValueExtendedProperties", ids.single) })}`);
    if (collOne.ok) {
      results.push({ behaviour: "expandOnCollections", outcome: "supported", detail: detail(collOne) });
      caps.expandBothCollections = false;
      results.push({ behaviour: "expandBothCollections", outcome: "refused", detail: detail(collBoth) });
    } else {
      caps.expandOnCollections = false;
      results.push({ behaviour: "expandOnCollections", outcome: refused(collOne.status) ? "refused" : "inconclusive", detail: detail(collOne) });
      // Both collections on one item (documented per item only one at a time, S6/S8).
      if (firstContact) {
        const item = await attempt(`${root}/contacts/${seg(firstContact.id)}?${buildQuery({ $select: "id", $expand: both })}`);
        caps.expandBothCollections = item.ok;
        results.push({ behaviour: "expandBothCollections", outcome: item.ok ? "supported" : refused(item.status) ? "refused" : "inconclusive", detail: detail(item) });
      } else {
        caps.expandBothCollections = false;
        results.push({ behaviour: "expandBothCollections", outcome: "notTested", detail: "no contact to expand on" });
      }
    }
  }

  // 3: Edm cast in a filter on an extended property value.
  const castFilter = `singleValueExtendedProperties/any(ep:ep/id eq '${ids.number}' and cast(ep/value, Edm.Double) ge 0)`;
  const cast = await attempt(`${root}/contacts?${buildQuery({ $top: 1, $select: "id", $filter: castFilter })}`);
  caps.edmCastInFilter = cast.ok;
  results.push({ behaviour: "edmCastInFilter", outcome: cast.ok ? "supported" : refused(cast.status) ? "refused" : "inconclusive", detail: detail(cast) });

  // 4: well-known folder name.
  const wk = await attempt(`${root}/contactFolders/contacts?${buildQuery({ $select: "id" })}`);
  caps.wellKnownContactsFolder = wk.ok && Boolean((wk.body as { id?: string } | undefined)?.id);
  results.push({ behaviour: "wellKnownContactsFolder", outcome: wk.ok ? "supported" : refused(wk.status) || wk.status === 404 ? "refused" : "inconclusive", detail: detail(wk) });

  // 5: delta page size — ask for pages of 2; a first page of more than 2 means the preference is ignored.
  const folderId = firstContact?.parentFolderId ?? (wk.ok ? (wk.body as { id: string }).id : undefined);
  if (folderId) {
    const d = await attempt(`${root}/contactFolders/${seg(folderId)}/contacts/delta?${buildQuery({ $select: "id" })}`, "GET", { Prefer: "odata.maxpagesize=2" });
    const page = d.body as { value?: unknown[]; "@odata.nextLink"?: string } | undefined;
    const n = page?.value?.length ?? 0;
    if (!d.ok) {
      caps.deltaHonoursMaxPageSize = false;
      results.push({ behaviour: "deltaHonoursMaxPageSize", outcome: "inconclusive", detail: detail(d) });
    } else if (n > 2) {
      caps.deltaHonoursMaxPageSize = false;
      caps.deltaPageSize = n;
      results.push({ behaviour: "deltaHonoursMaxPageSize", outcome: "ignored", detail: `asked 2, got a page of ${n}` });
    } else {
      results.push({
        behaviour: "deltaHonoursMaxPageSize",
        outcome: page?.["@odata.nextLink"] || n === 2 ? "supported" : "notTested",
        detail: page?.["@odata.nextLink"] ? `asked 2, got ${n} and a nextLink` : `folder too small to tell (${n})`,
      });
    }
  } else {
    results.push({ behaviour: "deltaHonoursMaxPageSize", outcome: "notTested", detail: "no folder id" });
  }

  // 6: If-Match — a stale etag and an empty body: a conditional server answers 412 and writes nothing.
  if (firstContact) {
    const im = await attempt(`${root}/contacts/${seg(firstContact.id)}`, "PATCH", { "If-Match": 'W/"customer-follow-up-probe"' }, {});
    const outcome: ProbeOutcome = im.status === 412 ? "supported" : im.ok ? "ignored" : refused(im.status) ? "refused" : "inconclusive";
    caps.ifMatch = outcome === "supported";
    results.push({ behaviour: "ifMatch", outcome, detail: im.ok ? "200 (stale If-Match accepted)" : detail(im) });
  } else {
    results.push({ behaviour: "ifMatch", outcome: "notTested", detail: "no contact to test on" });
  }

  const complete = results.every((r) => r.outcome !== "inconclusive") && (first.ok || !refused(first.status));
  return { capabilities: caps, results, complete, probedAt: (opts.now ?? (() => new Date()))().toISOString(), requests };
}

/** Where probe reports are kept between sessions (src/store implements it over localStorage). */
export interface CapabilityCache {
  load(key: string): ProbeReport | undefined;
  save(key: string, report: ProbeReport): void;
  remove(key: string): void;
}

export interface CapabilitySource {
  get(client: Client, root: string): Promise<GraphCapabilities>;
  /** A read on the chosen path failed as if the behaviour were refused: forget and probe again next time. */
  invalidate(root: string): void;
  /** The last report per mailbox (Settings → Diagnostics). */
  report?(root: string): ProbeReport | undefined;
}

/** The capabilities graph-reference.md assumes, without probing (unit tests, benchmarks). */
export const ASSUME_DOCUMENTED: CapabilitySource = {
  get: async () => ASSUMED_CAPABILITIES,
  invalidate: () => undefined,
};

const WEEK_MS = 7 * 24 * 3600 * 1000;
const INCONCLUSIVE_MAX_AGE_MS = 60 * 1000;

/**
 * Probes once per mailbox (concurrent callers share the probe), keeps complete reports in the cache for a week.
 * Shared mailboxes (/users/{upn}) use the signed-in user's probe: Graph's behaviour is the same tenant-wide,
 * and a read-only share could not run the If-Match probe anyway.
 */
export class ProbingCapabilitySource implements CapabilitySource {
  private readonly inFlight = new Map<string, Promise<ProbeReport>>();
  private readonly reports = new Map<string, ProbeReport>();
  constructor(
    private readonly cache?: CapabilityCache,
    private readonly opts: { maxAgeMs?: number; now?: () => Date; probe?: typeof probeCapabilities } = {},
  ) {}

  private key(root: string): string {
    return root.startsWith("/users/") ? "/me" : root;
  }

  async get(client: Client, root: string): Promise<GraphCapabilities> {
    return (await this.reportFor(client, root)).capabilities;
  }

  async reportFor(client: Client, root: string, force = false): Promise<ProbeReport> {
    const key = this.key(root);
    const now = (this.opts.now ?? (() => new Date()))();
    if (!force) {
      const known = this.reports.get(key) ?? this.cache?.load(key);
      // An inconclusive probe (offline, throttled) is used for a minute only, then tried again.
      const maxAge = known?.complete === false ? INCONCLUSIVE_MAX_AGE_MS : (this.opts.maxAgeMs ?? WEEK_MS);
      if (known && now.getTime() - Date.parse(known.probedAt) < maxAge) {
        this.reports.set(key, known);
        return known;
      }
    }
    let p = this.inFlight.get(key);
    if (!p) {
      p = (this.opts.probe ?? probeCapabilities)(client, key, { now: this.opts.now }).then((r) => {
        this.reports.set(key, r);
        if (r.complete) this.cache?.save(key, r);
        else this.cache?.remove(key);
        return r;
      });
      this.inFlight.set(key, p);
      p.finally(() => this.inFlight.delete(key)).catch(() => undefined);
    }
    return p;
  }

  invalidate(root: string): void {
    const key = this.key(root);
    this.reports.delete(key);
    this.cache?.remove(key);
  }

  report(root: string): ProbeReport | undefined {
    return this.reports.get(this.key(root));
  }
}

let defaultSource: CapabilitySource = ASSUME_DOCUMENTED;

/** The composition root switches probing on for every repository it creates (src/app/createServices.ts). */
export function setDefaultCapabilitySource(source: CapabilitySource): void {
  defaultSource = source;
}
export function defaultCapabilitySource(): CapabilitySource {
  return defaultSource;
}
