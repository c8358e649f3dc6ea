/**
 * Mount the emulator on an express-style app (webpack-dev-server's devServer.app) or wrap a plain Node http
 * server, at /v1.0 on the same origin as the task pane. Adds permissive CORS and answers OPTIONS (in index.ts).
 */
import { createEmulator, Emulator } from "./index";
import { NodeHandler, nodeAdapter } from "./server";

export interface MountOptions { data?: string; seed?: "demo" | "empty"; emulator?: Emulator }

interface ExpressLike { use(path: string, handler: NodeHandler): unknown }

/** Default data: .emulator/demo.sqlite (git-ignored), seeded with the demo tenant when new. */
export function mountEmulator(app: ExpressLike, opts: MountOptions = {}): Emulator {
  const em = opts.emulator ?? createEmulator({ data: opts.data || ".emulator/demo.sqlite", seed: opts.seed ?? "demo" });
  app.use("/v1.0", nodeAdapter(em));
  return em;
}

/** For a plain Node http server: `http.createServer((req, res) => h(req, res, () => serveStatic(req, res)))`. */
export function emulatorMiddleware(opts: MountOptions = {}): { handler: NodeHandler; emulator: Emulator } {
  const em = opts.emulator ?? createEmulator({ data: opts.data || ".emulator/demo.sqlite", seed: opts.seed ?? "demo" });
  return { handler: nodeAdapter(em), emulator: em };
}

export { nodeAdapter };
