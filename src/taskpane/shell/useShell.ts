import { useCallback, useState } from "react";
import type { SelectTabData, SelectTabEvent } from "@fluentui/react-components";

export const SECTIONS = ["contacts", "today", "thisEmail", "team", "settings"] as const;
export type Section = (typeof SECTIONS)[number];

function isSection(v: unknown): v is Section {
  return typeof v === "string" && (SECTIONS as readonly string[]).includes(v);
}

/** Which section is shown. Kept as state, not a router: a task pane has no address bar. */
export function useShell(initial: Section = "contacts") {
  const [section, setSection] = useState<Section>(initial);
  const onTabSelect = useCallback((_e: SelectTabEvent, data: SelectTabData) => {
    if (isSection(data.value)) setSection(data.value);
  }, []);
  return { section, onTabSelect };
}
