/** Helpers shared by the follow-up, claims and daily-report browser tests (issue 6). */
import type { Page } from "playwright-core";
import type { E2EServer } from "./harness";

/** GET a Graph path from the e2e server over HTTP as `upn` (the emulator's dev token). */
export async function graphGet<T>(page: Page, server: E2EServer, upn: string, path: string): Promise<T> {
  const res = await page.request.get(`${server.url}/v1.0${path}`, { headers: { Authorization: `Bearer dev:${upn}` } });
  if (!res.ok()) throw new Error(`GET ${path} → ${res.status()}`);
  return (await res.json()) as T;
}

/** "YYYY-MM-DD" of an instant in Asia/Shanghai (the e2e browser's zone). */
export function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
