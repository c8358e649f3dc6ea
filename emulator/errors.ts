/**
 * Graph's error envelope: `{ error: { code, message, innerError: { "request-id", date, "client-request-id" } } }`.
 * Doc: https://learn.microsoft.com/graph/errors (graph-docs concepts/errors.md, "Error resource type").
 */
export class GraphError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, requestId: string, clientRequestId: string | null): object {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ""),
        "request-id": requestId,
        "client-request-id": clientRequestId ?? requestId,
      },
    },
  };
}

export const notFound = (what = "The specified object was not found in the store."): GraphError =>
  // Outlook resources answer a missing item with 404 ErrorItemNotFound (errors.md lists 404; code seen on every Outlook API).
  new GraphError(404, "ErrorItemNotFound", what);

export const accessDenied = (): GraphError =>
  // Outlook's wording for a mailbox/folder the caller has no right to (concepts/outlook-get-shared-contacts-folders.md
  // says only "returns an error"; the code/message are what Exchange Online returns — see README "undocumented").
  new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

export const notImplemented = (what: string): GraphError =>
  new GraphError(501, "NotImplemented", `The Graph emulator does not implement ${what}.`);

export const badRequest = (message: string, code = "BadRequest"): GraphError => new GraphError(400, code, message);
