import { useEffect, useState } from "react";
import { useServices, type SelectedItem } from "../../app";

export type SelectionState = { status: "unsupported" } | { status: "ready"; items: SelectedItem[] };

/** The emails selected in Outlook (Mailbox 1.13), following SelectedItemsChanged. */
export function useSelectedItems(): SelectionState {
  const { office, environment } = useServices();
  const supported = environment.multiSelect;
  const [items, setItems] = useState<SelectedItem[]>([]);

  useEffect(() => {
    if (!supported) return;
    let live = true;
    let generation = 0;
    const read = () => {
      const mine = ++generation;
      office.getSelectedItems().then(
        (list) => live && mine === generation && setItems(list),
        () => live && mine === generation && setItems([]),
      );
    };
    read();
    let off: (() => Promise<void>) | undefined;
    office.onSelectedItemsChanged(read).then(
      (u) => {
        if (live) off = u;
        else void u().catch(() => undefined);
      },
      () => undefined,
    );
    return () => {
      live = false;
      void off?.().catch(() => undefined);
    };
  }, [office, supported]);

  return supported ? { status: "ready", items } : { status: "unsupported" };
}
