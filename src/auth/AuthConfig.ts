/** Build-time sign-in settings (`__ADDIN_CONFIG__`, from ADDIN_CLIENT_ID / ADDIN_TENANT / ADDIN_AUTHORITY). */
export interface AuthConfig {
  /** Application (client) id of the Entra ID app registration; empty in the demo build. */
  clientId: string;
  /** e.g. https://login.microsoftonline.com/common or https://login.microsoftonline.com/<tenant id>. */
  authority: string;
}

export function isConfigured(config: AuthConfig): boolean {
  return config.clientId.trim() !== "";
}
