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
}

export function readConfig(): AppConfig {
  const injected = typeof __ADDIN_CONFIG__ === "undefined" ? undefined : __ADDIN_CONFIG__;
  const demo = typeof __DEMO__ === "undefined" ? true : __DEMO__;
  return {
    clientId: injected?.clientId ?? "",
    authority: injected?.authority ?? "",
    demo: demo || !injected?.clientId,
  };
}
