import { createServices } from "./createServices";
import { createFakeOfficeHost } from "./testing/fakeServices";

const location = { origin: "https://localhost:3000", hostname: "localhost", search: "" };

describe("createServices", () => {
  it("demo: Graph is the emulator on the page's origin, tokens are dev:<upn of the host's user>", async () => {
    const office = createFakeOfficeHost({
      displayLanguage: "zh-CN",
      theme: "dark",
      user: { emailAddress: "li.na@contoso.com", displayName: "李娜" },
    });
    const s = await createServices({ clientId: "", authority: "", demo: true }, { office, location });
    expect(s.graph).toEqual({ baseUrl: "https://localhost:3000", customHosts: ["localhost"] });
    await expect(s.auth.getToken(["Contacts.ReadWrite"])).resolves.toBe("dev:li.na@contoso.com");
    expect(s.environment).toEqual({
      displayLanguage: "zh-CN",
      theme: "dark",
      user: { emailAddress: "li.na@contoso.com", displayName: "李娜" },
      multiSelect: true,
    });
  });

  it("production: real Graph, no custom hosts, and MSAL is not loaded until a token is asked for", async () => {
    const office = createFakeOfficeHost();
    const s = await createServices(
      { clientId: "00000000-0000-0000-0000-000000000001", authority: "https://login.microsoftonline.com/common", demo: false },
      { office, location },
    );
    expect(s.graph).toEqual({ baseUrl: "https://graph.microsoft.com", customHosts: [] });
    expect(s.auth.getAccount()).toBeUndefined();
    await expect(s.auth.signOut()).resolves.toBeUndefined();
  });

  it("reports multi-select support from the host", async () => {
    const office = createFakeOfficeHost({ sets: { multiSelect: false } });
    const s = await createServices({ clientId: "", authority: "", demo: true }, { office, location });
    expect(s.environment.multiSelect).toBe(false);
  });

  it("rejects with the office error when the host has no user", async () => {
    const office = createFakeOfficeHost();
    office.getUserProfile = () => Promise.reject(Object.assign(new Error("x"), { code: "NotAvailable" }));
    await expect(createServices({ clientId: "", authority: "", demo: true }, { office, location })).rejects.toMatchObject({
      code: "NotAvailable",
    });
  });
});
