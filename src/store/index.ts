export * from "./idb";
export * from "./ContactCache";
export * from "./ContactStore";
export * from "./capabilityCache";
