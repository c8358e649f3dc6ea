import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useServices } from "./ServicesProvider";
import type { Services } from "./Services";
import { createTaggingServiceFromServices } from "./createTaggingServiceFromServices";
import type { TaggingService } from "./tagging";

const TaggingContext = createContext<TaggingService | null>(null);

/** Tests (and any host that wires its own) hand a tagging service in; otherwise it is built from the services. */
export function TaggingProvider({ service, children }: { service: TaggingService; children?: ReactNode }) {
  return <TaggingContext.Provider value={service}>{children}</TaggingContext.Provider>;
}

const built = new WeakMap<Services, TaggingService>();

/** The tagging service of this pane: one per Services object. */
export function useTagging(): TaggingService {
  const override = useContext(TaggingContext);
  const services = useServices();
  return useMemo(() => {
    if (override) return override;
    let s = built.get(services);
    if (!s) built.set(services, (s = createTaggingServiceFromServices(services)));
    return s;
  }, [override, services]);
}
