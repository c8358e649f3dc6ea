import { ALL_SCOPES, createStaticTokenProvider, SCOPES_BY_FEATURE, scopesFor } from "./index";

// If src/auth/index.ts imported MSAL eagerly, this factory would run during the import above and the suite
// would fail (msalLoaded is not yet initialised) or the first test would see `true`.
let msalLoaded = false;
jest.mock("@azure/msal-browser", () => {
  msalLoaded = true;
  return jest.requireActual("@azure/msal-browser");
});

test("importing src/auth does not load MSAL: it comes only with loadNaaTokenProvider()", async () => {
  expect(msalLoaded).toBe(false);
  const { loadNaaTokenProvider } = await import("./index");
  const naa = await loadNaaTokenProvider();
  expect(typeof naa.createNaaTokenProvider).toBe("function");
  expect(msalLoaded).toBe(true);
});

test("static provider for the emulator: dev:<upn> whatever the scopes", async () => {
  const p = createStaticTokenProvider("li.na@contoso.com");
  await expect(p.getToken(scopesFor("teamView"))).resolves.toBe("dev:li.na@contoso.com");
  expect(p.getAccount()).toEqual({ username: "li.na@contoso.com" });
});

test("least privilege: no Mail.Read, no *.All, write on shared contacts only for claims; base needs no admin-only scope", () => {
  expect(SCOPES_BY_FEATURE.base).toEqual(["Contacts.ReadWrite", "Mail.ReadBasic"]);
  expect(ALL_SCOPES).not.toContain("Mail.Read");
  // Contacts.ReadWrite.Shared belongs to the claim action alone (issue 6), never to reading.
  const withSharedWrite = Object.entries(SCOPES_BY_FEATURE).filter(([, s]) => (s as readonly string[]).includes("Contacts.ReadWrite.Shared"));
  expect(withSharedWrite.map(([f]) => f)).toEqual(["contactsSharedWrite"]);
  expect(scopesFor("contactsSharedWrite")).toEqual(["Contacts.ReadWrite.Shared"]);
  expect(ALL_SCOPES.filter((s) => s.endsWith(".All"))).toEqual([]);
  expect(scopesFor("teamView")).toEqual(["Contacts.Read.Shared"]);
  expect(scopesFor("reminders")).toEqual(["Tasks.ReadWrite"]);
  // The calendar option asks for its own calendar only, never a shared one (issue 13 item 2).
  expect(scopesFor("calendar")).toEqual(["Calendars.ReadWrite"]);
  expect(ALL_SCOPES.filter((s) => s.startsWith("Calendars"))).toEqual(["Calendars.ReadWrite"]);
});

test("ALL_SCOPES is exactly what docs/real-outlook.md tells administrators to grant — no MailboxSettings.ReadWrite", () => {
  expect([...ALL_SCOPES].sort()).toEqual(["Calendars.ReadWrite", "Contacts.Read.Shared", "Contacts.ReadWrite", "Contacts.ReadWrite.Shared", "Mail.ReadBasic", "Tasks.ReadWrite", "User.Read"]);
  expect(ALL_SCOPES.some((s) => s.startsWith("MailboxSettings"))).toBe(false);
});
