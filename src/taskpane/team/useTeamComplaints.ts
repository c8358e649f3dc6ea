import { useEffect, useMemo, useState } from "react";
import type { TeamFolder, TeamService } from "../../app";
import { responsibleFor } from "../../domain/claims";
import { teamComplaints, type TeamComplaints } from "../../domain/complaints";
import type { HistoryLog } from "../../domain/history";
import { fieldByRole } from "../../domain/schema";
import type { Contact } from "../../domain/types";

/** "Closed in the last N days" choices of the complaints list. */
export const COMPLAINT_PERIODS = [7, 30, 90] as const;
export type ComplaintPeriod = (typeof COMPLAINT_PERIODS)[number];

const DAY = 86_400_000;

/**
 * The manager's complaints list (issue 13 item 6): once the folders are loaded, each folder's customers with an
 * open complaint (one filtered read per folder) and those contacted in the period (a complaint closed in it has
 * a closing contact in it) have their histories read; the list is domain teamComplaints over them.
 */
export function useTeamComplaints(service: TeamService, folders: readonly TeamFolder[], now: Date) {
  const [period, setPeriod] = useState<ComplaintPeriod>(30);
  const [logs, setLogs] = useState<Map<string, Map<string, HistoryLog>> | null>(null);
  const [status, setStatus] = useState<"idle" | "loading" | "ready" | "failed">("idle");
  const loaded = folders.filter((f): f is Extract<TeamFolder, { status: "loaded" }> => f.status === "loaded");
  const settled = folders.length > 0 && folders.every((f) => f.status !== "loading");
  const from = now.getTime() - period * DAY;
  // Re-read when the set of loaded folders or the period changes (not on every render).
  const key = settled ? `${period}|${loaded.map((f) => `${f.upn}:${f.contacts.length}`).join(",")}` : "";

  useEffect(() => {
    if (!key || !service.loadComplaintHistories) return;
    let live = true;
    setStatus("loading");
    const load = service.loadComplaintHistories.bind(service);
    Promise.all(
      loaded.map(async (f) => {
        const lastF = fieldByRole(f.schema, "lastContacted");
        const also = f.contacts
          .filter((c) => {
            const v = lastF ? c.fields[lastF.propertyName] : null;
            return typeof v === "string" && Date.parse(v) >= from;
          })
          .map((c) => c.id);
        return [f.upn, await load(f.upn, f.folderId, also)] as const;
      }),
    ).then(
      (pairs) => {
        if (!live) return;
        setLogs(new Map(pairs));
        setStatus("ready");
      },
      () => live && setStatus("failed"),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the folders and the period
  }, [key, service]);

  const list: TeamComplaints<Contact> = useMemo(() => {
    if (!logs) return { open: [], closed: [] };
    const sources = loaded.flatMap((f) => {
      const byId = new Map(f.contacts.map((c) => [c.id, c]));
      return [...(logs.get(f.upn) ?? new Map<string, HistoryLog>())].flatMap(([id, log]) => {
        const c = byId.get(id);
        return c ? [{ customer: { ...c, mailbox: c.mailbox ?? f.upn }, owner: responsibleFor(c.fields, f.schema, f.upn), log }] : [];
      });
    });
    return teamComplaints(sources, { from, to: now.getTime() + 1 }, now);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded/from follow `logs` and `now`
  }, [logs, now, period]);

  return { available: !!service.loadComplaintHistories, period, setPeriod, status, list };
}
