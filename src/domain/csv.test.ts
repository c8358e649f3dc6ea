import Papa from "papaparse";
import { applyMapping, exportContactsCsv, guardFormula, parseOutlookCsv, suggestMapping, UTF8_BOM } from "./csv";
import { DEFAULT_SCHEMA } from "./schema";
import { contact, HOSTILE } from "./testContacts";

describe("export", () => {
  const rows = [
    contact({ displayName: "张伟", companyName: "Contoso 科技", emailAddresses: [{ address: "zw@contoso.com" }], fields: { IntendedProducts: ["Widget", "服务器"], NeedsRecontact: true, CustomerTier: "key", NextContact: "2026-11-25T16:30:00Z" } }),
    contact({ displayName: "=cmd|' /C calc'!A0", companyName: "+1 (555) 0100", fields: { Owner: "@SUM(A1)", IntendedProducts: ["-2+3"] } }),
  ];
  const parse = (csv: string) => Papa.parse<string[]>(csv.slice(1)).data;

  it("starts with a UTF-8 BOM and uses the locale's labels as headers", () => {
    const csv = exportContactsCsv(rows, DEFAULT_SCHEMA, { locale: "zh-CN", timeZone: "Asia/Shanghai" });
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(parse(csv)[0]).toEqual(["姓名", "单位", "电子邮件地址", "有意向采购的产品", "是否需要再次联系", "客户类别", "负责业务员", "最后联系日期", "下次联系日期"]);
    expect(parse(exportContactsCsv(rows, DEFAULT_SCHEMA, { locale: "en-US", timeZone: "UTC" }))[0]?.[5]).toBe("Customer tier");
  });
  it("writes keywords joined with '; ', labels for choices and yes/no, and local dates", () => {
    const sh = parse(exportContactsCsv(rows, DEFAULT_SCHEMA, { locale: "zh-CN", timeZone: "Asia/Shanghai" }))[1];
    expect(sh).toEqual(["张伟", "Contoso 科技", "zw@contoso.com", "Widget; 服务器", "是", "重点客户", "", "", "2026-11-26"]);
    const la = parse(exportContactsCsv(rows, DEFAULT_SCHEMA, { locale: "en-US", timeZone: "America/Los_Angeles" }))[1];
    expect(la?.[8]).toBe("2026-11-25");
  });
  it("neutralizes formula injection with a leading quote", () => {
    const r = parse(exportContactsCsv(rows, DEFAULT_SCHEMA, { locale: "en-US", timeZone: "UTC" }))[2];
    expect(r?.[0]).toBe("'=cmd|' /C calc'!A0");
    expect(r?.[1]).toBe("'+1 (555) 0100");
    expect(r?.[3]).toBe("'-2+3");
    expect(r?.[6]).toBe("'@SUM(A1)");
    expect(guardFormula("plain")).toBe("plain");
    expect(guardFormula("\tx")).toBe("'\tx");
  });
  it("hostile values survive a round trip through the CSV (quotes, newlines, commas, emoji, RTL)", () => {
    const evil = HOSTILE.filter((h) => !/^[=+\-@]/.test(h)).map((h, i) => contact({ displayName: `${h},\n"${i}"` }));
    const back = parse(exportContactsCsv(evil, DEFAULT_SCHEMA, { locale: "en-US", timeZone: "UTC", columns: [{ builtin: "displayName" }] }));
    expect(back.slice(1).map((r) => r[0])).toEqual(evil.map((c) => c.displayName));
  });
});

