import { createGraphClient, listThreadMessages } from "../graph";
import { SCOPES_BY_FEATURE } from "../auth";
import type { MessageParticipants } from "../domain/threadParticipants";
import type { Services } from "./Services";
import { getSalesService } from "./sales/getSalesService";
import { createTaggingService, type TaggingService } from "./tagging";

/**
 * Wires the tagging service to this pane's Office host, Graph endpoint and contacts service. The Graph client
 * here reads message headers only (Mail.ReadBasic, src/auth/scopes.ts).
 */
export function createTaggingServiceFromServices(services: Services): TaggingService {
  // Built on first use: rendering the view must not need a Graph client (nor fetch) until a thread is listed.
  let client: ReturnType<typeof createGraphClient> | undefined;
  const graph = () =>
    (client ??= createGraphClient({
      authProvider: (scopes) => services.auth.getToken(scopes?.length ? scopes : SCOPES_BY_FEATURE.base),
      baseUrl: services.graph.baseUrl,
      customHosts: services.graph.customHosts,
    }));
  return createTaggingService({
    office: services.office,
    me: services.environment.user.emailAddress,
    contacts: services.contacts,
    listConversationMessages: async (id): Promise<MessageParticipants[]> =>
      (await listThreadMessages(graph(), id)).map((m) => ({ from: m.from ?? null, toRecipients: m.to, ccRecipients: m.cc, bccRecipients: m.bcc })),
    followTasks: (ids) => getSalesService(services).followTasks(ids),
  });
}
