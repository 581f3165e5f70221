/**
 * Export benchmark: how fast the graph comes back out, on whatever graph the bench Neo4j holds.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7699 npx tsx bench/export.ts [--year 2025] [--out DIR] [--page-rows 1000] [--json FILE]
 *
 * Reads only. Two measures, one after the other:
 *   1. the data-set export (`exportDataSet`, src/graph/export/exporter.ts, what `npm run export` runs)
 *      into --out (default a temporary folder, removed afterwards): rows and rows/s per file and in all;
 *   2. the NDJSON routes' reads (src/graph/export/streams.ts: enterprises, products, supply links),
 *      page by page and serialised as the routes do, without HTTP: rows and rows/s per stream.
 * With the process's peak resident memory (VmHWM) after each, as the export must stay flat whatever
 * the graph's size. `--year` exports that year (default the latest, as the command does); `--json`
 * also writes every figure to FILE.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/graph/db/database.js";
import { exportDataSet } from "../src/graph/export/exporter.js";
import { Pager, PAGE_ROWS, type PageRead } from "../src/graph/export/pages.js";
import { STREAM_NAMES, STREAMS } from "../src/graph/export/streams.js";
import { yearOf } from "../src/graph/import/years.js";
import { createLogger } from "../src/logger.js";
import { machine, serviceCommit } from "./machine.js";
import { memoryOf, numberArg, parseArgs, stringArg } from "./util.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const peakMb = () => Math.round((memoryOf(process.pid)?.peakKb ?? 0) / 1024);

interface Measure {
  name: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

const measure = (name: string, rows: number, seconds: number): Measure => ({
  name,
  rows,
  seconds: Math.round(seconds * 100) / 100,
  rowsPerSecond: Math.round(rows / seconds),
});

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rawYear = stringArg(args, "year");
  const pageRows = numberArg(args, "page-rows", PAGE_ROWS);
  const json = stringArg(args, "json");
  const given = stringArg(args, "out");
  const out = given ?? mkdtempSync(path.join(tmpdir(), "chain-kg-bench-export-"));
  const config = loadConfig();
  const db = await openDatabase(config, createLogger("warn"));
  try {
    // 1. The data-set export, file by file.
    const fileSeconds = new Map<string, number>();
    let last = performance.now();
    const result = await exportDataSet(db.executor, out, {
      ...(rawYear !== undefined && { year: Number(rawYear) }),
      pageRows,
      onProgress: (p) => {
        const now = performance.now();
        fileSeconds.set(p.file, (fileSeconds.get(p.file) ?? 0) + (now - last) / 1000);
        last = now;
      },
    });
    const files = result.files.map((f) => measure(f.file, f.rows, fileSeconds.get(f.file) ?? 0));
    const total = measure("all files", result.rows, result.seconds);
    const exportPeakMb = peakMb();
    log(`data-set export of ${result.year === null ? "the whole (timeless) graph" : `the state of ${result.year}`} into ${out}`);
    for (const m of [...files, total])
      log(`  ${m.name.padEnd(20)} ${String(m.rows).padStart(10)} rows ${String(m.rowsPerSecond).padStart(8)} rows/s`);
    log(`  peak memory ${exportPeakMb} MB`);

    // 2. The NDJSON routes' reads and serialisation.
    const year = yearOf(await db.executor.heldYears(), rawYear === undefined ? undefined : Number(rawYear));
    const read: PageRead = <Row>(operation: string, cypher: string, params: Record<string, unknown>) =>
      db.executor.read<Row>(operation, cypher, params);
    const streams: Measure[] = [];
    for (const name of STREAM_NAMES) {
      const started = performance.now();
      let rows = 0;
      let bytes = 0;
      for await (const page of new Pager(read, STREAMS[name].pages, { year }, pageRows)) {
        for (const row of page) bytes += JSON.stringify(STREAMS[name].record(row)).length + 1;
        rows += page.length;
      }
      streams.push(measure(`${name}.ndjson`, rows, (performance.now() - started) / 1000));
      log(
        `  ${`${name}.ndjson`.padEnd(20)} ${String(rows).padStart(10)} rows ${String(streams.at(-1)!.rowsPerSecond).padStart(8)} rows/s (${Math.round(bytes / 1024)} kB)`,
      );
    }
    const streamPeakMb = peakMb();
    log(`  peak memory ${streamPeakMb} MB`);

    if (json) {
      const figures = {
        machine: machine(),
        commit: serviceCommit(),
        neo4jUri: db.uri,
        year: result.year,
        pageRows,
        export: { files, total, peakMb: exportPeakMb },
        streams: { streams, peakMb: streamPeakMb },
      };
      writeFileSync(json, `${JSON.stringify(figures, null, 2)}\n`);
      log(`wrote ${json}`);
    }
  } finally {
    await db.close();
    if (given === undefined) rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
