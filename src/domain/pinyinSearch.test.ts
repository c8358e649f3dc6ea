import fc from "fast-check";
import PinyinMatch from "pinyin-match";
import { createPinyinMatcher, hasHan, MAX_PINYIN_TERM, type PinyinMatchFn } from "./pinyinSearch";

const library: PinyinMatchFn = (input, keys) => PinyinMatch.match(input, keys);

function finds(term: string, ...parts: string[]): boolean {
  const m = createPinyinMatcher(library);
  const test = m.forTerm(term);
  if (!test) throw new Error(`"${term}" is not a pinyin term`);
  return test(m.prepare(parts));
}

describe("pinyin search", () => {
  it("finds 刘洋 by full pinyin, by the first syllable, by a syllable typed in part and by initials", () => {
    for (const term of ["liuyang", "liu", "liuy", "liuya", "ly", "yang", "l", "y"]) expect({ term, found: finds(term, "刘洋") }).toEqual({ term, found: true });
  });

  it("does not find what the pinyin does not spell", () => {
    for (const term of ["lm", "liming", "yl", "lyx", "wang", "liuyangg"]) expect({ term, found: finds(term, "刘洋") }).toEqual({ term, found: false });
  });

  it("matches any reading of a polyphone (单 dan/shan, 长 chang/zhang) and compound surnames", () => {
    expect(finds("shan", "单田芳")).toBe(true);
    expect(finds("dtf", "单田芳")).toBe(true);
    expect(finds("zhangsan", "长三")).toBe(true);
    expect(finds("changsan", "长三")).toBe(true);
    expect(finds("oyn", "欧阳娜娜")).toBe(true);
    expect(finds("ouyangnana", "欧阳娜娜")).toBe(true);
  });

  it("matches within a longer name or a company, and in any of the parts given", () => {
    expect(finds("kj", "Contoso 科技")).toBe(true);
    expect(finds("keji", "上海 科技 有限公司")).toBe(true);
    expect(finds("ly", "Anna", "刘洋贸易")).toBe(true);
    expect(finds("ly", "Anna", "张伟")).toBe(false);
  });

  it("takes only letters a–z as pinyin: digits, Chinese, punctuation and over-long terms are plain text", () => {
    const m = createPinyinMatcher(library);
    for (const term of ["l1", "刘", "liu-yang", "", "x".repeat(MAX_PINYIN_TERM + 1)]) expect(m.forTerm(term)).toBeUndefined();
    expect(m.forTerm("x".repeat(MAX_PINYIN_TERM))).toBeDefined();
  });

  it("asks the library about few names: over 1,000 names, none for initials ('ly'), only the true matches for 'liuyang'", () => {
    const calls: string[] = [];
    const asked: string[] = [];
    const counting: PinyinMatchFn = (input, keys) => {
      calls.push(input);
      asked.push(`${input}|${keys}`);
      return library(input, keys);
    };
    const m = createPinyinMatcher(counting);
    const surnames = ["张", "王", "李", "赵", "陈", "刘"];
    const given = ["伟", "芳", "洋", "敏", "静", "杰"];
    const names = Array.from({ length: 1000 }, (_, i) => `${surnames[i % 6]}${given[Math.floor(i / 6) % 6]}${i}`);
    const prepared = names.map((n) => m.prepare([n]));
    // Preparing learnt each distinct character's initials once: 26 letters × 12 Han characters.
    expect(calls.length).toBe(26 * 12);

    calls.length = 0;
    asked.length = 0;
    const ly = m.forTerm("ly")!;
    const foundLy = names.filter((_, i) => ly(prepared[i]!));
    expect(foundLy.length).toBeGreaterThan(50);
    expect(foundLy.every((n) => /^[李刘]洋/.test(n))).toBe(true);
    expect(names.filter((n) => library(n, "ly") !== false)).toEqual(foundLy);
    // Initials are decided from the prepared initials: no whole-name call; single characters only, each
    // (character, piece of the term) asked once for the 1,000 names — 李/刘 with "l" and "ly", what follows them with "y".
    expect(calls.filter((c) => [...c].length > 1)).toEqual([]);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBeLessThanOrEqual(2 * 2 + 6);

    calls.length = 0;
    const full = m.forTerm("liuyang")!;
    const foundFull = names.filter((_, i) => full(prepared[i]!));
    expect(foundFull.length).toBeGreaterThan(20);
    expect(foundFull.every((n) => n.startsWith("刘洋"))).toBe(true);
    // 李洋 is not asked about: no reading of 李 is "liu", so 洋 cannot start the next piece.
    expect(calls.filter((c) => c.length > 1)).toEqual(foundFull);
  });

  it("answers exactly as pinyin-match itself on every part (property: names of polyphones, Latin, spaces; terms spelled from them or random)", () => {
    const READINGS: Record<string, string[]> = {
      刘: ["liu"], 洋: ["yang"], 张: ["zhang"], 伟: ["wei"], 李: ["li"], 娜: ["na"], 欧: ["ou"], 阳: ["yang"],
      单: ["dan", "shan", "chan"], 长: ["chang", "zhang"], 行: ["xing", "hang"], 乐: ["le", "yue"], 曾: ["zeng", "ceng"],
      安: ["an"], 恩: ["en"], 西: ["xi"], 先: ["xian"], 女: ["nv"], 略: ["lve"],
    };
    const chars = [...Object.keys(READINGS), "A", "n", " ", "1", "é", "-"];
    const name = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(""));
    // A term spelled from consecutive characters of the name (full reading or initial each), often cut short.
    const spelled = (n: string) =>
      fc.tuple(fc.nat(), fc.nat(), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), fc.nat()).map(([start, len, picks, cut]) => {
        const cs = [...n].filter((c) => READINGS[c]);
        if (cs.length === 0) return "x";
        const from = start % cs.length;
        const part = cs.slice(from, from + 1 + (len % 3));
        const text = part.map((c, i) => {
          const rs = READINGS[c]!;
          const r = rs[picks[i]! % rs.length]!;
          return picks[i]! % 3 === 0 ? r[0]! : r;
        }).join("");
        return text.slice(0, Math.max(1, text.length - (cut % 3)));
      });
    const random = fc.stringMatching(/^[a-z]{1,7}$/);
    // One matcher for every run, as the engine keeps one: its per-character memo must not change an answer.
    const matcher = createPinyinMatcher(library);
    // And one whose tables (characters, pieces of terms) are so small that they start over all the time.
    const small = createPinyinMatcher(library, { chars: 5, pieces: 3 });
    let found = 0;
    fc.assert(
      fc.property(
        name.chain((n) => fc.tuple(fc.constant(n), fc.oneof(spelled(n), random))),
        ([n, term]) => {
          const ours = matcher.forTerm(term)!(matcher.prepare([n]));
          expect({ n, term, found: ours }).toEqual({ n, term, found: library(n, term) !== false });
          expect({ n, term, small: small.forTerm(term)!(small.prepare([n])) }).toEqual({ n, term, small: ours });
          if (ours) found += 1;
        },
      ),
      { numRuns: 1500 },
    );
    // Not a property that holds because nothing matches: a good share of the terms do.
    expect(found).toBeGreaterThan(300);
  });

  it("keeps its answers when its character table starts over while a term is in use, or within one name", () => {
    const m = createPinyinMatcher(library, { chars: 3 });
    const li = m.prepare(["李"]);
    const term = m.forTerm("liuyang")!;
    // The term learns what 李 (id 0) can start: "l", "li" — not "liu".
    expect(term(li)).toBe(false);
    const zhangWei = m.prepare(["张伟"]);
    // 刘 is the 4th character: the table starts over, and 刘 now has id 0 — the term must not take it for 李.
    const liuYang = m.prepare(["刘洋"]);
    expect(term(liuYang)).toBe(true);
    // Names prepared before are asked of the library.
    expect(term(li)).toBe(false);
    expect(term(zhangWei)).toBe(false);
    expect(m.forTerm("zw")!(zhangWei)).toBe(true);
    // The table starts over within a name: it is prepared again in the new table.
    expect(m.forTerm("ouyangna")!(m.prepare(["欧阳娜"]))).toBe(true);
    // More distinct characters than the table holds: always asked of the library.
    expect(m.forTerm("ouyangnana")!(m.prepare(["欧阳娜娜", "刘"]))).toBe(true);
    expect(m.forTerm("liuyang")!(m.prepare(["欧阳娜", "刘洋"]))).toBe(true);
    expect(m.forTerm("liuyang")!(m.prepare(["欧阳娜", "李洋"]))).toBe(false);
  });

  it("hasHan tells Chinese text from Latin", () => {
    expect(hasHan("Contoso 科技")).toBe(true);
    expect(hasHan("Contoso Ltd")).toBe(false);
    expect(hasHan("")).toBe(false);
  });
});
