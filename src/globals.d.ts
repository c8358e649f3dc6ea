/** Build-time constants injected by webpack's DefinePlugin (webpack.config.js, scripts/config.js). */
declare const __DEMO__: boolean;
declare const __ADDIN_CONFIG__: { clientId: string; authority: string; demo: boolean; managers?: string[] };
