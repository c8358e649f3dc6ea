import { buildQuery, categoryEquals, emailEquals, odataString, or, singleValuePropertyEquals } from "./filterBuilder";

describe("filterBuilder", () => {
  it("doubles single quotes in literals (S18)", () => {
    expect(emailEquals("o'brien@contoso.com")).toBe("emailAddresses/any(a:a/address eq 'o''brien@contoso.com')");
    expect(categoryEquals("it's")).toBe("categories/any(c:c eq 'it''s')");
  });

  it("percent-encodes the whole expression once, so #&+% survive", () => {
    const expr = singleValuePropertyEquals("String {00020329-0000-0000-C000-000000000046} Name CustomerTier", "a#b&c+d%e f'g");
    const qs = buildQuery({ $filter: expr, $top: 10 });
    expect(qs).not.toMatch(/[#+ ]/);
    expect(qs.split("&")).toHaveLength(2);
    const parsed = new URL(`https://graph.microsoft.com/v1.0/me/contacts?${qs}`).searchParams.get("$filter");
    expect(parsed).toBe(expr);
    expect(parsed).toContain("'a#b&c+d%e f''g'");
  });

  it("refuses control characters and multi-value filters", () => {
    expect(() => odataString("a\u0000b")).toThrow(expect.objectContaining({ code: "invalidInput" }));
    expect(() => singleValuePropertyEquals("StringArray {x} Name P", "a")).toThrow(/Multi-value/);
  });

  it("combines terms with parentheses", () => {
    expect(or("a eq 1", "b eq 2")).toBe("(a eq 1) or (b eq 2)");
    expect(or("a eq 1")).toBe("a eq 1");
  });
});
