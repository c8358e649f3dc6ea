/**
 * `npm run verify-tenant` end to end: the real CLI (a child process, as an administrator runs it) against the
 * emulator on a loopback port standing in for a tenant — lenient, and with every strict profile at once. The
 * report shows every probe and every write, and the scratch folder, contact and To Do task are gone afterwards.
 */
import { execFile } from "child_process";
import path from "path";
import { startServer, type RunningServer } from "../emulator/server";
import type { StrictProfile } from "../emulator/index";
import { STRICT_PROFILES } from "../emulator/index";
import type { SelfCheckReport } from "../src/app/selfCheck";
import { BEHAVIOURS } from "../src/graph/capabilities";

const ROOT = path.resolve(__dirname, "..");
const UPN = "zhang.wei@contoso.com";

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "scripts/verify-tenant.ts"), ...args], { cwd: ROOT, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** What the mailbox holds: contacts per folder, folders, To Do tasks. */
function counts(s: RunningServer) {
  const store = s.emulator.admin.store;
  const def = s.emulator.admin.defaultFolderId(UPN);
  const folders = store.childFolders(UPN, def);
  const lists = store.db.prepare("SELECT id FROM todo_lists WHERE owner=?").all(UPN) as { id: string }[];
  const tasks = lists.reduce((n, l) => n + (store.db.prepare("SELECT count(*) AS n FROM todo_tasks WHERE list=?").get(l.id) as { n: number }).n, 0);
  const contacts = [def, ...folders.map((f) => f.id)].reduce((n, f) => n + store.folderContacts(f).length, 0);
  return { folders: folders.length, contacts, tasks };
}

describe.each<[string, StrictProfile[]]>([
  ["lenient emulator", []],
  ["every strict profile", [...STRICT_PROFILES]],
])("verify-tenant against the %s", (_name, strict) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(0, { data: ":memory:", seed: "demo", strict });
  });
  afterAll(() => server.close());

  test("prints every probe and write with a path, ends OK, and leaves no scratch folder, contact or task", async () => {
    const before = counts(server);
    const { code, stdout, stderr } = await runCli(["--graph", server.url, "--token", `dev:${UPN}`, "--json"]);
    expect({ code, stderr: code ? stderr : "" }).toEqual({ code: 0, stderr: "" });
    const report = JSON.parse(stdout) as SelfCheckReport;
    const ids = report.rows.map((r) => r.id);
    for (const b of Object.keys(BEHAVIOURS)) expect(ids).toContain(`probe:${b}`);
    for (const w of ["write:folder", "write:schema", "write:createContact", "read:fields", "write:fields", "write:outlookFlag", "write:todo", "write:todoFollow", "read:todoByLink", "cleanup"]) expect(ids).toContain(w);
    expect(report.rows.filter((r) => r.result === "failed" || r.result === "inconclusive")).toEqual([]);
    const probeRows = report.rows.filter((r) => r.id.startsWith("probe:"));
    if (strict.length) {
      // Every unverified behaviour refused or ignored → every row shows the fallback path.
      for (const r of probeRows) expect(r.result === "ok" ? r.id : r.path).toBe(BEHAVIOURS[r.id.slice(6) as keyof typeof BEHAVIOURS].fallback);
    } else {
      expect(probeRows.map((r) => r.result)).toEqual(probeRows.map(() => "ok"));
    }
    expect(report.cleanup).toEqual({ folderDeleted: true, contactDeleted: true, taskDeleted: true });
    expect(counts(server)).toEqual(before);
  }, 150_000);

  test("the table form has the four columns and one line per row", async () => {
    const { code, stdout } = await runCli(["--graph", server.url, "--token", `dev:${UPN}`]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[1]).toMatch(/^Behaviour\s+\| Documented\?\s+\| Result\s+\| Path the add-in will use$/);
    expect(lines.filter((l) => / \| (yes|no|partly)\s+\| /.test(l)).length).toBeGreaterThanOrEqual(Object.keys(BEHAVIOURS).length + 8);
    expect(stdout).toMatch(/Overall: OK/);
  }, 150_000);
});

test("bad arguments: a clear message and exit code 2, nothing sent", async () => {
  const r = await runCli(["--graph", "http://127.0.0.1:1/beta", "--token", "x"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/must end in \/v1\.0/);
  const none = await runCli(["--graph", "http://127.0.0.1:1/v1.0"]);
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/--token .*--client-id/);
}, 60_000);
