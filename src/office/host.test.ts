import { getAuthContext, getDisplayLanguage, getOfficeTheme, getUserProfile, isDarkColor, onReady } from "./host";
import { OfficeError } from "./OfficeError";
import { installOffice, uninstallOffice } from "./testing/mockOffice";

afterEach(uninstallOffice);

describe("without office.js", () => {
  it("every wrapper rejects with NotAvailable instead of a ReferenceError", async () => {
    for (const call of [onReady, getDisplayLanguage, getOfficeTheme, getUserProfile]) {
      await expect(call()).rejects.toMatchObject({ code: "NotAvailable" });
    }
    await expect(getUserProfile()).rejects.toBeInstanceOf(OfficeError);
  });
  it("getAuthContext resolves undefined", async () => {
    await expect(getAuthContext()).resolves.toBeUndefined();
  });
});

describe("onReady", () => {
  it("resolves host and platform as strings", async () => {
    installOffice({});
    await expect(onReady()).resolves.toEqual({ host: "Outlook", platform: "OfficeOnline" });
  });
  it("rejects with Failed when Office.onReady rejects", async () => {
    installOffice({ onReady: () => Promise.reject(new Error("boom")) });
    await expect(onReady()).rejects.toMatchObject({ code: "Failed" });
  });
});

describe("getDisplayLanguage", () => {
  it("reads Office.context.displayLanguage", async () => {
    installOffice({ context: { displayLanguage: "zh-CN" } });
    await expect(getDisplayLanguage()).resolves.toBe("zh-CN");
  });
});

describe("getOfficeTheme", () => {
  it("is dark for a dark body background", async () => {
    installOffice({ context: { officeTheme: { bodyBackgroundColor: "#262626" } } });
    await expect(getOfficeTheme()).resolves.toBe("dark");
  });
  it("is light for a white body background", async () => {
    installOffice({ context: { officeTheme: { bodyBackgroundColor: "#FFFFFF" } } });
    await expect(getOfficeTheme()).resolves.toBe("light");
  });
  it("is light when the host has no theme information", async () => {
    installOffice({ context: {} });
    await expect(getOfficeTheme()).resolves.toBe("light");
  });
  it("classifies colours by luminance", () => {
    expect(isDarkColor("#000")).toBe(true);
    expect(isDarkColor("#1f1f1f")).toBe(true);
    expect(isDarkColor("#e6e6e6")).toBe(false);
    expect(isDarkColor("not a colour")).toBe(false);
  });
});

describe("getUserProfile", () => {
  it("returns address and display name", async () => {
    installOffice({ context: { mailbox: { userProfile: { emailAddress: "zhang.wei@contoso.com", displayName: "张伟" } } } });
    await expect(getUserProfile()).resolves.toEqual({ emailAddress: "zhang.wei@contoso.com", displayName: "张伟" });
  });
  it("rejects NotAvailable when the host has no mailbox", async () => {
    installOffice({ context: {} });
    await expect(getUserProfile()).rejects.toMatchObject({ code: "NotAvailable" });
  });
});

describe("getAuthContext", () => {
  it("reduces Office.auth.getAuthContext to a login hint", async () => {
    installOffice({ auth: { getAuthContext: async () => ({ userPrincipalName: "a@b.com", tenantId: "t" }) } });
    await expect(getAuthContext()).resolves.toEqual({ loginHint: "a@b.com", tenantId: "t" });
  });
  it("resolves undefined when getAuthContext rejects", async () => {
    installOffice({ auth: { getAuthContext: () => Promise.reject(new Error("no")) } });
    await expect(getAuthContext()).resolves.toBeUndefined();
  });
});
