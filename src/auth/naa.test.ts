import {
  BrowserAuthError,
  createNestablePublicClientApplication,
  InteractionRequiredAuthError,
  ServerError,
  type Configuration,
} from "@azure/msal-browser";
import { AuthError } from "./AuthError";
import { DialogPortError } from "./OfficeDialogPort";
import { createNaaTokenProvider } from "./naa";
import { SCOPES_BY_FEATURE, scopesFor, type Feature } from "./scopes";
import { ACCOUNT, authResult, fakeOfficePort, fakePca, tokenMessage } from "./testDoubles";

// MSAL mocked at its boundary: the PCA factories; its error classes stay real so mapping is tested for real.
jest.mock("@azure/msal-browser", () => ({
  ...jest.requireActual("@azure/msal-browser"),
  createNestablePublicClientApplication: jest.fn(),
  createStandardPublicClientApplication: jest.fn(),
}));
const createNestable = createNestablePublicClientApplication as jest.MockedFunction<typeof createNestablePublicClientApplication>;

const CONFIG = { clientId: "11111111-2222-3333-4444-555555555555", authority: "https://login.microsoftonline.com/common" };
const SIGNIN = "https://addin.example.com/signin.html";
const BASE = [...SCOPES_BY_FEATURE.base];
const T0 = Date.UTC(2025, 5, 1, 9, 0, 0);

function setup(opts: Parameters<typeof fakeOfficePort>[0] = {}, clock = { now: T0 }) {
  const pca = fakePca();
  createNestable.mockResolvedValue(pca as never);
  const office = fakeOfficePort(opts);
  const provider = createNaaTokenProvider(CONFIG, office.port, { now: () => clock.now, signinPageUrl: SIGNIN });
  return { pca, office, provider, clock };
}

async function rejection(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AuthError);
    return e as AuthError;
  }
  throw new Error("expected a rejection");
}

function dialogScopes(url: string | undefined): string[] {
  return (new URL(url ?? "about:blank").searchParams.get("scopes") ?? "").split(" ").filter(Boolean);
}

beforeEach(() => jest.clearAllMocks());

describe("nested app authentication", () => {
  test("silent success: known account, no popup, no dialog", async () => {
    const { pca, office, provider } = setup();
    pca.getAllAccounts.mockReturnValue([ACCOUNT]);
    pca.acquireTokenSilent.mockResolvedValue(authResult("tok-silent", BASE));

    await expect(provider.getToken(BASE)).resolves.toBe("tok-silent");
    expect(pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: ["Contacts.ReadWrite", "Mail.ReadBasic"], account: ACCOUNT });
    expect(pca.acquireTokenPopup).not.toHaveBeenCalled();
    expect(office.port.openDialog).not.toHaveBeenCalled();
    expect(provider.getAccount()).toEqual({ username: "zhang.wei@contoso.com", name: "张伟 Zhang Wei" });
  });

  test("no account yet: ssoSilent with Outlook's login hint", async () => {
    const { pca, provider } = setup();
    pca.ssoSilent.mockResolvedValue(authResult("tok-sso", BASE));
    await expect(provider.getToken(BASE)).resolves.toBe("tok-sso");
    expect(pca.ssoSilent).toHaveBeenCalledWith({ scopes: BASE, loginHint: "zhang.wei@contoso.com" });
    expect(pca.setActiveAccount).toHaveBeenCalledWith(ACCOUNT);
  });

  test("interaction required → popup; the popup's account is used silently afterwards", async () => {
    const { pca, office, provider } = setup();
    pca.ssoSilent.mockRejectedValue(new InteractionRequiredAuthError("interaction_required", "c"));
    pca.acquireTokenPopup.mockResolvedValue(authResult("tok-popup", BASE));
    pca.acquireTokenSilent.mockResolvedValue(authResult("tok-silent-2", BASE));

    await expect(provider.getToken(BASE)).resolves.toBe("tok-popup");
    expect(pca.acquireTokenPopup).toHaveBeenCalledWith({ scopes: BASE, loginHint: "zhang.wei@contoso.com" });
    await expect(provider.getToken(BASE)).resolves.toBe("tok-silent-2");
    expect(pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: BASE, account: ACCOUNT });
    expect(office.port.openDialog).not.toHaveBeenCalled();
  });

  test("network failure while silent: no popup, SignInFailed", async () => {
    const { pca, provider } = setup();
    pca.ssoSilent.mockRejectedValue(new BrowserAuthError("no_network_connectivity", "c"));
    const err = await rejection(provider.getToken(BASE));
    expect(err.code).toBe("SignInFailed");
    expect(pca.acquireTokenPopup).not.toHaveBeenCalled();
  });

  test("consent required (AADSTS65001) → ConsentRequired", async () => {
    const { pca, provider } = setup();
    pca.ssoSilent.mockRejectedValue(new InteractionRequiredAuthError("consent_required", "c"));
    pca.acquireTokenPopup.mockRejectedValue(
      new ServerError("invalid_grant", "c", "AADSTS65001: The user or administrator has not consented to use the application"),
    );
    const err = await rejection(provider.getToken(BASE));
    expect(err.code).toBe("ConsentRequired");
    expect(err.message).not.toMatch(/contoso|tok-/);
  });

  test("user closes the popup → DialogClosed", async () => {
    const { pca, provider } = setup();
    pca.ssoSilent.mockRejectedValue(new InteractionRequiredAuthError("login_required", "c"));
    pca.acquireTokenPopup.mockRejectedValue(new BrowserAuthError("user_cancelled", "c"));
    expect((await rejection(provider.getToken(BASE))).code).toBe("DialogClosed");
  });

  test("MSAL is configured with the client id, localStorage cache and PII logging off", async () => {
    const { pca, provider } = setup();
    pca.ssoSilent.mockResolvedValue(authResult("t", BASE));
    await provider.getToken(BASE);
    const cfg = createNestable.mock.calls[0]?.[0] as Configuration;
    expect(cfg.auth).toMatchObject(CONFIG);
    expect(cfg.cache?.cacheLocation).toBe("localStorage");
    expect(cfg.system?.loggerOptions?.piiLoggingEnabled).toBe(false);
  });
});

