/** Master categories (graph-reference.md §10): list, create. $filter is ignored by Graph here, so filter locally. */
import type { Client } from "@microsoft/microsoft-graph-client";
import { mailboxRoot } from "./ContactsRepository";
import { toGraphRequestError } from "./GraphRequestError";

export interface OutlookCategory {
  id?: string;
  displayName: string;
  /** "None" or "preset0"…"preset24". */
  color: string;
}

export async function listMasterCategories(client: Client, mailbox?: string): Promise<OutlookCategory[]> {
  try {
    const res: { value?: OutlookCategory[] } = await client.api(`${mailboxRoot(mailbox)}/outlook/masterCategories`).get();
    return res.value ?? [];
  } catch (e) {
    throw toGraphRequestError(e);
  }
}

/** Creates a category; displayName is unique per mailbox and immutable (S21). Existing name → returns it. */
export async function ensureMasterCategory(client: Client, category: OutlookCategory, mailbox?: string): Promise<OutlookCategory> {
  const existing = (await listMasterCategories(client, mailbox)).find((c) => c.displayName.toLowerCase() === category.displayName.toLowerCase());
  if (existing) return existing;
  try {
    return await client.api(`${mailboxRoot(mailbox)}/outlook/masterCategories`).post({ displayName: category.displayName, color: category.color });
  } catch (e) {
    throw toGraphRequestError(e);
  }
}
