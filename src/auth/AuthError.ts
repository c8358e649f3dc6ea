/**
 * The one error shape sign-in rejects with. The UI maps `code` to a message and never parses `message`
 * (conventions.md "One error shape both ways"). Messages are for developers: they never carry a token, a
 * user name or an e-mail address.
 */
export type AuthErrorCode =
  /** The user (or, when user consent is off, an administrator) has not consented to a scope: AADSTS65001. */
  | "ConsentRequired"
  /** Neither nested app authentication nor the Office dialog is available in this Outlook. */
  | "NaaUnsupported"
  /** The sign-in popup was blocked and the Office dialog fallback could not open either. */
  | "PopupBlocked"
  /** The user closed the sign-in popup or dialog before sign-in finished (Office dialog event 12006). */
  | "DialogClosed"
  /** Anything else: network, server, misconfigured app registration (e.g. missing redirect URI). */
  | "SignInFailed"
  /** The build has no client id (ADDIN_CLIENT_ID): the demo build, which never signs in. */
  | "NotConfigured";

export class AuthError extends Error {
  readonly code: AuthErrorCode;
  /** MSAL's or Office's own code (e.g. "popup_window_error", "consent_required", 12006), for support. */
  readonly detail: string | undefined;

  constructor(code: AuthErrorCode, message: string, options: { detail?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
  }
}

export function isAuthError(e: unknown): e is AuthError {
  return e instanceof AuthError;
}
