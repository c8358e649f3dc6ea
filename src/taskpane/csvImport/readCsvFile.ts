/**
 * Reading a chosen CSV file in slices (issue 10 item 6): bytes → streaming TextDecoder → papaparse piece by piece
 * (createCsvRowStream) → the caller's row handler, with a yield to the event loop after every slice so the pane
 * stays responsive (progress repaints, Cancel is clickable) on a 100,000-row file. Only the slice in hand, the
 * unfinished row and what the handler keeps are in memory: never the file's bytes, its whole text and its raw rows
 * at once. The File itself is a handle: re-reading it (another encoding, the check after the mapping) costs no copy.
 */
import { createCsvRowStream, type CsvRow } from "../../domain/csvStream";
import { detectEncoding, hasUndecodableBytes, type TextEncodingName } from "../../domain/textEncoding";

/**
 * Bytes read, decoded, parsed and checked between two yields: about 400 rows of an Outlook export, a few
 * milliseconds of work on a desktop, so no task comes near the 50 ms of a "long task" even on a slow PC
 * (npm run bench, T6: the longest stretch between yields for 100,000 rows). 256 KB took 25-100 ms.
 */
export const SLICE_BYTES = 64 * 1024;
/** What the column-mapping step reads: the header, the encoding guess and example values. */
export const SAMPLE_BYTES = 256 * 1024;
/** Example rows kept from the sample (the mapping step shows the first non-empty value per column). */
export const SAMPLE_ROWS = 100;

/** The bytes of a slice (Blob.arrayBuffer where present; FileReader in older engines and jsdom). */
function readBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === "function") return blob.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

/** A macrotask boundary: the browser can paint and handle input (a click on Cancel) before the next slice. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface CsvSample {
  headers: string[];
  /** The first data rows (at most SAMPLE_ROWS), for example values. */
  rows: string[][];
  /** True when the sample is the whole file. */
  complete: boolean;
  encoding: TextEncodingName;
  detected: TextEncodingName;
  detectedBy: "bom" | "content";
  /** The sample has characters the encoding could not decode (U+FFFD). */
  undecodable: boolean;
}

/** The file's first SAMPLE_BYTES: header row, encoding (detected, or the user's `override`) and example rows. */
export async function readCsvSample(file: Blob, override?: TextEncodingName): Promise<CsvSample> {
  const complete = file.size <= SAMPLE_BYTES;
  const bytes = await readBytes(complete ? file : file.slice(0, SAMPLE_BYTES));
  const detected = detectEncoding(bytes, complete);
  const encoding = override ?? detected.encoding;
  const text = new TextDecoder(encoding).decode(bytes, { stream: !complete });
  const rows: CsvRow[] = [];
  const stream = createCsvRowStream({ onRows: (part) => rows.push(...part.slice(0, Math.max(0, SAMPLE_ROWS + 1 - rows.length))) });
  stream.push(text);
  stream.end();
  // The sample's last row may be cut at the sample's end: not an example.
  const whole = complete ? rows : rows.slice(0, -1);
  return {
    headers: [...(stream.headers ?? [])],
    rows: whole.slice(0, SAMPLE_ROWS).map((r) => r.cells),
    complete,
    encoding,
    detected: detected.encoding,
    detectedBy: detected.detectedBy,
    undecodable: hasUndecodableBytes(text),
  };
}

export interface CsvReadProgress {
  bytesRead: number;
  totalBytes: number;
  /** Data rows handed to onRows so far. */
  rows: number;
}

export interface StreamCsvOptions {
  /** Aborting stops before the next slice; the result is then "cancelled". */
  signal?: AbortSignal;
  onProgress?(p: CsvReadProgress): void;
  sliceBytes?: number;
  /** Called between slices (default: a macrotask). The benchmark wraps it to time the work between yields. */
  yieldToUi?(): Promise<void>;
  /** Awaited after each slice's rows (and after the last): the import writes the rows it has gathered here. */
  afterSlice?(): Promise<void>;
}

export interface StreamCsvResult {
  status: "done" | "cancelled";
  headers: string[];
  rows: number;
  /** Some bytes could not be decoded in this encoding (U+FFFD in the text). */
  undecodable: boolean;
}

/**
 * Streams the whole file through `onRows` in file order, one slice per task. Read errors reject (the File was
 * changed or removed since it was chosen); a cancel resolves "cancelled" without reading further.
 */
export async function streamCsvFile(
  file: Blob,
  encoding: TextEncodingName,
  onRows: (rows: CsvRow[]) => void,
  opts: StreamCsvOptions = {},
): Promise<StreamCsvResult> {
  const slice = opts.sliceBytes ?? SLICE_BYTES;
  const pause = opts.yieldToUi ?? yieldToEventLoop;
  // ignoreBOM false (the default): the encoding's byte-order mark is not part of the text.
  const decoder = new TextDecoder(encoding);
  const stream = createCsvRowStream({ onRows });
  let undecodable = false;
  const result = (status: StreamCsvResult["status"]): StreamCsvResult => ({ status, headers: [...(stream.headers ?? [])], rows: stream.rowCount, undecodable });
  for (let start = 0; start < file.size; start += slice) {
    if (opts.signal?.aborted) return result("cancelled");
    const bytes = await readBytes(file.slice(start, Math.min(start + slice, file.size)));
    if (opts.signal?.aborted) return result("cancelled");
    // stream: true keeps a character cut at the slice's end for the next slice.
    const text = decoder.decode(bytes, { stream: true });
    if (!undecodable && hasUndecodableBytes(text)) undecodable = true;
    stream.push(text);
    opts.onProgress?.({ bytesRead: Math.min(start + slice, file.size), totalBytes: file.size, rows: stream.rowCount });
    await opts.afterSlice?.();
    await pause();
  }
  if (opts.signal?.aborted) return result("cancelled");
  const rest = decoder.decode();
  if (!undecodable && hasUndecodableBytes(rest)) undecodable = true;
  stream.push(rest);
  stream.end();
  opts.onProgress?.({ bytesRead: file.size, totalBytes: file.size, rows: stream.rowCount });
  await opts.afterSlice?.();
  return result("done");
}
