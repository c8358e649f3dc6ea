/**
 * Character encoding of an imported CSV file (issue 6). Outlook for Windows in a Chinese locale exports contacts
 * CSV in the ANSI code page 936 (GBK), not UTF-8; Excel's "Unicode text" is UTF-16. Pure: bytes in, text out.
 *
 * Detection: a byte-order mark decides (UTF-8 EF BB BF, UTF-16LE FF FE, UTF-16BE FE FF); without one, a UTF-16
 * file is recognised by its zero bytes (ASCII text has a zero in every other byte); otherwise the bytes are
 * tried as strict UTF-8 (`fatal: true`), and anything that is not valid UTF-8 is decoded as GB18030 — the
 * superset of GBK/GB2312 that the WHATWG Encoding Standard (and so every browser and Node's full ICU) provides.
 */

export type TextEncodingName = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export const TEXT_ENCODINGS: readonly TextEncodingName[] = ["utf-8", "gb18030", "utf-16le", "utf-16be"];

export interface DecodedText {
  /** The text without a byte-order mark. */
  text: string;
  encoding: TextEncodingName;
  /** How the encoding was chosen: a BOM, the bytes' content, or the caller's override. */
  detectedBy: "bom" | "content" | "override";
}

function bomEncoding(b: Uint8Array): TextEncodingName | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return undefined;
}

/** UTF-16 without a BOM: in the first bytes, zeros sit (almost) only at odd (LE) or even (BE) offsets. */
function utf16ByZeros(b: Uint8Array): TextEncodingName | undefined {
  const n = Math.min(b.length, 1024) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (b[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.3 && even === 0) return "utf-16le";
  if (even >= pairs * 0.3 && odd === 0) return "utf-16be";
  return undefined;
}

function decode(bytes: Uint8Array, encoding: TextEncodingName, fatal = false): string {
  // ignoreBOM false (the default): a leading BOM of the chosen encoding is removed from the text.
  return new TextDecoder(encoding, { fatal }).decode(bytes);
}

/**
 * The encoding of a file from its first bytes (the same rules as decodeText). `complete` = the sample is the whole
 * file; otherwise a multi-byte character cut at the sample's end is not held against UTF-8 (streaming decode).
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): { encoding: TextEncodingName; detectedBy: "bom" | "content" } {
  const bom = bomEncoding(sample);
  if (bom) return { encoding: bom, detectedBy: "bom" };
  const wide = utf16ByZeros(sample);
  if (wide) return { encoding: wide, detectedBy: "content" };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: !complete });
    return { encoding: "utf-8", detectedBy: "content" };
  } catch {
    return { encoding: "gb18030", detectedBy: "content" };
  }
}

/** Decodes a file's bytes, detecting the encoding unless `override` names one. Throws only on a missing decoder. */
export function decodeText(bytes: Uint8Array, override?: TextEncodingName): DecodedText {
  if (override) return { text: stripBom(decode(bytes, override)), encoding: override, detectedBy: "override" };
  const bom = bomEncoding(bytes);
  if (bom) return { text: stripBom(decode(bytes, bom)), encoding: bom, detectedBy: "bom" };
  const wide = utf16ByZeros(bytes);
  if (wide) return { text: decode(bytes, wide), encoding: wide, detectedBy: "content" };
  try {
    return { text: decode(bytes, "utf-8", true), encoding: "utf-8", detectedBy: "content" };
  } catch {
    return { text: decode(bytes, "gb18030"), encoding: "gb18030", detectedBy: "content" };
  }
}

function stripBom(s: string): string {
  return s.startsWith("\uFEFF") ? s.slice(1) : s;
}

/** True when the text has U+FFFD replacement characters: bytes the chosen encoding could not decode. */
export function hasUndecodableBytes(text: string): boolean {
  return text.includes("\uFFFD");
}
