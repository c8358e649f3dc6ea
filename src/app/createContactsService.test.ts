import { IDBFactory } from "fake-indexeddb";
import { createEmulator } from "../../emulator";
import { createStaticTokenProvider } from "../auth";
import { ContactCache } from "../store";
import { createContactsWiring } from "./createContactsService";

const ZHANG = "zhang.wei@contoso.com";
const LI_NA = "li.na@contoso.com";

function wiring(upn: string, emulator = createEmulator({ seed: "demo" }), idb = new IDBFactory()) {
  const w = createContactsWiring({
    auth: createStaticTokenProvider(upn),
    graph: { baseUrl: "https://graph.microsoft.com", customHosts: [] },
    openCache: () => ContactCache.open({ indexedDB: idb, name: "app" }),
    terminal: (req) => emulator.handler(req),
  });
  return { ...w, emulator };
}

describe("createContactsWiring (against the emulator)", () => {
  it("loads the user's contacts with the schema, writes optimistically and reports status", async () => {
    const { contacts, emulator } = wiring(ZHANG);
    const seen: boolean[] = [];
    contacts.subscribe(() => seen.push(contacts.snapshot().loading));
    expect(contacts.snapshot()).toMatchObject({ loading: false, loaded: false, contacts: [] });
    await contacts.ensureLoaded();
    const snap = contacts.snapshot();
    expect(seen[0]).toBe(true);
    expect(snap).toMatchObject({ loading: false, loaded: true });
    expect(snap.error).toBeUndefined();
    expect(snap.contacts.length).toBeGreaterThan(10);
    expect(snap.schema.fields.map((f) => f.propertyName)).toContain("NeedsRecontact");
    expect(contacts.snapshot()).toBe(contacts.snapshot()); // stable for useSyncExternalStore

    const target = snap.contacts.find((c) => c.fields.NeedsRecontact !== true)!;
    const results = await contacts.applyOps([target.id], [{ op: "set", field: "NeedsRecontact", value: true }]);
    expect(results).toEqual([expect.objectContaining({ contactId: target.id, status: "written" })]);
    expect(contacts.snapshot().contacts.find((c) => c.id === target.id)!.fields.NeedsRecontact).toBe(true);
    expect(contacts.snapshot().pending).toHaveLength(0);

    const address = target.emailAddresses[0]!.address.toUpperCase();
    expect((await contacts.findByEmail([address])).map((c) => c.id)).toEqual([target.id]);

    const created = await contacts.createContacts([{ displayName: "New Person", emailAddresses: [{ address: "new.person@example.org" }], fields: { CustomerTier: "potential" } }]);
    expect(created[0]).toMatchObject({ status: "created" });
    const listed = contacts.snapshot().contacts.find((c) => c.emailAddresses.some((e) => e.address === "new.person@example.org"));
    expect(listed?.fields.CustomerTier).toBe("potential");
    emulator.close();
  });

  it("puts a load failure into snapshot().error and recovers on reload", async () => {
    const { contacts, emulator } = wiring("nobody@contoso.com");
    await contacts.load();
    expect(contacts.snapshot().error?.code).toBeTruthy();
    expect(contacts.snapshot()).toMatchObject({ loading: false, loaded: false });
    const again: boolean[] = [];
    contacts.subscribe(() => again.push(contacts.snapshot().loading));
    await contacts.ensureLoaded(); // a failed first load is tried again, not cached
    expect(again[0]).toBe(true);
    emulator.close();
  });

  it("opens a colleague's shared folder for reading", async () => {
    const { openMailboxFolder, emulator } = wiring(LI_NA);
    const reader = openMailboxFolder(ZHANG, emulator.admin.defaultFolderId(ZHANG));
    expect(openMailboxFolder(ZHANG, emulator.admin.defaultFolderId(ZHANG))).toBe(reader);
    expect("applyOps" in reader).toBe(false);
    await reader.ensureLoaded();
    expect(reader.snapshot().error).toBeUndefined();
    expect(reader.snapshot().contacts.length).toBeGreaterThan(10);
    expect(reader.snapshot().contacts.every((c) => c.mailbox === ZHANG)).toBe(true);
    emulator.close();
  });

  it("finds a colleague's default folder when no folder id is given", async () => {
    const { openMailboxFolder, emulator } = wiring(LI_NA);
    const reader = openMailboxFolder(ZHANG);
    await reader.ensureLoaded();
    expect(reader.snapshot().error).toBeUndefined();
    expect(reader.snapshot().contacts.length).toBeGreaterThan(10);
    emulator.close();
  });
});
