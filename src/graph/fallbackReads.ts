/**
 * The slower read paths the capability probe (capabilities.ts) selects when a tenant refuses an UNVERIFIED
 * behaviour: two passes when one `$expand` may hold only one extended-property collection, per-item expands in
 * `$batch`es of 20 when collection GETs may not expand extended properties at all. Everything here works on raw
 * Graph contacts; ContactsRepository converts them with fromGraphContact.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { FieldSchema } from "../domain/types";
import { chunk, retryAfterSeconds, sendBatch, type BatchSubRequest } from "./batch";
import type { GraphCapabilities } from "./capabilities";
import { buildExpand, isMultiValue, type GraphContact } from "./extendedProperties";
import { fromBatchError, GraphRequestError, toGraphRequestError } from "./GraphRequestError";
import { backoffSeconds, isRetryable } from "./retryPolicy";

/** The `$expand` values one read needs: one (both collections) or, when refused, one per collection. */
export function expandParts(schema: FieldSchema, caps: Pick<GraphCapabilities, "expandBothCollections">): string[] {
  if (caps.expandBothCollections) return [buildExpand(schema)].filter(Boolean);
  const single = buildExpand({ ...schema, fields: schema.fields.filter((f) => !isMultiValue(f.kind)) });
  const multi = buildExpand({ ...schema, fields: schema.fields.filter((f) => isMultiValue(f.kind)) });
  return [single, multi].filter(Boolean);
}

/** Adds the extended properties of `extra` to `into` (same contact, another pass). */
export function mergeProps(into: GraphContact, extra: GraphContact): void {
  for (const nav of ["singleValueExtendedProperties", "multiValueExtendedProperties"] as const) {
    const more = extra[nav];
    if (more?.length) (into as unknown as Record<string, unknown>)[nav] = [...((into[nav] as unknown[] | undefined) ?? []), ...more];
  }
}

export interface RawReadOptions {
  maxAttempts: number;
  retryDelaySeconds: number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Per-item GETs in `$batch`es of 20: for each id one sub-request per URL suffix (`suffixes[0]` carries the
 * properties, later ones `$select=id` + another expand). 429/503/504 sub-responses are retried after the longest
 * Retry-After. Returns the merged raw contacts and, per id, the first error.
 */
export async function batchGetRaw(
  client: Client,
  itemPath: (id: string) => string,
  ids: readonly string[],
  queries: readonly string[],
  opts: RawReadOptions,
): Promise<{ raw: Map<string, GraphContact>; errors: Map<string, GraphRequestError>; requests: number }> {
  const raw = new Map<string, GraphContact>();
  const errors = new Map<string, GraphRequestError>();
  let requests = 0;
  type Part = { id: string; part: number };
  let todo: Part[] = [...new Set(ids)].flatMap((id) => queries.map((_, part) => ({ id, part })));
  const got = new Map<string, GraphContact[]>();
  for (let attempt = 1; todo.length; attempt++) {
    const retry: Part[] = [];
    let waitSeconds = 0;
    for (const group of chunk(todo)) {
      const reqs: BatchSubRequest[] = group.map((p, i) => ({ id: String(i), method: "GET", url: `${itemPath(p.id)}?${queries[p.part]}` }));
      const res = await sendBatch(client, reqs);
      requests++;
      group.forEach((p, i) => {
        const r = res.get(String(i));
        if (r && r.status === 200 && r.body) {
          const parts = got.get(p.id) ?? new Array<GraphContact>(queries.length);
          parts[p.part] = r.body as GraphContact;
          got.set(p.id, parts);
        } else {
          if (!errors.has(p.id) || attempt > 1) errors.set(p.id, fromBatchError(r?.status ?? 0, r?.body));
          if (r && isRetryable(r.status) && attempt < opts.maxAttempts) {
            retry.push(p);
            waitSeconds = Math.max(waitSeconds, retryAfterSeconds(r) ?? backoffSeconds(attempt, opts.retryDelaySeconds));
          }
        }
      });
    }
    todo = retry;
    if (todo.length) await opts.sleep(waitSeconds * 1000);
  }
  for (const [id, parts] of got) {
    if (parts.filter(Boolean).length !== queries.length) continue;
    const [head, ...rest] = parts as GraphContact[];
    for (const r of rest) mergeProps(head!, r);
    raw.set(id, head!);
    errors.delete(id);
  }
  return { raw, errors, requests };
}

/** Every page of a collection GET, following @odata.nextLink verbatim. */
export async function listRaw(client: Client, firstUrl: string, onPage?: (items: GraphContact[]) => void): Promise<{ items: GraphContact[]; requests: number }> {
  const items: GraphContact[] = [];
  let url: string | undefined = firstUrl;
  let requests = 0;
  while (url) {
    let page: { value?: GraphContact[]; "@odata.nextLink"?: string };
    try {
      page = await client.api(url).get();
    } catch (e) {
      throw toGraphRequestError(e);
    }
    requests++;
    items.push(...(page.value ?? []));
    onPage?.(items);
    url = page["@odata.nextLink"];
  }
  return { items, requests };
}

/** A 400 on a path the probe chose: the tenant may have changed, probe again. */
export function looksRefused(e: unknown): boolean {
  return e instanceof GraphRequestError && (e.status === 400 || e.status === 501);
}
