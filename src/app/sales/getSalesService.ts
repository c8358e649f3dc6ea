import { scopesFor } from "../../auth";
import { createGraphClient } from "../../graph";
import type { Services } from "../Services";
import { getTeamService, teamAddresses } from "../team";
import { createSalesService, type SalesService } from "./createSalesService";

const cache = new WeakMap<Services, SalesService>();

/**
 * The salesperson's follow-up service for these Services: `services.sales` when a test provides one, else one
 * Graph-backed service per Services object. Each feature's client asks for that feature's scopes only.
 */
export function getSalesService(services: Services): SalesService {
  if (services.sales) return services.sales;
  const cached = cache.get(services);
  if (cached) return cached;
  const created = createSalesService({
    contacts: services.contacts,
    teamMembers: async () => teamAddresses(await getTeamService(services).members()),
    me: services.environment.user.emailAddress,
    displayName: services.environment.user.displayName,
    demo: services.config.demo,
    office: services.office,
    clientFor: (feature) =>
      createGraphClient({
        authProvider: () => services.auth.getToken(scopesFor(feature)),
        baseUrl: services.graph.baseUrl,
        customHosts: services.graph.customHosts,
      }),
  });
  cache.set(services, created);
  return created;
}
