/**
 * Least-privilege Microsoft Graph delegated scopes, asked for only when a feature first needs them
 * (incremental consent): a salesperson who never opens the team view never sees "read shared contacts" in a
 * consent prompt. Every scope here must also be listed under "API permissions" in the app registration
 * (docs/real-outlook.md) so an administrator can consent for the whole tenant once.
 *
 * Permission texts: https://learn.microsoft.com/graph/permissions-reference
 */
export const SCOPES_BY_FEATURE = {
  /**
   * Contact list, custom fields, follow-up, thread tagging.
   * - Contacts.ReadWrite: the user's own contacts, their extended properties and open extensions
   *   (graph-reference.md §1–§3: user-list-contacts, extended-property and open-extension pages).
   * - Mail.ReadBasic, not Mail.Read: thread participants need only message headers
   *   (`$select=from,toRecipients,ccRecipients,bccRecipients,receivedDateTime`, graph-reference.md §11).
   *   Mail.ReadBasic "allows the app to read email in the signed-in user's mailbox except body,
   *   previewBody, attachments and any extended properties" (permissions reference, Mail.ReadBasic), needs
   *   no admin consent, and never exposes message bodies. Mail.Read would only be needed to read bodies.
   */
  base: ["Contacts.ReadWrite", "Mail.ReadBasic"],
  /**
   * Manager's team view: read the contacts folders colleagues shared with them
   * (`/users/{upn}/contactFolders/{id}/contacts`, graph-reference.md S4 outlook-get-shared-contacts-folders).
   * Read-only on purpose: Contacts.ReadWrite.Shared only if the team view ever edits colleagues' contacts.
   */
  teamView: ["Contacts.Read.Shared"],
  /**
   * Claiming a lapsed customer that sits in a teammate's shared folder (issue 6, 客户认领): owner and last
   * contacted are written on their contact, which needs their folder shared with edit rights and this scope.
   * Also the manager reassigning a customer between two salespeople (issue 13: owner and history written in the
   * one's folder, the customer moved into the other's). Asked for only by these two actions, never for reading.
   */
  contactsSharedWrite: ["Contacts.ReadWrite.Shared"],
  /** To Do follow-up reminders, only once the user turns them on (todo tasks: delegated Tasks.ReadWrite, §12). */
  reminders: ["Tasks.ReadWrite"],
  /**
   * Planned visits on the salesperson's own Outlook calendar (issue 13 item 2), only once the user turns the
   * calendar option on: POST/PATCH/DELETE /me/events need delegated Calendars.ReadWrite (api/user-post-events.md,
   * api/event-update.md, api/event-delete.md "Permissions"). Own calendar only, so no Calendars.*.Shared.
   */
  calendar: ["Calendars.ReadWrite"],
  /**
   * `GET /me` (display name, mail). The signed-in account's username and name already come with MSAL's ID
   * token (openid/profile, added by MSAL to every request), so only ask for this when /me is really read.
   */
  identity: ["User.Read"],
  // No MailboxSettings.ReadWrite: this version never creates master categories (it assigns existing ones, and
  // Office.js masterCategories.addAsync would need no Graph scope, §10), and docs/real-outlook.md tells
  // administrators not to grant it. src/graph/categories.ts's ensureMasterCategory is for tests only.
} as const satisfies Record<string, readonly string[]>;

export type Feature = keyof typeof SCOPES_BY_FEATURE;

export function scopesFor(feature: Feature): readonly string[] {
  return SCOPES_BY_FEATURE[feature];
}

/** Every scope the add-in can ever ask for: what the administrator grants (used by docs and tests). */
export const ALL_SCOPES: readonly string[] = [...new Set(Object.values(SCOPES_BY_FEATURE).flat())];

/**
 * OIDC scopes MSAL adds itself. A request made only of these gets no Graph access token, so NAA requires at
 * least one resource scope (enable-nested-app-authentication-in-your-add-in.md).
 */
const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);

/** Sorted, de-duplicated, lower-cased: one cache key per scope set whatever the order callers use. */
export function normalizeScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map((s) => s.trim()).filter(Boolean))].sort((a, b) =>
    a.toLowerCase().localeCompare(b.toLowerCase()),
  );
}

export function hasResourceScope(scopes: readonly string[]): boolean {
  return scopes.some((s) => !OIDC_SCOPES.has(s.toLowerCase()));
}
