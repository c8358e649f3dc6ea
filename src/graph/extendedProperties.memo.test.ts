/**
 * fromGraphContact memoizes normalized property ids and each schema's field ids (a page of 1000 contacts
 * shares them): the memos must not change what a contact decodes to.
 */
import type { FieldDefinition, FieldSchema } from "../domain/types";
import { fromGraphContact, normalizePropertyId } from "./extendedProperties";

const field = (kind: FieldDefinition["kind"], propertyName: string): FieldDefinition => ({ kind, propertyName, label: { "zh-CN": propertyName, "en-US": propertyName } });
const graph = (tier: string, extra: { id: string; value: string }[] = []) => ({
  id: "1",
  singleValueExtendedProperties: [{ id: "String {00020329-0000-0000-C000-000000000046} Name CustomerTier", value: tier }, ...extra],
});

describe("fromGraphContact memos", () => {
  it("gives the same normalized id on every call and for every spelling of type and GUID", () => {
    const a = normalizePropertyId("String {00020329-0000-0000-C000-000000000046} Name CustomerTier");
    expect(normalizePropertyId("string {00020329-0000-0000-c000-000000000046} Name CustomerTier")).toBe(a);
    expect(normalizePropertyId("String {00020329-0000-0000-C000-000000000046} Name CustomerTier")).toBe(a);
    // The name part stays case-sensitive (S6).
    expect(normalizePropertyId("String {00020329-0000-0000-C000-000000000046} Name customertier")).not.toBe(a);
  });

  it("decodes each contact on its own values with one schema object reused", () => {
    const schema: FieldSchema = { version: 1, fields: [field("choice", "CustomerTier")] };
    expect(fromGraphContact(graph("key"), schema).fields).toEqual({ CustomerTier: "key" });
    expect(fromGraphContact(graph("regular"), schema).fields).toEqual({ CustomerTier: "regular" });
  });

  it("picks up a field added to the schema's list in place, and a replaced list", () => {
    const schema: FieldSchema = { version: 1, fields: [field("choice", "CustomerTier")] };
    const owner = { id: "String {00020329-0000-0000-C000-000000000046} Name Owner", value: "li.na@contoso.com" };
    expect(fromGraphContact(graph("key", [owner]), schema).fields).toEqual({ CustomerTier: "key" });
    schema.fields.push(field("text", "Owner"));
    expect(fromGraphContact(graph("key", [owner]), schema).fields).toEqual({ CustomerTier: "key", Owner: "li.na@contoso.com" });
    schema.fields = [field("text", "Owner")];
    expect(fromGraphContact(graph("key", [owner]), schema).fields).toEqual({ Owner: "li.na@contoso.com" });
  });

  it("skips a field whose name cannot be addressed, every time", () => {
    const schema: FieldSchema = { version: 1, fields: [field("text", "Keywords"), field("choice", "CustomerTier")] };
    expect(fromGraphContact(graph("key"), schema).fields).toEqual({ CustomerTier: "key" });
    expect(fromGraphContact(graph("potential"), schema).fields).toEqual({ CustomerTier: "potential" });
  });
});
