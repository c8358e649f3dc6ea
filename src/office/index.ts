/**
 * src/office: the only code that touches the `Office` global (eslint.config.mjs). Every callback API is a promise
 * that rejects with OfficeError; capability checks are named functions.
 */
import {
  isComposeFromSupported,
  isMultiSelectSupported,
  isNestedAppAuthSupported,
  isPinningSupported,
  isRestIdConversionSupported,
} from "./capabilities";
import { openDialog } from "./dialog";
import { getAuthContext, getDisplayLanguage, getOfficeTheme, getUserProfile, onReady } from "./host";
import {
  convertToRestId,
  displayNewMessageForm,
  getCurrentItem,
  getItemBody,
  getSelectedItems,
  onItemChanged,
  onSelectedItemsChanged,
} from "./mailItem";
import { roamingSettings } from "./roamingSettings";

export { OfficeError, isOfficeError, type OfficeErrorCode } from "./OfficeError";
export type { OfficeHostInfo, OfficeThemeKind, UserProfile, OfficeAuthContext } from "./host";
export type { ItemMode, MailItemSnapshot, SelectedItem, NewMessageForm, Unsubscribe } from "./mailItem";
export type { RoamingSettingsPort } from "./roamingSettings";
export type { OfficeDialog, OpenDialogOptions } from "./dialog";
export { isDarkColor } from "./host";

/**
 * The Office wrappers as one capability object (the module's single entry point for them), so src/app can hand it
 * to the UI (or a test can hand a fake).
 */
export const officeHost = {
  onReady,
  getDisplayLanguage,
  getOfficeTheme,
  getUserProfile,
  getAuthContext,
  getCurrentItem,
  getItemBody,
  convertToRestId,
  getSelectedItems,
  onItemChanged,
  onSelectedItemsChanged,
  displayNewMessageForm,
  roamingSettings,
  openDialog,
  isMultiSelectSupported,
  isPinningSupported,
  isNestedAppAuthSupported,
  isRestIdConversionSupported,
  isComposeFromSupported,
};

export type OfficeHost = typeof officeHost;
