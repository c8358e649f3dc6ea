/**
 * Issue 12 item 8: the dev server (`npm start`, webpack.config.js) mounts the Graph emulator for its own origin
 * only. webpack-dev-server 5 runs its middlewares in list order (lib/Server.js setupMiddlewares: host-header-check,
 * cross-origin-header-check, …, set-headers, webpack-dev-middleware); the emulator must sit right after its two
 * checks (so a foreign Host is refused by webpack-dev-server itself, webpack docs devServer.allowedHosts) and
 * before set-headers (so the static `Access-Control-Allow-Origin: *` never reaches Graph answers), and refuse on
 * its own any Host it was not given, any foreign Origin, and CORS preflights.
 */
import http from "node:http";
import path from "node:path";

type Mw = { name: string; path?: string; middleware?: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void };

test("the emulator is inserted after webpack-dev-server's host/origin checks and answers its own origin only, without CORS", async () => {
  process.env.EMULATOR_DATA = ":memory:";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configFn = require(path.join(__dirname, "..", "webpack.config.js")) as (env: object, argv: object) => { devServer: { setupMiddlewares: (m: Mw[], d: object) => Mw[]; headers?: Record<string, string> } };
  const { devServer } = configFn({ demo: true }, { mode: "development" });
  const given: Mw[] = [{ name: "host-header-check" }, { name: "cross-origin-header-check" }, { name: "set-headers" }, { name: "webpack-dev-middleware" }];
  const list = devServer.setupMiddlewares([...given], { options: { host: "localhost", allowedHosts: "auto" } });
  expect(list.map((m) => m.name)).toEqual(["host-header-check", "cross-origin-header-check", "graph-emulator", "set-headers", "webpack-dev-middleware"]);
  const emu = list[2]!;
  expect(emu.path).toBe("/v1.0");
  const server = http.createServer((req, res) => {
    (req as http.IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
    emu.middleware!(req, res, () => { res.statusCode = 404; res.end(); });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const ask = (headers: Record<string, string>, method = "GET"): Promise<{ status: number; headers: http.IncomingHttpHeaders }> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/v1.0/me", method, headers: { Authorization: "Bearer dev:zhang.wei@contoso.com", ...headers } }, (res) => { res.resume(); resolve({ status: res.statusCode ?? 0, headers: res.headers }); });
      req.on("error", reject);
      req.end();
    });
  try {
    const own = await ask({ Host: `localhost:${port}` });
    expect(own.status).toBe(200);
    expect(own.headers["access-control-allow-origin"]).toBeUndefined();
    expect((await ask({ Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await ask({ Host: `attacker.example:${port}` })).status).toBe(403);
    expect((await ask({ Host: `localhost:${port}`, Origin: "https://attacker.example" })).status).toBe(403);
    expect((await ask({ Host: `localhost:${port}`, Origin: "https://attacker.example", "Access-Control-Request-Method": "GET" }, "OPTIONS")).status).toBe(403);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    delete process.env.EMULATOR_DATA;
  }
});