describe("Office dialog fallback", () => {
  test("popup blocked → dialog fallback on the same-origin signin page", async () => {
    const { pca, office, provider } = setup({ replies: [tokenMessage("tok-dialog", BASE, T0 + 3600_000)] });
    pca.ssoSilent.mockRejectedValue(new InteractionRequiredAuthError("interaction_required", "c"));
    pca.acquireTokenPopup.mockRejectedValue(new BrowserAuthError("popup_window_error", "c"));

    await expect(provider.getToken(BASE)).resolves.toBe("tok-dialog");
    const url = new URL(office.opened[0] ?? "");
    expect(`${url.origin}${url.pathname}`).toBe(SIGNIN);
    expect(dialogScopes(office.opened[0])).toEqual(BASE);
    expect(office.close).toHaveBeenCalled();
  });

  test("NAA unsupported (NestedAppAuth 1.1 missing) → dialog, MSAL's nestable PCA never created", async () => {
    const { office, provider } = setup({ naa: false, replies: [tokenMessage("tok-dialog", BASE, T0 + 3600_000)] });
    await expect(provider.getToken(BASE)).resolves.toBe("tok-dialog");
    expect(createNestable).not.toHaveBeenCalled();
    expect(new URL(office.opened[0] ?? "").searchParams.get("loginHint")).toBe("zhang.wei@contoso.com");
    expect(provider.getAccount()).toEqual({ username: "zhang.wei@contoso.com" });
  });

  test("nestable PCA creation failing → dialog", async () => {
    const office = fakeOfficePort({ replies: [tokenMessage("tok-dialog", BASE, T0 + 3600_000)] });
    createNestable.mockRejectedValue(new Error("bridge unavailable"));
    const provider = createNaaTokenProvider(CONFIG, office.port, { now: () => T0, signinPageUrl: SIGNIN });
    await expect(provider.getToken(BASE)).resolves.toBe("tok-dialog");
  });

  test("user closes the dialog (12006) → DialogClosed, dialog closed, nothing cached", async () => {
    const { office, provider } = setup({
      naa: false,
      replies: [new DialogPortError(12006), tokenMessage("tok-2", BASE, T0 + 3600_000)],
    });
    const err = await rejection(provider.getToken(BASE));
    expect(err.code).toBe("DialogClosed");
    expect(err.detail).toBe("12006");
    expect(office.close).toHaveBeenCalledTimes(1);
    // Trying again opens a new dialog.
    await expect(provider.getToken(BASE)).resolves.toBe("tok-2");
    expect(office.port.openDialog).toHaveBeenCalledTimes(2);
  });

  test("a raw Office error object with code 12006 is understood too", async () => {
    const { provider } = setup({ naa: false, replies: [Object.assign(new Error("closed"), { code: 12006 })] });
    expect((await rejection(provider.getToken(BASE))).code).toBe("DialogClosed");
  });

  test("src/office's OfficeError shape (named code, numeric officeCode) is understood", async () => {
    const officeError = Object.assign(new Error("closed"), { code: "DialogClosed", officeCode: 12006 });
    const { provider } = setup({ naa: false, replies: [officeError] });
    expect((await rejection(provider.getToken(BASE))).code).toBe("DialogClosed");
    const blocked = setup({ naa: false, openError: Object.assign(new Error("blocked"), { code: "DialogBlocked" }) });
    expect((await rejection(blocked.provider.getToken(BASE))).code).toBe("DialogClosed");
  });

  test("both fail: NAA unsupported and the dialog can't open → NaaUnsupported; popup blocked and no dialog → PopupBlocked", async () => {
    const a = setup({ naa: false, openError: new DialogPortError(12004) });
    expect((await rejection(a.provider.getToken(BASE))).code).toBe("NaaUnsupported");

    const b = setup({ openError: new DialogPortError(12011) });
    b.pca.ssoSilent.mockRejectedValue(new InteractionRequiredAuthError("interaction_required", "c"));
    b.pca.acquireTokenPopup.mockRejectedValue(new BrowserAuthError("popup_window_error", "c"));
    expect((await rejection(b.provider.getToken(BASE))).code).toBe("PopupBlocked");
  });

  test("user ignores Office's 'allow dialog' prompt (12009) → DialogClosed", async () => {
    const { provider } = setup({ naa: false, openError: new DialogPortError(12009) });
    expect((await rejection(provider.getToken(BASE))).code).toBe("DialogClosed");
  });

  test("dialog reports consent required → ConsentRequired", async () => {
    const { provider } = setup({ naa: false, replies: [JSON.stringify({ v: 1, type: "error", code: "ConsentRequired", detail: "consent_required" })] });
    const err = await rejection(provider.getToken(BASE));
    expect(err.code).toBe("ConsentRequired");
  });

  test("a malformed dialog message → SignInFailed without echoing it", async () => {
    const { provider } = setup({ naa: false, replies: ["<html>secret-token</html>"] });
    const err = await rejection(provider.getToken(BASE));
    expect(err.code).toBe("SignInFailed");
    expect(err.message).not.toContain("secret");
  });

  test("token refresh: cached token reused while valid, a new dialog once it is about to expire", async () => {
    const clock = { now: T0 };
    const { office, provider } = setup(
      { naa: false, replies: [tokenMessage("tok-1", BASE, T0 + 60 * 60_000), tokenMessage("tok-2", BASE, T0 + 120 * 60_000)] },
      clock,
    );
    await expect(provider.getToken(BASE)).resolves.toBe("tok-1");
    clock.now = T0 + 30 * 60_000;
    await expect(provider.getToken(["Mail.ReadBasic", "Contacts.ReadWrite"])).resolves.toBe("tok-1"); // order-insensitive
    await expect(provider.getToken(["Mail.ReadBasic"])).resolves.toBe("tok-1"); // subset of a cached token's scopes
    expect(office.port.openDialog).toHaveBeenCalledTimes(1);

    clock.now = T0 + 56 * 60_000; // within 5 minutes of expiry
    await expect(provider.getToken(BASE)).resolves.toBe("tok-2");
    expect(office.port.openDialog).toHaveBeenCalledTimes(2);
  });

  test("a scope the cached token lacks opens the dialog for that scope only", async () => {
    const { office, provider } = setup({
      naa: false,
      replies: [tokenMessage("tok-base", BASE, T0 + 3600_000), tokenMessage("tok-tasks", ["Tasks.ReadWrite"], T0 + 3600_000)],
    });
    await provider.getToken(BASE);
    await expect(provider.getToken(scopesFor("reminders"))).resolves.toBe("tok-tasks");
    expect(dialogScopes(office.opened[1])).toEqual(["Tasks.ReadWrite"]);
  });

  test("concurrent requests share one dialog; different scope sets queue (one Office dialog at a time)", async () => {
    const { office, provider } = setup({
      naa: false,
      replies: [tokenMessage("tok-a", BASE, T0 + 3600_000), tokenMessage("tok-b", ["Contacts.Read.Shared"], T0 + 3600_000)],
    });
    const results = await Promise.all([provider.getToken(BASE), provider.getToken(BASE), provider.getToken(scopesFor("teamView"))]);
    expect(results).toEqual(["tok-a", "tok-a", "tok-b"]);
    expect(office.port.openDialog).toHaveBeenCalledTimes(2);
  });

  test("signOut forgets dialog tokens held in memory", async () => {
    const { office, provider } = setup({
      naa: false,
      replies: [tokenMessage("tok-1", BASE, T0 + 3600_000), tokenMessage("tok-2", BASE, T0 + 3600_000)],
    });
    await provider.getToken(BASE);
    await provider.signOut();
    expect(provider.getAccount()).toBeUndefined();
    await expect(provider.getToken(BASE)).resolves.toBe("tok-2");
    expect(office.port.openDialog).toHaveBeenCalledTimes(2);
  });
});

