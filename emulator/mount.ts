/**
 * Mount the emulator on an express-style app (webpack-dev-server's devServer.app) or wrap a plain Node http
 * server, at /v1.0 on the same origin as the task pane. With `allowedHosts` (the dev server) it answers only
 * same-origin requests whose Host is one of them, without any CORS header (server.ts AdapterOptions.sameOrigin);
 * without it (tests, e2e harness) it keeps the emulator's permissive CORS.
 */
import { createEmulator, Emulator } from "./index";
import { parseStrict } from "./strict";
import { NodeHandler, nodeAdapter } from "./server";

export interface MountOptions {
  data?: string;
  seed?: "demo" | "empty";
  emulator?: Emulator;
  /** Host names the server answers to (e.g. ["localhost"]); enables same-origin-only mode. */
  allowedHosts?: readonly string[];
}

interface ExpressLike { use(path: string, handler: NodeHandler): unknown }

/**
 * Default data: .emulator/demo.sqlite (git-ignored), seeded with the demo tenant when new. EMULATOR_STRICT=a,b
 * switches on strict profiles (strict.ts) for the demo dev server.
 */
export function mountEmulator(app: ExpressLike, opts: MountOptions = {}): Emulator {
  const em = opts.emulator ?? createEmulator({ data: opts.data || ".emulator/demo.sqlite", seed: opts.seed ?? "demo", strict: parseStrict(process.env.EMULATOR_STRICT) });
  app.use("/v1.0", nodeAdapter(em, opts.allowedHosts ? { sameOrigin: { hosts: opts.allowedHosts } } : {}));
  return em;
}

/** For a plain Node http server: `http.createServer((req, res) => h(req, res, () => serveStatic(req, res)))`. */
export function emulatorMiddleware(opts: MountOptions = {}): { handler: NodeHandler; emulator: Emulator } {
  // EMULATOR_STRICT=a,b: strict profiles (strict.ts) for the demo dev server too.
  const em = opts.emulator ?? createEmulator({ data: opts.data || ".emulator/demo.sqlite", seed: opts.seed ?? "demo", strict: parseStrict(process.env.EMULATOR_STRICT) });
  return { handler: nodeAdapter(em, opts.allowedHosts ? { sameOrigin: { hosts: opts.allowedHosts } } : {}), emulator: em };
}

export { nodeAdapter };
