import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

export interface CsvRow {
  /** The physical line the record starts on; the header is line 1. */
  line: number;
  /** Cells by column name; a cell the row lacks is "". */
  cells: Record<string, string>;
  /** Set when the row has more cells than the header. */
  extraCells?: number;
}

export interface CsvFile {
  header: string[];
  rows: AsyncIterable<CsvRow>;
}

/**
 * Streams a UTF-8 CSV file (RFC 4180, optional BOM) as rows keyed by the header. Memory stays flat:
 * rows are produced one at a time. Empty lines are skipped.
 */
export async function openCsv(file: string): Promise<CsvFile> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await iterator.next();
  const header = first.done ? [] : first.value.record.map((h) => h.trim());
  async function* rows(): AsyncGenerator<CsvRow> {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const { record, info } = next.value;
      // csv-parse reports the line a record ends on; a quoted cell may span lines.
      const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      const cells: Record<string, string> = {};
      header.forEach((name, i) => (cells[name] = (record[i] ?? "").trim()));
      const row: CsvRow = { line: info.lines - newlines, cells };
      if (record.length > header.length && record.slice(header.length).some((c) => c.trim() !== "")) {
        row.extraCells = record.length - header.length;
      }
      yield row;
    }
  }
  return { header, rows: rows() };
}
