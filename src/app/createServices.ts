import { createStaticTokenProvider, loadNaaTokenProvider, type TokenProvider } from "../auth";
import { ProbingCapabilitySource, setDefaultCapabilitySource } from "../graph/capabilities";
import { officeHost, type OfficeHost } from "../office";
import { createLocalCapabilityCache } from "../store/capabilityCache";
import type { AppConfig } from "./config";
import { createContactsWiring } from "./createContactsService";
import { createDiagnosticsService } from "./diagnostics";
import { createGraphClient } from "../graph/createGraphClient";
import { scopesFor } from "../auth/scopes";
import { createOfficeDialogPort } from "./createOfficeDialogPort";
import { getSalesService } from "./sales/getSalesService";
import type { GraphEndpoint, HostEnvironment, Services } from "./Services";

export const GRAPH_ORIGIN = "https://graph.microsoft.com";

export interface CreateServicesOptions {
  /** Defaults to the real src/office; tests pass a fake. */
  office?: OfficeHost;
  /** Defaults to window.location. */
  location?: Pick<Location, "origin" | "hostname" | "search">;
}

/**
 * The composition root: the only place that knows demo from production (conventions.md "One composition root").
 * - demo: Graph is the emulator on this page's own origin (/v1.0), tokens are `dev:<upn>` of the host's user.
 * - production: real Graph, tokens from MSAL nested app auth, loaded lazily so the first paint doesn't wait for it.
 * Call after Office is ready (see startApp).
 */
export async function createServices(config: AppConfig, options: CreateServicesOptions = {}): Promise<Services> {
  const office = options.office ?? officeHost;
  const location = options.location ?? window.location;
  const [displayLanguage, theme, user] = await Promise.all([
    office.getDisplayLanguage(),
    office.getOfficeTheme(),
    office.getUserProfile(),
  ]);
  const environment: HostEnvironment = {
    displayLanguage,
    theme,
    user,
    multiSelect: office.isMultiSelectSupported(),
  };

  let auth: TokenProvider;
  let graph: GraphEndpoint;
  // `isDemoBuild()` is the constant false in a production bundle, so the minifier drops this branch and with
  // it the emulator's dev token provider (test/build.test.ts checks that no `dev:` token code ships).
  if (config.demo && isDemoBuild()) {
    auth = createStaticTokenProvider(user.emailAddress);
    graph = { baseUrl: location.origin, customHosts: [location.hostname] };
  } else {
    auth = createLazyNaaProvider(config, office);
    graph = { baseUrl: GRAPH_ORIGIN, customHosts: [] };
  }
  // Every ContactsRepository probes the tenant's unverified Graph behaviours at first use per mailbox and takes
  // the fallback paths where refused (src/graph/capabilities.ts); reports kept per account in localStorage.
  setDefaultCapabilitySource(new ProbingCapabilitySource(createLocalCapabilityCache(user.emailAddress)));
  const { contacts, openMailboxFolder } = createContactsWiring({ auth, graph });
  // The self-check writes contacts and a To Do task: base + reminders scopes, asked only when it runs.
  const diagnostics = createDiagnosticsService(() =>
    createGraphClient({ authProvider: () => auth.getToken([...scopesFor("base"), ...scopesFor("reminders")]), baseUrl: graph.baseUrl, customHosts: graph.customHosts }),
  );
  const services: Services = { config, environment, office, auth, graph, contacts, openMailboxFolder, diagnostics };
  // A customer that left my folder (deleted, or claimed by a teammate and moved to theirs) takes its open To Do
  // reminder with it (reminders on only; the sales service checks).
  contacts.onRemoved?.((ids) => void getSalesService(services).closeTasksOf(ids));
  return services;
}

/** DefinePlugin replaces `typeof __DEMO__` and `__DEMO__`; outside webpack (jest) this is a demo. */
function isDemoBuild(): boolean {
  return typeof __DEMO__ === "undefined" || __DEMO__;
}

/** A TokenProvider that loads MSAL (≈80 KB gz) on the first token request, not at start-up. */
function createLazyNaaProvider(config: AppConfig, office: OfficeHost): TokenProvider {
  let provider: Promise<TokenProvider> | undefined;
  let loaded: TokenProvider | undefined;
  const get = () =>
    (provider ??= loadNaaTokenProvider().then(({ createNaaTokenProvider }) => {
      loaded = createNaaTokenProvider(
        { clientId: config.clientId, authority: config.authority },
        createOfficeDialogPort(office),
      );
      return loaded;
    }));
  return {
    getToken: async (scopes) => (await get()).getToken(scopes),
    getAccount: () => loaded?.getAccount(),
    signOut: async () => {
      if (loaded) await loaded.signOut();
    },
  };
}
