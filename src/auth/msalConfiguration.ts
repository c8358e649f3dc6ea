import { LogLevel, type Configuration } from "@azure/msal-browser";
import type { AuthConfig } from "./AuthConfig";

/**
 * Shared MSAL settings for the task pane (NAA) and the dialog page (standard PCA).
 * - localStorage: the cache location Microsoft's NAA guidance uses, so a reopened task pane or dialog signs in
 *   silently. Tokens live only in MSAL's cache; our code never writes one to storage.
 * - Logging: warnings and errors only, PII never (conventions.md), and MSAL lines flagged `containsPii` are
 *   dropped even so.
 */
export function createMsalConfiguration(config: AuthConfig, redirectUri?: string): Configuration {
  return {
    auth: { clientId: config.clientId, authority: config.authority, ...(redirectUri ? { redirectUri } : {}) },
    cache: { cacheLocation: "localStorage" },
    system: {
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return;
          if (level === LogLevel.Error) console.error(`[msal] ${message}`);
          else if (level === LogLevel.Warning) console.warn(`[msal] ${message}`);
        },
      },
    },
  };
}
