/**
 * CSV parsed piece by piece (issue 10 item 6): text is pushed as it is decoded, rows come out as soon as they are
 * complete, so a 100,000-row file is parsed and validated in slices with the main thread free between them, and
 * neither the whole text nor all the raw rows are ever held at once. Pure: text in, rows out (no IO, no clock).
 *
 * papaparse does the CSV (quotes, escaped quotes, CRLF/LF, a quoted line break, the delimiter guess). Of its inputs
 * the Node readable-stream one (papaparse.com/docs "Papa.parse(stream, config)") is the one that takes text in
 * pieces and carries a row cut between two pieces into the next — its ChunkStreamer keeps the unfinished row,
 * quoted line breaks included, and parses it again with the next piece. So the text is handed to it through a
 * minimal object with that shape (readable, read, on, removeListener, pause, resume); it is plain JavaScript, so
 * it works in every Office webview. Not the File input: it reads byte slices with FileReader.readAsText, which
 * cuts a multi-byte character (UTF-8 or GBK Chinese) at a slice boundary. Not `worker: true`: papaparse starts
 * its worker from a blob: URL, which a host's Content-Security-Policy may refuse, and its worker reads the File
 * the same way.
 */
import Papa from "papaparse";

/** One data row: cells as long as the header row (short rows padded with ""), and its record number. */
export interface CsvRow {
  cells: string[];
  /** Record number in the file, the header being 1 (the row number a user sees in Excel). */
  line: number;
  /** papaparse's code when the row is not valid CSV (MissingQuotes, InvalidQuotes): its cells cannot be trusted. */
  problem?: string;
}

export interface CsvStreamHandlers {
  /** The header row (trimmed), once, before any data row. */
  onHeaders?(headers: string[]): void;
  /** Data rows of the text pushed so far, blank rows left out; called once per push that completes rows. */
  onRows?(rows: CsvRow[]): void;
}

export interface CsvRowStream {
  /** The next piece of the text (a leading byte-order mark in the first piece is dropped). */
  push(text: string): void;
  /** No more text: the last row (if the file does not end with a line break) comes out. */
  end(): void;
  /** The header row, once parsed. */
  readonly headers: readonly string[] | undefined;
  /** Data rows seen so far (blank rows not counted). */
  readonly rowCount: number;
  /** Malformed-CSV problems papaparse reported: the record number (header = 1) and papaparse's code. */
  readonly problems: readonly { line: number; code: string }[];
}

type Listener = (arg?: unknown) => void;

/**
 * papaparse guesses the line break (CRLF, LF or CR) and the delimiter from the first piece it gets: a first piece
 * holding only a header cut between "\r" and "\n" would be taken for CR line breaks. So the text is held until
 * this much has come and it holds a line break (or the text ends) — a hundred rows of an Outlook export, less than
 * one slice.
 */
export const FIRST_PIECE_CHARS = 16 * 1024;

export interface CsvRowStreamOptions {
  /** Characters held before the first parse (tests use a small value to cut rows at every place). */
  firstPieceChars?: number;
}

/** Rows from text pushed in pieces; the same rows, record numbers and problems whatever the piece boundaries. */
export function createCsvRowStream(handlers: CsvStreamHandlers = {}, options: CsvRowStreamOptions = {}): CsvRowStream {
  const firstPieceChars = options.firstPieceChars ?? FIRST_PIECE_CHARS;
  const listeners: Record<"data" | "end" | "error", Set<Listener>> = { data: new Set(), end: new Set(), error: new Set() };
  const source = {
    readable: true,
    read: () => null,
    on(event: string, fn: Listener) {
      listeners[event as keyof typeof listeners]?.add(fn);
      return source;
    },
    removeListener(event: string, fn: Listener) {
      listeners[event as keyof typeof listeners]?.delete(fn);
      return source;
    },
    // Only called when the chunk callback pauses the parser; this one never does (the caller paces the pushes).
    pause: () => source,
    resume: () => source,
  };

  let headers: string[] | undefined;
  let nextRecord = 1;
  let rowCount = 0;
  let first = true;
  let ended = false;
  let held: string[] | undefined = [];
  let heldChars = 0;
  let carry = "";
  const problems: { line: number; code: string }[] = [];

  Papa.parse<string[]>(source as unknown as Papa.LocalFile, {
    skipEmptyLines: false,
    chunk(results) {
      const records = results.data;
      const base = nextRecord;
      const problemAt = new Map<number, string>();
      for (const e of results.errors) {
        // A guessed delimiter that fell back to "," is not a problem of any row (one-column files have no delimiter).
        if (e.code === "UndetectableDelimiter") continue;
        // An error on the unfinished row at the piece's end (papaparse reports one when the piece ends inside a
        // quoted field): that row is parsed again with the next piece, which reports its real problems, if any.
        if ((e.row ?? 0) >= records.length) continue;
        problems.push({ line: base + (e.row ?? 0), code: e.code });
        if (!problemAt.has(e.row ?? 0)) problemAt.set(e.row ?? 0, e.code);
      }
      const rows: CsvRow[] = [];
      records.forEach((record, i) => {
        if (!headers) {
          headers = record.map((h) => h.trim());
          handlers.onHeaders?.(headers);
          return;
        }
        if (record.every((cell) => cell.trim() === "")) return;
        const cells = headers.length === record.length ? record : headers.map((_, j) => record[j] ?? "");
        const problem = problemAt.get(i);
        rows.push(problem ? { cells, line: base + i, problem } : { cells, line: base + i });
      });
      nextRecord += records.length;
      rowCount += rows.length;
      if (rows.length) handlers.onRows?.(rows);
    },
    // Rows went out through `chunk`; the stream's own "error" event is never emitted here.
    complete: () => undefined,
    error: () => undefined,
  });

  const emit = (event: keyof typeof listeners, arg?: unknown) => {
    for (const fn of [...listeners[event]]) fn(arg);
  };

  return {
    push(text: string) {
      if (ended) throw new Error("CSV stream already ended");
      if (first && text !== "") {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text === "") return;
      if (held) {
        held.push(text);
        heldChars += text.length;
        if (heldChars < firstPieceChars) return;
        text = held.join("");
        // A trailing "\r" could be the first half of a CRLF: it would count as a CR line break in the guess.
        const tail = text.endsWith("\r") ? "\r" : "";
        if (tail) text = text.slice(0, -1);
        // Without a line break there is nothing to guess from (papaparse would take "\n"): hold on.
        if (!/[\r\n]/.test(text)) {
          held = [text + tail];
          return;
        }
        held = undefined;
        carry = tail;
      } else if (carry) {
        text = carry + text;
        carry = "";
      }
      emit("data", text);
    },
    end() {
      if (ended) return;
      ended = true;
      if (held?.length) emit("data", held.join(""));
      else if (carry) emit("data", carry);
      held = undefined;
      emit("end");
    },
    get headers() {
      return headers;
    },
    get rowCount() {
      return rowCount;
    },
    problems,
  };
}