describe("import", () => {
  const outlookEn =
    UTF8_BOM +
    [
      '"First Name","Middle Name","Last Name","Company","E-mail Address","Business Phone","Categories","客户类别"',
      '"Wei","","Zhang","Contoso","zhang.wei@contoso.com","+86 10 1234","VIP;Beijing","重点客户"',
      '"Sarah","","Connor","Tailspin","sarah@tailspin","","",""',
      '"","","","","","","",""',
      '"Emily","","Zhou","","ZHANG.WEI@contoso.com","","",""',
      '"Li","","Ming","","existing@fabrikam.com","","","gold"',
      `"${"x".repeat(300)}","","","","long@x.com","","",""`,
      '"Only","","Name","","","","",""',
    ].join("\r\n");

  it("maps Outlook's English and Chinese headers and labels of our fields", () => {
    expect(suggestMapping(["First Name", "Last Name", "Company", "E-mail Address", "Categories", "Notes"], DEFAULT_SCHEMA)).toEqual(["givenName", "surname", "companyName", "email", "categories", "ignore"]);
    expect(suggestMapping(["名", "姓", "单位", "电子邮件地址", "类别", "有意向采购的产品", "Customer tier"], DEFAULT_SCHEMA)).toEqual(["givenName", "surname", "companyName", "email", "categories", "field:IntendedProducts", "field:CustomerTier"]);
  });

  it("previews rows with statuses and per-row errors, deduping by e-mail", () => {
    const csv = parseOutlookCsv(outlookEn);
    const existing = [contact({ id: "ex1", emailAddresses: [{ address: "Existing@Fabrikam.com" }] })];
    const preview = applyMapping(csv, suggestMapping(csv.headers, DEFAULT_SCHEMA), DEFAULT_SCHEMA, existing);
    expect(preview.rows.map((r) => [r.line, r.status, r.errors.map((e) => e.code), r.duplicateOf])).toEqual([
      [2, "new", [], undefined],
      [3, "invalid", ["invalidEmail"], undefined],
      [5, "duplicateInFile", [], 2],
      [6, "invalid", ["notAChoice"], undefined],
      [7, "invalid", ["valueTooLong"], undefined],
      [8, "new", [], undefined],
    ]);
    const first = preview.rows[0]?.draft;
    expect(first).toMatchObject({ displayName: "Wei Zhang", givenName: "Wei", surname: "Zhang", companyName: "Contoso", businessPhones: ["+86 10 1234"], categories: ["VIP", "Beijing"], fields: { CustomerTier: "key" } });
    expect(preview.rows[4]?.errors[0]).toMatchObject({ column: "First Name", params: { max: 255, length: 300 } });
    expect(preview.counts).toEqual({ new: 2, duplicateExisting: 0, duplicateInFile: 1, invalid: 3 });
  });

  it("reports a row with neither name nor e-mail", () => {
    const csv = parseOutlookCsv('"Company","E-mail Address","First Name"\n"Contoso","",""');
    expect(applyMapping(csv, suggestMapping(csv.headers, DEFAULT_SCHEMA), DEFAULT_SCHEMA, []).rows[0]).toMatchObject({ status: "invalid", errors: [{ code: "missingNameAndEmail" }] });
  });

  it("detects duplicates of existing contacts case-insensitively", () => {
    const csv = parseOutlookCsv('"E-mail Address","Name"\n"EXISTING@fabrikam.com","Li"');
    const preview = applyMapping(csv, ["email", "displayName"], DEFAULT_SCHEMA, [contact({ id: "ex1", emailAddresses: [{ address: "existing@fabrikam.com" }] })]);
    expect(preview.rows[0]).toMatchObject({ status: "duplicateExisting", duplicateOf: "ex1" });
  });

  it("imports a Chinese-locale export with Chinese names surname-first", () => {
    const csv = parseOutlookCsv("名,姓,单位,电子邮件地址,类别,有意向采购的产品\r\n伟,张,康托索,zw@contoso.cn,重点,服务器；打印机\r\n娜娜,欧阳,,ouyang@163.com,,");
    const preview = applyMapping(csv, suggestMapping(csv.headers, DEFAULT_SCHEMA), DEFAULT_SCHEMA, []);
    expect(preview.rows.map((r) => r.draft.displayName)).toEqual(["张伟", "欧阳娜娜"]);
    expect(preview.rows[0]?.draft.fields.IntendedProducts).toEqual(["服务器", "打印机"]);
    expect(preview.rows.every((r) => r.status === "new")).toBe(true);
  });

  it("reports malformed CSV instead of crashing", () => {
    const csv = parseOutlookCsv('"Name","E-mail Address"\n"unterminated,x@y.com\n');
    expect(csv.problems.length).toBeGreaterThan(0);
    expect(() => applyMapping(csv, suggestMapping(csv.headers, DEFAULT_SCHEMA), DEFAULT_SCHEMA, [])).not.toThrow();
  });
});

