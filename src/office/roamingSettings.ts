import { OfficeError } from "./OfficeError";
import { fromAsyncResult, fromSync, officeOrThrow } from "./officeGlobal";

/**
 * Per-user, per-add-in settings that roam with the mailbox (Office.context.roamingSettings). Values must be
 * JSON-serialisable; the whole set is limited to 32 KB, so keep big data (the field schema) on the folder.
 */
export interface RoamingSettingsPort {
  get<T>(name: string): Promise<T | undefined>;
  set(name: string, value: unknown): Promise<void>;
  remove(name: string): Promise<void>;
  /** Persists set/remove calls; until then they live only in this pane. */
  save(): Promise<void>;
}

function settings(): Office.RoamingSettings {
  const s = officeOrThrow().context?.roamingSettings;
  if (!s) throw new OfficeError("NotAvailable", "This host has no roaming settings");
  return s;
}

export const roamingSettings: RoamingSettingsPort = {
  get: <T>(name: string) =>
    fromSync(() => {
      const v = settings().get(name) as T | null | undefined;
      return v === null ? undefined : v;
    }, "roamingSettings.get"),
  set: (name, value) => fromSync(() => settings().set(name, value), "roamingSettings.set"),
  remove: (name) => fromSync(() => settings().remove(name), "roamingSettings.remove"),
  save: async () => {
    const s = await fromSync(settings, "roamingSettings");
    try {
      await fromAsyncResult<void>((cb) => s.saveAsync(cb), "roamingSettings.saveAsync");
    } catch (e) {
      throw e instanceof OfficeError && e.code === "Failed"
        ? new OfficeError("SaveFailed", e.message, { officeCode: e.officeCode, cause: e })
        : e;
    }
  },
};
