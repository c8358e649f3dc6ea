import fc from "fast-check";
import Papa from "papaparse";
import { createImportValidator, parseOutlookCsv, suggestMapping } from "./csv";
import { createCsvRowStream, type CsvRow } from "./csvStream";
import { DEFAULT_SCHEMA } from "./schema";

/** Streams `text` cut at the given offsets (the first parse held until `firstPieceChars`). */
function streamed(text: string, cuts: number[], firstPieceChars = 8) {
  const rows: CsvRow[] = [];
  let headers: string[] | undefined;
  const stream = createCsvRowStream({ onHeaders: (h) => (headers = h), onRows: (part) => rows.push(...part) }, { firstPieceChars });
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    stream.push(text.slice(at, cut));
    at = Math.max(at, cut);
  }
  stream.push(text.slice(at));
  stream.end();
  return { headers, rows, problems: stream.problems, rowCount: stream.rowCount };
}

const OUTLOOK = [
  '"First Name","Last Name","E-mail Address","Business Street"',
  '"伟","张","zhang.wei@contoso.cn","科技园路 1 号\r\n2 栋"',
  "",
  '"James","Miller","james@fabrikam.com","1 ""Main"" St"',
  '"Olivia","Brown","olivia@fabrikam.com",""',
  ",,,",
  '"刘","洋","liu.yang@huaxin-tech.cn","A\nB\nC"',
].join("\r\n");

it("the same rows and record numbers wherever the text is cut: blank rows counted, quoted line breaks inside one record", () => {
  const whole = parseOutlookCsv(OUTLOOK);
  expect(whole.headers).toEqual(["First Name", "Last Name", "E-mail Address", "Business Street"]);
  // Records 3 and 6 are blank; record 2 holds a quoted CRLF, record 7 quoted LFs: still one record each.
  expect(whole.lines).toEqual([2, 4, 5, 7]);
  expect(whole.rows[0]![3]).toBe("科技园路 1 号\r\n2 栋");
  for (let cut = 1; cut < OUTLOOK.length; cut++) {
    const s = streamed(OUTLOOK, [cut]);
    expect({ cut, lines: s.rows.map((r) => r.line), rows: s.rows.map((r) => r.cells) }).toEqual({ cut, lines: whole.lines, rows: whole.rows });
  }
  // Every character its own piece (a CRLF cut between \r and \n, a quoted line break cut in the middle).
  const one = streamed(OUTLOOK, Array.from({ length: OUTLOOK.length }, (_, i) => i), 1);
  expect(one.rows.map((r) => r.cells)).toEqual(whole.rows);
  expect(one.rows.map((r) => r.line)).toEqual(whole.lines);
});

it("property: any CSV papaparse writes, cut anywhere into any number of pieces, streams to the rows of the whole text", () => {
  const cell = fc.string({ unit: fc.constantFrom("a", "张", ",", '"', "\r\n", "\n", " ", "x", "\uD83D\uDE00"), maxLength: 6 });
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
      fc.array(fc.nat(), { maxLength: 10 }),
      fc.integer({ min: 1, max: 40 }),
      (data, cutSeeds, firstPiece) => {
        const text = Papa.unparse({ fields: ["A", "B", "C"], data }, { newline: "\r\n" });
        const whole = parseOutlookCsv(text);
        const cuts = cutSeeds.map((n) => n % (text.length + 1));
        const s = streamed(text, cuts, firstPiece);
        expect(s.headers).toEqual(["A", "B", "C"]);
        expect(s.rows.map((r) => r.cells)).toEqual(whole.rows);
        expect(s.rows.map((r) => r.line)).toEqual(whole.lines);
        expect(s.problems).toEqual([]);
      },
    ),
    { numRuns: 300 },
  );
});

it("a byte-order mark is dropped, even alone in the first piece; only at the very start", () => {
  const text = "\uFEFFName,E-mail Address\r\nLi,li@contoso.cn\r\n";
  for (const cut of [1, 2, 5]) {
    const s = streamed(text, [cut]);
    expect(s.headers).toEqual(["Name", "E-mail Address"]);
    expect(s.rows).toEqual([{ cells: ["Li", "li@contoso.cn"], line: 2 }]);
  }
  expect(parseOutlookCsv("Name\r\n\uFEFFLi").rows).toEqual([["\uFEFFLi"]]);
});

it("row numbers in errors stay right across pieces: an invalid address on record 1,503 is reported on row 1,503", () => {
  const lines = ["Name,E-mail Address"];
  for (let i = 2; i <= 3000; i++) lines.push(i === 1503 ? `Bad ${i},not-an-address` : i % 500 === 0 ? "" : `Buyer ${i},buyer${i}@fabrikam.com`);
  const text = lines.join("\r\n");
  const validator = createImportValidator(["Name", "E-mail Address"], suggestMapping(["Name", "E-mail Address"], DEFAULT_SCHEMA), DEFAULT_SCHEMA, []);
  const invalid: number[] = [];
  const stream = createCsvRowStream({
    onRows: (rows) => {
      for (const r of rows) if (validator.check(r.cells, r.line, r.problem).status === "invalid") invalid.push(r.line);
    },
  }, { firstPieceChars: 100 });
  for (let i = 0; i < text.length; i += 997) stream.push(text.slice(i, i + 997));
  stream.end();
  expect(invalid).toEqual([1503]);
  // 2,999 records after the header, 6 of them blank (500, 1000, … 3000) and left out.
  expect(validator.counts).toEqual({ new: 2992, duplicateExisting: 0, duplicateInFile: 0, invalid: 1 });
});

it("a row that is not valid CSV (an unclosed quote) is reported on its record and is invalid, so nothing of it is written", () => {
  const text = 'Name,E-mail Address\r\nLi,li@contoso.cn\r\n"Wang,wang@contoso.cn\r\nZhao,zhao@contoso.cn\r\n';
  const s = streamed(text, [30, 45]);
  expect(s.problems).toEqual([{ line: 3, code: "MissingQuotes" }]);
  expect(s.rows.map((r) => [r.line, r.problem])).toEqual([
    [2, undefined],
    [3, "MissingQuotes"],
  ]);
  const validator = createImportValidator(["Name", "E-mail Address"], ["displayName", "email"], DEFAULT_SCHEMA, []);
  const checked = s.rows.map((r) => validator.check(r.cells, r.line, r.problem));
  expect(checked.map((r) => r.status)).toEqual(["new", "invalid"]);
  expect(checked[1]!.errors).toEqual([{ code: "malformedRow", params: { problem: "MissingQuotes" } }]);
});

it("pushing after end is refused; ending twice is harmless", () => {
  const stream = createCsvRowStream();
  stream.push("A\r\n1");
  stream.end();
  stream.end();
  expect(stream.rowCount).toBe(1);
  expect(() => stream.push("2")).toThrow(/ended/);
});
