import { officeHost, type OfficeHost } from "../office";
import { readConfig } from "./config";
import { createServices, type CreateServicesOptions } from "./createServices";
import type { Services } from "./Services";

/** Waits for Office (office.js or the demo's fake host), then builds the services. */
export async function startApp(options: CreateServicesOptions & { office?: OfficeHost } = {}): Promise<Services> {
  const office = options.office ?? officeHost;
  await office.onReady();
  return createServices(readConfig(), { ...options, office });
}
