export { createReportsService, REPORT_LIST_DAYS, type OpenReport, type ReportsDeps, type ReportsService } from "./createReportsService";
export { getReportsService, useReportsService } from "./getReportsService";
