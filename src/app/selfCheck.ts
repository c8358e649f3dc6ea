/**
 * The tenant self-check (issue 14): the capability probes, then a round trip of every write the add-in makes, on
 * a scratch contact in a scratch folder that is deleted afterwards. Used by `npm run verify-tenant`
 * (scripts/verify-tenant.ts) and by Settings → Diagnostics in the pane. Rows carry no personal data: behaviour
 * names, HTTP statuses and Graph error codes only, so the report can be copied into a support ticket.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { DEFAULT_SCHEMA } from "../domain/schema";
import type { Contact, FieldSchema, FieldValues } from "../domain/types";
import { BatchWriter } from "../graph/BatchWriter";
import { BEHAVIOURS, defaultCapabilitySource, probeCapabilities, setDefaultCapabilitySource, type CapabilityKey, type CapabilitySource, type ProbeReport } from "../graph/capabilities";
import { ContactsRepository } from "../graph/ContactsRepository";
import { buildQuery, seg } from "../graph/filterBuilder";
import { GraphRequestError, toGraphRequestError } from "../graph/GraphRequestError";
import { readOutlookFlag, writeOutlookFlag } from "../graph/outlookFlag";
import {
  completeTasksOfContacts,
  createFollowUpTask,
  followContactTask,
  getDefaultTaskListId,
  readFollowUpTaskId,
  writeFollowUpTaskId,
  type TodoTask,
} from "../graph/todo";

export type CheckResult = "ok" | "refused" | "ignored" | "failed" | "notTested" | "inconclusive";

export interface SelfCheckRow {
  /** Stable id, e.g. "probe:expandOnCollections" or "write:createContact". */
  id: string;
  behaviour: string;
  documented: "yes" | "partly" | "no";
  result: CheckResult;
  /** HTTP status / error code or what was compared; never a value or a name from the mailbox. */
  detail: string;
  /** The path the add-in will use on this tenant. */
  path: string;
}

export interface SelfCheckReport {
  rows: SelfCheckRow[];
  probe: ProbeReport;
  /** True when every probe was decided and every write round-tripped. */
  ok: boolean;
  /** What the clean-up removed and what it could not (ids are not printed). */
  cleanup: { folderDeleted: boolean; contactDeleted: boolean; taskDeleted: boolean };
  startedAt: string;
  durationMs: number;
}

export interface SelfCheckOptions {
  now?: () => Date;
  /** Leave the scratch folder and contact in place (to look at them in classic Outlook), default false. */
  keep?: boolean;
  /** Progress lines for a console or the pane ("probing…", "writing fields…"). */
  onStep?: (step: string) => void;
}

const SCRATCH_FIELDS: FieldValues = {
  IntendedProducts: ["Self-check A", "Self-check B"],
  NeedsRecontact: true,
  CustomerTier: "key",
  Owner: "self-check",
  LastContacted: "2026-01-15T00:00:00.000Z",
  NextContact: "2026-02-01T00:00:00.000Z",
};

function probeRows(probe: ProbeReport): SelfCheckRow[] {
  return probe.results.map((r) => {
    const b = BEHAVIOURS[r.behaviour as CapabilityKey];
    const fast = r.behaviour === "deltaHonoursMaxPageSize" ? probe.capabilities.deltaHonoursMaxPageSize : probe.capabilities[r.behaviour];
    return { id: `probe:${r.behaviour}`, behaviour: b.what, documented: b.documented, result: r.outcome === "supported" ? "ok" : r.outcome, detail: r.detail, path: fast ? b.fast : b.fallback };
  });
}

/** The capabilities the probe found, as a source for repositories made here (no second probe). */
function fixedSource(probe: ProbeReport): CapabilitySource {
  return { get: async () => probe.capabilities, invalidate: () => undefined, report: () => probe };
}

const sameFields = (a: FieldValues, b: FieldValues, names: string[]): boolean => names.every((n) => JSON.stringify(a[n] ?? null) === JSON.stringify(b[n] ?? null));

export async function runSelfCheck(client: Client, opts: SelfCheckOptions = {}): Promise<SelfCheckReport> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const step = opts.onStep ?? (() => undefined);
  step("probe");
  const probe = await probeCapabilities(client, "/me", { now });
  const rows = probeRows(probe);
  const caps = fixedSource(probe);
  // The writes below go through the add-in's own paths (BatchWriter, the If-Match fallback in the client chain),
  // which consult the default source: make it this probe while the check runs.
  const previous = defaultCapabilitySource();
  setDefaultCapabilitySource(caps);
  try {
    return await writeRoundTrip(client, probe, rows, caps, started, now, opts);
  } finally {
    setDefaultCapabilitySource(previous);
  }
}

