/**
 * Capability checks as named functions (the official NAA sample's style). Each answers false when office.js is
 * absent, so callers can gate features without try/catch.
 * Requirement sets: https://learn.microsoft.com/javascript/api/requirement-sets/outlook/outlook-api-requirement-sets
 */
function isSetSupported(name: string, version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported(name, version) === true;
  } catch {
    return false;
  }
}

/** getSelectedItemsAsync + SelectedItemsChanged arrived in Mailbox 1.13 (item-multi-select.md). */
export function isMultiSelectSupported(): boolean {
  return isSetSupported("Mailbox", "1.13");
}

/** ItemChanged for a pinned task pane arrived in Mailbox 1.5 (pinnable-taskpane.md). */
export function isPinningSupported(): boolean {
  return isSetSupported("Mailbox", "1.5");
}

/** Nested app authentication can't be declared in an Outlook manifest, only checked at runtime. */
export function isNestedAppAuthSupported(): boolean {
  return isSetSupported("NestedAppAuth", "1.1");
}

/** mailbox.convertToRestId arrived in Mailbox 1.3. */
export function isRestIdConversionSupported(): boolean {
  return isSetSupported("Mailbox", "1.3");
}

/** Compose-mode `from.getAsync` arrived in Mailbox 1.7. */
export function isComposeFromSupported(): boolean {
  return isSetSupported("Mailbox", "1.7");
}