describe("import: job title, phones and the business address", () => {
  const headers = ["Name", "E-mail Address", "Job Title", "Business Phone", "Mobile Phone", "Business Street", "Business City", "Business State", "Business Postal Code", "Business Country/Region"];
  const csvOf = (...rows: string[][]) => parseOutlookCsv(Papa.unparse({ fields: headers, data: rows }));
  const mapAll = (csv: ReturnType<typeof parseOutlookCsv>) => applyMapping(csv, suggestMapping(csv.headers, DEFAULT_SCHEMA), DEFAULT_SCHEMA, []);

  it("maps them into the draft, the address both in parts (Graph physicalAddress) and as one line", () => {
    const csv = csvOf(["赵建国", "zhao@xinyuan.cn", "采购主管", "0755-2345-6789", "13712345678", "观澜大道 88 号\r\n3 栋", "深圳", "广东省", "518110", "中国"]);
    expect(suggestMapping(csv.headers, DEFAULT_SCHEMA)).toEqual(["displayName", "email", "jobTitle", "businessPhone", "mobilePhone", "businessStreet", "businessCity", "businessState", "businessPostalCode", "businessCountry"]);
    const [row] = mapAll(csv).rows;
    expect(row?.status).toBe("new");
    expect(row?.draft).toMatchObject({
      jobTitle: "采购主管",
      businessPhones: ["0755-2345-6789"],
      mobilePhone: "13712345678",
      businessAddress: "观澜大道 88 号 3 栋, 深圳, 广东省, 518110, 中国",
      businessAddressParts: { street: "观澜大道 88 号\n3 栋", city: "深圳", state: "广东省", postalCode: "518110", countryOrRegion: "中国" },
    });
  });
  it("leaves out empty parts and has no address when every part is empty", () => {
    const [a, b] = mapAll(csvOf(["A", "a@x.com", "", "", "", "", "Berlin", "", "", ""], ["B", "b@x.com", "", "", "", "", "", "", "", ""])).rows;
    expect(a?.draft.businessAddressParts).toEqual({ city: "Berlin" });
    expect(a?.draft).not.toHaveProperty("jobTitle");
    expect(a?.draft).not.toHaveProperty("businessPhones");
    expect(b?.draft).not.toHaveProperty("businessAddressParts");
    expect(b?.draft).not.toHaveProperty("businessAddress");
  });
  it("refuses control characters and over-long values, naming the column", () => {
    const long = "9".repeat(256);
    const [ctl, tooLong, tab] = mapAll(
      csvOf(["A", "a@x.com", "Boss\u0007", "", "", "", "", "", "", ""], ["B", "b@x.com", "", long, "", "", "", "", "", ""], ["C", "c@x.com", "", "", "138\t0013", "", "", "", "", ""]),
    ).rows;
    expect(ctl?.status).toBe("invalid");
    expect(ctl?.errors).toEqual([{ code: "controlCharacters", column: "Job Title" }]);
    expect(tooLong?.errors).toEqual([{ code: "valueTooLong", column: "Business Phone", params: { max: 255, length: 256 } }]);
    expect(tab?.errors).toEqual([{ code: "controlCharacters", column: "Mobile Phone" }]);
  });
});
