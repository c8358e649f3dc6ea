/**
 * Test helper: installs an office-addin-mock OfficeMockObject as the global `Office` for src/office's tests.
 * Only the enums and requirement check every test needs are defaulted; each test supplies the rest.
 */
import { OfficeMockObject } from "office-addin-mock";

type Data = Record<string, unknown>;

export const SUCCEEDED = "succeeded";
export const FAILED = "failed";

export function ok<T>(value: T): Office.AsyncResult<T> {
  return { status: SUCCEEDED, value } as unknown as Office.AsyncResult<T>;
}

export function fail(code: number, message = "failed"): Office.AsyncResult<never> {
  return { status: FAILED, error: { code, message, name: "Error" } } as unknown as Office.AsyncResult<never>;
}

/** isSetSupported answering from a table like { Mailbox: "1.13" }. */
export function requirements(sets: Record<string, string>) {
  return {
    isSetSupported: (name: string, version?: string) => {
      const have = sets[name];
      if (!have) return false;
      const [hMaj = 0, hMin = 0] = have.split(".").map(Number);
      const [wMaj = 0, wMin = 0] = (version ?? "1.1").split(".").map(Number);
      return hMaj > wMaj || (hMaj === wMaj && hMin >= wMin);
    },
  };
}

export function installOffice(data: { context?: Data; [k: string]: unknown }): OfficeMockObject {
  const { context = {}, ...rest } = data;
  const mock = new OfficeMockObject(
    {
      AsyncResultStatus: { Succeeded: SUCCEEDED, Failed: FAILED },
      EventType: {
        ItemChanged: "olkItemSelectedChanged",
        SelectedItemsChanged: "olkSelectedItemsChanged",
        DialogMessageReceived: "dialogMessageReceived",
        DialogEventReceived: "dialogEventReceived",
      },
      MailboxEnums: { RestVersion: { v1_0: "v1.0", v2_0: "v2.0", Beta: "beta" } },
      onReady: async () => ({ host: "Outlook", platform: "OfficeOnline" }),
      ...rest,
      context: { requirements: requirements({ Mailbox: "1.13" }), ...context },
    },
    "outlook" as never,
  );
  (globalThis as { Office?: unknown }).Office = mock;
  return mock;
}

export function uninstallOffice(): void {
  delete (globalThis as { Office?: unknown }).Office;
}
