export { createSalesService, ClaimError, isClaimError } from "./createSalesService";
export type { ClaimErrorCode, DailyReportDraftInput, FolderLoad, FolderStatus, FollowUpResult, SalesDeps, SalesService } from "./createSalesService";
export { getSalesService } from "./getSalesService";
export { useSalesService } from "./useSalesService";
export { claimAction, draftDailyReportAction, flagForFollowUpAction, markContactedAction, SALES_ACTIONS, type SalesAction } from "./actions";
export { defaultSalesSettings, isAddress, MAX_DAYS, MAX_NOTE_LENGTH, parseSalesSettings, toCadence, toClaimConfig, type SalesSettings } from "./salesSettings";
export { createGraphHistoryStore, createMemoryHistoryStore, type HistoryStore } from "./historyStore";
// Types only: the planner's code is loaded on first use (createSalesService); tests import ./visitPlanner directly.
export type { CalendarOptions, CalendarOutcome, VisitPlanner, VisitPlanStore, VisitResult } from "./visitPlanner";
