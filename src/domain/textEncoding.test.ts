import fs from "fs";
import path from "path";
import { parseOutlookCsv } from "./csv";
import { decodeText, hasUndecodableBytes } from "./textEncoding";

const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
/** "姓名,单位\r\n张伟,华为\r\n" as GB18030 (= GBK for these characters), produced with Python's str.encode("gb18030"). */
const GBK_SAMPLE = hex("d0d5c3fb2cb5a5cebb0d0ad5c5ceb02cbbaaceaa0d0a");

describe("decodeText", () => {
  it("decodes GBK bytes (not valid UTF-8) as GB18030", () => {
    expect(decodeText(GBK_SAMPLE)).toEqual({ text: "姓名,单位\r\n张伟,华为\r\n", encoding: "gb18030", detectedBy: "content" });
    // GB18030-only code: the euro sign is A2E3 in GB18030.
    expect(decodeText(hex("a2e3")).text).toBe("€");
  });
  it("keeps valid UTF-8 (with or without BOM) as UTF-8, removing the BOM", () => {
    const utf8 = new TextEncoder().encode("姓名,单位\n张伟,华为");
    expect(decodeText(utf8)).toEqual({ text: "姓名,单位\n张伟,华为", encoding: "utf-8", detectedBy: "content" });
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeText(withBom)).toEqual({ text: "姓名,单位\n张伟,华为", encoding: "utf-8", detectedBy: "bom" });
    expect(decodeText(new TextEncoder().encode("Name,E-mail\r\nSarah,s@x.com")).encoding).toBe("utf-8");
    expect(decodeText(new Uint8Array(0))).toEqual({ text: "", encoding: "utf-8", detectedBy: "content" });
  });
  it("recognises UTF-16 LE/BE by BOM and by zero bytes without one", () => {
    expect(decodeText(hex("fffe205f1f4f2c004100"))).toEqual({ text: "张伟,A", encoding: "utf-16le", detectedBy: "bom" });
    expect(decodeText(hex("feff5f204f1f002c0041"))).toEqual({ text: "张伟,A", encoding: "utf-16be", detectedBy: "bom" });
    expect(decodeText(hex("4e0061006d0065002c0041000d000a00"))).toMatchObject({ text: "Name,A\r\n", encoding: "utf-16le" });
    expect(decodeText(hex("004e0061006d0065002c0041"))).toMatchObject({ text: "Name,A", encoding: "utf-16be" });
  });
  it("an override wins over detection (the user's choice in the mapping step)", () => {
    const utf8 = new TextEncoder().encode("张伟");
    expect(decodeText(GBK_SAMPLE, "utf-8")).toMatchObject({ encoding: "utf-8", detectedBy: "override" });
    expect(hasUndecodableBytes(decodeText(GBK_SAMPLE, "utf-8").text)).toBe(true);
    expect(hasUndecodableBytes(decodeText(GBK_SAMPLE).text)).toBe(false);
    expect(decodeText(utf8, "gb18030").text).not.toBe("张伟");
    expect(decodeText(hex("fffe205f1f4f"), "utf-16le").text).toBe("张伟");
  });
  it("the committed Outlook GBK fixture parses into Chinese headers and names", () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(__dirname, "../../e2e/fixtures/outlook-contacts-gbk.csv")));
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe("gb18030");
    const csv = parseOutlookCsv(decoded.text);
    expect(csv.headers.slice(0, 4)).toEqual(["名", "中间名", "姓", "单位"]);
    expect(csv.rows[0]?.slice(0, 4)).toEqual(["建国", "", "赵", "鑫源精密机械有限公司"]);
    expect(csv.problems).toEqual([]);
  });
});
