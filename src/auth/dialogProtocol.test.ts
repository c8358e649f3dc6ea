import { buildSigninUrl, parseDialogMessage, parseSigninParams } from "./dialogProtocol";

test("signin URL round-trips scopes and login hint", () => {
  const url = buildSigninUrl("https://addin.example.com/signin.html", ["Contacts.ReadWrite", "Mail.ReadBasic"], "a+b@contoso.com");
  expect(url.startsWith("https://addin.example.com/signin.html?")).toBe(true);
  expect(parseSigninParams(new URL(url).search)).toEqual({ scopes: ["Contacts.ReadWrite", "Mail.ReadBasic"], loginHint: "a+b@contoso.com" });
});

test.each([
  ["not json", "nope"],
  ["wrong version", JSON.stringify({ v: 2, type: "token", accessToken: "x", expiresOn: 1, scopes: [] })],
  ["empty token", JSON.stringify({ v: 1, type: "token", accessToken: "", expiresOn: 1, scopes: [] })],
  ["expiry not a number", JSON.stringify({ v: 1, type: "token", accessToken: "x", expiresOn: "soon", scopes: [] })],
  ["unknown error code", JSON.stringify({ v: 1, type: "error", code: "Boom" })],
])("rejects a malformed dialog message: %s", (_name, raw) => {
  expect(() => parseDialogMessage(raw)).toThrow(expect.objectContaining({ code: "SignInFailed", detail: "malformed_dialog_message" }));
});
