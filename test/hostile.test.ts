/**
 * Hostile-input corpus (design.md §7, issue 4 "Must show" 3) through field values, contact names and filters:
 * each value round trips exactly or is refused with a clear error before anything is written; no malformed
 * request reaches the emulator (builders.checkUrl runs on every request, top level and inside $batch).
 */
import { FieldValueError } from "../src/domain/errors";
import { createDefaultSchema } from "../src/domain/schema";
import { BatchWriter } from "../src/graph/BatchWriter";
import { ContactsRepository } from "../src/graph/ContactsRepository";
import { GraphRequestError } from "../src/graph/GraphRequestError";
import { createTestGraph, fastSleep, ZHANG } from "./builders";

const CORPUS: Record<string, string> = {
  quotes: `O'Brien "the" \`x\` ''`,
  urlSpecials: "a#b&c+d%e%20f?g=h/i\\j",
  emoji: "客户 👩‍💼🚀 🇨🇳",
  rtl: "مرحبا بالعالم \u202Eabc",
  html: `<script>alert(1)</script><img src=x onerror=alert(1)>`,
  odata: "') or (1 eq 1) or ('",
  control: "line1\u0000\u0007line2",
  long10k: "长".repeat(10_000),
  newlineTab: "a\tb\nc",
};

const schema = createDefaultSchema();

async function setup() {
  const g = createTestGraph();
  const repo = new ContactsRepository(g.client);
  const writer = new BatchWriter(g.client, { sleep: fastSleep });
  return { ...g, repo, writer };
}

describe("hostile input corpus", () => {
  it.each(Object.entries(CORPUS))("%s: as a text field value, a keyword and a contact name", async (_name, value) => {
    const { emulator, repo, writer, log } = await setup();
    const address = "hostile@example.com";
    const refusedOrRoundTrips = async (write: () => Promise<unknown>, read: () => Promise<unknown>, expected: unknown) => {
      const before = emulator.stats().requests;
      let err: unknown;
      try {
        await write();
      } catch (e) {
        err = e;
      }
      if (err) {
        // Refused before anything was sent, with a coded error.
        expect(err instanceof FieldValueError || err instanceof GraphRequestError).toBe(true);
        expect((err as { code: string }).code).toEqual(expect.any(String));
        expect(emulator.stats().requests).toBe(before);
      } else {
        expect(await read()).toEqual(expected);
      }
    };

    // As a contact name (create).
    let created: { id: string } | undefined;
    await refusedOrRoundTrips(
      async () => {
        created = await repo.createContact({ displayName: value, emailAddresses: [{ address }] }, schema);
      },
      async () => (await repo.findByEmail([address], schema))[0]!.displayName,
      value,
    );
    if (!created) created = await repo.createContact({ displayName: "safe", emailAddresses: [{ address }] }, schema);
    const current = async () => (await repo.getContacts([created!.id], schema)).contacts.get(created!.id)!;

    // As a text field value and as a keyword.
    let base = await current();
    await refusedOrRoundTrips(
      async () => {
        const out = await writer.write([{ contact: base, ops: [{ op: "set", field: "Owner", value }] }], schema);
        if (out.results[0]!.status !== "written") throw new Error("write failed");
      },
      async () => (await current()).fields.Owner,
      value.trim().normalize("NFC"),
    );
    base = await current();
    await refusedOrRoundTrips(
      async () => {
        const out = await writer.write([{ contact: base, ops: [{ op: "addKeyword", field: "IntendedProducts", value }] }], schema);
        if (out.results[0]!.status !== "written") throw new Error("write failed");
      },
      async () => (await current()).fields.IntendedProducts,
      [value.trim().normalize("NFC")],
    );

    // As a filter value (email look-up): a well-formed query that finds nothing, or a clear refusal.
    await refusedOrRoundTrips(
      () => repo.findByEmail([value], schema),
      async () => (await repo.findByEmail([value], schema)).length,
      0,
    );
    // The filter the server decoded is exactly the one we built.
    const filters = log.flatMap((l) => l.filters).filter((f) => f.includes("emailAddresses/any"));
    for (const f of filters) expect(f).toMatch(/^emailAddresses\/any\(a:a\/address eq '(?:[^']|'')*'\)$/);
    if (!/[\u0000-\u001f]/.test(value)) expect(filters).toContain(`emailAddresses/any(a:a/address eq '${value.replace(/'/g, "''")}')`);
    expect(emulator.admin.defaultFolderId(ZHANG)).toBeTruthy();
  });

  it("an invalid value in a bulk write means nothing is written", async () => {
    const { emulator, repo, writer } = await setup();
    emulator.admin.insertContacts(ZHANG, [
      { displayName: "a", emailAddresses: [{ address: "a@x.com" }] },
      { displayName: "b", emailAddresses: [{ address: "b@x.com" }] },
    ]);
    const contacts = await repo.findByEmail(["a@x.com", "b@x.com"], schema);
    const before = emulator.stats().requests;
    await expect(
      writer.write(
        [
          { contact: contacts[0]!, ops: [{ op: "set", field: "CustomerTier", value: "key" }] },
          { contact: contacts[1]!, ops: [{ op: "set", field: "CustomerTier", value: "not-a-choice" }] },
        ],
        schema,
      ),
    ).rejects.toMatchObject({ code: "notAChoice" });
    await expect(writer.write([{ contact: contacts[0]!, ops: [{ op: "set", field: "Nope", value: 1 }] }], schema)).rejects.toMatchObject({ code: "invalidInput" });
    expect(emulator.stats().requests).toBe(before);
  });
});
