/**
 * The histories the manager's complaints list needs from one salesperson's folder (issue 13 item 6): the customers
 * marked with an open complaint (graph/history.ts COMPLAINTS_PROPERTY_ID, one server-side $filter —
 * singlevaluelegacyextendedproperty-get.md) and the `also` ids, read 20 per $batch. Loaded with the Team view only.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import type { HistoryLog } from "../domain/history";
import { mailboxRoot, toGraphRequestError } from "../graph";
import { buildQuery, seg, singleValuePropertyEquals } from "../graph/filterBuilder";
import { COMPLAINTS_OPEN, COMPLAINTS_PROPERTY_ID, readHistories } from "../graph/history";

export async function readComplaintHistories(client: Client, upn: string, folderId: string | undefined, also: readonly string[]): Promise<Map<string, HistoryLog>> {
  const root = mailboxRoot(upn);
  const ids = new Set(also);
  const base = folderId ? `${root}/contactFolders/${seg(folderId)}/contacts` : `${root}/contacts`;
  let url: string | undefined = `${base}?${buildQuery({ $filter: singleValuePropertyEquals(COMPLAINTS_PROPERTY_ID, COMPLAINTS_OPEN), $select: "id", $top: 1000 })}`;
  try {
    while (url) {
      const page = (await client.api(url).get()) as { value?: { id: string }[]; "@odata.nextLink"?: string };
      for (const c of page.value ?? []) ids.add(c.id);
      url = page["@odata.nextLink"];
    }
    return (await readHistories(client, root, [...ids])).logs;
  } catch (e) {
    throw toGraphRequestError(e);
  }
}
