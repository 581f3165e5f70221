import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../config.js";
import { openDatabase } from "../graph/db/database.js";
import { DataSetError, importDataSet, type ImportOptions, type ImportResult } from "../graph/import/importer.js";
import { FILES } from "../graph/import/spec.js";
import { formatProblem } from "../graph/import/validate.js";
import { createLogger } from "../logger.js";
import { Progress } from "./progress.js";
import { parseOrExit, UsageError } from "./usage.js";

export { UsageError };

export const USAGE = `usage: npm run import -- <folder> [--year YYYY] [--skip-invalid] [--rejects FILE] [--max-errors N]

  <folder>          a data-set folder (docs/data-format.md)
  --year YYYY       load the folder as the full state of that year (default: timeless data, which holds in
                    every year); re-importing a year replaces that year's state
  --skip-invalid    write every valid row; skip each bad row and every row that names a skipped one,
                    listing them in the rejects file (default: strict, write nothing on any problem)
  --rejects FILE    with --skip-invalid: the rejects file (default: <folder>.rejects.csv beside the folder)
  --max-errors N    stop and write nothing once more than N problems are found
                    (with --skip-invalid: more than N rejected rows)
  --help            show this help

exit status: 0 imported, 1 nothing written (problems, too many errors) or a failed write, 2 bad usage`;

export interface ImportArgs {
  folder: string;
  year?: number;
  skipInvalid: boolean;
  rejectsFile?: string;
  maxErrors?: number;
}

/** Parses the command line (`--flag value` or `--flag=value`); returns null when help was asked for. */
export function parseArgs(argv: readonly string[]): ImportArgs | null {
  const folders: string[] = [];
  const seen = new Set<string>();
  let skipInvalid = false;
  let rejectsFile: string | undefined;
  let maxErrors: number | undefined;
  let year: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return null;
    if (!arg.startsWith("-")) {
      folders.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (seen.has(name)) throw new UsageError(`${name} given twice`);
    seen.add(name);
    const value = (): string => {
      const v = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === "" || (eq < 0 && v.startsWith("--"))) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case "--skip-invalid":
        if (eq >= 0) throw new UsageError("--skip-invalid takes no value");
        skipInvalid = true;
        break;
      case "--rejects":
        rejectsFile = value();
        break;
      case "--year": {
        const raw = value();
        if (!/^\d{4}$/.test(raw)) throw new UsageError(`--year must be a year of four digits, got "${raw}"`);
        year = Number(raw);
        break;
      }
      case "--max-errors": {
        const raw = value();
        if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
          throw new UsageError(`--max-errors must be a whole number of 0 or more, got "${raw}"`);
        }
        maxErrors = Number(raw);
        break;
      }
      default:
        throw new UsageError(`unknown flag ${name}`);
    }
  }
  if (folders.length === 0) throw new UsageError("give the data-set folder");
  if (folders.length > 1) throw new UsageError(`give one data-set folder, got ${folders.length}: ${folders.join(" ")}`);
  const folder = folders[0]!;
  if (rejectsFile !== undefined && !skipInvalid) throw new UsageError("--rejects needs --skip-invalid");
  if (rejectsFile !== undefined && FILES.some((f) => path.resolve(folder, f.file) === path.resolve(rejectsFile))) {
    throw new UsageError(`--rejects ${rejectsFile} is one of the data set's own files`);
  }
  const args: ImportArgs = { folder, skipInvalid };
  if (rejectsFile !== undefined) args.rejectsFile = rejectsFile;
  if (maxErrors !== undefined) args.maxErrors = maxErrors;
  if (year !== undefined) args.year = year;
  return args;
}

/** `npm run import -- <folder> [flags]`: validates a data set whole, then writes it (or nothing, or its valid rows). */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseOrExit(parseArgs, argv, USAGE);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
  const db = await openDatabase(config, logger);
  // Validation's share done is bytes read, as its row total is not known until it ends; writing knows it.
  const validating = new Progress({ label: "validating", doneLabel: "validated" });
  let writing: Progress | undefined;
  const options: ImportOptions = {
    skipInvalid: args.skipInvalid,
    onValidationProgress: (p) =>
      validating.update(p.done, { fraction: p.totalBytes ? p.bytes / p.totalBytes : 1, detail: p.file }),
    onValidated: ({ toWrite, rejected }) => {
      validating.finish(
        args.skipInvalid
          ? `${rejected.toLocaleString("en-US")} rejected, ${toWrite.toLocaleString("en-US")} to write`
          : undefined,
      );
      writing = new Progress({ label: "writing", doneLabel: "wrote", total: toWrite });
    },
    onProgress: (p) => writing?.update(p.done, { detail: p.file }),
  };
  if (args.rejectsFile !== undefined) options.rejectsFile = args.rejectsFile;
  if (args.maxErrors !== undefined) options.maxErrors = args.maxErrors;
  if (args.year !== undefined) options.year = args.year;
  try {
    const result = await importDataSet(db.executor, args.folder, options);
    writing?.finish();
    printResult(result, args.skipInvalid, db.uri);
    return 0;
  } catch (error) {
    validating.finish("stopped");
    writing?.finish("stopped");
    if (error instanceof DataSetError) {
      for (const p of error.problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stderr.write(`${error.summary}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

function printResult(result: ImportResult, skipInvalid: boolean, uri: string): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
  if (skipInvalid) out(`${"file".padEnd(20)} ${"written".padStart(9)} ${"rejected".padStart(9)}`);
  for (const [file, rows] of Object.entries(result.rows)) {
    out(
      skipInvalid
        ? `${file.padEnd(20)} ${String(rows).padStart(9)} ${String(result.rejected[file] ?? 0).padStart(9)}`
        : `${file.padEnd(20)} ${rows}`,
    );
  }
  out(`imported ${total} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.rowsPerSecond)} rows/s) into ${uri}`);
  if (result.year) {
    const { year, swept } = result.year;
    out(
      `as the state of ${year}: ${swept.nodes} entities and ${swept.relationships} relationships of ${year} are not in it and no longer hold in ${year} (${swept.removed} of them held in no other year and were removed)`,
    );
  }
  out(
    `derived analytics data: ${result.derived.inRegion} region counts for ${result.derived.products} products in ${result.derived.seconds.toFixed(1)} s (included above)`,
  );
  if (skipInvalid) {
    const own = result.rejectedCount - result.dependentCount;
    out(
      `rejected ${result.rejectedCount} rows (${own} with problems, ${result.dependentCount} naming a rejected row), listed in ${result.rejectsFile}`,
    );
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
