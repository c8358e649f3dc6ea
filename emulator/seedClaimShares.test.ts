/**
 * Issue 6 (客户认领): in the demo seed every salesperson's default folder is shared with the other salespeople
 * with edit rights (so a lapsed customer can be claimed from the pool), and with the manager with edit rights too
 * (issue 13: the manager reassigns customers between salespeople); a user it is not shared with cannot write.
 */
import { createEmulator, DEMO_FACTS } from "./index";
import { graphError, graphClient } from "./testkit";

const NOW = new Date("2026-03-10T08:00:00Z");
const OWNER_PROP = DEMO_FACTS.fieldProps.owner;

test("salespeople and the manager can write the salespeople's contacts; nobody else can", async () => {
  const em = createEmulator({ seed: "demo", now: NOW });
  try {
    const [zhang, wang] = ["zhang.wei@contoso.com", "wang.fang@contoso.com"];
    const first = (await graphClient(em, wang).api(`/users/${zhang}/contacts`).top(1).select("id").get()) as { value: { id: string }[] };
    const id = first.value[0]!.id;
    await graphClient(em, wang)
      .api(`/users/${zhang}/contacts/${id}`)
      .patch({ singleValueExtendedProperties: [{ id: OWNER_PROP, value: wang }] });
    await graphClient(em, DEMO_FACTS.manager)
      .api(`/users/${zhang}/contacts/${id}`)
      .patch({ singleValueExtendedProperties: [{ id: OWNER_PROP, value: wang }] });
    // The manager did not share her own folder with the salespeople.
    const err = await graphError(() => graphClient(em, wang).api(`/users/${DEMO_FACTS.manager}/contacts`).post({ givenName: "x" }));
    expect(err.statusCode).toBe(403);
  } finally {
    em.close();
  }
});
