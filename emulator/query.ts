/**
 * Query options in one place (issue 12): every GET handler declares the options it implements; anything else is
 * rejected, never silently ignored (emulator/README.md "never more lenient than Graph").
 *  - An OData system option Graph has but this handler does not implement → 501 NotImplemented naming it.
 *  - A `$`-prefixed name that is no OData system option → 400, the form Graph's OData layer uses for an option it
 *    does not allow ("The query specified in the URI is not valid. Query option 'Select' is not allowed.",
 *    microsoft-graph-docs-contrib issue #2556 on concepts/query-parameters.md).
 *  - Option names are matched case-insensitively (`$Select` = `$select`), like Graph's OData parser; the emulator
 *    rewrites them to lower case once, before dispatch.
 */
import { GraphError } from "./errors";
import { notImplemented } from "./errors";

/** OData v4.01 system query options (URL conventions §5) plus Graph's paging tokens (concepts/paging.md). */
export const SYSTEM_OPTIONS = new Set([
  "$select", "$expand", "$filter", "$orderby", "$top", "$skip", "$count", "$search", "$format", "$skiptoken",
  "$deltatoken", "$levels", "$compute", "$apply", "$index", "$schemaversion", "$id",
]);

/** Lower-case `$` option names in place (`$Top` → `$top`). Repeated options → 400 (OData: each at most once). */
export function normalizeQuery(url: URL): void {
  const entries = [...url.searchParams.entries()];
  const names = entries.map(([k]) => k).filter((k) => k.startsWith("$"));
  if (names.every((k) => k === k.toLowerCase()) && new Set(names).size === names.length) return;
  const seen = new Set<string>();
  const out = new URLSearchParams();
  for (const [k, v] of entries) {
    const name = k.startsWith("$") ? k.toLowerCase() : k;
    if (name.startsWith("$")) {
      if (seen.has(name)) throw new GraphError(400, "BadRequest", `The query specified in the URI is not valid. Query option '${name}' was specified more than once, but it must be specified at most once.`);
      seen.add(name);
    }
    out.append(name, v);
  }
  url.search = out.toString();
}

/** Throws unless every `$` option of the request is in `implemented`. */
export function checkQueryOptions(url: URL, implemented: readonly string[], what = "this resource"): void {
  for (const k of url.searchParams.keys()) {
    if (!k.startsWith("$")) continue; // custom query options (no $) are allowed by OData and ignored
    if (implemented.includes(k)) continue;
    if (SYSTEM_OPTIONS.has(k)) throw notImplemented(`the query option '${k}' on ${what}`);
    throw new GraphError(400, "BadRequest", `The query specified in the URI is not valid. Query option '${k.slice(1)}' is not allowed.`);
  }
}
