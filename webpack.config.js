/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Three flavours from one config:
 * - production (`npm run build` with ADDIN_CLIENT_ID set): office.js from Microsoft's CDN, real Graph + MSAL,
 *   manifest URLs rewritten to ADDIN_PRODUCTION_URL, CSP meta tag, no demo/fake-host/emulator code.
 * - demo (`npm start`, `npm run build:demo`, or `npm run build` without a client id): the fake Outlook host
 *   is injected before the task pane, Graph calls go to the emulator mounted on the same origin.
 * - dev server (`npm start`): https://localhost:3000 with the emulator mounted at /v1.0.
 * - real-Outlook dev server (`npm run start:outlook`, env `outlook`): the production flavour (real Graph, MSAL,
 *   office.js from the CDN, CSP) built in development mode and served on https://localhost:3000 with the
 *   certificate of office-addin-dev-certs, no emulator, manifest URLs left at localhost — so the repository's
 *   manifest.xml sideloads against it (docs/real-outlook.md "Local development against a real tenant").
 */
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { loadConfig } = require("./scripts/config.js");

const DEV_URL = "https://localhost:3000";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

module.exports = (env = {}, argv = {}) => {
  if (env.outlook) return outlookDevConfig(env, argv);
  return makeConfig(env, argv);
};

/** start:outlook: needs a client id, then the dev certificate (may ask to trust it), then the config. */
async function outlookDevConfig(env, argv) {
  const cfg = loadConfig(process.env);
  if (!cfg.clientId) {
    throw new Error(
      "npm run start:outlook serves the real-Office build and needs ADDIN_CLIENT_ID (and ADDIN_TENANT) in .env or the environment; " +
        "see docs/real-outlook.md. For the browser demo use npm start.",
    );
  }
  const config = makeConfig(env, argv);
  config.devServer.server = await devCertificate();
  return config;
}

/**
 * office-addin-dev-certs: creates ~/.office-addin-dev-certs (a CA and a localhost certificate) and installs the CA
 * as trusted — on Windows and macOS for Office; on Linux it runs `sudo update-ca-certificates`, which browsers
 * there do not read (docs/real-outlook.md lists the Linux steps). If installing fails, the files it created are
 * still used and the browser will warn until the CA is trusted.
 */
async function devCertificate() {
  const devCerts = require("office-addin-dev-certs");
  try {
    const options = await devCerts.getHttpsServerOptions();
    return { type: "https", options };
  } catch (e) {
    console.warn(`[start:outlook] office-addin-dev-certs could not install its certificate (${e && e.message}); see docs/real-outlook.md.`);
    const server = httpsServer();
    if (server === "https") throw new Error("No dev certificate: run `npx office-addin-dev-certs install` (docs/real-outlook.md).");
    return server;
  }
}

/** After emit: dist/manifest.xml → dist/unified/ + dist/customer-follow-up.app.zip (scripts/make-unified-manifest.js). */
class UnifiedManifestPlugin {
  constructor(outDir) {
    this.outDir = outDir;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tapPromise("UnifiedManifestPlugin", async (compilation) => {
      const { makeUnifiedManifest } = require("./scripts/make-unified-manifest.js");
      try {
        await makeUnifiedManifest(
          path.join(this.outDir, "manifest.xml"),
          path.join(this.outDir, "unified"),
          path.join(this.outDir, "customer-follow-up.app.zip"),
        );
      } catch (e) {
        compilation.errors.push(new webpack.WebpackError(e instanceof Error ? e.message : String(e)));
      }
    });
  }
}

