/** The Outlook follow-up flag mirror (src/graph/outlookFlag.ts) against the emulator: valid ids, round trip. */
import { createEmulator } from "../emulator/index";
import { createGraphClient } from "../src/graph/createGraphClient";
import { readOutlookFlag, writeOutlookFlag } from "../src/graph/outlookFlag";

test("written to and read back from a contact through Graph (emulator): the ids are valid extended-property ids", async () => {
  const em = createEmulator({ seed: "demo", now: new Date("2026-03-02T01:00:00Z") });
  try {
    const client = createGraphClient({ authProvider: async () => "dev:zhang.wei@contoso.com", terminal: (r) => em.handler(r) });
    const first = (await client.api("/me/contacts?$top=1&$select=id").get()) as { value: { id: string }[] };
    const id = first.value[0]!.id;
    await writeOutlookFlag(client, id, { status: "flagged", start: "2026-03-02T01:00:00Z", due: "2026-03-05T16:00:00Z" });
    expect(await readOutlookFlag(client, id)).toEqual({ status: "flagged", start: "2026-03-02T01:00:00Z", due: "2026-03-05T16:00:00Z" });
    await writeOutlookFlag(client, id, { status: "complete", completedAt: "2026-03-03T02:00:00Z" });
    expect(await readOutlookFlag(client, id)).toEqual({ status: "complete", completedAt: "2026-03-03T02:00:00Z" });
  } finally {
    em.close();
  }
});
