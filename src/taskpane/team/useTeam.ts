import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  addTeamMember,
  buildTeamView,
  getTeamService,
  loadTeamFolders,
  NO_TEAM_FILTERS,
  teamAddresses,
  teamDirectory,
  teamPeople,
  useServices,
  type TeamFilters,
  type TeamFolder,
} from "../../app";
import { displayNameOf, type Person } from "../../domain/people";
import type { Contact } from "../../domain/types";
import { useTeamComplaints } from "./useTeamComplaints";
import { exportContactsCsv } from "../../domain/csv";
import type { Locale } from "../../domain/types";
import { localDateKey } from "../../domain/dates";

/** Rows rendered in the list: the rest is in the counts, the chart and the CSV (a manager may see 20,000). */
export const MAX_VISIBLE_ROWS = 100;

export interface TeamViewOptions {
  /** Defaults to the browser's zone. */
  timeZone?: string;
  /** Defaults to Date.now() at each load. */
  now?: () => Date;
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** State of the Team view: the team list, each folder's load state, filters, the view model and the CSV export. */
export function useTeam(options: TeamViewOptions = {}) {
  const services = useServices();
  const service = getTeamService(services);
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === "zh-CN" ? "zh-CN" : "en-US";
  const timeZone = options.timeZone ?? browserTimeZone();
  const nowFn = options.now;

  const [members, setMembers] = useState<string[] | null>(null);
  const [folders, setFolders] = useState<TeamFolder[]>([]);
  const [now, setNow] = useState<Date>(() => (nowFn ? nowFn() : new Date()));
  const [filters, setFilters] = useState<TeamFilters>(NO_TEAM_FILTERS);
  const [memberError, setMemberError] = useState<"invalidEmail" | "duplicate" | "tooMany" | null>(null);
  const [exported, setExported] = useState<number | null>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (upns: readonly string[]) => {
      const gen = ++generation.current;
      setNow(nowFn ? nowFn() : new Date());
      setFolders(upns.map((upn) => ({ upn, status: "loading" })));
      await loadTeamFolders(service, upns, (folder) => {
        if (gen !== generation.current) return;
        setFolders((prev) => prev.map((f) => (f.upn === folder.upn ? folder : f)));
      });
    },
    [service, nowFn],
  );

  useEffect(() => {
    let live = true;
    const gen = generation;
    void service.members().then((list) => {
      if (!live) return;
      setMembers(list);
      void load(teamAddresses(list));
    });
    return () => {
      live = false;
      gen.current++; // folders still arriving for an unmounted view are dropped
    };
  }, [service, load]);

  const view = useMemo(() => buildTeamView(folders, filters, { locale, timeZone, now }), [folders, filters, locale, timeZone, now]);

  const onFilterChange = useCallback((_ev: unknown, data: { name: keyof TeamFilters; value: string }) => {
    setFilters((f) => ({ ...f, [data.name]: data.value }));
  }, []);
  const clearFilters = useCallback(() => setFilters(NO_TEAM_FILTERS), []);

  const addMember = useCallback(
    (_ev: unknown, data: { address: string }): boolean => {
      const res = addTeamMember(members ?? [], data.address);
      if (!res.ok) {
        setMemberError(res.code);
        return false;
      }
      setMemberError(null);
      setMembers(res.list);
      void service.saveMembers(res.list);
      void load(teamAddresses(res.list));
      return true;
    },
    [members, service, load],
  );

  const removeMember = useCallback(
    (_ev: unknown, data: { upn: string }) => {
      const list = (members ?? []).filter((m) => teamAddresses([m])[0] !== data.upn);
      setMembers(list);
      void service.saveMembers(list);
      setFolders((prev) => prev.filter((f) => f.upn !== data.upn));
    },
    [members, service],
  );

  const reload = useCallback(() => void load(teamAddresses(members ?? [])), [load, members]);

  // Names (issue 13): the team's entries ("张伟 <zhang.wei@contoso.com>"), the managers, me.
  const people = useMemo(() => teamPeople(members ?? []), [members]);
  const directory = useMemo(() => teamDirectory(members ?? [], services), [members, services]);
  const nameOf = useCallback((address: string | null | undefined) => displayNameOf(directory, address), [directory]);

  // The customer the manager opened (fields, history, reassigning), by folder and id.
  const [opened, setOpened] = useState<{ mailbox: string; id: string } | null>(null);
  const openCustomer = useCallback((_ev: unknown, data: { contact: Contact }) => setOpened({ mailbox: data.contact.mailbox ?? "", id: data.contact.id }), []);
  const closeCustomer = useCallback(() => setOpened(null), []);
  const openedContact = useMemo(() => {
    if (!opened) return undefined;
    const f = folders.find((x) => x.status === "loaded" && x.upn === opened.mailbox);
    if (!f || f.status !== "loaded") return undefined;
    const c = f.contacts.find((x) => x.id === opened.id);
    return c ? { contact: { ...c, mailbox: c.mailbox ?? f.upn }, schema: f.schema } : undefined;
  }, [opened, folders]);

  const complaints = useTeamComplaints(service, folders, now);

  // After a reassignment the customer has moved: say so, close it and read the folders again.
  const [notice, setNotice] = useState<{ customer: string; to: Person } | null>(null);
  const onReassigned = useCallback(
    (_ev: unknown, data: { customer: string; to: Person }) => {
      setNotice(data);
      setOpened(null);
      void load(teamAddresses(members ?? []));
    },
    [load, members],
  );

  /** Downloads the current view as CSV through a Blob link (UTF-8 with BOM, domain csv). */
  const exportCsv = useCallback(() => {
    const csv = exportContactsCsv(view.rows, view.schema, { locale, timeZone });
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    // The user's calendar day, not UTC's (issue 10 item 9: at 07:00 in Shanghai the UTC date is yesterday).
    a.download = `team-contacts-${localDateKey(now, timeZone)}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setExported(view.rows.length);
  }, [view, locale, timeZone, now]);

  const loading = members === null || folders.some((f) => f.status === "loading");
  return {
    locale,
    timeZone,
    now,
    members,
    memberError,
    folders,
    filters,
    view,
    loading,
    visibleRows: view.rows.slice(0, MAX_VISIBLE_ROWS),
    exported,
    people,
    directory,
    nameOf,
    service,
    opened: openedContact,
    openCustomer,
    closeCustomer,
    complaints,
    notice,
    onReassigned,
    onFilterChange,
    clearFilters,
    addMember,
    removeMember,
    reload,
    exportCsv,
  };
}
