import { DialogPortError, type OfficeDialogPort } from "../auth";
import type { OfficeHost } from "../office";

/**
 * Adapts src/office's dialog (OfficeError with a string code + Office's numeric `officeCode`) to the port
 * src/auth defines (rejections carry the numeric Office code). The composition root is the one place that
 * knows both, so neither adapter depends on the other.
 */
export function createOfficeDialogPort(office: OfficeHost): OfficeDialogPort {
  const toPortError = (e: unknown): DialogPortError => {
    const officeCode = (e as { officeCode?: unknown })?.officeCode;
    const code = (e as { code?: unknown })?.code;
    if (typeof officeCode === "number") return new DialogPortError(officeCode);
    // Closed without an Office code (we closed it ourselves): report it as the user closing it.
    return new DialogPortError(code === "DialogClosed" ? 12006 : 12002);
  };
  return {
    isNestedAppAuthSupported: () => office.isNestedAppAuthSupported(),
    getAuthContext: () => office.getAuthContext(),
    openDialog: async (url, options) => {
      try {
        const dialog = await office.openDialog(url, options);
        return {
          nextMessage: () => dialog.nextMessage().catch((e: unknown) => Promise.reject(toPortError(e))),
          close: () => dialog.close(),
        };
      } catch (e) {
        throw toPortError(e);
      }
    },
  };
}
