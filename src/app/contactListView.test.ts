import type { RoamingSettingsPort } from "../office";
import {
  contactListViewKey,
  contactListViewStore,
  DEFAULT_CONTACT_LIST_VIEW,
  MAX_STORED_FILTERS,
  parseContactListView,
  type ContactListView,
} from "./contactListView";

/** Roaming settings as Office keeps them: set/remove stay in the pane until save() persists them. */
function roaming() {
  const saved = new Map<string, unknown>();
  const staged = new Map<string, unknown>();
  let saves = 0;
  const port: RoamingSettingsPort = {
    get: async <T>(k: string) => (staged.has(k) ? staged.get(k) : saved.get(k)) as T | undefined,
    set: async (k, v) => {
      staged.set(k, JSON.parse(JSON.stringify(v)));
    },
    remove: async (k) => {
      staged.delete(k);
      saved.delete(k);
    },
    save: async () => {
      saves += 1;
      for (const [k, v] of staged) saved.set(k, v);
      staged.clear();
    },
  };
  return { port, saved, saves: () => saves };
}

const services = (port: RoamingSettingsPort, user: string) => ({ office: { roamingSettings: port }, environment: { user: { emailAddress: user } } });

const VIEW: ContactListView = {
  groupBy: { field: "CustomerTier" },
  sort: { column: { builtin: "companyName" }, direction: "desc" },
  filters: [
    { column: { field: "NeedsRecontact" }, op: "eq", value: true },
    { column: { field: "NextContact" }, op: "onOrBefore", value: "2026-03-31" },
    { column: { field: "Owner" }, op: "isEmpty" },
  ],
};

describe("the contacts list's stored view", () => {
  it("is saved to roaming settings and read back (saveAsync called: it persists, not only in this pane)", async () => {
    const r = roaming();
    const store = contactListViewStore(services(r.port, "zhang.wei@contoso.com"));
    expect(await store.load()).toEqual(DEFAULT_CONTACT_LIST_VIEW);
    await store.save(VIEW);
    expect(r.saves()).toBe(1);
    expect(r.saved.get("contactListView:zhang.wei@contoso.com")).toEqual(VIEW);
    expect(await contactListViewStore(services(r.port, "zhang.wei@contoso.com")).load()).toEqual(VIEW);
  });

  it("is kept per mailbox user (address case aside): another user of the same settings keeps the default", async () => {
    const r = roaming();
    await contactListViewStore(services(r.port, "Zhang.Wei@Contoso.com")).save(VIEW);
    expect(contactListViewKey("Zhang.Wei@Contoso.com ")).toBe("contactListView:zhang.wei@contoso.com");
    expect(await contactListViewStore(services(r.port, "zhang.wei@contoso.com")).load()).toEqual(VIEW);
    expect(await contactListViewStore(services(r.port, "wang.fang@contoso.com")).load()).toEqual(DEFAULT_CONTACT_LIST_VIEW);
  });

  it("stays well inside the 32 KB roaming budget: at most 20 filters, operands of at most 255 characters", async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ column: { field: "Owner" }, op: "contains" as const, value: `x${i}` }));
    const r = roaming();
    await contactListViewStore(services(r.port, "a@b.c")).save({ ...VIEW, filters: [...many, { column: { field: "Owner" }, op: "eq", value: "y".repeat(10_000) }] });
    const stored = r.saved.get("contactListView:a@b.c") as ContactListView;
    expect(stored.filters).toHaveLength(MAX_STORED_FILTERS);
    expect(JSON.stringify(stored).length).toBeLessThan(2_000);
  });

  it("parses what another version or a hand-edited value left: keeps what makes sense, drops the rest", () => {
    expect(parseContactListView(undefined)).toEqual(DEFAULT_CONTACT_LIST_VIEW);
    expect(parseContactListView("grouped")).toEqual(DEFAULT_CONTACT_LIST_VIEW);
    expect(parseContactListView(JSON.parse(JSON.stringify(VIEW)))).toEqual(VIEW);
    expect(
      parseContactListView({
        groupBy: { field: "bad name!" },
        sort: { column: { builtin: "salary" }, direction: "desc" },
        filters: [
          { column: { field: "Owner" }, op: "eq", value: "a" },
          { column: { field: "Owner" }, op: "matches", value: ".*" },
          { column: { builtin: "companyName" }, op: "gt", value: "5" },
          { column: { builtin: "companyName" }, op: "gt", value: Infinity },
          { column: { field: "Owner" }, op: "contains" },
          "not a condition",
          { column: { builtin: "email" }, op: "notEmpty", value: 1 },
        ],
        unknownKey: true,
      }),
    ).toEqual({
      sort: DEFAULT_CONTACT_LIST_VIEW.sort,
      filters: [
        { column: { field: "Owner" }, op: "eq", value: "a" },
        { column: { builtin: "email" }, op: "notEmpty" },
      ],
    });
    expect(parseContactListView({ sort: { column: { field: "NextContact" }, direction: "sideways" } }).sort).toEqual({ column: { field: "NextContact" }, direction: "asc" });
  });

  it("passes roaming-settings errors to the caller (the list then keeps the view it shows: useContactList)", async () => {
    const broken: RoamingSettingsPort = {
      get: async () => Promise.reject(new Error("NotAvailable")),
      set: async () => undefined,
      remove: async () => undefined,
      save: async () => Promise.reject(new Error("SaveFailed")),
    };
    const store = contactListViewStore(services(broken, "a@b.c"));
    await expect(store.load()).rejects.toThrow("NotAvailable");
    await expect(store.save(VIEW)).rejects.toThrow("SaveFailed");
  });
});
