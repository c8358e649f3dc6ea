/**
 * The demo seed and DEMO_FACTS agree, the seed is deterministic, and the OData parser handles the literal forms
 * Graph documents (query-parameters.md: doubled quotes; GUID and DateTimeOffset literals).
 */
import { createEmulator, DEMO_FACTS } from "./index";
import { parseFilter, tokenize } from "./odata";
import { enc, graphClient } from "./testkit";

const NOW = new Date("2026-03-10T08:00:00Z");
const DAY = 86_400_000;

test("DEMO_FACTS matches the seeded tenant (counts, shares, field values spread, categories, To Do)", async () => {
  const em = createEmulator({ now: NOW });
  try {
    const P = DEMO_FACTS.fieldProps;
    for (const upn of DEMO_FACTS.salespeople) {
      const c = graphClient(em, upn);
      const expand = enc(`singleValueExtendedProperties($filter=id eq '${P.lastContacted}' or id eq '${P.owner}' or id eq '${P.tier}')`);
      const r = (await c.api("/me/contacts").top(1000).select("displayName,emailAddresses").expand(expand).get()) as { value: { singleValueExtendedProperties?: { id: string; value: string }[] }[] };
      expect(r.value).toHaveLength(DEMO_FACTS.customersPerSalesperson[upn]!);
      const days = r.value.flatMap((x) => x.singleValueExtendedProperties ?? []).filter((p) => p.id === P.lastContacted).map((p) => (NOW.getTime() - Date.parse(p.value)) / DAY);
      expect(days.some((d) => d < 5)).toBe(true); // active
      expect(days.some((d) => d >= 5 && d <= 7)).toBe(true); // lapsing
      expect(days.some((d) => d > 7)).toBe(true); // lapsed
      const owners = r.value.flatMap((x) => x.singleValueExtendedProperties ?? []).filter((p) => p.id === P.owner).map((p) => p.value);
      expect(new Set(owners)).toEqual(new Set([upn]));
      // shared (read) with the manager
      const viaMgr = (await graphClient(em, DEMO_FACTS.manager).api(`/users/${upn}/contacts`).top(1).get()) as { value: unknown[] };
      expect(viaMgr.value).toHaveLength(1);
      const threads = (await c.api("/me/messages").top(1000).select("conversationId").get()) as { value: { conversationId: string }[] };
      expect(new Set(threads.value.map((m) => m.conversationId)).size).toBe(DEMO_FACTS.threadsPerMailbox[upn]);
    }
    const zw = graphClient(em, DEMO_FACTS.defaultUser);
    for (const addr of DEMO_FACTS.wellKnownThread.contactAddresses) {
      const r = (await zw.api("/me/contacts").filter(enc(`emailAddresses/any(a:a/address eq '${addr}')`)).get()) as { value: unknown[] };
      expect(r.value).toHaveLength(1);
    }
    for (const addr of DEMO_FACTS.wellKnownThread.nonContactAddresses) {
      const r = (await zw.api("/me/contacts").filter(enc(`emailAddresses/any(a:a/address eq '${addr}')`)).get()) as { value: unknown[] };
      expect(r.value).toHaveLength(0);
    }
    const names = (await zw.api("/me/contacts").top(1000).select("displayName").get()) as { value: { displayName: string }[] };
    expect(names.value.some((x) => /[\u4e00-\u9fff]/.test(x.displayName))).toBe(true);
    expect(names.value.some((x) => /^[A-Za-z]+ [A-Za-z]+$/.test(x.displayName))).toBe(true);
  } finally {
    em.close();
  }
});

test("the seed is deterministic (same ids and data for the same now)", async () => {
  const a = createEmulator({ now: NOW });
  const b = createEmulator({ now: NOW });
  try {
    const get = async (em: typeof a): Promise<unknown> => graphClient(em).api("/me/contacts").top(50).select("displayName,emailAddresses,companyName").get();
    const [x, y] = (await Promise.all([get(a), get(b)])) as { value: { id: string }[] }[];
    expect(x!.value.map((v) => v.id)).toEqual(y!.value.map((v) => v.id));
    expect(JSON.stringify(x!.value.map(({ id, displayName }: { id: string; displayName?: string }) => [id, displayName]))).toEqual(JSON.stringify(y!.value.map(({ id, displayName }: { id: string; displayName?: string }) => [id, displayName])));
  } finally {
    a.close();
    b.close();
  }
});

test("OData tokenizer: doubled quotes, GUID and DateTimeOffset literals, nested lambdas", () => {
  expect(tokenize("'o''brien'")).toEqual([{ t: "str", v: "o'brien" }]);
  expect(tokenize("cast(ep/value, Edm.Guid) eq 66f5a359-4659-4830-9070-00047ec6ac6e")[9]).toEqual({ t: "guid", v: "66f5a359-4659-4830-9070-00047ec6ac6e" });
  expect(tokenize("receivedDateTime ge 2026-03-01T00:00:00Z")[2]).toEqual({ t: "date", v: "2026-03-01T00:00:00Z" });
  const e = parseFilter("not (a eq 'x' or b eq 'y') and emailAddresses/any(a:a/address eq 'z')");
  expect(e.k).toBe("and");
  expect(() => parseFilter("a eq")).toThrow(/Invalid filter clause/);
  expect(() => parseFilter("a eq 'x' b")).toThrow(/Invalid filter clause/);
});
