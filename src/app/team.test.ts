import { createEmulator, DEMO_FACTS, type Emulator } from "../../emulator/index";
import { createStaticTokenProvider } from "../auth";
import { claimInfo } from "../domain/claims";
import { followUpInfo } from "../domain/followUp";
import { DEFAULT_SCHEMA } from "../domain/schema";
import type { Contact, FieldSchema } from "../domain/types";
import { createFakeServices } from "./testing/fakeServices";
import { addTeamMember, buildTeamView, createTeamService, loadTeamFolders, NO_TEAM_FILTERS, teamAddresses, teamErrorCode, type TeamFolder } from "./team";

const NOW = new Date("2026-03-02T01:00:00Z");
const TZ = "Asia/Shanghai";

describe("loadTeamFolders", () => {
  it("keeps at most 4 folders in flight and reports each as it settles", async () => {
    let inFlight = 0;
    let max = 0;
    const upns = Array.from({ length: 9 }, (_, i) => `s${i}@contoso.com`);
    const seen: string[] = [];
    const res = await loadTeamFolders(
      {
        loadFolder: async (upn) => {
          inFlight++;
          max = Math.max(max, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          if (upn === "s3@contoso.com") throw Object.assign(new Error("x"), { code: "ErrorAccessDenied", status: 403 });
          return { contacts: [], schema: { version: 1, fields: [] }, requests: 1 };
        },
      },
      upns,
      (f) => seen.push(f.upn),
    );
    expect(max).toBe(4);
    expect(seen.sort()).toEqual([...upns].sort());
    expect(res.map((f) => f.status)).toEqual(["loaded", "loaded", "loaded", "error", "loaded", "loaded", "loaded", "loaded", "loaded"]);
  });

  it("maps Graph's errors to per-folder codes", () => {
    expect(teamErrorCode({ code: "ErrorAccessDenied", status: 403 })).toBe("notShared");
    expect(teamErrorCode({ code: "ErrorInvalidUser", status: 404 })).toBe("noSuchMailbox");
    expect(teamErrorCode(new TypeError("Failed to fetch"))).toBe("unreachable");
    expect(teamErrorCode({ code: "TooManyRequests", status: 429 })).toBe("throttled");
    expect(teamErrorCode({ code: "InternalServerError", status: 500 })).toBe("failed");
  });

  it("validates team addresses", () => {
    expect(addTeamMember([], " Wang.Fang@Contoso.com ")).toEqual({ ok: true, list: ["wang.fang@contoso.com"] });
    expect(addTeamMember(["wang.fang@contoso.com"], "WANG.FANG@contoso.com")).toEqual({ ok: false, code: "duplicate" });
    expect(addTeamMember([], "wang.fang")).toEqual({ ok: false, code: "invalidEmail" });
    // With the name the manager knows them by (issue 13): kept as "Name <address>", duplicates found by address.
    expect(addTeamMember(["wang.fang@contoso.com"], "陈杰 <Chen.Jie@contoso.com>")).toEqual({ ok: true, list: ["wang.fang@contoso.com", "陈杰 <chen.jie@contoso.com>"] });
    expect(addTeamMember(["王芳 <wang.fang@contoso.com>"], "wang.fang@contoso.com")).toEqual({ ok: false, code: "duplicate" });
  });
});

describe("buildTeamView", () => {
  const schema = DEFAULT_SCHEMA as FieldSchema;
  const c = (id: string, fields: Contact["fields"]): Contact => ({ id, displayName: id, emailAddresses: [], categories: [], fields });
  const folders: TeamFolder[] = [
    { upn: "a@contoso.com", status: "loaded", schema, requests: 1, contacts: [c("a1", { CustomerTier: "key", Owner: "A@contoso.com", IntendedProducts: ["PLC"] }), c("a2", { CustomerTier: "regular", Owner: "a@contoso.com" })] },
    { upn: "b@contoso.com", status: "loaded", schema, requests: 1, contacts: [c("b1", { CustomerTier: "key", Owner: "b@contoso.com", IntendedProducts: ["Servo", "PLC"] })] },
    { upn: "c@contoso.com", status: "error", code: "notShared" },
  ];
  const opts = { locale: "en-US" as const, timeZone: "UTC", now: NOW };
  const ids = (f: Partial<typeof NO_TEAM_FILTERS>) => buildTeamView(folders, { ...NO_TEAM_FILTERS, ...f }, opts).rows.map((r) => r.id);

  it("filters by tier, owner (case-insensitive) and product, and lists the owners and products to choose from", () => {
    expect(ids({})).toEqual(["a1", "a2", "b1"]);
    expect(ids({ tier: "key" })).toEqual(["a1", "b1"]);
    expect(ids({ owner: "a@contoso.com" })).toEqual(["a1", "a2"]);
    expect(ids({ product: "PLC" })).toEqual(["a1", "b1"]);
    expect(ids({ product: "Servo", tier: "key" })).toEqual(["b1"]);
    const view = buildTeamView(folders, NO_TEAM_FILTERS, opts);
    expect(view.owners).toEqual(["a@contoso.com", "b@contoso.com"]);
    expect(view.products).toEqual(["PLC", "Servo"]);
    expect(view.counts.map((k) => [k.upn, k.total])).toEqual([["a@contoso.com", 2], ["b@contoso.com", 1]]);
  });

  it("counts a customer under its owner, not the folder it sits in (a claim from a teammate's folder)", () => {
    const claimed: TeamFolder[] = [
      // b claimed a2 from a's folder; a3 has no owner (the folder's holder answers for it); d is outside the team.
      { upn: "a@contoso.com", status: "loaded", schema, requests: 1, contacts: [c("a1", { Owner: "a@contoso.com" }), c("a2", { Owner: "B@contoso.com" }), c("a3", {}), c("a4", { Owner: "d@contoso.com" })] },
      { upn: "b@contoso.com", status: "loaded", schema, requests: 1, contacts: [c("b1", { Owner: "b@contoso.com" })] },
    ];
    const view = buildTeamView(claimed, NO_TEAM_FILTERS, opts);
    expect(view.counts.map((k) => [k.upn, k.total])).toEqual([
      ["a@contoso.com", 2],
      ["b@contoso.com", 2],
      ["d@contoso.com", 1],
    ]);
    // Lapsed claims (no last contact) are counted for the owner too.
    expect(view.counts.find((k) => k.upn === "b@contoso.com")?.lapsed).toBe(2);
  });

  it("a fresh claim is alive for its 7 days though the last contact is older: counted neither lapsing nor lapsed (issue 10)", () => {
    const tenDaysAgo = new Date(NOW.getTime() - 10 * 86_400_000).toISOString();
    const at = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
    const team: TeamFolder[] = [
      {
        upn: "b@contoso.com",
        status: "loaded",
        schema,
        requests: 1,
        contacts: [
          { ...c("claimedToday", { Owner: "b@contoso.com", LastContacted: tenDaysAgo }), claimed: { owner: "b@contoso.com", at: at(0) } },
          { ...c("claimed6DaysAgo", { Owner: "b@contoso.com", LastContacted: tenDaysAgo }), claimed: { owner: "b@contoso.com", at: at(6) } },
          { ...c("claimed8DaysAgo", { Owner: "b@contoso.com", LastContacted: tenDaysAgo }), claimed: { owner: "b@contoso.com", at: at(8) } },
        ],
      },
    ];
    const k = buildTeamView(team, NO_TEAM_FILTERS, opts).counts.find((x) => x.upn === "b@contoso.com");
    expect(k).toMatchObject({ total: 3, lapsing: 1, lapsed: 1 });
  });
});

describe("the Graph-backed team service against the emulator", () => {
  let emulator: Emulator;
  beforeAll(() => {
    emulator = createEmulator({ seed: "demo", now: NOW });
  });
  afterAll(() => emulator.close());

  const service = () => {
    const base = createFakeServices({ user: { emailAddress: DEMO_FACTS.manager, displayName: "Li Na" } });
    return createTeamService(
      { ...base, auth: createStaticTokenProvider(DEMO_FACTS.manager), graph: { baseUrl: "https://graph.microsoft.com", customHosts: [] } },
      { terminal: (req) => emulator.handler(req) },
    );
  };

  it("reads the salespeople's shared folders as the manager, with the seeded counts", async () => {
    const team = service();
    // The demo team names its salespeople ("张伟 <zhang.wei@contoso.com>"), the seeded ones.
    expect(teamAddresses(await team.members())).toEqual(DEMO_FACTS.salespeople);
    expect(await team.members()).toContain("张伟 <zhang.wei@contoso.com>");
    const folders = await loadTeamFolders(team, DEMO_FACTS.salespeople);
    const view = buildTeamView(folders, NO_TEAM_FILTERS, { locale: "en-US", timeZone: TZ, now: NOW });
    for (const upn of DEMO_FACTS.salespeople) {
      const folder = folders.find((f) => f.upn === upn) as Extract<TeamFolder, { status: "loaded" }>;
      expect(folder.status).toBe("loaded");
      expect(folder.contacts).toHaveLength(Number(DEMO_FACTS.customersPerSalesperson[upn as keyof typeof DEMO_FACTS.customersPerSalesperson]));
      const expected = { due: 0, overdue: 0, lapsing: 0, lapsed: 0 };
      for (const c of folder.contacts) {
        const s = followUpInfo(c.fields, folder.schema, NOW, TZ).status;
        if (s === "dueToday") expected.due++;
        if (s === "overdue") expected.overdue++;
        const k = claimInfo(c, folder.schema, NOW).state;
        if (k === "lapsing" || k === "lapsed") expected[k]++;
      }
      const counts = view.counts.find((c) => c.upn === upn);
      expect(counts).toMatchObject({ total: folder.contacts.length, ...expected });
    }
    expect(view.counts.reduce((n, c) => n + c.overdue, 0)).toBeGreaterThan(0);
  });

  it("reports a folder that is not shared and a mailbox that does not exist", async () => {
    emulator.admin.unshare("wang.fang@contoso.com", DEMO_FACTS.manager);
    const folders = await loadTeamFolders(service(), ["wang.fang@contoso.com", "nobody@contoso.com", "chen.jie@contoso.com"]);
    expect(folders.map((f) => (f.status === "error" ? f.code : f.status))).toEqual(["notShared", "noSuchMailbox", "loaded"]);
  });
});
