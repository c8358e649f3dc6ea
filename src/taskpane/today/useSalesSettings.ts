import { useCallback, useEffect, useState } from "react";
import { useSalesService, type SalesSettings } from "../../app";

/** The follow-up settings (roaming): defaults at once, the saved ones when loaded. */
export function useSalesSettings() {
  const sales = useSalesService();
  const [settings, setSettings] = useState<SalesSettings>(() => sales.defaults());
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    sales.loadSettings().then(
      (s) => {
        if (!live) return;
        setSettings(s);
        setLoaded(true);
      },
      // Unreadable settings: the defaults stay (the pane keeps working).
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
    };
  }, [sales]);
  const save = useCallback(
    async (next: SalesSettings) => {
      await sales.saveSettings(next);
      setSettings(next);
    },
    [sales],
  );
  return { settings, loaded, save };
}
