/** src/app: the composition root. src/taskpane imports only from here (and src/domain). */
export { readConfig, type AppConfig } from "./config";
export { createServices, type CreateServicesOptions } from "./createServices";
export { startApp } from "./startApp";
export { ServicesProvider, useServices } from "./ServicesProvider";
export type { Services, HostEnvironment, GraphEndpoint } from "./Services";
export {
  addTeamMember,
  buildTeamView,
  DEMO_TEAM,
  DEMO_TEAM_ENTRIES,
  getTeamService,
  isManager,
  managerPeople,
  teamAddresses,
  teamDirectory,
  teamPeople,
  loadTeamFolders,
  NO_TEAM_FILTERS,
  TEAM_MAX_IN_FLIGHT,
  type DueFilter,
  type FlagFilter,
  type TeamCounts,
  type TeamFilters,
  type TeamFolder,
  type TeamFolderData,
  type TeamFolderErrorCode,
  type TeamService,
  type TeamViewModel,
} from "./team";
export {
  getContactImportService,
  IMPORT_CHUNK_ROWS,
  rowsToImport,
  runImport,
  type ContactImportService,
  type ImportProgress,
  type ImportRowResult,
} from "./contactImport";
export { useContacts } from "./useContacts";
export {
  contactListViewStore,
  DEFAULT_CONTACT_LIST_VIEW,
  type ContactListView,
  type ContactListViewStore,
} from "./contactListView";
export {
  ACTIONS,
  applyBulkChange,
  previewBulkChange,
  saveContactFields,
  saveFieldSchema,
  setNeedsRecontact,
  undoBulkChange,
  type Action,
  type ActionServices,
} from "./actions";
export { matchByEmail } from "./contacts";
export type {
  ContactsService,
  ContactsReader,
  ContactsSnapshot,
  ContactsError,
  PendingWrite,
  WriteProgress,
  OpsSpec,
  NewContactInput,
  CreateResult,
  OpenMailboxFolder,
} from "./contacts";
export type { Contact, FieldOp, FieldSchema, FieldDefinition, FieldValue, FieldValues, WriteResult } from "../domain/types";
export {
  ClaimError,
  claimAction,
  defaultSalesSettings,
  draftDailyReportAction,
  flagForFollowUpAction,
  getSalesService,
  isAddress,
  isClaimError,
  markContactedAction,
  MAX_DAYS,
  MAX_NOTE_LENGTH,
  SALES_ACTIONS,
  toClaimConfig,
  useSalesService,
  type ClaimErrorCode,
  type FolderLoad,
  type FolderStatus,
  type FollowUpResult,
  type SalesService,
  type SalesSettings,
  type VisitResult,
} from "./sales";
export { getReportsService, useReportsService, REPORT_LIST_DAYS, type OpenReport, type ReportsService } from "./reports";
export { isOfficeError, OfficeError } from "../office";
export type {
  OfficeErrorCode,
  OfficeHost,
  OfficeThemeKind,
  MailItemSnapshot,
  SelectedItem,
  UserProfile,
  NewMessageForm,
} from "../office";
export { TaggingProvider, useTagging } from "./TaggingProvider";
export {
  taggingActions,
  createTaggingService,
  parseNeverTagEntry,
  TaggingError,
  MAX_SELECTED_EMAILS,
  type TaggingService,
  type TaggingPorts,
  type TaggingContacts,
  type TaggingSettings,
  type PersonMatch,
  type TagRow,
  type TagRowResult,
  type TagOutcome,
  type TagProgress,
} from "./tagging";
