/** The domain core's public surface: pure functions and types, no I/O, no clock. */
export * from "./types";
export * from "./errors";
export * from "./dates";
export * from "./schema";
export * from "./fieldValues";
export * from "./contactQuery";
export * from "./tagging";
export * from "./followUp";
export * from "./claims";
export * from "./dailyPlan";
export * from "./dailyReport";
export * from "./threadParticipants";
export * from "./csv";
export * from "./textEncoding";
