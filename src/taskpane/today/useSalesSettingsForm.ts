import { useCallback, useEffect, useState } from "react";
import { isAddress, MAX_DAYS, type SalesSettings } from "../../app";
import { useSalesSettings } from "./useSalesSettings";

export interface SettingsDraft {
  key: string;
  regular: string;
  potential: string;
  lapseDays: string;
  warnDays: string;
  remindersOn: boolean;
  flagMirrorOn: boolean;
  calendarOn: boolean;
  managerAddress: string;
}

const toDraft = (s: SalesSettings): SettingsDraft => ({
  key: String(s.cadence.key),
  regular: String(s.cadence.regular),
  potential: String(s.cadence.potential),
  lapseDays: String(s.lapseDays),
  warnDays: String(s.warnDays),
  remindersOn: s.remindersOn,
  flagMirrorOn: s.flagMirrorOn,
  calendarOn: s.calendarOn,
  managerAddress: s.managerAddress,
});

const wholeDays = (v: string, min: number): number | null => {
  const n = Number(v.trim());
  return v.trim() !== "" && Number.isInteger(n) && n >= min && n <= MAX_DAYS ? n : null;
};

/** The follow-up settings form: text drafts, validation, save to roaming settings. */
export function useSalesSettingsForm() {
  const { settings, loaded, save } = useSalesSettings();
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(settings));
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "failed">("idle");
  useEffect(() => {
    if (loaded) setDraft(toDraft(settings));
  }, [loaded, settings]);

  const onChange = useCallback((_e: unknown, data: Partial<SettingsDraft>) => {
    setDraft((d) => ({ ...d, ...data }));
    setStatus("idle");
  }, []);

  const days = {
    key: wholeDays(draft.key, 1),
    regular: wholeDays(draft.regular, 1),
    potential: wholeDays(draft.potential, 1),
    lapseDays: wholeDays(draft.lapseDays, 1),
    warnDays: wholeDays(draft.warnDays, 0),
  };
  const daysValid =
    days.key !== null && days.regular !== null && days.potential !== null && days.lapseDays !== null && days.warnDays !== null && days.warnDays < days.lapseDays;
  const managerValid = draft.managerAddress.trim() === "" || isAddress(draft.managerAddress);

  const onSave = useCallback(async () => {
    if (!daysValid || !managerValid) return;
    setStatus("saving");
    try {
      await save({
        ...settings,
        cadence: { key: days.key!, regular: days.regular!, potential: days.potential! },
        lapseDays: days.lapseDays!,
        warnDays: days.warnDays!,
        remindersOn: draft.remindersOn,
        flagMirrorOn: draft.flagMirrorOn,
        calendarOn: draft.calendarOn,
        managerAddress: draft.managerAddress.trim(),
      });
      setStatus("saved");
    } catch {
      setStatus("failed");
    }
  }, [daysValid, managerValid, save, settings, days.key, days.regular, days.potential, days.lapseDays, days.warnDays, draft.remindersOn, draft.flagMirrorOn, draft.calendarOn, draft.managerAddress]);

  return { draft, invalid: { days: !daysValid, manager: !managerValid }, status, loaded, onChange, onSave };
}
