import { createWriteStream, mkdirSync, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import path from "node:path";
import type { Executor } from "../db/executor.js";
import { csvLine } from "../import/csv.js";
import { FILES, type FileSpec } from "../import/spec.js";
import { graphYears, yearOf } from "../import/years.js";
import { FILE_READERS, INDUSTRY_LABELS, type FileReader } from "./files.js";
import { Pager, PAGE_ROWS, type PageRead } from "./pages.js";
import { columnProblem, isBookkeeping } from "./properties.js";
import { cellText } from "./values.js";

/**
 * The graph back out as a data set in the import format (docs/data-format.md, "Exporting"): every
 * file of FILES, in its order and with its columns, plus an extra column for each property an import
 * stored from an extra column. Importing the files gives the graph they were exported from.
 */

export interface ExportOptions {
  /** The year whose state to export. Default: the latest year the graph holds; a timeless graph is exported whole. */
  year?: number;
  /** Rows read per statement (default PAGE_ROWS). */
  pageRows?: number;
  /** After each page written: the file, its rows so far, and the rows of every file so far. */
  onProgress?: (p: { file: string; rows: number; done: number }) => void;
}

/** A property of the file's elements that no column can hold (no import stores one), with the reason. */
export interface OmittedProperty {
  key: string;
  reason: string;
}

export interface ExportedFile {
  file: string;
  rows: number;
  /** The header: the standard columns, then the extra ones. */
  columns: string[];
  /** The extra columns: properties an import stored from extra columns. */
  extras: string[];
  omitted: OmittedProperty[];
}

export interface ExportResult {
  /** The year whose state was exported; null for a graph without years (everything was). */
  year: number | null;
  /** The years the graph holds, ascending ([] for a timeless graph). */
  years: number[];
  /** No year was asked and the graph has years: the latest one was exported. */
  latest: boolean;
  /** The files written, in the format's order. */
  files: ExportedFile[];
  /** Optional files not written, and why (a stale copy in the folder was removed). */
  skipped: Array<{ file: string; reason: string }>;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/**
 * Writes the graph's state in `options.year` (by default the latest, or everything when the graph has
 * no years) into the folder `dir` as a data set. Reads are keyset pages of `pageRows` rows, and each
 * page is written before the next is read, so memory stays flat whatever the graph's size. A year the
 * graph does not hold is BAD_USER_INPUT (yearOf). The folder is created when missing; files of the
 * format in it are replaced.
 */
export async function exportDataSet(executor: Executor, dir: string, options: ExportOptions = {}): Promise<ExportResult> {
  const started = performance.now();
  const years = await graphYears(executor);
  const year = yearOf(years, options.year);
  const read: PageRead = <Row>(operation: string, cypher: string, params: Record<string, unknown>) =>
    executor.read<Row>(operation, cypher, params);
  mkdirSync(dir, { recursive: true });
  const files: ExportedFile[] = [];
  const skipped: ExportResult["skipped"] = [];
  let done = 0;
  for (const spec of FILES) {
    const reader = FILE_READERS[spec.file];
    if (!reader) throw new Error(`no export reader for ${spec.file}`);
    const target = path.join(dir, spec.file);
    const skip = (reason: string) => {
      skipped.push({ file: spec.file, reason });
      rmSync(target, { force: true });
    };
    if (spec.file === "industries.csv" && (await onlyLabels(executor, year))) {
      skip("every industry is a chain's free label, which chains.csv makes again");
      continue;
    }
    const { extras, omitted } = await extraColumns(executor, reader, spec, year);
    const columns = [...spec.columns.map((c) => c.name), ...extras];
    // A required file is written even empty; an optional one only when it has a row.
    let out: CsvOut | undefined = spec.optional ? undefined : new CsvOut(target, columns);
    let rows = 0;
    try {
      for await (const page of new Pager(read, reader.pages, { year }, options.pageRows ?? PAGE_ROWS)) {
        out ??= new CsvOut(target, columns);
        let text = "";
        for (const row of page) {
          const { cells, props } = reader.item(row);
          text += `${csvLine([...spec.columns.map((c) => cellText(cells[c.name])), ...extras.map((key) => cellText(props[key]))])}\n`;
        }
        await out.write(text);
        rows += page.length;
        done += page.length;
        options.onProgress?.({ file: spec.file, rows, done });
      }
    } catch (error) {
      out?.abort();
      throw error;
    }
    if (!out) {
      skip("no such data");
      continue;
    }
    await out.close();
    files.push({ file: spec.file, rows, columns, extras, omitted });
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    year,
    years,
    latest: options.year === undefined && year !== null,
    files,
    skipped,
    rows: done,
    seconds,
    rowsPerSecond: done / seconds,
  };
}

/** The extra columns of `spec`'s file in `year`: its elements' properties that are data, not standard, and can be columns. */
async function extraColumns(
  executor: Executor,
  reader: FileReader,
  spec: FileSpec,
  year: number | null,
): Promise<{ extras: string[]; omitted: OmittedProperty[] }> {
  const rows = await executor.read<{ key: string }>(`export.keys.${spec.file}`, reader.keys, { year });
  const extras: string[] = [];
  const omitted: OmittedProperty[] = [];
  for (const { key } of rows) {
    if (reader.standard.has(key) || isBookkeeping(key)) continue;
    const reason = columnProblem(key, spec);
    if (reason) omitted.push({ key, reason });
    else extras.push(key);
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { extras: extras.sort(byKey), omitted: omitted.sort((a, b) => byKey(a.key, b.key)) };
}

/** Whether the graph's industries in `year` are all bare labels of chains (INDUSTRY_LABELS), or there are none. */
async function onlyLabels(executor: Executor, year: number | null): Promise<boolean> {
  const [row] = await executor.read<{ industries: number; labels: number }>("export.industryLabels", INDUSTRY_LABELS.cypher, {
    ...INDUSTRY_LABELS.params,
    year,
  });
  return Number(row?.industries ?? 0) === Number(row?.labels ?? 0);
}

/** A CSV file written with backpressure: a write waits while the stream's buffer is full. */
class CsvOut {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(file: string, columns: readonly string[]) {
    this.stream = createWriteStream(file);
    // Kept for the next write or close, so a failed disk never surfaces as an uncaught 'error' event.
    this.stream.on("error", (error) => {
      this.failure = error;
    });
    this.stream.write(`${csvLine(columns)}\n`);
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  /** Closes the file as it is, after a failure. */
  abort(): void {
    this.stream.destroy();
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await finished(this.stream);
  }
}
