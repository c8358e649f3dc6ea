import { createStandardPublicClientApplication, InteractionRequiredAuthError, ServerError, type Configuration } from "@azure/msal-browser";
import { parseDialogMessage } from "../dialogProtocol";
import { ACCOUNT, authResult, fakePca } from "../testDoubles";
import { runSigninDialog } from "./runSigninDialog";

jest.mock("@azure/msal-browser", () => ({
  ...jest.requireActual("@azure/msal-browser"),
  createNestablePublicClientApplication: jest.fn(),
  createStandardPublicClientApplication: jest.fn(),
}));
const createStandard = createStandardPublicClientApplication as jest.MockedFunction<typeof createStandardPublicClientApplication>;

const CONFIG = { clientId: "11111111-2222-3333-4444-555555555555", authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com" };
const REDIRECT = "https://addin.example.com/signin.html";

function setup(search = "?scopes=Contacts.ReadWrite%20Mail.ReadBasic&loginHint=zhang.wei%40contoso.com") {
  const pca = fakePca();
  createStandard.mockResolvedValue(pca as never);
  const sent: string[] = [];
  const run = () => runSigninDialog({ config: CONFIG, search, redirectUri: REDIRECT, messageParent: (m) => sent.push(m) });
  return { pca, sent, run };
}

beforeEach(() => jest.clearAllMocks());

test("back from the redirect: the token goes to the task pane with its expiry", async () => {
  const { pca, sent, run } = setup("");
  const expiresOn = new Date("2025-06-01T10:00:00Z");
  pca.handleRedirectPromise.mockResolvedValue(authResult("tok-r", ["Contacts.ReadWrite"], expiresOn) as never);
  await run();
  expect(sent).toHaveLength(1);
  expect(parseDialogMessage(sent[0] ?? "")).toEqual({
    v: 1,
    type: "token",
    accessToken: "tok-r",
    expiresOn: expiresOn.getTime(),
    scopes: ["Contacts.ReadWrite"],
    account: { username: ACCOUNT.username, name: ACCOUNT.name },
  });
  const cfg = createStandard.mock.calls[0]?.[0] as Configuration;
  expect(cfg.auth.redirectUri).toBe(REDIRECT);
  expect(cfg.system?.loggerOptions?.piiLoggingEnabled).toBe(false);
});

test("renewal: a cached account answers silently, no redirect", async () => {
  const { pca, sent, run } = setup();
  pca.getAllAccounts.mockReturnValue([ACCOUNT]);
  pca.acquireTokenSilent.mockResolvedValue(authResult("tok-s", ["Contacts.ReadWrite", "Mail.ReadBasic"]));
  await run();
  expect(pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: ["Contacts.ReadWrite", "Mail.ReadBasic"], account: ACCOUNT });
  expect(pca.acquireTokenRedirect).not.toHaveBeenCalled();
  expect(parseDialogMessage(sent[0] ?? "")).toMatchObject({ type: "token", accessToken: "tok-s" });
});

test("first sign-in: redirect with the requested scopes and login hint, nothing sent yet", async () => {
  const { pca, sent, run } = setup();
  await run();
  expect(pca.acquireTokenRedirect).toHaveBeenCalledWith({
    scopes: ["Contacts.ReadWrite", "Mail.ReadBasic"],
    redirectUri: REDIRECT,
    loginHint: "zhang.wei@contoso.com",
  });
  expect(sent).toEqual([]);
});

test("silent renewal needing interaction falls through to the redirect", async () => {
  const { pca, run } = setup();
  pca.getAllAccounts.mockReturnValue([ACCOUNT]);
  pca.acquireTokenSilent.mockRejectedValue(new InteractionRequiredAuthError("interaction_required", "c"));
  await run();
  expect(pca.acquireTokenRedirect).toHaveBeenCalledWith(expect.objectContaining({ account: ACCOUNT }));
});

test("consent refused on return (AADSTS65001) → ConsentRequired sent to the task pane", async () => {
  const { pca, sent, run } = setup();
  pca.handleRedirectPromise.mockRejectedValue(new ServerError("invalid_grant", "c", "AADSTS65001: consent not granted"));
  await run();
  expect(parseDialogMessage(sent[0] ?? "")).toMatchObject({ type: "error", code: "ConsentRequired" });
});

test("demo build (no client id) → NotConfigured", async () => {
  const sent: string[] = [];
  await runSigninDialog({ config: { clientId: "", authority: "" }, search: "?scopes=User.Read", redirectUri: REDIRECT, messageParent: (m) => sent.push(m) });
  expect(parseDialogMessage(sent[0] ?? "")).toEqual({ v: 1, type: "error", code: "NotConfigured" });
  expect(createStandard).not.toHaveBeenCalled();
});

test("opened without scopes → SignInFailed", async () => {
  const { sent, run } = setup("");
  await run();
  expect(parseDialogMessage(sent[0] ?? "")).toMatchObject({ type: "error", code: "SignInFailed", detail: "no_resource_scope" });
});
