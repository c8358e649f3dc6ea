import { roamingSettings } from "./roamingSettings";
import { fail, installOffice, ok, uninstallOffice } from "./testing/mockOffice";

afterEach(uninstallOffice);

function settingsStore(saveResult: Office.AsyncResult<void> = ok(undefined)) {
  const values: Record<string, unknown> = {};
  return {
    values,
    get: (k: string) => (k in values ? values[k] : null),
    set: (k: string, v: unknown) => {
      values[k] = v;
    },
    remove: (k: string) => {
      delete values[k];
    },
    saveAsync: (cb: (r: Office.AsyncResult<void>) => void) => cb(saveResult),
  };
}

it("gets, sets, removes and saves", async () => {
  installOffice({ context: { roamingSettings: settingsStore() } });
  await expect(roamingSettings.get("neverTag")).resolves.toBeUndefined();
  await roamingSettings.set("neverTag", ["noreply@x.com"]);
  await expect(roamingSettings.get<string[]>("neverTag")).resolves.toEqual(["noreply@x.com"]);
  await roamingSettings.remove("neverTag");
  await expect(roamingSettings.get("neverTag")).resolves.toBeUndefined();
  await expect(roamingSettings.save()).resolves.toBeUndefined();
});

it("save rejects with SaveFailed and Office's code", async () => {
  installOffice({ context: { roamingSettings: settingsStore(fail(9057, "too big") as Office.AsyncResult<void>) } });
  await expect(roamingSettings.save()).rejects.toMatchObject({ code: "SaveFailed", officeCode: 9057 });
});

it("rejects NotAvailable when the host has no roaming settings", async () => {
  installOffice({ context: {} });
  await expect(roamingSettings.get("x")).rejects.toMatchObject({ code: "NotAvailable" });
  await expect(roamingSettings.save()).rejects.toMatchObject({ code: "NotAvailable" });
});
