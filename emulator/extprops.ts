/**
 * Extended (MAPI) property ids and values.
 * - id formats: https://learn.microsoft.com/graph/api/resources/extended-properties-overview (S5):
 *   "{type} {guid} Name {name}", "{type} {guid} Id {id}", "{type} {proptag}".
 * - type names: EWS MapiPropertyTypeType
 *   https://learn.microsoft.com/previous-versions/office/developer/exchange-server-2007/bb408868(v=exchg.80)
 * - values are JSON strings (single) / arrays of strings (multi) (S6, S8).
 */
import { GraphError } from "./errors";

const SCALAR_TYPES = [
  "ApplicationTime", "Binary", "Boolean", "CLSID", "Currency", "Double", "Error", "Float", "Integer", "Long",
  "Null", "Object", "Short", "SystemTime", "String",
];
const ARRAY_TYPES = ["ApplicationTime", "Binary", "CLSID", "Currency", "Double", "Float", "Integer", "Long", "Object", "Short", "SystemTime", "String"].map((t) => `${t}Array`);
const TYPE_BY_LOWER = new Map<string, string>([...SCALAR_TYPES, ...ARRAY_TYPES].map((t) => [t.toLowerCase(), t]));

export interface PropId { canonical: string; type: string; isArray: boolean }

function invalidId(id: string): GraphError {
  return new GraphError(400, "ErrorInvalidExtendedProperty", `The extended property id '${id}' is not valid. Expected '{type} {guid} Name {name}', '{type} {guid} Id 0x{id}' or '{type} 0x{proptag}'.`);
}

/** Parse and canonicalise an id (type name canonical case, GUID lower-case, Name part kept case-sensitive — S6). */
export function parsePropId(id: unknown): PropId {
  if (typeof id !== "string") throw invalidId(String(id));
  const m = /^(\w+) (?:\{([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\} (?:Name (\S.*)|Id (0x[0-9a-fA-F]{1,4}))|(0x[0-9a-fA-F]{1,8}))$/i.exec(id);
  if (!m) throw invalidId(id);
  const type = TYPE_BY_LOWER.get(m[1]!.toLowerCase());
  if (!type) throw new GraphError(400, "ErrorInvalidExtendedProperty", `'${m[1]}' is not a valid MAPI property type.`);
  let canonical: string;
  if (m[5]) {
    // Proptag format: predefined MAPI properties only (0x0001–0x7FFF for the id part) (S5).
    const hex = m[5].slice(2);
    const propId = parseInt(hex.length > 4 ? hex.slice(0, hex.length - 4) : hex, 16);
    if (propId < 0x0001 || propId > 0x7fff) throw invalidId(id);
    canonical = `${type} 0x${hex.toUpperCase()}`.replace(/ 0x/, " 0x");
  } else if (m[3] !== undefined) {
    canonical = `${type} {${m[2]!.toLowerCase()}} Name ${m[3]}`;
  } else {
    canonical = `${type} {${m[2]!.toLowerCase()}} Id 0x${m[4]!.slice(2).toLowerCase()}`;
  }
  return { canonical, type, isArray: type.endsWith("Array") };
}

function invalidValue(id: string, v: unknown): GraphError {
  return new GraphError(400, "ErrorInvalidExtendedPropertyValue", `The value '${String(v)}' is not valid for the extended property '${id}'.`);
}

/** Validate one scalar value for a (scalar) MAPI type and return its stored/returned form. */
export function normaliseScalar(type: string, id: string, v: unknown): string {
  if (typeof v !== "string") throw invalidValue(id, v);
  const s = v;
  switch (type) {
    case "String": return s;
    case "Boolean":
      if (!/^(true|false)$/i.test(s)) throw invalidValue(id, v);
      return s.toLowerCase();
    case "Short": case "Integer": case "Long": {
      if (!/^-?\d+$/.test(s)) throw invalidValue(id, v);
      const n = BigInt(s);
      const bits = type === "Short" ? 16n : type === "Integer" ? 32n : 64n;
      const max = (1n << (bits - 1n)) - 1n;
      if (n > max || n < -max - 1n) throw invalidValue(id, v);
      return n.toString();
    }
    case "Double": case "Float": case "Currency": case "ApplicationTime":
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) throw invalidValue(id, v);
      return s;
    case "SystemTime": {
      if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(s)) throw invalidValue(id, v);
      const d = new Date(/T/.test(s) && !/(Z|[+-]\d{2}:\d{2})$/.test(s) ? `${s}Z` : s);
      if (Number.isNaN(d.getTime())) throw invalidValue(id, v);
      return d.toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    case "CLSID":
      if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) throw invalidValue(id, v);
      return s.toLowerCase();
    case "Binary": case "Object":
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw invalidValue(id, v);
      return s;
    default:
      throw invalidValue(id, v);
  }
}

export interface PropInput { id: string; single: boolean; value: string | string[] }

/** Validate the `singleValueExtendedProperties` / `multiValueExtendedProperties` arrays of a POST/PATCH body. */
export function readPropsFromBody(body: Record<string, unknown>): PropInput[] {
  const out: PropInput[] = [];
  for (const [key, single] of [["singleValueExtendedProperties", true], ["multiValueExtendedProperties", false]] as const) {
    const arr = body[key];
    if (arr === undefined) continue;
    if (!Array.isArray(arr)) throw new GraphError(400, "RequestBodyRead", `'${key}' must be a collection.`);
    for (const item of arr) {
      if (!item || typeof item !== "object") throw new GraphError(400, "RequestBodyRead", `'${key}' items must be objects.`);
      const { id, value } = item as { id?: unknown; value?: unknown };
      const p = parsePropId(id);
      if (single === p.isArray) {
        throw new GraphError(400, "ErrorInvalidExtendedProperty", `The property '${String(id)}' has type ${p.type}, which does not belong in ${key}.`);
      }
      if (single) {
        // Null does not delete: Graph documents no delete for extended properties (msgraph-sdk-dotnet #719) → reject.
        out.push({ id: p.canonical, single, value: normaliseScalar(p.type, p.canonical, value) });
      } else {
        if (!Array.isArray(value)) throw invalidValue(p.canonical, value);
        const scalar = p.type.replace(/Array$/, "");
        out.push({ id: p.canonical, single, value: value.map((x) => normaliseScalar(scalar, p.canonical, x)) });
      }
    }
  }
  return out;
}
