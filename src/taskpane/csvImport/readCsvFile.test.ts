import { parseOutlookCsv } from "../../domain/csv";
import type { CsvRow } from "../../domain/csvStream";
import { readCsvSample, SAMPLE_BYTES, SAMPLE_ROWS, streamCsvFile } from "./readCsvFile";

const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
/** 姓,名,职务,移动电话,商务地址 市/县,电子邮件地址 (GB18030 bytes, as Outlook in a Chinese locale writes them). */
const GBK_HEADER = hex("d0d52cc3fb2cd6b0cef12cd2c6b6afb5e7bbb02cc9cccef1b5d8d6b720cad02fcfd82cb5e7d7d3d3cabcfeb5d8d6b70d0a");
/** 赵,建国,采购主管,13712345678,深圳,zhao@xinyuan.cn */
const GBK_ROW = hex("d5d42cbda8b9fa2cb2c9b9bad6f7b9dc2c31333731323334353637382cc9eedbda2c7a68616f4078696e7975616e2e636e0d0a");

function outlookCsv(rows: number): string {
  const lines = ['"姓名","单位","电子邮件地址","商务地址 街道"'];
  for (let i = 1; i <= rows; i++) lines.push(`"客户${i}","华信科技 ${i % 7}","buyer${i}@huaxin-tech.cn","科技园路 ${i} 号\r\n${i % 3} 栋"`);
  return lines.join("\r\n") + "\r\n";
}

async function collect(blob: Blob, encoding: "utf-8" | "gb18030" | "utf-16le", sliceBytes: number) {
  const rows: CsvRow[] = [];
  let yields = 0;
  const progress: number[] = [];
  const r = await streamCsvFile(blob, encoding, (part) => rows.push(...part), {
    sliceBytes,
    yieldToUi: async () => void yields++,
    onProgress: (p) => progress.push(p.bytesRead),
  });
  return { r, rows, yields, progress };
}

it("streams a UTF-8 file in slices cut inside Chinese characters and quoted line breaks: the rows of the whole text", async () => {
  const text = outlookCsv(3000);
  const blob = new Blob(["\uFEFF" + text]);
  const whole = parseOutlookCsv(text);
  // 4,099 bytes: not a multiple of 3, so the slices cut 3-byte characters.
  const { r, rows, yields, progress } = await collect(blob, "utf-8", 4099);
  expect(r).toEqual({ status: "done", headers: ["姓名", "单位", "电子邮件地址", "商务地址 街道"], rows: 3000, undecodable: false });
  expect(rows.map((x) => x.cells)).toEqual(whole.rows);
  expect(rows.map((x) => x.line)).toEqual(whole.lines);
  expect(rows[2999]!.cells[3]).toBe("科技园路 3000 号\r\n0 栋");
  // One yield per slice; progress in bytes up to the file's size.
  expect(yields).toBe(Math.ceil(blob.size / 4099));
  expect(progress.at(-1)).toBe(blob.size);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
});

it("streams a GBK file with 2-byte characters cut between slices", async () => {
  const blob = new Blob([GBK_HEADER, ...Array.from({ length: 500 }, () => GBK_ROW)]);
  const { r, rows } = await collect(blob, "gb18030", 7);
  expect(r.headers).toEqual(["姓", "名", "职务", "移动电话", "商务地址 市/县", "电子邮件地址"]);
  expect(rows).toHaveLength(500);
  expect(rows.every((x) => x.cells.join(",") === "赵,建国,采购主管,13712345678,深圳,zhao@xinyuan.cn")).toBe(true);
  expect(rows[499]!.line).toBe(501);
  expect(r.undecodable).toBe(false);
});

it("streams UTF-16 LE with its byte-order mark, and flags bytes the chosen encoding cannot decode", async () => {
  const text = "Name,E-mail Address\r\n刘洋,liu.yang@huaxin-tech.cn\r\n";
  const utf16 = new Blob([new Uint8Array([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const { r, rows } = await collect(utf16, "utf-16le", 5);
  expect(r.headers).toEqual(["Name", "E-mail Address"]);
  expect(rows).toEqual([{ cells: ["刘洋", "liu.yang@huaxin-tech.cn"], line: 2 }]);
  // GBK bytes read as UTF-8: replacement characters, flagged.
  const wrong = await collect(new Blob([GBK_HEADER, GBK_ROW]), "utf-8", 16);
  expect(wrong.r.undecodable).toBe(true);
});

it("cancel: reading stops before the next slice, and says so", async () => {
  const blob = new Blob([outlookCsv(5000)]);
  const controller = new AbortController();
  const rows: CsvRow[] = [];
  let slices = 0;
  const r = await streamCsvFile(blob, "utf-8", (part) => rows.push(...part), {
    sliceBytes: 40_000,
    signal: controller.signal,
    yieldToUi: async () => {
      if (++slices === 3) controller.abort();
    },
  });
  expect(r.status).toBe("cancelled");
  expect(slices).toBe(3);
  expect(r.rows).toBe(rows.length);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThan(5000);
});

it("a read error (the file changed or went away) rejects", async () => {
  const broken = { size: 100, slice: () => ({ arrayBuffer: () => Promise.reject(new Error("NotReadableError")) }) } as unknown as Blob;
  await expect(streamCsvFile(broken, "utf-8", () => undefined, { yieldToUi: async () => undefined })).rejects.toThrow("NotReadableError");
});

it("the sample: header, encoding and example rows from the file's start only; a row cut at the sample's end is not an example", async () => {
  const text = outlookCsv(20_000);
  const blob = new Blob([text]);
  expect(blob.size).toBeGreaterThan(SAMPLE_BYTES);
  const sample = await readCsvSample(blob);
  expect(sample).toMatchObject({ headers: ["姓名", "单位", "电子邮件地址", "商务地址 街道"], complete: false, encoding: "utf-8", detectedBy: "content", undecodable: false });
  expect(sample.rows).toHaveLength(SAMPLE_ROWS);
  expect(sample.rows[0]).toEqual(["客户1", "华信科技 1", "buyer1@huaxin-tech.cn", "科技园路 1 号\r\n1 栋"]);

  const gbk = await readCsvSample(new Blob([GBK_HEADER, GBK_ROW]));
  expect(gbk).toMatchObject({ encoding: "gb18030", detected: "gb18030", complete: true, rows: [["赵", "建国", "采购主管", "13712345678", "深圳", "zhao@xinyuan.cn"]] });
  const forced = await readCsvSample(new Blob([GBK_HEADER, GBK_ROW]), "utf-8");
  expect(forced).toMatchObject({ encoding: "utf-8", detected: "gb18030", undecodable: true });
});
