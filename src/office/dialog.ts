import { OfficeError, type OfficeErrorCode } from "./OfficeError";
import { fromSync, officeOrThrow } from "./officeGlobal";

/**
 * Office dialog error codes (dialog-handle-errors-events.md). The numeric code stays on OfficeError.officeCode.
 */
const DIALOG_ERROR_CODES: Record<number, OfficeErrorCode> = {
  12006: "DialogClosed", // the user closed the dialog
  12007: "DialogAlreadyOpen", // one dialog per add-in at a time
  12009: "DialogBlocked", // the user ignored Office's "allow dialog" prompt
  12011: "DialogBlocked", // the browser's popup blocker
};

function dialogError(officeCode: number | undefined, what: string): OfficeError {
  const code = (officeCode !== undefined && DIALOG_ERROR_CODES[officeCode]) || "Failed";
  return new OfficeError(code, `${what} (Office dialog error ${officeCode ?? "unknown"})`, { officeCode });
}

export interface OpenDialogOptions {
  /** Percent of the screen, 1–100. */
  height: number;
  width: number;
  /** Office on the web: show Office's "allow dialog" prompt instead of a browser popup. */
  promptBeforeOpen?: boolean;
}

export interface OfficeDialog {
  /**
   * The next message the dialog page sent with messageParent (DialogMessageReceived), in order, including
   * messages received before the call. Rejects with OfficeError "DialogClosed" once the user closes the dialog
   * (DialogEventReceived 12006), or "Failed" for 12002 (page failed to load) / 12003 (http page).
   */
  nextMessage(): Promise<string>;
  /** Safe to call twice or after the user closed it. */
  close(): void;
}

/**
 * Office.context.ui.displayDialogAsync as a promise of an OfficeDialog. `displayInIframe: false` because sign-in
 * pages refuse to be framed. Rejects with OfficeError when the dialog can't open (12004/12005/12007/12009/12011).
 */
export async function openDialog(url: string, options: OpenDialogOptions): Promise<OfficeDialog> {
  const office = await fromSync(officeOrThrow, "displayDialogAsync");
  const ui = office.context?.ui;
  if (!ui?.displayDialogAsync) throw new OfficeError("Unsupported", "This host cannot open dialogs");

  return new Promise<OfficeDialog>((resolve, reject) => {
    const onOpened = (result: Office.AsyncResult<Office.Dialog>) => {
      if (result.status !== office.AsyncResultStatus.Succeeded) {
        reject(dialogError(result.error?.code, "The dialog could not open"));
        return;
      }
      resolve(createDialogQueue(office, result.value, originOf(url)));
    };
    try {
      ui.displayDialogAsync(
        url,
        { height: options.height, width: options.width, displayInIframe: false, promptBeforeOpen: options.promptBeforeOpen },
        onOpened,
      );
    } catch (cause) {
      reject(new OfficeError("Failed", "displayDialogAsync threw", { cause }));
    }
  });
}

type Waiter = { resolve: (m: string) => void; reject: (e: OfficeError) => void };

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function createDialogQueue(office: typeof Office, dialog: Office.Dialog, expectedOrigin: string | undefined): OfficeDialog {
  const messages: string[] = [];
  const waiters: Waiter[] = [];
  let ended: OfficeError | undefined;
  let closed = false;

  // Handlers only queue data and settle promises: nothing here can throw into office-js.
  dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
    const { message, origin } = arg as { message?: string; origin?: string };
    if (typeof message !== "string") return;
    // auth-with-office-dialog-api.md / DialogOrigin 1.1: a dialog can navigate to other domains (sign-in), so
    // only messages from the page we opened (our own origin) are accepted. `origin` is undefined on clients
    // without DialogOrigin 1.1; there messageParent only works from the add-in's own domain anyway.
    if (origin !== undefined && origin !== expectedOrigin) return;
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(message);
    else messages.push(message);
  });
  dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
    const code = (arg as { error?: number }).error;
    ended = dialogError(code, code === 12006 ? "The user closed the dialog" : "The dialog failed");
    for (const w of waiters.splice(0)) w.reject(ended);
  });

  return {
    nextMessage() {
      const queued = messages.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      if (ended) return Promise.reject(ended);
      return new Promise<string>((resolve, reject) => waiters.push({ resolve, reject }));
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        dialog.close();
      } catch {
        // Already closed by the user: nothing to do.
      }
      ended ??= new OfficeError("DialogClosed", "The dialog was closed", { officeCode: 12006 });
      for (const w of waiters.splice(0)) w.reject(ended);
    },
  };
}
