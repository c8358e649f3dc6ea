/**
 * scripts/config.js: the build-time configuration an administrator fills in (docs/real-outlook.md, step 2).
 * Mistakes that would produce a build that cannot work stop the build with a message naming the fix; risky
 * defaults are warned about.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadConfig } = require("../scripts/config.js") as {
  loadConfig(env: Record<string, string | undefined>): {
    clientId: string;
    tenant: string;
    authority: string;
    productionUrl: string;
  };
};

const CLIENT_ID = "00000000-0000-4000-8000-000000000001";
const TENANT_ID = "11111111-1111-1111-1111-111111111111";

describe("loadConfig", () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it("takes the documented values as they are", () => {
    const cfg = loadConfig({ ADDIN_CLIENT_ID: CLIENT_ID, ADDIN_TENANT: TENANT_ID, ADDIN_PRODUCTION_URL: "https://followup.contoso.com" });
    expect(cfg).toMatchObject({
      clientId: CLIENT_ID,
      tenant: TENANT_ID,
      authority: `https://login.microsoftonline.com/${TENANT_ID}`,
      productionUrl: "https://followup.contoso.com",
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it("normalizes the production URL to its origin (trailing slash, upper case, default port)", () => {
    const base = { ADDIN_CLIENT_ID: CLIENT_ID, ADDIN_TENANT: TENANT_ID };
    expect(loadConfig({ ...base, ADDIN_PRODUCTION_URL: "https://FollowUp.Contoso.com/" }).productionUrl).toBe("https://followup.contoso.com");
    expect(loadConfig({ ...base, ADDIN_PRODUCTION_URL: "https://followup.contoso.com:443" }).productionUrl).toBe("https://followup.contoso.com");
    expect(loadConfig({ ...base, ADDIN_PRODUCTION_URL: "https://followup.contoso.com:8443" }).productionUrl).toBe("https://followup.contoso.com:8443");
  });

  it("refuses a production URL with a path or query, because the pages load their scripts from /", () => {
    const base = { ADDIN_CLIENT_ID: CLIENT_ID, ADDIN_TENANT: TENANT_ID };
    expect(() => loadConfig({ ...base, ADDIN_PRODUCTION_URL: "https://contoso.com/followup" })).toThrow(/origin only.*root of its own origin/);
    expect(() => loadConfig({ ...base, ADDIN_PRODUCTION_URL: "https://contoso.com/?x=1" })).toThrow(/origin only/);
    expect(() => loadConfig({ ...base, ADDIN_PRODUCTION_URL: "http://contoso.com" })).toThrow(/https:\/\//);
  });

  it("refuses a client id that is not a GUID", () => {
    expect(() => loadConfig({ ADDIN_CLIENT_ID: "customer-follow-up" })).toThrow(/application \(client\) id GUID/);
  });

  it("warns in a production build when the production URL or the tenant is left to its default", () => {
    const cfg = loadConfig({ ADDIN_CLIENT_ID: CLIENT_ID });
    expect(cfg.productionUrl).toBe("https://addin.example.com");
    expect(cfg.authority).toBe("https://login.microsoftonline.com/common");
    const messages = warn.mock.calls.map((c) => String(c[0])).join("\n");
    expect(messages).toMatch(/ADDIN_PRODUCTION_URL is not set/);
    expect(messages).toMatch(/ADDIN_TENANT is not set.*AADSTS50194/);
  });

  it("is silent and needs nothing for the demo build (no client id)", () => {
    const cfg = loadConfig({ ADDIN_CLIENT_ID: "", ADDIN_PRODUCTION_URL: "https://contoso.com/followup" });
    expect(cfg.clientId).toBe("");
    expect(warn).not.toHaveBeenCalled();
  });
});