function makeConfig(env, argv) {
  const mode = argv.mode || "development";
  const cfg = loadConfig(process.env);
  const outlook = Boolean(env.outlook);
  const demo = !outlook && (Boolean(env.demo) || !cfg.clientId);
  if (!env.demo && !cfg.clientId) {
    console.warn(
      "[build] ADDIN_CLIENT_ID is not set: building the DEMO flavour (fake Outlook host + local Graph emulator). " +
        "Set ADDIN_CLIENT_ID (see .env.example) for a production build.",
    );
  }
  // The real-Outlook dev server keeps the manifest's https://localhost:3000, so manifest.xml sideloads as is.
  const publicUrl = demo || outlook ? DEV_URL : cfg.productionUrl;
  const outDir = path.resolve(__dirname, env.out || (demo ? "dist-demo" : outlook ? "dist-outlook" : "dist"));

  /** Content-Security-Policy for the production pages: own origin, Office CDN, Microsoft sign-in and Graph. */
  const csp = [
    "default-src 'self'",
    `script-src 'self' https://appsforoffice.microsoft.com`,
    // Fluent UI (Griffel) inserts style rules at runtime.
    "style-src 'self' 'unsafe-inline' https://appsforoffice.microsoft.com",
    "img-src 'self' data: https://appsforoffice.microsoft.com",
    "font-src 'self' data:",
    `connect-src ${uniq(["'self'", "https://graph.microsoft.com", "https://login.microsoftonline.com", cfg.authorityOrigin])}`,
    `frame-src ${uniq(["'self'", "https://login.microsoftonline.com", cfg.authorityOrigin])}`,
    // No <base> and no form posts anywhere in the add-in: a injected <base> or <form> cannot redirect either.
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");

  const htmlCommon = {
    minify: mode === "production",
    scriptLoading: "defer",
  };

  return {
    mode,
    // No eval-based source maps where the CSP applies (it has no 'unsafe-eval').
    devtool: mode === "production" ? false : demo ? "eval-cheap-module-source-map" : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      signin: "./src/auth/dialog/signinDialog.ts",
      ...(demo ? { fakehost: "./demo/fakeHost.tsx" } : {}),
    },
    output: {
      path: outDir,
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].chunk.js",
      clean: true,
      publicPath: "/",
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.json" } },
        },
        { test: /\.(png|jpg|svg)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({
        __DEMO__: JSON.stringify(demo),
        __ADDIN_CONFIG__: JSON.stringify(demo ? { clientId: "", authority: "", demo: true } : {
          clientId: cfg.clientId,
          authority: cfg.authority,
          managers: cfg.managers,
          demo: false,
        }),
      }),
      new HtmlWebpackPlugin({
        ...htmlCommon,
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: demo ? ["fakehost", "taskpane"] : ["taskpane"],
        chunksSortMode: "manual",
        templateParameters: { officeJs: demo ? "" : OFFICE_JS_CDN, csp: demo ? "" : csp },
      }),
      new HtmlWebpackPlugin({
        ...htmlCommon,
        filename: "signin.html",
        template: "./src/auth/dialog/signin.html",
        chunks: ["signin"],
        templateParameters: { officeJs: demo ? "" : OFFICE_JS_CDN, csp: demo ? "" : csp },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              demo ? content : content.toString().split(DEV_URL).join(publicUrl.replace(/\/$/, "")),
          },
        ],
      }),
      // The optional unified app manifest (JSON) for the admin center's app model, generated from the manifest.xml
      // just emitted (production URLs) and validated against Microsoft's published schema; the XML stays the default.
      ...(demo || outlook ? [] : [new UnifiedManifestPlugin(outDir)]),
    ],
    performance: { hints: false },
    watchOptions: { ignored: ["**/node_modules", "**/.emulator/**", "**/e2e/**", "**/*.log"] },
    devServer: {
      port: 3000,
      host: "localhost",
      server: httpsServer(),
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      setupMiddlewares: (middlewares, devServer) => {
        if (!demo) return middlewares; // start:outlook talks to the real Graph
        // The Graph emulator answers on the task pane's own origin, so the demo needs no second certificate.
        // Same origin only (issue 12): it sits after webpack-dev-server's own host and cross-origin checks and
        // before its `headers` (no Access-Control-Allow-Origin: *), refuses other Host names and foreign Origins.
        require("tsx/cjs/api").register();
        const { emulatorMiddleware } = require("./emulator/mount.ts");
        const extra = Array.isArray(devServer.options.allowedHosts) ? devServer.options.allowedHosts : [];
        const { handler } = emulatorMiddleware({
          data: process.env.EMULATOR_DATA,
          allowedHosts: [devServer.options.host || "localhost", "localhost", "127.0.0.1", "::1", ...extra],
        });
        const at = middlewares.findIndex((m) => m.name === "cross-origin-header-check");
        middlewares.splice(at + 1, 0, { name: "graph-emulator", path: "/v1.0", middleware: handler });
        return middlewares;
      },
      open: false,
    },
  };
}

/** Space-separated CSP sources without repeats (the authority origin is usually login.microsoftonline.com). */
function uniq(sources) {
  return [...new Set(sources.filter(Boolean))].join(" ");
}

/** Use office-addin-dev-certs' files when present (trusted by Office on Windows/Mac), else a self-signed cert. */
function httpsServer() {
  const fs = require("fs");
  const os = require("os");
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const key = path.join(dir, "localhost.key");
  const cert = path.join(dir, "localhost.crt");
  const ca = path.join(dir, "ca.crt");
  if (fs.existsSync(key) && fs.existsSync(cert)) {
    return {
      type: "https",
      options: { key: fs.readFileSync(key), cert: fs.readFileSync(cert), ...(fs.existsSync(ca) ? { ca: fs.readFileSync(ca) } : {}) },
    };
  }
  return "https";
}

/** For test/devServer.test.ts: the configuration without the certificate step. */
module.exports.makeConfig = makeConfig;
