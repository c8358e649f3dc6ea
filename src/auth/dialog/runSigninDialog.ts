/**
 * The sign-in dialog page's logic, free of globals so it can be tested: a standard (non-nested) MSAL PCA
 * with the redirect flow — popups can't open from inside the Office dialog, and NAA isn't available there
 * (that's why we're here). Sends exactly one `DialogMessage` to the task pane.
 *
 * Flow (Office-Add-in-samples Outlook-Add-in-SSO-NAA fallbackauthdialog.ts, auth-with-office-dialog-api.md):
 *   1. handleRedirectPromise(): back from login.microsoftonline.com → send the token.
 *   2. a cached account → acquireTokenSilent (MSAL's localStorage cache on the add-in's origin; this is how an
 *      expired token is renewed: the dialog opens, answers at once and closes).
 *   3. otherwise acquireTokenRedirect → the Microsoft sign-in page, back to signin.html, step 1.
 */
import { createStandardPublicClientApplication, type AuthenticationResult } from "@azure/msal-browser";
import { AuthError } from "../AuthError";
import { isConfigured, type AuthConfig } from "../AuthConfig";
import { parseSigninParams, serializeDialogMessage, type DialogMessage } from "../dialogProtocol";
import { createMsalConfiguration } from "../msalConfiguration";
import { needsInteraction, toAuthError } from "../mapMsalError";
import { hasResourceScope } from "../scopes";

export interface SigninDialogEnv {
  config: AuthConfig;
  /** `location.search` of the page (scopes, loginHint). */
  search: string;
  /** This page's URL without query: `https://<origin>/signin.html`, registered as an SPA redirect URI. */
  redirectUri: string;
  /** `Office.context.ui.messageParent`. */
  messageParent(message: string): void;
}

/** Fallback token lifetime if MSAL gives no expiry: Graph tokens last at least 60 minutes. */
const DEFAULT_LIFETIME_MS = 60 * 60 * 1000;

export async function runSigninDialog(env: SigninDialogEnv, now: () => number = Date.now): Promise<void> {
  const send = (m: DialogMessage) => env.messageParent(serializeDialogMessage(m));
  const sendToken = (r: AuthenticationResult) =>
    send({
      v: 1,
      type: "token",
      accessToken: r.accessToken,
      expiresOn: r.expiresOn ? r.expiresOn.getTime() : now() + DEFAULT_LIFETIME_MS,
      scopes: r.scopes,
      ...(r.account ? { account: r.account.name ? { username: r.account.username, name: r.account.name } : { username: r.account.username } } : {}),
    });
  try {
    if (!isConfigured(env.config)) {
      throw new AuthError("NotConfigured", "No client id: this is the demo build, which never signs in.");
    }
    const pca = await createStandardPublicClientApplication(createMsalConfiguration(env.config, env.redirectUri));
    const redirected = await pca.handleRedirectPromise();
    if (redirected) {
      if (redirected.account) pca.setActiveAccount(redirected.account);
      sendToken(redirected);
      return;
    }
    const { scopes, loginHint } = parseSigninParams(env.search);
    if (!hasResourceScope(scopes)) {
      throw new AuthError("SignInFailed", "The sign-in page was opened without scopes.", { detail: "no_resource_scope" });
    }
    const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
    if (account) {
      try {
        sendToken(await pca.acquireTokenSilent({ scopes, account }));
        return;
      } catch (e) {
        if (!needsInteraction(e)) throw e;
      }
    }
    // Navigates away; this page loads again at redirectUri and step 1 picks up the result.
    await pca.acquireTokenRedirect({
      scopes,
      redirectUri: env.redirectUri,
      ...(account ? { account } : loginHint ? { loginHint } : {}),
    });
  } catch (e) {
    const err = toAuthError(e);
    send({ v: 1, type: "error", code: err.code, ...(err.detail ? { detail: err.detail } : {}) });
  }
}
