/** Test doubles for the two boundaries sign-in has: MSAL's PCA and the Office dialog port. Tests only. */
import type { AccountInfo, AuthenticationResult } from "@azure/msal-browser";
import type { OfficeDialogHandle, OfficeDialogPort } from "./OfficeDialogPort";

export const ACCOUNT = {
  homeAccountId: "home",
  environment: "login.microsoftonline.com",
  tenantId: "tenant",
  username: "zhang.wei@contoso.com",
  localAccountId: "local",
  name: "张伟 Zhang Wei",
} as AccountInfo;

export function authResult(accessToken: string, scopes: string[], expiresOn = new Date(Date.now() + 3600_000)): AuthenticationResult {
  return { accessToken, scopes, expiresOn, account: ACCOUNT } as unknown as AuthenticationResult;
}

export function fakePca() {
  return {
    acquireTokenSilent: jest.fn(),
    ssoSilent: jest.fn(),
    acquireTokenPopup: jest.fn(),
    acquireTokenRedirect: jest.fn(async () => undefined),
    handleRedirectPromise: jest.fn(async () => null),
    getActiveAccount: jest.fn((): AccountInfo | null => null),
    getAllAccounts: jest.fn((): AccountInfo[] => []),
    setActiveAccount: jest.fn(),
  };
}

/** Each dialog opened answers with the next scripted reply (a message string, or a rejection). */
export function fakeOfficePort(opts: { naa?: boolean; replies?: Array<string | Error>; openError?: Error } = {}) {
  const replies = [...(opts.replies ?? [])];
  const opened: string[] = [];
  const close = jest.fn();
  const port: OfficeDialogPort = {
    isNestedAppAuthSupported: () => opts.naa ?? true,
    getAuthContext: async () => ({ loginHint: "zhang.wei@contoso.com" }),
    openDialog: jest.fn(async (url: string): Promise<OfficeDialogHandle> => {
      if (opts.openError) throw opts.openError;
      opened.push(url);
      const reply = replies.shift();
      return {
        nextMessage: () =>
          reply instanceof Error ? Promise.reject(reply) : reply === undefined ? new Promise<string>(() => undefined) : Promise.resolve(reply),
        close,
      };
    }),
  };
  return { port, opened, close };
}

export function tokenMessage(accessToken: string, scopes: string[], expiresOn: number): string {
  return JSON.stringify({ v: 1, type: "token", accessToken, expiresOn, scopes, account: { username: "zhang.wei@contoso.com" } });
}
