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
  /**
   * Per character of all parts (spaces left out), two cells: the bit mask of the letters its readings start with,
   * and its id. A character no letter starts (a digit, punctuation) cannot be in a match: it is kept as a barrier
   * (mask 0, and −1 − the part's index instead of an id), one for a run of them, and each part ends with one.
   * One array, not one per field: a search reads one object per name less (memory, not arithmetic, is what a
   * pass over 50,000 names waits for).
   */
  readonly cells: Int32Array;
  /** OR of all masks: a quick "no character starts with this letter". */
  readonly any: number;
  /** The character table the ids were given by (it starts over beyond CHAR_LIMIT characters); −1: none, ask the library. */
  readonly generation: number;
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
/** (character, piece of a term) answers remembered across terms; beyond, the memo starts over. */
const PIECE_LIMIT = 200_000;
/** Set in a term's reach table on an entry already asked (offsets use bits 1…30). */
const KNOWN = 0x8000_0000;
/** A contact's name parts (display name, company, surname + given name): one bit each in a 32-bit mask. */
const MAX_PARTS = 31;

const HAN = /\p{Script=Han}/u;
const PINYIN_TERM = /^[a-z]+$/;

/** Whether a text has a Han character, i.e. whether pinyin could find it where plain search would not. */
export function hasHan(s: string): boolean {
  return HAN.test(s);
}

const bit = (letter: string): number => 1 << (letter.charCodeAt(0) - 97);

/** For tests: smaller tables, so that starting over can be reached. */
export interface PinyinMatcherLimits {
  chars?: number;
  pieces?: number;
}

export function createPinyinMatcher(match: PinyinMatchFn, limits: PinyinMatcherLimits = {}): PinyinMatcher {
  const charLimit = limits.chars ?? CHAR_LIMIT;
  const pieceLimit = limits.pieces ?? PIECE_LIMIT;
  /** Character → id; id → the character and the bit mask of the letters its readings start with. */
  let ids = new Map<string, number>();
  let chars: string[] = [];
  let generation = 0;
  const idOf = (ch: string): number => {
    let id = ids.get(ch);
    if (id === undefined) {
      if (chars.length >= charLimit) {
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
      if (maskCache.size >= charLimit) maskCache.clear();
      maskCache.set(ch, (m = initialsOf(ch)));
    }
    return m;
  };

  /**
   * Whether some reading of a character starts with a piece of a term (the library asked about the single
   * character), keyed by piece + "|" + character: kept across terms, so a keystroke asks only about its new pieces
   * (and the library's one-key memo of the whole term is not pushed out by single-character calls during a search).
   */
  let pieces = new Map<string, boolean>();
  const startsWith = (ch: string, piece: string): boolean => {
    const key = `${piece}|${ch}`;
    let r = pieces.get(key);
    if (r === undefined) {
      if (pieces.size >= pieceLimit) pieces = new Map();
      pieces.set(key, (r = match(ch, piece) !== false));
    }
    return r;
  };

  function prepare(parts: readonly string[]): PreparedNames {
    const kept = parts.slice(0, MAX_PARTS);
    for (let attempt = 0; ; attempt++) {
      const before = generation;
      const out: number[] = [];
      let any = 0;
      kept.forEach((part, k) => {
        for (const ch of part) {
          if (ch === " ") continue;
          const m = maskOf(ch);
          if (m === 0) {
            if (out.length > 0 && out[out.length - 2] === 0) continue;
            out.push(0, -1 - k);
          } else {
            out.push(m, idOf(ch));
            any |= m;
          }
        }
        if (!(out.length > 0 && out[out.length - 2] === 0 && out[out.length - 1] === -1 - k)) out.push(0, -1 - k);
      });
      // The table started over within these names: their first ids are stale, prepare them again. Twice: they
      // have more distinct characters than the table holds, and are always asked of the library (generation −1).
      if (generation === before || attempt === 1) return { parts: kept, cells: Int32Array.from(out), any, generation: generation === before ? generation : -1 };
    }
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
       * A typed table indexed id × n + j (KNOWN once asked), grown up to the largest id a test reaches; it belongs
       * to one generation of the character table and starts over with it.
       */
      let reach = new Uint32Array(64 * n);
      let reachGeneration = generation;
      const reachOf = (id: number, j: number): number => {
        const key = id * n + j;
        if (key >= reach.length) {
          const grown = new Uint32Array(Math.max(key + n, reach.length * 2));
          grown.set(reach);
          reach = grown;
        }
        let r = reach[key] as number;
        if (r === 0) {
          const ch = chars[id] as string;
          for (let len = 1; j + len <= n && startsWith(ch, term.slice(j, j + len)); len++) r |= 1 << (j + len);
          reach[key] = r | KNOWN;
          return r;
        }
        return r & ~KNOWN;
      };
      return (names) => {
        if (!(names.any & first)) return false;
        // One letter: an initial of some character is the whole match.
        if (n === 1) return true;
        // Names prepared before the character table started over: their ids are stale, ask the library.
        if (names.generation !== generation) return names.parts.some((p) => match(p, term) !== false);
        if (reachGeneration !== generation) {
          reach = new Uint32Array(64 * n);
          reachGeneration = generation;
        }
        const cells = names.cells;
        let asked = 0;
        // Cells come in pairs (mask, id); the last pair is a barrier (mask 0), which ends every walk below.
        for (let p = 0; p < cells.length; p += 2) {
          if (!((cells[p] as number) & first)) continue;
          // The term's letters as the initials of n characters in a row: the library's initials match, exactly.
          let i = 1;
          while (i < n && (cells[p + 2 * i] as number) & (bits[i] as number)) i++;
          if (i === n) return true;
          // The whole term as one piece of this one character: exact (the library asked about the character).
          let offsets = reachOf(cells[p + 1] as number, 0);
          if (offsets & done) return true;
          // Pieces over the following characters: every offset a match could be at after each character.
          let q = p + 2;
          let candidate = false;
          for (; offsets !== 0 && (cells[q] as number) !== 0; q += 2) {
            let next = 0;
            const id = cells[q + 1] as number;
            for (let o = offsets; o !== 0; o &= o - 1) next |= reachOf(id, 31 - Math.clz32(o & -o));
            if (next & done) {
              candidate = true;
              break;
            }
            offsets = next;
          }
          if (!candidate) continue;
          // Only a possible match: a non-last piece must be a whole reading, which the library decides.
          while ((cells[q] as number) !== 0) q += 2;
          const part = -1 - (cells[q + 1] as number);
          if (!(asked & (1 << part))) {
            asked |= 1 << part;
            if (match(names.parts[part] as string, term) !== false) return true;
          }
        }
        return false;
      };
    },
  };
}
