export * from "./idb";
export * from "./ContactCache";
export * from "./ContactStore";
