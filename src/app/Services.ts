import type { TokenProvider } from "../auth";
import type { OfficeHost, OfficeThemeKind, UserProfile } from "../office";
import type { AppConfig } from "./config";
import type { ContactsService, OpenMailboxFolder } from "./contacts";
import type { ContactImportService } from "./contactImport";
import type { DiagnosticsService } from "./diagnostics";
import type { TeamService } from "./team";
import type { SalesService } from "./sales/createSalesService";
import type { ReportsService } from "./reports/createReportsService";

/** Where Graph lives and which hosts get the bearer token (the SDK sends it only to Graph's or these hosts). */
export interface GraphEndpoint {
  /** Origin only: "https://graph.microsoft.com", or the dev server's origin where the emulator answers /v1.0. */
  baseUrl: string;
  customHosts: string[];
}

/** What Outlook told us at start-up; the shell picks language and theme from it. */
export interface HostEnvironment {
  displayLanguage: string;
  theme: OfficeThemeKind;
  user: UserProfile;
  multiSelect: boolean;
}

/**
 * The capabilities the task pane gets (conventions.md "Components get capabilities, not modules").
 * Built only by createServices (real) or by tests (fakes).
 */
export interface Services {
  config: AppConfig;
  environment: HostEnvironment;
  office: OfficeHost;
  auth: TokenProvider;
  graph: GraphEndpoint;
  /** The signed-in user's default Contacts folder (read/write, cached, optimistic writes). */
  contacts: ContactsService;
  /** Another mailbox's contacts folder shared with the user (read), e.g. for the Team view. */
  openMailboxFolder: OpenMailboxFolder;
  /** Team view (issue 6): optional override (tests); getTeamService() builds the Graph one otherwise. */
  team?: TeamService;
  /** CSV import target (issue 6): optional override (tests); getContactImportService() builds one otherwise. */
  contactImport?: ContactImportService;
  /** Follow-up, claims, daily plan/report (issue 6): optional override (tests); getSalesService() builds one otherwise. */
  sales?: SalesService;
  /** The daily report's sign-off round trip (issue 13): optional override (tests); getReportsService() builds one otherwise. */
  reports?: ReportsService;
  /** Settings → Diagnostics: the tenant self-check (issue 14); absent in tests that don't need it. */
  diagnostics?: DiagnosticsService;
}
