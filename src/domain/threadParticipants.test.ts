import { collectParticipants, companyFromDomain, contactFromAddress, isRoleAddress, splitPersonName } from "./threadParticipants";

const existing = new Map([["li.ming@fabrikam.com.cn", [{ id: "c-li" }]]]);
const findContacts = (a: string) => existing.get(a) ?? [];

describe("collectParticipants", () => {
  const messages = [
    {
      from: { name: "Li Ming", address: "Li.Ming@Fabrikam.com.cn" },
      toRecipients: [{ name: "张伟", address: "zhang.wei@contoso.com" }, { name: "'Sarah Connor'", address: "sarah@tailspin.com" }],
      ccRecipients: [{ name: "王芳", address: "wang.fang@contoso.com" }, { name: "", address: "noreply@tailspin.com" }],
    },
    {
      from: { name: "zhang.wei@contoso.com", address: "ZHANG.WEI@contoso.com" },
      toRecipients: [{ name: "李明", address: "li.ming@fabrikam.com.cn" }, { name: "李明", address: "li.ming@fabrikam.com.cn" }],
      bccRecipients: [{ name: "Boss", address: "boss@partner.com" }, { name: "x", address: "not-an-address" }],
    },
    { from: { name: "李明", address: "li.ming@fabrikam.com.cn" }, toRecipients: [{ name: "Bounce", address: "MAILER-DAEMON@tailspin.com" }, { address: "alerts+no-reply@github.com" }] },
  ];
  const run = (opts: Partial<Parameters<typeof collectParticipants>[1]> = {}) =>
    collectParticipants(messages, { me: "zhang.wei@contoso.com", findContacts, neverTag: ["@partner.com"], ...opts });

  it("lists each address once (case-insensitive) with the most frequent name and the message count", () => {
    const li = run().find((p) => p.address.toLowerCase() === "li.ming@fabrikam.com.cn");
    expect(li).toEqual({ address: "Li.Ming@Fabrikam.com.cn", name: "李明", status: { kind: "existing", contactIds: ["c-li"] }, messageCount: 3 });
  });
  it("marks me, role addresses, never-tag entries and invalid addresses as excluded with a reason", () => {
    const byAddr = Object.fromEntries(run().map((p) => [p.address.toLowerCase(), p.status]));
    expect(byAddr["zhang.wei@contoso.com"]).toEqual({ kind: "excluded", reason: "me" });
    expect(byAddr["noreply@tailspin.com"]).toEqual({ kind: "excluded", reason: "roleAddress" });
    expect(byAddr["mailer-daemon@tailspin.com"]).toEqual({ kind: "excluded", reason: "roleAddress" });
    expect(byAddr["boss@partner.com"]).toEqual({ kind: "excluded", reason: "neverTag" });
    expect(byAddr["not-an-address"]).toEqual({ kind: "excluded", reason: "invalidAddress" });
    expect(byAddr["sarah@tailspin.com"]).toEqual({ kind: "new" });
    expect(byAddr["wang.fang@contoso.com"]).toEqual({ kind: "new" });
  });
  it("excludes my own domain only when asked", () => {
    const st = run({ excludeOwnDomain: true }).find((p) => p.address === "wang.fang@contoso.com")?.status;
    expect(st).toEqual({ kind: "excluded", reason: "ownDomain" });
  });
  it("strips quotes from names and ignores a name that is just the address", () => {
    const ps = run();
    expect(ps.find((p) => p.address === "sarah@tailspin.com")?.name).toBe("Sarah Connor");
    expect(ps.find((p) => p.address === "zhang.wei@contoso.com")?.name).toBe("张伟");
  });
  it("role detection keeps info@ and sales@ (often a small customer's only address)", () => {
    expect(isRoleAddress("info@smallshop.cn")).toBe(false);
    expect(isRoleAddress("sales@smallshop.cn")).toBe(false);
    expect(isRoleAddress("no-reply+abc@x.com")).toBe(true);
    expect(isRoleAddress("noreply-billing@x.com")).toBe(true);
    expect(isRoleAddress("notifications@github.com")).toBe(true);
  });
});

describe("names and companies", () => {
  it.each([
    ["张伟", { displayName: "张伟", surname: "张", givenName: "伟" }],
    ["欧阳娜娜", { displayName: "欧阳娜娜", surname: "欧阳", givenName: "娜娜" }],
    ["司马懿", { displayName: "司马懿", surname: "司马", givenName: "懿" }],
    ["诸葛亮", { displayName: "诸葛亮", surname: "诸葛", givenName: "亮" }],
    ["上官婉儿", { displayName: "上官婉儿", surname: "上官", givenName: "婉儿" }],
    ["欧阳", { displayName: "欧阳", surname: "欧", givenName: "阳" }],
    ["Zhou, Emily", { displayName: "Emily Zhou", surname: "Zhou", givenName: "Emily" }],
    ['"Sarah Jane Connor"', { displayName: "Sarah Jane Connor", surname: "Connor", givenName: "Sarah Jane" }],
    ["Madonna", { displayName: "Madonna", givenName: "Madonna" }],
  ])("splits %s", (name, parts) => {
    expect(splitPersonName(name)).toEqual(parts);
  });
  it.each([
    ["contoso.com", "Contoso"],
    ["fabrikam.com.cn", "Fabrikam"],
    ["mail.tailspin-toys.co.uk", "Tailspin-toys"],
    ["sub.northwind.cn", "Northwind"],
    ["gmail.com", undefined],
    ["vip.qq.com", undefined],
    ["163.com", undefined],
    ["localhost", undefined],
  ])("company of %s is %s", (domain, company) => {
    expect(companyFromDomain(domain)).toBe(company);
  });
  it("proposes a contact for an unknown address", () => {
    expect(contactFromAddress("李明", "li.ming@fabrikam.com.cn")).toEqual({
      displayName: "李明",
      givenName: "明",
      surname: "李",
      companyName: "Fabrikam",
      emailAddresses: [{ address: "li.ming@fabrikam.com.cn", name: "李明" }],
      categories: [],
      fields: {},
    });
    expect(contactFromAddress("", "someone@qq.com")).toEqual({
      displayName: "someone@qq.com",
      emailAddresses: [{ address: "someone@qq.com", name: "someone@qq.com" }],
      categories: [],
      fields: {},
    });
  });
});
