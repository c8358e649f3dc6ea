/** src/app: the composition root. src/taskpane imports only from here (and src/domain). */
export { readConfig, type AppConfig } from "./config";
export { createServices, type CreateServicesOptions } from "./createServices";
export { startApp } from "./startApp";
export { ServicesProvider, useServices } from "./ServicesProvider";
export type { Services, HostEnvironment, GraphEndpoint } from "./Services";
export { useContacts } from "./useContacts";
export {
  ACTIONS,
  applyBulkChange,
  previewBulkChange,
  saveContactFields,
  saveFieldSchema,
  setNeedsRecontact,
  undoBulkChange,
  type Action,
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
