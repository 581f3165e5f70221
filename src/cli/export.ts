import path from "node:path";
import { pathToFileURL } from "node:url";
import { GraphQLError } from "graphql";
import { pino } from "pino";
import { loadConfig } from "../config.js";
import { ErrorCode } from "../errors.js";
import { openDatabase } from "../graph/db/database.js";
import { exportDataSet, type ExportResult } from "../graph/export/exporter.js";
import { createLogger } from "../logger.js";
import { Progress } from "./progress.js";
import { parseOrExit, UsageError } from "./usage.js";

export const USAGE = `usage: npm run export -- --out DIR [--year YYYY]

  --out DIR     the folder to write the data set into (created when missing): every file of the import
                format (docs/data-format.md), the optional ones only when the graph holds such data;
                files of the format already in DIR are replaced
  --year YYYY   export the state of that year, one the graph holds (default: the latest year of a graph
                with years; a graph without years is exported whole)
  --help        show this help

The database is the service's: NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), or
with NEO4J_URI unset the local Neo4j (started if it is not running). Importing DIR gives the graph
back; for a graph with years, export each year and import each with --year.

exit status: 0 written, 1 a year the graph does not hold or a failure, 2 bad usage`;

export interface ExportArgs {
  out: string;
  year?: number;
}

const FLAGS = ["--out", "--year"] as const;

/** Parses the command line (`--flag value` or `--flag=value`); returns null when help was asked for. */
export function parseArgs(argv: readonly string[]): ExportArgs | null {
  if (argv.includes("--help") || argv.includes("-h")) return null;
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}" (the folder is given with --out)`);
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!(FLAGS as readonly string[]).includes(flag)) throw new UsageError(`unknown flag ${flag}`);
    if (flags.has(flag)) throw new UsageError(`${flag} given twice`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
    flags.set(flag, value);
  }
  const out = flags.get("--out");
  if (out === undefined) throw new UsageError("--out DIR is required");
  const args: ExportArgs = { out };
  const year = flags.get("--year");
  if (year !== undefined) {
    if (!/^\d{4}$/.test(year)) throw new UsageError(`--year must be a year of four digits, got "${year}"`);
    args.year = Number(year);
  }
  return args;
}

/** `npm run export -- --out DIR [--year YYYY]`: writes the graph (one year's state of it) as a data set. */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseOrExit(parseArgs, argv, USAGE);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn", pino.destination(2));
  const db = await openDatabase(config, logger);
  // Made at the first page, so that a refusal (a year the graph lacks) is one line alone.
  let progress: Progress | undefined;
  let result: ExportResult;
  try {
    result = await exportDataSet(db.executor, args.out, {
      ...(args.year !== undefined && { year: args.year }),
      onProgress: (p) => {
        progress ??= new Progress({ label: "exporting", doneLabel: "read" });
        progress.update(p.done, { detail: p.file });
      },
    });
    progress?.finish();
  } catch (error) {
    progress?.finish("stopped");
    // A year the graph does not hold: one line naming the years it does.
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.BAD_USER_INPUT) {
      process.stderr.write(`export: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
  printResult(result, args.out, db.uri);
  return 0;
}

function printResult(result: ExportResult, out: string, uri: string): void {
  const line = (text: string) => process.stdout.write(`${text}\n`);
  for (const f of result.files) {
    const extras = f.extras.length > 0 ? `  (extra columns: ${f.extras.join(", ")})` : "";
    line(`${f.file.padEnd(20)} ${String(f.rows).padStart(9)}${extras}`);
  }
  for (const { file, reason } of result.skipped) line(`${file.padEnd(20)} ${"-".padStart(9)}  (not written: ${reason})`);
  for (const f of result.files) {
    for (const o of f.omitted) process.stderr.write(`export: ${f.file}: property "${o.key}" left out: ${o.reason}\n`);
  }
  const when =
    result.year === null
      ? "the whole graph (it has no years)"
      : result.latest
        ? `the state of ${result.year}, the latest of the years the graph holds (${result.years.join(", ")}); --year for another`
        : `the state of ${result.year}`;
  line(
    `exported ${result.rows} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.rowsPerSecond)} rows/s) from ${uri} into ${out}: ${when}`,
  );
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`export failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
