import { InteractionRequiredAuthError } from "@azure/msal-browser";
import { AuthError } from "./AuthError";

/**
 * MSAL's errors → ours. Matches MSAL's `errorCode` strings (BrowserAuthErrorCodes,
 * InteractionRequiredAuthErrorCodes in @azure/msal-browser 5.x) rather than classes where it can, so the
 * mapping survives errors re-created across the dialog boundary.
 */

/** The popup could not open: the host's webview or the browser blocks it → use the Office dialog instead. */
const POPUP_BLOCKED_CODES = new Set(["popup_window_error", "empty_window_error", "block_nested_popups"]);
/** The user closed the popup. */
const CANCELLED_CODES = new Set(["user_cancelled"]);
/**
 * AADSTS65001 consent not granted; 65004 user declined consent; 90094/90095 admin approval required
 * (user consent turned off in the tenant). https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
const CONSENT_PATTERN = /AADSTS(65001|65004|90094|90095)\b/;
/** Failures that an interactive prompt can't fix: don't open a popup for them. */
const NON_INTERACTIVE_CODES = new Set(["network_error", "no_network_connectivity", "endpoints_resolution_error", "invalid_authority_type"]);

interface MsalLikeError {
  errorCode?: unknown;
  subError?: unknown;
  errorMessage?: unknown;
  message?: unknown;
}

function fields(e: unknown): { code: string; subError: string; text: string } {
  const m = (typeof e === "object" && e !== null ? e : {}) as MsalLikeError;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  return { code: str(m.errorCode), subError: str(m.subError), text: `${str(m.errorMessage)} ${str(m.message)}` };
}

export function isConsentError(e: unknown): boolean {
  const { code, subError, text } = fields(e);
  return code === "consent_required" || subError === "consent_required" || CONSENT_PATTERN.test(text);
}

export function isPopupBlocked(e: unknown): boolean {
  return POPUP_BLOCKED_CODES.has(fields(e).code);
}

/** Silent acquisition failed: would an interactive prompt (popup or redirect) help? */
export function needsInteraction(e: unknown): boolean {
  if (e instanceof InteractionRequiredAuthError) return true;
  return !NON_INTERACTIVE_CODES.has(fields(e).code);
}

export function toAuthError(e: unknown): AuthError {
  if (e instanceof AuthError) return e;
  const { code } = fields(e);
  const detail = code || undefined;
  if (isConsentError(e)) {
    return new AuthError("ConsentRequired", "Consent for the requested permissions has not been granted.", { detail, cause: e });
  }
  if (isPopupBlocked(e)) return new AuthError("PopupBlocked", "The sign-in popup was blocked.", { detail, cause: e });
  if (CANCELLED_CODES.has(code)) {
    return new AuthError("DialogClosed", "The sign-in window was closed before sign-in finished.", { detail, cause: e });
  }
  return new AuthError("SignInFailed", "Sign-in failed.", { detail, cause: e });
}
