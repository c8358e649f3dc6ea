import { useCallback, useEffect, useMemo, useState } from "react";
import { claimAction, getTeamService, isClaimError, markContactedAction, teamDirectory, toClaimConfig, useSalesService, useServices, type ClaimErrorCode, type Contact, type FieldSchema, type FolderLoad } from "../../app";
import { displayNameOf, type Person } from "../../domain/people";
import { claimInfo, isOwnedBy, type ClaimInfo } from "../../domain/claims";
import { useSalesSettings } from "../today/useSalesSettings";

export interface PoolItem {
  contact: Contact;
  schema: FieldSchema;
  mailbox: string;
  claim: ClaimInfo;
  /**
   * My own lapsed customer: not claimable again (domain canClaim "renewNeedsContact"); only a recorded contact
   * (markContacted, which the daily report shows) keeps it — offered when it is in my own folder.
   */
  mine: boolean;
}

export type PoolMessage =
  /** `moved`: the customer is now in my own contacts (false: the move is finished on a later pool load). */
  | { kind: "claimed"; name: string; moved: boolean }
  | { kind: "contacted"; name: string }
  | { kind: "refused"; code: ClaimErrorCode; name: string; owner?: string; lapsesAt?: string }
  | { kind: "failed"; name: string; what: "claim" | "contact" };

/** Contact ids are unique per mailbox only. */
export const poolKey = (item: Pick<PoolItem, "mailbox" | "contact">): string => `${item.mailbox}/${item.contact.id}`;

type Load = { status: "loading" } | { status: "error" } | { status: "ready"; folders: FolderLoad[] };

/** Lapsed customers across my folder and my teammates' shared folders (domain claims), and the claim command. */
export function usePool() {
  const sales = useSalesService();
  const { settings, loaded: settingsLoaded } = useSalesSettings();
  const [load, setLoad] = useState<Load>({ status: "loading" });
  // The outcome of a claim is shown on the customer's own card (where the user's eyes and focus are), which
  // stays in place until the pool is reloaded.
  const [outcomes, setOutcomes] = useState<Record<string, PoolMessage>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // Owners by the names the team list gives them (issue 13): "张伟 (zhang.wei@contoso.com)".
  const services = useServices();
  const [directory, setDirectory] = useState<ReadonlyMap<string, Person>>(() => new Map());
  useEffect(() => {
    let live = true;
    getTeamService(services)
      .members()
      .then(
        (m) => live && setDirectory(teamDirectory(m, services)),
        () => undefined, // no names: addresses are shown
      );
    return () => {
      live = false;
    };
  }, [services]);
  const ownerLabel = useCallback(
    (address: string) => {
      const name = displayNameOf(directory, address);
      return name === address.trim().toLowerCase() ? address : `${name} (${address})`;
    },
    [directory],
  );

  useEffect(() => {
    let live = true;
    setLoad({ status: "loading" });
    sales.loadFolders().then(
      (folders) => live && setLoad({ status: "ready", folders }),
      () => live && setLoad({ status: "error" }),
    );
    return () => {
      live = false;
    };
  }, [sales, attempt]);

  const now = sales.now();
  const cfg = toClaimConfig(settings);
  const items = useMemo<PoolItem[]>(() => {
    if (load.status !== "ready") return [];
    const out: PoolItem[] = [];
    for (const f of load.folders) {
      for (const c of f.contacts) {
        const claim = claimInfo(c, f.schema, now, cfg);
        if (claim.state === "lapsed") out.push({ contact: c, schema: f.schema, mailbox: f.mailbox, claim, mine: isOwnedBy(claim, sales.me) });
      }
    }
    // Longest lapsed first; never-contacted (no date) before them all.
    return out.sort((a, b) => (a.claim.lapsesAt ?? "").localeCompare(b.claim.lapsesAt ?? "") || a.contact.displayName.localeCompare(b.contact.displayName));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `now` moves every render; the pool is recomputed on load and settings
  }, [load, cfg.lapseDays, cfg.warnDays, sales.me]);

  const onClaim = useCallback(
    async (_e: unknown, data: { item: PoolItem }) => {
      const { contact, schema } = data.item;
      const name = contact.displayName || contact.emailAddresses[0]?.address || "";
      const key = poolKey(data.item);
      const done = (m: PoolMessage) => setOutcomes((o) => ({ ...o, [key]: m }));
      setBusy(key);
      try {
        const claimed = await claimAction.perform(sales, { contact, schema, settings });
        done({ kind: "claimed", name, moved: (claimed.mailbox ?? sales.me).toLowerCase() === sales.me.toLowerCase() });
      } catch (e) {
        if (isClaimError(e)) done({ kind: "refused", code: e.code, name, ...(e.owner ? { owner: e.owner } : {}), ...(e.lapsesAt ? { lapsesAt: e.lapsesAt } : {}) });
        else done({ kind: "failed", name, what: "claim" });
      } finally {
        setBusy(null);
      }
    },
    [sales, settings],
  );

  /** My own lapsed customer: record the contact that keeps it (Today's "Contacted" command). */
  const onContacted = useCallback(
    async (_e: unknown, data: { item: PoolItem }) => {
      const { contact, schema } = data.item;
      const name = contact.displayName || contact.emailAddresses[0]?.address || "";
      const key = poolKey(data.item);
      setBusy(key);
      try {
        await markContactedAction.perform(sales, { contact, schema, settings });
        setOutcomes((o) => ({ ...o, [key]: { kind: "contacted", name } }));
      } catch {
        setOutcomes((o) => ({ ...o, [key]: { kind: "failed", name, what: "contact" } }));
      } finally {
        setBusy(null);
      }
    },
    [sales, settings],
  );

  return {
    me: sales.me,
    ownerLabel,
    status: load.status,
    folders: load.status === "ready" ? load.folders : [],
    items,
    busy,
    outcomes,
    lapseDays: settings.lapseDays,
    settingsLoaded,
    timeZone: sales.timeZone,
    onClaim,
    onContacted,
    retry: () => {
      setOutcomes({});
      setAttempt((n) => n + 1);
    },
  };
}
