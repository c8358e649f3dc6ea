/**
 * Build-time configuration, read once. `__DEMO__` and `__ADDIN_CONFIG__` are injected by webpack's DefinePlugin
 * (webpack.config.js); under jest they are absent, which reads as the demo flavour.
 */
export interface AppConfig {
  /** Entra ID application (client) id; empty in the demo build. */
  clientId: string;
  authority: string;
  /** Demo build: fake Outlook host + local Graph emulator, no sign-in. */
  demo: boolean;
  /**
   * The sales managers (issue 13 item 5): "Name <address>" or addresses, set by whoever builds and deploys the
   * add-in for the organisation (ADDIN_MANAGERS). Only they see the Team tab — a convenience, not access
   * control: what a manager can read is what the salespeople shared with them (docs/process-records.md).
   */
  managers?: string[];
}

/** The demo company's manager (docs/contracts.md "Seeded tenant"). */
export const DEMO_MANAGERS: readonly string[] = ["李娜 <li.na@contoso.com>"];

export function readConfig(): AppConfig {
  const injected = typeof __ADDIN_CONFIG__ === "undefined" ? undefined : __ADDIN_CONFIG__;
  const demo = typeof __DEMO__ === "undefined" ? true : __DEMO__;
  const isDemo = demo || !injected?.clientId;
  const managers = Array.isArray(injected?.managers) ? injected.managers.filter((m): m is string => typeof m === "string") : [];
  return {
    clientId: injected?.clientId ?? "",
    authority: injected?.authority ?? "",
    demo: isDemo,
    managers: isDemo && managers.length === 0 ? [...DEMO_MANAGERS] : managers,
  };
}
