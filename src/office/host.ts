import { OfficeError } from "./OfficeError";
import { fromSync, mailboxOrThrow, officeOrThrow } from "./officeGlobal";

export type OfficeThemeKind = "light" | "dark";

export interface OfficeHostInfo {
  /** Office.HostType as a string, e.g. "Outlook". */
  host: string | undefined;
  /** Office.PlatformType as a string, e.g. "OfficeOnline", "PC", "Mac", "iOS", "Android". */
  platform: string | undefined;
}

/**
 * Office.onReady as a promise. Office calls back exactly once, after office.js has initialised; without
 * office.js there is nothing to wait for, so this rejects with "NotAvailable".
 */
export async function onReady(): Promise<OfficeHostInfo> {
  const office = officeOrThrow();
  let info: { host: unknown; platform: unknown };
  try {
    info = await office.onReady();
  } catch (cause) {
    throw new OfficeError("Failed", "Office.onReady failed", { cause });
  }
  return {
    host: info?.host == null ? undefined : String(info.host),
    platform: info?.platform == null ? undefined : String(info.platform),
  };
}

/** Outlook's UI language, e.g. "zh-CN" or "en-US" (Office.context.displayLanguage). */
export function getDisplayLanguage(): Promise<string> {
  return fromSync(() => officeOrThrow().context?.displayLanguage ?? "en-US", "displayLanguage");
}

/**
 * Light or dark, from Office.context.officeTheme.bodyBackgroundColor (Mailbox hosts expose no `isDarkTheme` on
 * every platform; the body colour is there everywhere officeTheme is). No theme information → light.
 */
export function getOfficeTheme(): Promise<OfficeThemeKind> {
  return fromSync(() => {
    const color = officeOrThrow().context?.officeTheme?.bodyBackgroundColor;
    return color && isDarkColor(color) ? "dark" : "light";
  }, "officeTheme");
}

/** Relative luminance below the midpoint (WCAG formula) → dark. Unparseable colours count as light. */
export function isDarkColor(hex: string): boolean {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!m || !m[1]) return false;
  const digits = m[1].length === 3 ? [...m[1]].map((d) => d + d).join("") : m[1];
  const channel = (i: number) => {
    const c = parseInt(digits.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return luminance < 0.18;
}

export interface UserProfile {
  emailAddress: string;
  displayName: string;
}

/** The mailbox owner (Office.context.mailbox.userProfile). */
export function getUserProfile(): Promise<UserProfile> {
  return fromSync(() => {
    const profile = mailboxOrThrow().userProfile;
    if (!profile?.emailAddress) throw new OfficeError("NotAvailable", "The mailbox has no user profile");
    return { emailAddress: profile.emailAddress, displayName: profile.displayName ?? profile.emailAddress };
  }, "userProfile");
}

export interface OfficeAuthContext {
  loginHint?: string;
  tenantId?: string;
}

/**
 * Office.auth.getAuthContext() (NestedAppAuth 1.1) reduced to a login hint for MSAL. Resolves undefined when
 * unavailable: the caller falls back to an interactive account picker.
 */
export async function getAuthContext(): Promise<OfficeAuthContext | undefined> {
  try {
    const auth = officeOrThrow().auth as unknown as
      | { getAuthContext?: () => Promise<{ loginHint?: string; userPrincipalName?: string; tenantId?: string }> }
      | undefined;
    if (!auth?.getAuthContext) return undefined;
    const c = await auth.getAuthContext();
    return { loginHint: c.loginHint || c.userPrincipalName, tenantId: c.tenantId };
  } catch {
    return undefined;
  }
}
