/**
 * What sign-in needs from Office, and nothing more. src/auth never touches the `Office` global
 * (eslint.config.mjs); src/office implements this port over office.js and src/app passes it in.
 *
 * Reference implementation sketch for src/office (all callbacks → promises; never throw inside a callback):
 *
 *   isNestedAppAuthSupported: () => Office.context.requirements.isSetSupported("NestedAppAuth", "1.1"),
 *   getAuthContext: () => Office.auth.getAuthContext().then(c => ({ loginHint: c.loginHint || c.userPrincipalName,
 *                          tenantId: c.tenantId })).catch(() => undefined),
 *   openDialog: (url, o) => new Promise((resolve, reject) =>
 *     Office.context.ui.displayDialogAsync(url, { height: o.height, width: o.width, displayInIframe: false,
 *                                                 promptBeforeOpen: o.promptBeforeOpen }, (r) => {
 *       if (r.status === Office.AsyncResultStatus.Failed) return reject(new DialogPortError(r.error.code));
 *       const dialog = r.value;  // queue DialogMessageReceived (arg.message) and DialogEventReceived (arg.error)
 *       resolve({ nextMessage, close: () => dialog.close() });
 *     }))
 *
 * Error codes: https://learn.microsoft.com/office/dev/add-ins/develop/dialog-handle-errors-events
 */
export interface OfficeDialogPort {
  /**
   * `Office.context.requirements.isSetSupported("NestedAppAuth", "1.1")`. NestedAppAuth can't be declared
   * in an Outlook manifest, only checked at runtime (nested-app-auth-requirement-sets.md). False in
   * Outlook.com/Gmail mailboxes and in older or perpetual-licence clients.
   */
  isNestedAppAuthSupported(): boolean;
  /**
   * `Office.auth.getAuthContext()` (NestedAppAuth 1.1) reduced to a login hint, so MSAL picks the account
   * Outlook is signed in with. Resolve `undefined` when unavailable; never reject.
   */
  getAuthContext?(): Promise<OfficeAuthContext | undefined>;
  /**
   * `Office.context.ui.displayDialogAsync(url, { displayInIframe: false, … })`. `url` is an absolute https
   * URL on the add-in's own origin (the dialog must start on a domain in the manifest's AppDomains or the
   * add-in's own). Resolves once the dialog is open; rejects with `DialogPortError`, src/office's `OfficeError`
   * (numeric `officeCode`) or a raw `Office.Error` (numeric `code`) when it can't open: 12004 domain not trusted, 12005 not https, 12007 a dialog is
   * already open, 12009 the user ignored the "allow dialog" prompt, 12011 the browser blocks popups.
   */
  openDialog(url: string, options: DialogOptions): Promise<OfficeDialogHandle>;
}

export interface OfficeAuthContext {
  loginHint?: string;
  tenantId?: string;
}

export interface DialogOptions {
  /** Percent of the screen, 1–100 (Office clamps). */
  height: number;
  width: number;
  /** Office on the web: show Office's "allow dialog" prompt instead of a browser popup (may raise 12009). */
  promptBeforeOpen?: boolean;
}

export interface OfficeDialogHandle {
  /**
   * The next string the dialog page sent with `Office.context.ui.messageParent` (DialogMessageReceived),
   * in order, messages received before the call included. Rejects with `DialogPortError` when the dialog
   * raises DialogEventReceived: 12006 the user closed it, 12002 the page failed to load, 12003 the page
   * navigated to http.
   */
  nextMessage(): Promise<string>;
  /** `dialog.close()`; safe to call twice or after the user closed it. */
  close(): void;
}

/** Office dialog error codes (dialog-handle-errors-events.md), as a union with readable names. */
export const OFFICE_DIALOG_ERRORS = {
  PAGE_LOAD_FAILED: 12002,
  HTTPS_REQUIRED_IN_DIALOG: 12003,
  DOMAIN_NOT_TRUSTED: 12004,
  HTTPS_REQUIRED: 12005,
  DIALOG_CLOSED: 12006,
  DIALOG_ALREADY_OPEN: 12007,
  USER_IGNORED_PROMPT: 12009,
  POPUP_BLOCKED_BY_BROWSER: 12011,
} as const;

/** Rejection of `openDialog`/`nextMessage`: the numeric Office error code, nothing else. */
export class DialogPortError extends Error {
  readonly code: number;
  constructor(code: number, message = `Office dialog error ${code}`) {
    super(message);
    this.code = code;
  }
}

/** Names src/office's OfficeError uses for the same conditions (src/office/OfficeError.ts). */
const NAMED_CODES: Record<string, number> = {
  DialogClosed: OFFICE_DIALOG_ERRORS.DIALOG_CLOSED,
  DialogAlreadyOpen: OFFICE_DIALOG_ERRORS.DIALOG_ALREADY_OPEN,
  DialogBlocked: OFFICE_DIALOG_ERRORS.USER_IGNORED_PROMPT,
};

/**
 * The Office error code of a port rejection, whatever its shape: `DialogPortError` (numeric `code`), src/office's
 * `OfficeError` (numeric `officeCode`, named `code`), or a raw office.js `Office.Error` (numeric `code`).
 */
export function officeDialogErrorCode(e: unknown): number | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const { code, officeCode } = e as { code?: unknown; officeCode?: unknown };
  if (typeof officeCode === "number") return officeCode;
  if (typeof code === "number") return code;
  if (typeof code === "string") return NAMED_CODES[code];
  return undefined;
}
