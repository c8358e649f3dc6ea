/**
 * Pinyin search over Chinese names (issue 11 item 6): "liuyang", "liu" and the initials "ly" find 刘洋. The
 * matching itself is pinyin-match's (polyphones, full syllables, initials, the last syllable typed in part); the
 * library is passed in (the task pane loads it lazily, its dictionary is 20 KB gzipped), so this module stays pure.
 *
 * pinyin-match alone costs tens of µs per call — over 1 s for 50,000 contacts on this machine (bench/README.md
 * T1 allows 25 ms). So it only confirms: a cheap test that every pinyin match must pass runs first, over typed
 * arrays prepared once per name, and the library is asked only about the names that pass it.
 *
 * Why the test is safe (pinyin-match 1.2.10, src/core.js `match` → `getIndex` → `point2point`): a match at
 * character p splits the term into pieces k1…km (whole syllables, the last one possibly partial, or single
 * letters as initials) where piece ki matches a reading — or, for single letters, a reading's initial — of the
 * (p+i−1)th character, spaces skipped. Each piece therefore starts with the first letter of a reading of its
 * character. So: the term's first letter is an initial of character p, and either the whole term is one piece
 * (asked of that one character, exactly, through the library), or every piece is one letter (the initials of n
 * characters in a row: decided from the initials alone, exactly), or the term can be cut into pieces each of which
 * some reading of its character starts with (asked per character and offset, and kept for the term) — only then
 * is the library asked about the whole name, as a non-last piece must be a whole reading. Initials are learnt per
 * character from the library (match(ch, letter)).
 * The property test in pinyinSearch.test.ts checks the answers against the library's own.
 */

/** pinyin-match's `match`: the [start, end] of the match in `input`, or false. */
export type PinyinMatchFn = (input: string, keys: string) => [number, number] | false;

/** Names prepared for pinyin tests (opaque outside this module). */
export interface PreparedNames {
  readonly parts: readonly string[];
  /** Per character of all parts (spaces left out), each part followed by a separator (mask 0, id -1). */
  readonly masks: Uint32Array;
  readonly ids: Int32Array;
  /** Which part each character belongs to. */
  readonly partOf: Uint8Array;
  /** OR of all masks: a quick "no character starts with this letter". */
  readonly any: number;
}

export interface PinyinMatcher {
  /** The names a contact is searched by (those with a Han character), prepared once; keep the result per contact. */
  prepare(parts: readonly string[]): PreparedNames;
  /**
   * The test for one search term (folded: NFKC, lower case), or undefined when the term cannot be pinyin
   * (anything but the letters a–z, or too long to be a name).
   */
  forTerm(term: string): ((names: PreparedNames) => boolean) | undefined;
}

/** Longest term tried as pinyin ("ouyangnana" is 10): offsets in the term are bits of one 32-bit mask. */
export const MAX_PINYIN_TERM = 30;
/** Distinct characters remembered (a name list has a few thousand); beyond, the table starts over. */
const CHAR_LIMIT = 100_000;
/** A contact's name parts (display name, company, surname + given name): one bit each in a 32-bit mask. */
const MAX_PARTS = 31;

const HAN = /\p{Script=Han}/u;
const PINYIN_TERM = /^[a-z]+$/;

/** Whether a text has a Han character, i.e. whether pinyin could find it where plain search would not. */
export function hasHan(s: string): boolean {
  return HAN.test(s);
}

const bit = (letter: string): number => 1 << (letter.charCodeAt(0) - 97);