async function writeRoundTrip(
  client: Client,
  probe: ProbeReport,
  rows: SelfCheckRow[],
  caps: CapabilitySource,
  started: Date,
  now: () => Date,
  opts: SelfCheckOptions,
): Promise<SelfCheckReport> {
  const step = opts.onStep ?? (() => undefined);
  const repo = new ContactsRepository(client, { capabilities: caps });
  const schema: FieldSchema = structuredClone(DEFAULT_SCHEMA) as FieldSchema;
  const cleanup = { folderDeleted: false, contactDeleted: false, taskDeleted: false };
  let folderId: string | undefined;
  let contact: Contact | undefined;
  let task: { listId: string; id: string } | undefined;

  const run = async (id: string, behaviour: string, documented: SelfCheckRow["documented"], path: string, fn: () => Promise<string | void>): Promise<boolean> => {
    step(id);
    try {
      const detail = await fn();
      rows.push({ id, behaviour, documented, result: "ok", detail: detail || "round trip ok", path });
      return true;
    } catch (e) {
      const graphLike = e instanceof GraphRequestError || (e && typeof e === "object" && "statusCode" in e);
      const err = graphLike ? toGraphRequestError(e) : undefined;
      const detail = err ? (err.status > 0 ? `${err.status} ${err.code}` : err.code) : e instanceof Error ? e.message.slice(0, 160) : "failed";
      rows.push({ id, behaviour, documented, result: "failed", detail, path });
      return false;
    }
  };

  const stamp = started.toISOString().replace(/[:.]/g, "-");
  const folderOk = await run("write:folder", "create a scratch contact folder", "yes", "POST /me/contactFolders", async () => {
    const f = (await client.api("/me/contactFolders").post({ displayName: `Customer Follow-up self-check ${stamp}` })) as { id: string };
    folderId = f.id;
  });
  if (folderOk && folderId) {
    const fid = folderId;
    await run("write:schema", "field list as an extended property on the folder", "yes", "PATCH contactFolder (String property)", async () => {
      await repo.saveSchema(fid, schema);
      const back = await repo.loadSchema(fid);
      if (back.fields.length !== schema.fields.length) throw new Error("schema read back differs");
    });
    const created = await run("write:createContact", "create a contact with every field type (POST with extended properties)", "yes", "POST contacts (single- and multi-value properties)", async () => {
      contact = await repo.createContact({ displayName: "Self-check contact", emailAddresses: [{ address: "self-check@example.invalid", name: "Self-check contact" }], categories: ["Self-check"], fields: SCRATCH_FIELDS }, schema, fid);
    });
    if (created && contact) {
      const names = Object.keys(SCRATCH_FIELDS);
      await run("read:fields", "read the fields back on the chosen path", "partly", probe.capabilities.expandOnCollections && probe.capabilities.expandBothCollections ? BEHAVIOURS.expandOnCollections.fast : BEHAVIOURS.expandOnCollections.fallback, async () => {
        const { contacts } = await repo.listContacts(fid, schema);
        const back = contacts.find((c) => c.id === contact!.id);
        if (!back) throw new Error("scratch contact not listed");
        const differ = names.filter((n) => !sameFields(back.fields, SCRATCH_FIELDS, [n]));
        if (differ.length) throw new Error(`field values differ after the round trip: ${differ.join(", ")}`);
        contact = back;
        return `${names.length} fields equal`;
      });
      await run("write:fields", "update fields in a $batch with If-Match (the add-in's edit path)", "partly", probe.capabilities.ifMatch ? BEHAVIOURS.ifMatch.fast : BEHAVIOURS.ifMatch.fallback, async () => {
        const writer = new BatchWriter(client, { maxAttempts: 3, retryDelaySeconds: 1 });
        const ops = [
          { op: "set" as const, field: "CustomerTier", value: "regular" },
          { op: "addKeyword" as const, field: "IntendedProducts", value: "Self-check C" },
          { op: "clear" as const, field: "NextContact" },
        ];
        const out = await writer.write([{ contact: contact!, ops }], schema);
        const r = out.results[0];
        if (!r || r.status !== "written") throw new Error(`write failed: ${r && r.status === "failed" ? (r.code ?? r.reason) : "no result"}`);
        const back = (await repo.getContacts([contact!.id], schema)).contacts.get(contact!.id);
        if (back?.fields.CustomerTier !== "regular" || !(back.fields.IntendedProducts as string[] | null)?.includes("Self-check C") || back.fields.NextContact !== null) {
          throw new Error("updated values differ after the round trip");
        }
        contact = back;
      });
      await run("write:outlookFlag", "MAPI follow-up flag mirror (PidTagFlagStatus …); rendering in Outlook is checked by eye", "no", "PATCH singleValueExtendedProperties (proptags)", async () => {
        await writeOutlookFlag(client, contact!.id, { status: "flagged", start: "2026-01-15T00:00:00Z", due: "2026-02-01T00:00:00Z" });
        const back = await readOutlookFlag(client, contact!.id);
        if (back.status !== "flagged") throw new Error("flag read back differs");
      });
      await run("write:todo", "To Do reminder linked to the contact (task id on the contact)", "yes", "POST /me/todo/lists/{id}/tasks", async () => {
        const listId = await getDefaultTaskListId(client);
        const t = await createFollowUpTask(client, listId, { title: "Customer Follow-up self-check", contactId: contact!.id, contactDisplayName: "Self-check contact", timeZone: "UTC" });
        task = { listId, id: t.id };
        await writeFollowUpTaskId(client, contact!.id, t.id);
        if ((await readFollowUpTaskId(client, contact!.id)) !== t.id) throw new Error("task id read back differs");
      });
      if (task) {
        const { listId, id } = task;
        const read = () => client.api(`/me/todo/lists/${seg(listId)}/tasks/${seg(id)}`).get() as Promise<TodoTask>;
        await run("write:todoFollow", "the task follows the contact's date: due day + 09:00 reminder moved, then removed", "yes", "PATCH tasks/{id} dueDateTime / reminderDateTime / isReminderOn (null to remove)", async () => {
          if ((await followContactTask(client, listId, contact!.id, { kind: "due", due: "2026-02-01T01:00:00Z" }, "Asia/Shanghai", id)) !== "moved") throw new Error("the task was not moved");
          const moved = await read();
          if (!moved.isReminderOn || !moved.dueDateTime?.dateTime.startsWith("2026-02-01")) throw new Error("due date / reminder read back differ");
          if ((await followContactTask(client, listId, contact!.id, { kind: "undated" }, "Asia/Shanghai", id)) !== "undated") throw new Error("the date was not removed");
          const undated = await read();
          if (undated.isReminderOn || undated.dueDateTime) throw new Error("the due date or reminder is still there");
          return "moved to 1 Feb 09:00 (Asia/Shanghai), then un-dated";
        });
        await run("read:todoByLink", "a removed contact's open task found by its linked resource, then completed", "partly", "GET tasks?$filter=status ne 'completed'&$expand=linkedResources", async () => {
          let filter = "accepted";
          try {
            await client.api(`/me/todo/lists/${seg(listId)}/tasks?${buildQuery({ $filter: "status ne 'completed'", $expand: "linkedResources", $top: "1" })}`).get();
          } catch (e) {
            if (toGraphRequestError(e).status !== 400) throw e;
            filter = "refused (the add-in reads the whole list instead)";
          }
          const done = await completeTasksOfContacts(client, listId, [contact!.id]);
          if (done.length !== 1 || done[0] !== id) throw new Error(`found ${done.length} tasks for the contact`);
          if ((await read()).status !== "completed") throw new Error("the task is not completed");
          return `$filter on status ${filter}; the task was found and completed`;
        });
      }
    }
    if (!opts.keep) {
      step("cleanup");
      if (task) {
        try {
          await client.api(`/me/todo/lists/${seg(task.listId)}/tasks/${seg(task.id)}`).delete();
          cleanup.taskDeleted = true;
        } catch {
          /* reported below */
        }
      }
      if (contact) {
        try {
          await client.api(`/me/contacts/${seg(contact.id)}`).delete();
          cleanup.contactDeleted = true;
        } catch {
          /* reported below */
        }
      }
      await run("cleanup", "delete the scratch contact, task and folder", "yes", "DELETE", async () => {
        await client.api(`/me/contactFolders/${seg(fid)}`).delete();
        cleanup.folderDeleted = true;
        const left = [!cleanup.contactDeleted && contact ? "contact" : "", !cleanup.taskDeleted && task ? "task" : ""].filter(Boolean);
        if (left.length) throw new Error(`could not delete the scratch ${left.join(" and ")}`);
      });
    }
  }
  rows.push({
    id: "manual:rendering",
    behaviour: "how Outlook shows the values and the flag (classic Outlook fields, new Outlook)",
    documented: "no",
    result: "notTested",
    detail: opts.keep ? "open the scratch contact in Outlook" : "run with --keep and open the scratch contact in Outlook",
    path: "see docs/real-outlook.md",
  });
  const ok = probe.complete && rows.every((r) => r.result !== "failed" && r.result !== "inconclusive");
  return { rows, probe, ok, cleanup, startedAt: started.toISOString(), durationMs: now().getTime() - started.getTime() };
}

/** A plain-text table (the CLI's output and the pane's "Copy report"). */
export function formatSelfCheck(report: SelfCheckReport): string {
  const head = ["Behaviour", "Documented?", "Result", "Path the add-in will use"];
  const body = report.rows.map((r) => [r.behaviour, r.documented, r.result === "ok" ? "ok" : `${r.result} (${r.detail})`, r.path]);
  const widths = head.map((h, i) => Math.min(70, Math.max(h.length, ...body.map((row) => row[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ").trimEnd();
  return [
    `Customer Follow-up tenant self-check — ${report.startedAt} (${report.durationMs} ms, ${report.probe.requests} probe requests)`,
    line(head),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...body.map(line),
    "",
    `Overall: ${report.ok ? "OK — the add-in will work on this tenant" : "ATTENTION — see the rows above"}; clean-up: folder ${report.cleanup.folderDeleted ? "deleted" : "NOT deleted"}, contact ${report.cleanup.contactDeleted ? "deleted" : "NOT deleted"}, task ${report.cleanup.taskDeleted ? "deleted" : "n/a or NOT deleted"}.`,
  ].join("\n");
}
