/**
 * Real sign-in: MSAL nested app authentication (NAA) with the Office dialog as fallback.
 * Loaded lazily through `loadNaaTokenProvider()` (index.ts) so MSAL stays out of the task pane's first chunk.
 *
 *   getToken(scopes)
 *     NestedAppAuth 1.1 supported and the nestable PCA created?
 *       yes → acquireTokenSilent (known account) / ssoSilent (login hint from Outlook)
 *             → on failure needing interaction: acquireTokenPopup
 *             → popup blocked (popup_window_error …): Office dialog
 *       no  → Office dialog (Outlook.com/Gmail mailboxes, older or perpetual clients)
 *
 * Sources: enable-nested-app-authentication-in-your-add-in.md (silent → popup, NAA-supported methods),
 * nested-app-auth-requirement-sets.md (runtime check), Office-Add-in-samples Outlook-Add-in-SSO-NAA
 * (dialog fallback on popup_window_error), auth-with-office-dialog-api.md (token back via messageParent).
 */
import {
  createNestablePublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import { AuthError } from "./AuthError";
import { isConfigured, type AuthConfig } from "./AuthConfig";
import { buildSigninUrl, parseDialogMessage, SIGNIN_PAGE } from "./dialogProtocol";
import { createMsalConfiguration } from "./msalConfiguration";
import { isPopupBlocked, needsInteraction, toAuthError } from "./mapMsalError";
import { OFFICE_DIALOG_ERRORS, officeDialogErrorCode, type DialogOptions, type OfficeDialogPort } from "./OfficeDialogPort";
import { hasResourceScope, normalizeScopes } from "./scopes";
import type { SignedInAccount, TokenProvider } from "./TokenProvider";

/**
 * Renew a dialog-obtained token this long before it expires, so a token never lapses in the middle of a
 * paged read or a $batch. Entra access tokens for Graph last 60–90 minutes.
 */
const EXPIRY_SKEW_MS = 5 * 60 * 1000;
/** Percent of the screen: room for the Microsoft sign-in and consent pages without scrolling. */
const DIALOG_OPTIONS: DialogOptions = { height: 60, width: 30 };

export interface NaaDeps {
  /** Clock for token expiry (tests). */
  now?: () => number;
  /** Absolute URL of the dialog page; default: signin.html next to the task pane. */
  signinPageUrl?: string;
}

interface DialogToken {
  accessToken: string;
  expiresOn: number;
  /** Lower-cased scopes the token was issued for. */
  scopes: Set<string>;
}

export function createNaaTokenProvider(config: AuthConfig, office: OfficeDialogPort, deps: NaaDeps = {}): TokenProvider {
  const now = deps.now ?? Date.now;
  /** `null` once we know NAA is unavailable here: every request goes through the dialog. */
  let pcaPromise: Promise<IPublicClientApplication | null> | undefined;
  let loginHintPromise: Promise<string | undefined> | undefined;
  let msalAccount: AccountInfo | null = null;
  let dialogAccount: SignedInAccount | undefined;
  /** Dialog-obtained tokens: in memory only, never in storage (the dialog's own MSAL cache holds the rest). */
  const dialogTokens = new Map<string, DialogToken>();
  /** One acquisition per scope set at a time: concurrent Graph calls share it. */
  const inFlight = new Map<string, Promise<string>>();
  /** Office allows one dialog at a time (12007): dialog requests queue behind each other. */
  let dialogQueue: Promise<unknown> = Promise.resolve();

  function getPca(): Promise<IPublicClientApplication | null> {
    pcaPromise ??= (async () => {
      if (!office.isNestedAppAuthSupported()) return null;
      try {
        return await createNestablePublicClientApplication(createMsalConfiguration(config));
      } catch {
        // The NAA bridge failed to initialise: treat as "NAA unavailable" and use the dialog.
        return null;
      }
    })();
    return pcaPromise;
  }

  function getLoginHint(): Promise<string | undefined> {
    loginHintPromise ??= (office.getAuthContext?.() ?? Promise.resolve(undefined)).then(
      (ctx) => ctx?.loginHint || undefined,
      () => undefined,
    );
    return loginHintPromise;
  }

  function remember(pca: IPublicClientApplication, result: AuthenticationResult): string {
    if (result.account) {
      msalAccount = result.account;
      pca.setActiveAccount(result.account);
    }
    return result.accessToken;
  }

  async function viaMsal(pca: IPublicClientApplication, scopes: string[]): Promise<string> {
    const loginHint = await getLoginHint();
    const account = msalAccount ?? pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
    try {
      const result = account
        ? await pca.acquireTokenSilent({ scopes, account })
        : await pca.ssoSilent({ scopes, ...(loginHint ? { loginHint } : {}) });
      return remember(pca, result);
    } catch (e) {
      if (!needsInteraction(e)) throw toAuthError(e);
    }
    try {
      const result = await pca.acquireTokenPopup({
        scopes,
        ...(account ? { account } : loginHint ? { loginHint } : {}),
      });
      return remember(pca, result);
    } catch (e) {
      if (isPopupBlocked(e)) return viaDialog(scopes, "PopupBlocked");
      throw toAuthError(e);
    }
  }

  function cachedDialogToken(scopes: string[]): string | undefined {
    const wanted = scopes.map((s) => s.toLowerCase());
    for (const [key, token] of dialogTokens) {
      if (token.expiresOn - EXPIRY_SKEW_MS <= now()) {
        dialogTokens.delete(key);
        continue;
      }
      if (wanted.every((s) => token.scopes.has(s))) return token.accessToken;
    }
    return undefined;
  }

  /**
   * `unavailable`: the code to report when the dialog can't open at all — "NaaUnsupported" when NAA was never
   * available, "PopupBlocked" when NAA's popup was blocked first.
   */
  function viaDialog(scopes: string[], unavailable: "NaaUnsupported" | "PopupBlocked"): Promise<string> {
    const run = async (): Promise<string> => {
      const cached = cachedDialogToken(scopes);
      if (cached) return cached;
      return openSigninDialog(scopes, unavailable);
    };
    const next = dialogQueue.then(run, run);
    dialogQueue = next.catch(() => undefined);
    return next;
  }

  async function openSigninDialog(scopes: string[], unavailable: "NaaUnsupported" | "PopupBlocked"): Promise<string> {
    const pageUrl = deps.signinPageUrl ?? signinPageFromLocation();
    const url = buildSigninUrl(pageUrl, scopes, await getLoginHint());
    let dialog;
    try {
      dialog = await office.openDialog(url, DIALOG_OPTIONS);
    } catch (e) {
      const code = officeDialogErrorCode(e);
      if (code === OFFICE_DIALOG_ERRORS.USER_IGNORED_PROMPT || code === OFFICE_DIALOG_ERRORS.DIALOG_CLOSED) {
        throw new AuthError("DialogClosed", "The sign-in window was dismissed.", { detail: String(code), cause: e });
      }
      const message =
        unavailable === "NaaUnsupported"
          ? "This Outlook doesn't support nested app authentication and the sign-in window could not open."
          : "The sign-in popup was blocked and the sign-in window could not open.";
      throw new AuthError(unavailable, message, { detail: code === undefined ? undefined : String(code), cause: e });
    }
    let raw: string;
    try {
      raw = await dialog.nextMessage();
    } catch (e) {
      const code = officeDialogErrorCode(e);
      if (code === OFFICE_DIALOG_ERRORS.DIALOG_CLOSED) {
        throw new AuthError("DialogClosed", "The sign-in window was closed before sign-in finished.", { detail: "12006", cause: e });
      }
      // 12002/12003: signin.html failed to load — wrong production URL or a missing AppDomain.
      throw new AuthError("SignInFailed", "The sign-in window failed to load.", { detail: code === undefined ? undefined : String(code), cause: e });
    } finally {
      dialog.close();
    }
    const message = parseDialogMessage(raw);
    if (message.type === "error") {
      throw new AuthError(message.code, "Sign-in in the dialog failed.", message.detail ? { detail: message.detail } : {});
    }
    const issued = new Set([...scopes, ...message.scopes].map((s) => s.toLowerCase()));
    dialogTokens.set([...issued].sort().join(" "), { accessToken: message.accessToken, expiresOn: message.expiresOn, scopes: issued });
    if (message.account) dialogAccount = message.account;
    return message.accessToken;
  }

  async function acquire(scopes: string[]): Promise<string> {
    const pca = await getPca();
    return pca ? viaMsal(pca, scopes) : viaDialog(scopes, "NaaUnsupported");
  }

  return {
    getToken(requested) {
      if (!isConfigured(config)) {
        return Promise.reject(new AuthError("NotConfigured", "No client id: this is the demo build, which never signs in."));
      }
      const scopes = normalizeScopes(requested);
      if (!hasResourceScope(scopes)) {
        // NAA needs at least one resource scope; openid/profile alone return no Graph token.
        return Promise.reject(new AuthError("SignInFailed", "A token request needs at least one Graph scope.", { detail: "no_resource_scope" }));
      }
      const key = scopes.join(" ").toLowerCase();
      const pending = inFlight.get(key);
      if (pending) return pending;
      const p = acquire(scopes).finally(() => inFlight.delete(key));
      inFlight.set(key, p);
      return p;
    },
    getAccount() {
      if (msalAccount) return msalAccount.name ? { username: msalAccount.username, name: msalAccount.name } : { username: msalAccount.username };
      return dialogAccount;
    },
    async signOut() {
      // NAA doesn't support logout (Outlook owns the session); forget what this provider holds.
      dialogTokens.clear();
      dialogAccount = undefined;
      msalAccount = null;
    },
  };
}

/** The dialog page is same-origin with the task pane (Office requires the dialog's first page on the add-in's domain). */
function signinPageFromLocation(): string {
  const here = globalThis.location?.href;
  if (!here) throw new AuthError("SignInFailed", "The sign-in page address is unknown outside a browser page.");
  return new URL(SIGNIN_PAGE, here).toString();
}
