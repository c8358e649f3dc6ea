/**
 * The one error shape src/office rejects with. Callers switch on `code`, never on `message`
 * (conventions.md: "Errors: XError with a code from a string-literal union").
 */
export type OfficeErrorCode =
  /** office.js is not loaded, or this host has no mailbox (e.g. the page was opened outside Outlook). */
  | "NotAvailable"
  /** The host lacks the requirement set the call needs (e.g. Mailbox 1.13 for multi-select). */
  | "Unsupported"
  /** There is no current item (a pinned pane with nothing selected). */
  | "NoItem"
  /** The user closed the dialog (DialogEventReceived 12006). */
  | "DialogClosed"
  /** A dialog is already open (12007): Office allows one per add-in. */
  | "DialogAlreadyOpen"
  /** The user ignored Office's "allow dialog" prompt (12009) or the browser blocked the popup (12011). */
  | "DialogBlocked"
  /** Saving roaming settings failed (e.g. the 32 KB per add-in limit). */
  | "SaveFailed"
  /** Any other failed AsyncResult: `officeCode` carries Office's own numeric or named code. */
  | "Failed";

export class OfficeError extends Error {
  readonly code: OfficeErrorCode;
  /** Office's own error code (AsyncResult.error.code, e.g. 12006 or 9041), for support and mapping. */
  readonly officeCode: number | string | undefined;

  constructor(code: OfficeErrorCode, message: string, options: { officeCode?: number | string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.officeCode = options.officeCode;
  }
}

export function isOfficeError(e: unknown): e is OfficeError {
  return e instanceof OfficeError;
}
