/**
 * A unit test that logs console.error or console.warn fails (issue 11 item 5): React reports act() misuse, duplicate
 * keys and failed prop types there, and an error the code logs on a path a test thought was fine is a bug the
 * test missed. A test that means to produce such a log asserts it with its own spy, which replaces the guard's
 * recorder for as long as it is installed:
 *
 *   const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
 *   … expect(error).toHaveBeenCalledWith(…); error.mockRestore();
 *
 * The recorder is a plain function, not a jest mock, so a test's jest.spyOn wraps it (and its mockRestore puts it
 * back) instead of returning it and sharing its calls.
 */

type Level = "error" | "warn";

export interface ConsoleGuard {
  /** The recorded calls since the last take(), formatted; clears them. */
  take(): string[];
  /** Puts the original console methods back. */
  uninstall(): void;
}

function describeArg(a: unknown): string {
  if (a instanceof Error) return a.stack ?? `${a.name}: ${a.message}`;
  if (typeof a === "string") return a;
  try {
    return JSON.stringify(a) ?? String(a);
  } catch {
    return String(a);
  }
}

/** React's printf-style warnings ("Warning: %s …", args): the sentence with its arguments put in. */
function format(args: unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first !== "string") return args.map(describeArg).join(" ");
  let i = 0;
  const text = first.replace(/%[sdifoOc]/g, (m) => (i < rest.length ? (m === "%c" ? (i++, "") : describeArg(rest[i++])) : m));
  return [text, ...rest.slice(i).map(describeArg)].join(" ");
}

/** Replaces console.error and console.warn with recorders that still print (so the log is visible where it came from). */
export function installConsoleGuard(target: Pick<Console, Level> = console): ConsoleGuard {
  const original = { error: target.error, warn: target.warn };
  let calls: string[] = [];
  for (const level of ["error", "warn"] as const) {
    target[level] = function guarded(...args: unknown[]) {
      calls.push(`console.${level}: ${format(args)}`);
      original[level].apply(target, args);
    };
  }
  return {
    take() {
      const out = calls;
      calls = [];
      return out;
    },
    uninstall() {
      target.error = original.error;
      target.warn = original.warn;
    },
  };
}

/** The message a test fails with: each call (first 3, trimmed), and how to assert a log that is meant. */
export function consoleFailure(calls: string[], who = "This test"): Error | undefined {
  if (calls.length === 0) return undefined;
  const shown = calls.slice(0, 3).map((c) => `  ${c.length > 1500 ? `${c.slice(0, 1500)}…` : c}`);
  const more = calls.length > 3 ? [`  … and ${calls.length - 3} more`] : [];
  return new Error(
    [
      `${who} logged ${calls.length} console error/warning${calls.length === 1 ? "" : "s"} (test/failOnConsole.ts):`,
      ...shown,
      ...more,
      "Fix the cause (React act() warnings: await the update, e.g. findBy* or act()); a log the test means to produce is asserted with jest.spyOn(console, …) and restored.",
    ].join("\n"),
  );
}
