/** Helpers shared by the contacts and designer e2e files. */
import https from "https";
import type { E2EServer } from "./harness";

const ZHANG = "zhang.wei@contoso.com";

/** GET from the emulator over HTTPS with a dev token, as any Graph client would. */
export function graphGet<T>(srv: E2EServer, pathAndQuery: string, upn = ZHANG): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${srv.url}/v1.0${pathAndQuery}`,
      { method: "GET", rejectUnauthorized: false, headers: { Authorization: `Bearer dev:${upn}`, Prefer: 'IdType="ImmutableId"' } },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(body) as T) : reject(new Error(`${res.statusCode} ${body.slice(0, 200)}`))));
      },
    );
    req.on("error", reject);
    req.end();
  });
}
