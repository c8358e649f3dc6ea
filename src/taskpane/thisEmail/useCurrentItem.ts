import { useEffect, useState } from "react";
import { useServices, type MailItemSnapshot } from "../../app";

export type CurrentItemState =
  | { status: "loading" }
  | { status: "none" }
  | { status: "ready"; item: MailItemSnapshot }
  | { status: "error"; code: string };

/**
 * The open email, following a pinned pane's ItemChanged (the item may become null between selections).
 */
export function useCurrentItem(): CurrentItemState {
  const { office } = useServices();
  const [state, setState] = useState<CurrentItemState>({ status: "loading" });

  useEffect(() => {
    let live = true;
    // Reads can overlap when the user clicks quickly: only the latest one may set state.
    let generation = 0;
    const read = () => {
      const mine = ++generation;
      office.getCurrentItem().then(
        (item) => {
          if (live && mine === generation) setState(item ? { status: "ready", item } : { status: "none" });
        },
        (e: unknown) => {
          if (live && mine === generation) setState({ status: "error", code: String((e as { code?: unknown })?.code ?? "Failed") });
        },
      );
    };
    read();
    let unsubscribe: (() => Promise<void>) | undefined;
    office.onItemChanged(read).then(
      (off) => {
        if (live) unsubscribe = off;
        else void off().catch(() => undefined);
      },
      // Hosts without pinning (Mailbox < 1.5) can't tell us about changes: the pane reopens per item there.
      () => undefined,
    );
    return () => {
      live = false;
      void unsubscribe?.().catch(() => undefined);
    };
  }, [office]);

  return state;
}