describe("configuration and scopes", () => {
  test("no client id → NotConfigured, nothing else touched", async () => {
    const office = fakeOfficePort();
    const provider = createNaaTokenProvider({ clientId: "", authority: "" }, office.port);
    expect((await rejection(provider.getToken(BASE))).code).toBe("NotConfigured");
    expect(createNestable).not.toHaveBeenCalled();
    expect(office.port.openDialog).not.toHaveBeenCalled();
  });

  test("a request made only of OIDC scopes is refused (NAA needs a resource scope)", async () => {
    const { provider } = setup();
    expect((await rejection(provider.getToken(["openid", "profile"]))).detail).toBe("no_resource_scope");
  });

  const features = Object.keys(SCOPES_BY_FEATURE) as Feature[];

  test.each(features)("feature %s asks MSAL for exactly its own scopes", async (feature) => {
    const { pca, provider } = setup();
    pca.getAllAccounts.mockReturnValue([ACCOUNT]);
    pca.acquireTokenSilent.mockResolvedValue(authResult("t", [...scopesFor(feature)]));
    await provider.getToken(scopesFor(feature));
    const asked = pca.acquireTokenSilent.mock.calls.flatMap(([req]) => (req as { scopes: string[] }).scopes);
    expect([...asked].sort()).toEqual([...scopesFor(feature)].sort());
  });

  test.each(features)("feature %s asks the dialog for exactly its own scopes", async (feature) => {
    const { office, provider } = setup({ naa: false, replies: [tokenMessage("t", [...scopesFor(feature)], T0 + 3600_000)] });
    await provider.getToken(scopesFor(feature));
    expect(dialogScopes(office.opened[0]).sort()).toEqual([...scopesFor(feature)].sort());
  });

  test("the team view never asks for Tasks, mailbox settings or write access to contacts", async () => {
    const { pca, provider } = setup();
    pca.getAllAccounts.mockReturnValue([ACCOUNT]);
    pca.acquireTokenSilent.mockResolvedValue(authResult("t", ["Contacts.Read.Shared"]));
    await provider.getToken(scopesFor("teamView"));
    const asked = pca.acquireTokenSilent.mock.calls.flatMap(([req]) => (req as { scopes: string[] }).scopes);
    expect(asked).toEqual(["Contacts.Read.Shared"]);
    for (const s of ["Tasks.ReadWrite", "MailboxSettings.ReadWrite", "Contacts.ReadWrite", "Mail.ReadBasic", "Mail.Read"]) {
      expect(asked).not.toContain(s);
    }
  });
});
