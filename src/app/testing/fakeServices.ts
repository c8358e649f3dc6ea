/**
 * Test doubles for the composition root: an in-memory OfficeHost and a Services object built from it, so UI tests
 * render the real shell without office.js, Graph or MSAL.
 */
import { createStaticTokenProvider } from "../../auth";
import type { MailItemSnapshot, OfficeHost, SelectedItem } from "../../office";
import type { ContactsService, OpenMailboxFolder } from "../contacts";
import { DEMO_MANAGERS } from "../config";
import type { Services } from "../Services";
import type { TeamService } from "../team";
import { createFakeContactsService, createFakeMailboxFolders, type FakeContactsOptions } from "./fakeContactsService";

export interface FakeOfficeOptions {
  displayLanguage?: string;
  theme?: "light" | "dark";
  user?: { emailAddress: string; displayName: string };
  item?: MailItemSnapshot | null;
  /** The open item's HTML body (body.getAsync). */
  body?: string;
  selected?: SelectedItem[];
  sets?: { multiSelect?: boolean; naa?: boolean };
}

export function createFakeOfficeHost(o: FakeOfficeOptions = {}): OfficeHost & { forms: unknown[] } {
  const settings = new Map<string, unknown>();
  const forms: unknown[] = [];
  const user = o.user ?? { emailAddress: "zhang.wei@contoso.com", displayName: "Zhang Wei" };
  const noop = async () => async () => undefined;
  return {
    forms,
    onReady: async () => ({ host: "Outlook", platform: "OfficeOnline" }),
    getDisplayLanguage: async () => o.displayLanguage ?? "en-US",
    getOfficeTheme: async () => o.theme ?? "light",
    getUserProfile: async () => user,
    getAuthContext: async () => ({ loginHint: user.emailAddress }),
    getCurrentItem: async () => o.item ?? null,
    getItemBody: async () => {
      if (o.body === undefined) throw Object.assign(new Error("no body"), { code: "NotAvailable" });
      return o.body;
    },
    convertToRestId: async (id: string) => id.replace(/\+/g, "-").replace(/\//g, "_"),
    getSelectedItems: async () => o.selected ?? [],
    onItemChanged: noop,
    onSelectedItemsChanged: noop,
    displayNewMessageForm: async (f) => {
      forms.push(f);
    },
    roamingSettings: {
      get: async <T,>(k: string) => settings.get(k) as T | undefined,
      set: async (k: string, v: unknown) => {
        settings.set(k, v);
      },
      remove: async (k: string) => {
        settings.delete(k);
      },
      save: async () => undefined,
    },
    openDialog: async () => {
      throw new Error("no dialogs in tests");
    },
    isMultiSelectSupported: () => o.sets?.multiSelect ?? true,
    isPinningSupported: () => true,
    isNestedAppAuthSupported: () => o.sets?.naa ?? false,
    isRestIdConversionSupported: () => true,
    isComposeFromSupported: () => true,
  };
}

export interface FakeServicesOptions extends FakeOfficeOptions {
  demo?: boolean;
  /** The user's contacts: a ready service, or options for an in-memory fake (default: empty, default schema). */
  contacts?: ContactsService | FakeContactsOptions;
  /** Other mailboxes' folders: a factory, or per-upn fake options. */
  mailboxes?: OpenMailboxFolder | Record<string, FakeContactsOptions>;
  team?: TeamService;
  /** The configured managers (AppConfig.managers); default: the demo company's (li.na). */
  managers?: string[];
}

export function createFakeServices(o: FakeServicesOptions = {}): Services {
  const office = createFakeOfficeHost(o);
  const user = o.user ?? { emailAddress: "zhang.wei@contoso.com", displayName: "Zhang Wei" };
  return {
    config: { clientId: "", authority: "", demo: o.demo ?? true, managers: o.managers ?? [...DEMO_MANAGERS] },
    environment: {
      displayLanguage: o.displayLanguage ?? "en-US",
      theme: o.theme ?? "light",
      user,
      multiSelect: o.sets?.multiSelect ?? true,
    },
    office,
    auth: createStaticTokenProvider(user.emailAddress),
    graph: { baseUrl: "https://localhost:3000", customHosts: ["localhost"] },
    contacts: o.contacts && "applyOps" in o.contacts ? (o.contacts as ContactsService) : createFakeContactsService((o.contacts as FakeContactsOptions | undefined) ?? {}),
    openMailboxFolder: typeof o.mailboxes === "function" ? o.mailboxes : createFakeMailboxFolders(o.mailboxes ?? {}),
    // A team with no members (the Team view's empty state): rendering the whole pane in jsdom needs no Graph.
    team: o.team ?? {
      members: async () => [],
      saveMembers: async () => undefined,
      loadFolder: async (upn) => Promise.reject(Object.assign(new Error(`no fake folder for ${upn}`), { code: "ErrorAccessDenied", status: 403 })),
    },
  };
}
