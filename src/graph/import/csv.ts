import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

export interface CsvRow {
  /** The physical line the record starts on; the header is line 1. */
  line: number;
  /** Cells by column name, trimmed (see `cleanCell`); a cell the row lacks is "". */
  cells: Record<string, string>;
  /** The record's cells as they are in the file, untrimmed (for the rejects file). */
  record: string[];
  /** Bytes of the file read so far. */
  bytes: number;
  /** Set when the row has more cells than the header. */
  extraCells?: number;
}

export interface CsvFile {
  header: string[];
  rows: AsyncIterable<CsvRow>;
}

/** Zero-width characters that scraped data carries around codes and names; `String.trim` keeps them. */
const ZERO_WIDTH = /^[\s\u200B-\u200D\u2060]+|[\s\u200B-\u200D\u2060]+$/g;

/**
 * A cell as the importer reads it: without leading or trailing white space (spaces, tabs, line breaks,
 * no-break and ideographic spaces, byte-order marks) or zero-width spaces.
 */
export function cleanCell(cell: string): string {
  const trimmed = cell.trim();
  if (trimmed === "") return trimmed;
  // The regular expression only runs on the rare cell that needs it.
  return isZeroWidth(trimmed.charCodeAt(0)) || isZeroWidth(trimmed.charCodeAt(trimmed.length - 1))
    ? trimmed.replace(ZERO_WIDTH, "")
    : trimmed;
}

function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060;
}

/**
 * Streams a UTF-8 CSV file (RFC 4180, optional BOM) as rows keyed by the header. Memory stays flat:
 * rows are produced one at a time. Empty lines are skipped. Header names and cells are trimmed.
 */
export async function openCsv(file: string): Promise<CsvFile> {
  const source = createReadStream(file);
  const parser = source.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number; bytes: number } }>;
  const first = await iterator.next();
  const header = first.done ? [] : first.value.record.map(cleanCell);
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const { record, info } = next.value;
        // csv-parse reports the line a record ends on; a quoted cell may span lines. (Plain loops: this
        // runs for every row of a million-row file.)
        let newlines = 0;
        for (const cell of record) {
          for (let at = cell.indexOf("\n"); at >= 0; at = cell.indexOf("\n", at + 1)) newlines += 1;
        }
        const cells: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) cells[header[i]!] = cleanCell(record[i] ?? "");
        const row: CsvRow = { line: info.lines - newlines, cells, record, bytes: info.bytes };
        if (record.length > header.length && record.slice(header.length).some((c) => cleanCell(c) !== "")) {
          row.extraCells = record.length - header.length;
        }
        yield row;
      }
    } finally {
      // A reader that stops early (validation past --max-errors) closes the file.
      source.destroy();
      await iterator.return?.();
    }
  }
  return { header, rows: rows() };
}

/** One cell as RFC 4180 text: quoted when it holds a comma, quote, line break or edge white space. */
export function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record as a CSV line, without the line break. */
export function csvLine(cells: ReadonlyArray<string | number>): string {
  return cells.map(csvCell).join(",");
}
