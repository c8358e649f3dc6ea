/**
 * OData $filter expressions and query strings, built so that no user value can break a query
 * (graph-reference.md §9, gotcha 7): string literals have single quotes doubled, then each query value is
 * percent-encoded exactly once with encodeURIComponent — the Graph JS client concatenates query values as
 * given, and fetch leaves `#`, `&`, `+` and `%` alone, which would truncate or split the query.
 *
 * Server-side filters only where Graph supports them (S2, S6): `eq` on a single-value extended property,
 * exact email address equality, `categories/any`. Everything else (contains, multi-value properties,
 * sorting) is done on the cached copy.
 */
import { GraphRequestError } from "./GraphRequestError";

/** Control characters cannot be expressed safely in an OData literal; refuse them before sending. */
const CONTROL = /[\u0000-\u001f\u007f]/;

export function odataString(value: string): string {
  if (CONTROL.test(value)) throw new GraphRequestError("invalidInput", 0, "Filter value contains control characters");
  return `'${value.replace(/'/g, "''")}'`;
}

/** `emailAddresses/any(a:a/address eq '…')` — exact match on the address only (S2). */
export function emailEquals(address: string): string {
  return `emailAddresses/any(a:a/address eq ${odataString(address)})`;
}

/** `categories/any(c:c eq '…')` (S18 generic lambda). */
export function categoryEquals(name: string): string {
  return `categories/any(c:c eq ${odataString(name)})`;
}

/** `eq` on a single-value extended property (S6). Multi-value properties cannot be filtered (gotcha 1). */
export function singleValuePropertyEquals(propertyId: string, value: string): string {
  if (/^\w*Array\s/i.test(propertyId)) {
    throw new GraphRequestError("invalidInput", 0, "Multi-value extended properties cannot be filtered on the server");
  }
  return `singleValueExtendedProperties/any(ep:ep/id eq ${odataString(propertyId)} and ep/value eq ${odataString(value)})`;
}

export function or(...terms: string[]): string {
  return terms.length === 1 ? terms[0]! : terms.map((t) => `(${t})`).join(" or ");
}

export function and(...terms: string[]): string {
  return terms.length === 1 ? terms[0]! : terms.map((t) => `(${t})`).join(" and ");
}

export type QueryParams = Record<string, string | number | undefined>;

/**
 * A query string with every value percent-encoded once. Keys are ours (`$select`, `$filter`, …), never user data.
 * Use as `client.api(path + "?" + buildQuery({...}))`; the SDK keeps the encoded values verbatim.
 */
export function buildQuery(params: QueryParams): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join("&");
}

/** A path segment (ids, UPNs) encoded once. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
