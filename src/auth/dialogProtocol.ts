import { AuthError, type AuthErrorCode } from "./AuthError";
import type { SignedInAccount } from "./TokenProvider";

/**
 * The contract between the task pane and the sign-in dialog page (signin.html). The page answers with exactly
 * one message through `Office.context.ui.messageParent`; library token caches don't cross the dialog/task
 * pane boundary, so the token travels in it (auth-with-office-dialog-api.md) and the task pane keeps it in
 * memory only.
 */
export const SIGNIN_PAGE = "signin.html";
const PROTOCOL_VERSION = 1;

export type DialogMessage =
  | { v: 1; type: "token"; accessToken: string; /** epoch ms */ expiresOn: number; scopes: string[]; account?: SignedInAccount }
  | { v: 1; type: "error"; code: AuthErrorCode; detail?: string };

const ERROR_CODES: readonly AuthErrorCode[] = [
  "ConsentRequired",
  "NaaUnsupported",
  "PopupBlocked",
  "DialogClosed",
  "SignInFailed",
  "NotConfigured",
];

/** `https://<origin>/signin.html?scopes=a%20b&loginHint=…` — same origin as the task pane. */
export function buildSigninUrl(pageUrl: string, scopes: readonly string[], loginHint?: string): string {
  const url = new URL(pageUrl);
  url.searchParams.set("scopes", scopes.join(" "));
  if (loginHint) url.searchParams.set("loginHint", loginHint);
  return url.toString();
}

export function parseSigninParams(search: string): { scopes: string[]; loginHint?: string } {
  const params = new URLSearchParams(search);
  const scopes = (params.get("scopes") ?? "").split(/\s+/).filter(Boolean);
  const loginHint = params.get("loginHint") ?? undefined;
  return loginHint ? { scopes, loginHint } : { scopes };
}

export function serializeDialogMessage(message: DialogMessage): string {
  return JSON.stringify(message);
}

/** Untrusted input (anything the dialog page posts): validate every field, never echo it into errors. */
export function parseDialogMessage(raw: string): DialogMessage {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw malformed();
  }
  if (typeof data !== "object" || data === null) throw malformed();
  const m = data as Record<string, unknown>;
  if (m.v !== PROTOCOL_VERSION) throw malformed();
  if (m.type === "token") {
    if (typeof m.accessToken !== "string" || m.accessToken === "") throw malformed();
    if (typeof m.expiresOn !== "number" || !Number.isFinite(m.expiresOn)) throw malformed();
    if (!Array.isArray(m.scopes) || !m.scopes.every((s) => typeof s === "string")) throw malformed();
    const out: DialogMessage = { v: 1, type: "token", accessToken: m.accessToken, expiresOn: m.expiresOn, scopes: m.scopes };
    const a = m.account as Record<string, unknown> | undefined;
    if (a && typeof a === "object" && typeof a.username === "string") {
      out.account = typeof a.name === "string" ? { username: a.username, name: a.name } : { username: a.username };
    }
    return out;
  }
  if (m.type === "error" && ERROR_CODES.includes(m.code as AuthErrorCode)) {
    const out: DialogMessage = { v: 1, type: "error", code: m.code as AuthErrorCode };
    if (typeof m.detail === "string") out.detail = m.detail.slice(0, 200);
    return out;
  }
  throw malformed();
}

function malformed(): AuthError {
  return new AuthError("SignInFailed", "The sign-in dialog sent an unexpected message.", { detail: "malformed_dialog_message" });
}
