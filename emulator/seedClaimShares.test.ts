/**
 * Issue 6 (客户认领): in the demo seed every salesperson's default folder is shared with the other salespeople
 * with edit rights (so a lapsed customer can be claimed from the pool), and still only read for the manager.
 */
import { createEmulator, DEMO_FACTS } from "./index";
import { graphError, graphClient } from "./testkit";

const NOW = new Date("2026-03-10T08:00:00Z");
const OWNER_PROP = DEMO_FACTS.fieldProps.owner;

test("salespeople can write each other's contacts; the manager can only read them", async () => {
  const em = createEmulator({ seed: "demo", now: NOW });
  try {
    const [zhang, wang] = ["zhang.wei@contoso.com", "wang.fang@contoso.com"];
    const first = (await graphClient(em, wang).api(`/users/${zhang}/contacts`).top(1).select("id").get()) as { value: { id: string }[] };
    const id = first.value[0]!.id;
    await graphClient(em, wang)
      .api(`/users/${zhang}/contacts/${id}`)
      .patch({ singleValueExtendedProperties: [{ id: OWNER_PROP, value: wang }] });
    const err = await graphError(() =>
      graphClient(em, DEMO_FACTS.manager)
        .api(`/users/${zhang}/contacts/${id}`)
        .patch({ singleValueExtendedProperties: [{ id: OWNER_PROP, value: DEMO_FACTS.manager }] }),
    );
    expect(err.statusCode).toBe(403);
  } finally {
    em.close();
  }
});
