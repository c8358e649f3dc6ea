import { OfficeError } from "./OfficeError";

/**
 * The Office global when office.js (or the demo's fake host) is loaded; a typed error otherwise, so a page
 * opened outside Outlook fails with "NotAvailable" instead of "ReferenceError: Office is not defined".
 */
export function officeOrThrow(): typeof Office {
  if (typeof Office === "undefined") {
    throw new OfficeError("NotAvailable", "office.js is not loaded");
  }
  return Office;
}

export function mailboxOrThrow(): Office.Mailbox {
  const mailbox = officeOrThrow().context?.mailbox;
  if (!mailbox) throw new OfficeError("NotAvailable", "This host has no mailbox (not running in Outlook)");
  return mailbox;
}

/**
 * Wrap a callback-style office-js call into a promise that rejects with OfficeError. The callback only settles
 * the promise and never throws: an exception inside an office-js callback escapes every try/catch of the caller
 * (conventions.md, "Never throw inside an office-js callback").
 */
export function fromAsyncResult<T>(
  start: (callback: (result: Office.AsyncResult<T>) => void) => void,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) {
          resolve(result.value);
        } else {
          reject(
            new OfficeError("Failed", `${what} failed: ${result.error?.message ?? "unknown error"}`, {
              officeCode: result.error?.code,
            }),
          );
        }
      });
    } catch (cause) {
      reject(cause instanceof OfficeError ? cause : new OfficeError("Failed", `${what} threw`, { cause }));
    }
  });
}

/** Run a synchronous office-js call, turning whatever it throws into a rejected OfficeError. */
export async function fromSync<T>(run: () => T, what: string): Promise<T> {
  try {
    return run();
  } catch (cause) {
    if (cause instanceof OfficeError) throw cause;
    throw new OfficeError("Failed", `${what} threw`, { cause });
  }
}
