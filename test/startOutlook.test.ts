/**
 * `npm run start:outlook` (webpack env `outlook`): the real-Office flavour on https://localhost:3000 — no fake host,
 * no emulator, office.js from the CDN with the CSP, the manifest's localhost URLs kept so manifest.xml sideloads,
 * and no eval-based source maps (the CSP has no 'unsafe-eval'). The certificate step itself is not run here (it
 * installs a CA); see docs/real-outlook.md.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../webpack.config.js") as ((env: object, argv: object) => unknown) & { makeConfig(env: object, argv: object): WebpackConfig };

interface WebpackConfig {
  entry: Record<string, string>;
  devtool: string | false;
  output: { path: string };
  plugins: { definitions?: Record<string, string>; userOptions?: { templateParameters?: { csp: string; officeJs: string } }; patterns?: unknown }[];
  devServer: { port: number; setupMiddlewares(m: unknown[], d: unknown): unknown[] };
}

const ENV = { ADDIN_CLIENT_ID: "00000000-0000-4000-8000-000000000002", ADDIN_TENANT: "11111111-2222-3333-4444-555555555555" };

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test("start:outlook serves the production flavour on port 3000 without fake host or emulator", () => {
  // Without ADDIN_PRODUCTION_URL the configuration says the manifest for deployment would point at a placeholder
  // (scripts/config.js); start:outlook serves localhost and still runs.
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  let cfg: WebpackConfig;
  let warnings: string[];
  try {
    cfg = withEnv({ ...ENV, ADDIN_PRODUCTION_URL: undefined }, () => webpackConfig.makeConfig({ outlook: true }, { mode: "development" }));
  } finally {
    warnings = warn.mock.calls.map(([m]) => String(m));
    warn.mockRestore();
  }
  expect(warnings).toEqual([expect.stringMatching(/^\[config\] ADDIN_PRODUCTION_URL is not set/)]);
  expect(Object.keys(cfg.entry).sort()).toEqual(["signin", "taskpane"]);
  expect(cfg.devtool).toBe("source-map");
  expect(cfg.devServer.port).toBe(3000);
  const define = cfg.plugins.find((p) => p.definitions)?.definitions ?? {};
  expect(define.__DEMO__).toBe("false");
  expect(JSON.parse(define.__ADDIN_CONFIG__!)).toMatchObject({ clientId: ENV.ADDIN_CLIENT_ID, demo: false });
  const page = cfg.plugins.find((p) => p.userOptions?.templateParameters)?.userOptions?.templateParameters;
  expect(page?.officeJs).toMatch(/^https:\/\/appsforoffice\.microsoft\.com\//);
  expect(page?.csp).toMatch(/default-src 'self'/);
  const mounted: unknown[] = [];
  cfg.devServer.setupMiddlewares([], { app: { use: (...a: unknown[]) => mounted.push(a) } });
  expect(mounted).toEqual([]);
  expect(cfg.output.path).toMatch(/dist-outlook$/);
});

test("start:outlook without a client id refuses with a message naming ADDIN_CLIENT_ID", async () => {
  await expect(withEnv({ ADDIN_CLIENT_ID: undefined }, () => webpackConfig({ outlook: true }, { mode: "development" }))).rejects.toThrow(/ADDIN_CLIENT_ID/);
});
