import { scopesFor } from "../../auth";
import { createGraphClient } from "../../graph";
import { getSalesService } from "../sales";
import { useServices } from "../ServicesProvider";
import type { Services } from "../Services";
import { createReportsService, type ReportsService } from "./createReportsService";

const cache = new WeakMap<Services, ReportsService>();

/** One reports service per Services (its Graph client asks for the base scopes only: Mail.ReadBasic is there). */
export function getReportsService(services: Services): ReportsService {
  if (services.reports) return services.reports;
  const cached = cache.get(services);
  if (cached) return cached;
  const sales = getSalesService(services);
  let client: ReturnType<typeof createGraphClient> | undefined;
  const created = createReportsService({
    office: services.office,
    client: () =>
      (client ??= createGraphClient({
        authProvider: () => services.auth.getToken(scopesFor("base")),
        baseUrl: services.graph.baseUrl,
        customHosts: services.graph.customHosts,
      })),
    me: services.environment.user.emailAddress,
    displayName: services.environment.user.displayName,
    now: () => sales.now(),
    timeZone: sales.timeZone,
  });
  cache.set(services, created);
  return created;
}

export function useReportsService(): ReportsService {
  return getReportsService(useServices());
}
