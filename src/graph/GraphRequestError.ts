/**
 * One error shape for every Graph failure (conventions.md "One error shape both ways"): the UI maps `code`
 * to a message and never parses bodies. Messages carry no request/response bodies and no personal data.
 */
import { GraphError } from "@microsoft/microsoft-graph-client";

/** Graph's error.code where known (e.g. "ErrorIrresolvableConflict"), or one of ours. */
export type GraphErrorCode =
  | "network"
  | "throttled"
  | "preconditionFailed"
  | "forbidden"
  | "notFound"
  | "valueTooLong"
  | "invalidInput"
  | "malformedResponse"
  | "defaultFolderUnknown"
  | (string & {});

export class GraphRequestError extends Error {
  readonly code: GraphErrorCode;
  readonly status: number;
  readonly requestId?: string;

  constructor(code: GraphErrorCode, status: number, message: string, requestId?: string) {
    super(message);
    this.code = code;
    this.status = status;
    this.requestId = requestId;
  }
}

/** Maps the SDK's GraphError (or anything thrown by a request) to a GraphRequestError. */
export function toGraphRequestError(e: unknown): GraphRequestError {
  if (e instanceof GraphRequestError) return e;
  if (e instanceof GraphError) {
    const status = e.statusCode ?? -1;
    // The SDK reports a fetch rejection (offline, DNS, aborted) as GraphError statusCode -1 with the JS error's
    // name as code ("TypeError"): that is our "network" (outcome unknown, safe to replay), not a Graph code.
    const code = status === -1 ? "network" : (e.code ?? `http${status}`);
    return new GraphRequestError(code, status, `Graph request failed (${status} ${code})`, e.requestId ?? undefined);
  }
  // fetch rejections (offline, DNS) and anything else: no status.
  return new GraphRequestError("network", -1, `Graph request could not be sent: ${e instanceof Error ? e.name : "unknown"}`);
}

/** Graph's error envelope inside a $batch sub-response: { error: { code, message, innerError: { "request-id" } } }. */
export function fromBatchError(status: number, body: unknown): GraphRequestError {
  const err = (body as { error?: { code?: string; innerError?: Record<string, string> } } | undefined)?.error;
  const code = err?.code ?? `http${status}`;
  return new GraphRequestError(code, status, `Graph request failed (${status} ${code})`, err?.innerError?.["request-id"]);
}
