import { useServices } from "../ServicesProvider";
import type { SalesService } from "./createSalesService";
import { getSalesService } from "./getSalesService";

/** The follow-up service of the surrounding ServicesProvider. */
export function useSalesService(): SalesService {
  return getSalesService(useServices());
}
