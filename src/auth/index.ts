/**
 * The light half of sign-in, safe to import eagerly: types, scopes, errors, the emulator's static provider
 * and the Office port. MSAL (most of the bundle's weight) is only reached through `loadNaaTokenProvider()`,
 * which webpack splits into its own lazily loaded chunk.
 */
export { AuthError, isAuthError, type AuthErrorCode } from "./AuthError";
export { isConfigured, type AuthConfig } from "./AuthConfig";
export type { TokenProvider, SignedInAccount } from "./TokenProvider";
export { createStaticTokenProvider } from "./staticTokenProvider";
export { SCOPES_BY_FEATURE, ALL_SCOPES, scopesFor, type Feature } from "./scopes";
export {
  DialogPortError,
  OFFICE_DIALOG_ERRORS,
  type DialogOptions,
  type OfficeAuthContext,
  type OfficeDialogHandle,
  type OfficeDialogPort,
} from "./OfficeDialogPort";
export type { NaaDeps } from "./naa";

/**
 * `const { createNaaTokenProvider } = await loadNaaTokenProvider();`
 * Chunk name "naa", not "signin": "signin" is already the dialog page's entry and webpack refuses an async
 * chunk named like an entry.
 */
export const loadNaaTokenProvider = () => import(/* webpackChunkName: "naa" */ "./naa");