export function createPinyinMatcher(match: PinyinMatchFn): PinyinMatcher {
  /** Character → id; id → the character and the bit mask of the letters its readings start with. */
  let ids = new Map<string, number>();
  let chars: string[] = [];
  let generation = 0;
  const idOf = (ch: string): number => {
    let id = ids.get(ch);
    if (id === undefined) {
      if (chars.length >= CHAR_LIMIT) {
        ids = new Map();
        chars = [];
        generation += 1;
      }
      id = chars.length;
      chars.push(ch);
      ids.set(ch, id);
    }
    return id;
  };
  const initialsOf = (ch: string): number => {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      // ASCII: a letter is its own reading; digits and punctuation never match a letter.
      const lower = ch.toLowerCase();
      return lower >= "a" && lower <= "z" ? bit(lower) : 0;
    }
    // Anything else is asked of the library (Han readings, and "é" which it reads as "e").
    let m = 0;
    for (let l = 97; l <= 122; l++) if (match(ch, String.fromCharCode(l))) m |= 1 << (l - 97);
    return m;
  };
  const maskCache = new Map<string, number>();
  const maskOf = (ch: string): number => {
    let m = maskCache.get(ch);
    if (m === undefined) {
      if (maskCache.size >= CHAR_LIMIT) maskCache.clear();
      maskCache.set(ch, (m = initialsOf(ch)));
    }
    return m;
  };

  const preparedGeneration = new WeakMap<PreparedNames, number>();

  function prepare(parts: readonly string[]): PreparedNames {
    const kept = parts.slice(0, MAX_PARTS);
    const perPart = kept.map((p) => [...p].filter((ch) => ch !== " "));
    const n = perPart.reduce((s, cs) => s + cs.length + 1, 0);
    const masks = new Uint32Array(n);
    const idArr = new Int32Array(n);
    const partOf = new Uint8Array(n);
    let any = 0;
    let i = 0;
    perPart.forEach((cs, k) => {
      for (const ch of cs) {
        masks[i] = maskOf(ch);
        idArr[i] = idOf(ch);
        partOf[i] = k;
        any |= masks[i] as number;
        i++;
      }
      idArr[i] = -1;
      partOf[i] = k;
      i++;
    });
    const prepared: PreparedNames = { parts: kept, masks, ids: idArr, partOf, any };
    preparedGeneration.set(prepared, generation);
    return prepared;
  }

  return {
    prepare,
    forTerm(term) {
      if (term.length > MAX_PINYIN_TERM || !PINYIN_TERM.test(term)) return undefined;
      const n = term.length;
      const done = 1 << n;
      const bits = Uint32Array.from(term, (l) => bit(l));
      const first = bits[0] as number;
      /**
       * (character id, offset j in the term) → bit mask of the offsets j + len such that some reading of the
       * character starts with term[j, j + len): where the next piece may start if this character takes that piece.
       * Asked of the library once per term (single characters: about 1 µs a call).
       */
      const reach = new Map<number, number>();
      const reachOf = (id: number, j: number): number => {
        const key = id * 32 + j;
        let r = reach.get(key);
        if (r === undefined) {
          r = 0;
          const ch = chars[id] as string;
          for (let len = 1; j + len <= n && match(ch, term.slice(j, j + len)) !== false; len++) r |= 1 << (j + len);
          reach.set(key, r);
        }
        return r;
      };
      return (names) => {
        if (!(names.any & first)) return false;
        // One letter: an initial of some character is the whole match.
        if (n === 1) return true;
        // Names prepared before the character table started over: their ids are stale, ask the library.
        if (preparedGeneration.get(names) !== generation) return names.parts.some((p) => match(p, term) !== false);
        const { masks, ids: idArr, partOf } = names;
        let asked = 0;
        for (let p = 0; p < masks.length; p++) {
          if (!((masks[p] as number) & first)) continue;
          // The term's letters as the initials of n characters in a row: the library's initials match, exactly.
          let i = 1;
          while (i < n && (masks[p + i] ?? 0) & (bits[i] as number)) i++;
          if (i === n) return true;
          // The whole term as one piece of this one character: exact (the library asked about the character).
          let offsets = reachOf(idArr[p] as number, 0);
          if (offsets & done) return true;
          // Pieces over the following characters: every offset a match could be at after each character.
          let candidate = false;
          for (let q = p + 1; offsets !== 0 && (masks[q] ?? 0) !== 0; q++) {
            let next = 0;
            for (let j = 1; j < n; j++) if (offsets & (1 << j)) next |= reachOf(idArr[q] as number, j);
            if (next & done) {
              candidate = true;
              break;
            }
            offsets = next;
          }
          // Only a possible match: a non-last piece must be a whole reading, which the library decides.
          const part = partOf[p] as number;
          if (candidate && !(asked & (1 << part))) {
            asked |= 1 << part;
            if (match(names.parts[part] as string, term) !== false) return true;
          }
        }
        return false;
      };
    },
  };
}
