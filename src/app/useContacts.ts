import { useEffect, useSyncExternalStore } from "react";
import type { ContactsReader, ContactsSnapshot } from "./contacts";
import { useServices } from "./ServicesProvider";

/**
 * The user's contacts as React state (useSyncExternalStore over ContactsService), loading them on first use.
 * Pass a reader (e.g. from openMailboxFolder) to watch another folder instead.
 */
export function useContacts(reader?: ContactsReader): ContactsSnapshot {
  const services = useServices();
  const source = reader ?? services.contacts;
  useEffect(() => {
    void source.ensureLoaded();
  }, [source]);
  return useSyncExternalStore(source.subscribe, source.snapshot, source.snapshot);
}
