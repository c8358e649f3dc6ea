import { useCallback, useState } from "react";
import type { TeamService } from "../../app";
import type { Person } from "../../domain/people";
import type { Contact, FieldSchema } from "../../domain/types";

export type ReassignMessage =
  | { kind: "done"; to: Person }
  | { kind: "error"; code: "sameOwner" | "notShared" | "gone" | "conflict" | "noOwnerField" | "failed" };

const KNOWN = new Set(["sameOwner", "notShared", "gone", "conflict", "noOwnerField"]);

/** Reassigning the opened customer (src/app/sales/reassign.ts): the chosen salesperson, busy state, outcome. */
export function useReassign(service: TeamService, contact: Contact, schema: FieldSchema, directory: ReadonlyMap<string, Person>, onDone: (to: Person) => void) {
  const [to, setTo] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ReassignMessage | null>(null);

  const reassign = useCallback(
    async (_ev: unknown, data: { to: Person }) => {
      if (!service.reassign) return;
      setBusy(true);
      setMessage(null);
      try {
        await service.reassign({ contact, schema, to: data.to, directory });
        setMessage({ kind: "done", to: data.to });
        onDone(data.to);
      } catch (e) {
        const code = (e as { code?: unknown })?.code;
        setMessage({ kind: "error", code: typeof code === "string" && KNOWN.has(code) ? (code as "sameOwner") : "failed" });
      } finally {
        setBusy(false);
      }
    },
    [service, contact, schema, directory, onDone],
  );

  return { available: !!service.reassign, to, setTo, busy, message, reassign };
}
