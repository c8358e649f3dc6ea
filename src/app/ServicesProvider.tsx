import { createContext, useContext, type ReactNode } from "react";
import type { Services } from "./Services";

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children?: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

/** The app's capabilities. Throws outside a ServicesProvider, so a missing provider fails loudly in tests. */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) {
    throw new Error("useServices() needs a <ServicesProvider> above it (src/taskpane/index.tsx or the test's render).");
  }
  return services;
}
