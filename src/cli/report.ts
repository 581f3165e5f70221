import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { GraphQLError } from "graphql";
import { pino } from "pino";
import { chromiumPath } from "../browser/chromium.js";
import { loadConfig } from "../config.js";
import { ErrorCode } from "../errors.js";
import { openDatabase } from "../graph/db/database.js";
import { createLogger } from "../logger.js";
import { loadReport } from "../report/data.js";
import { parseReportOptions, ReportParamError, type ReportOptions } from "../report/options.js";
import { pdfPathFor, writePdf } from "../report/pdf.js";
import { renderReport } from "../report/render.js";
import { parseOrExit, UsageError } from "./usage.js";

export const USAGE = `usage: npm run report -- --region CODE --out FILE.html [--year YYYY] [--chain CODE] [--lang zh|en]

  --region CODE   the region: a province, economic circle or city (e.g. SD, SD-C-JIAODONG, SD-JINAN)
  --year YYYY     the year the report is for: one the graph holds (default: the latest; the changes
                  compare it with the year before it that the graph holds)
  --out FILE      where to write the report, one self-contained HTML file; its PDF goes beside it
                  (report.html -> report.pdf) when Chromium is installed (CHROMIUM_PATH, default /usr/bin/chromium)
  --chain CODE    only this chain (default: every chain that has products)
  --lang zh|en    the report's language (default zh)
  --help          show this help

The database is the service's: NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), or
with NEO4J_URI unset the local Neo4j (started if it is not running).

exit status: 0 written, 1 unknown region or chain, a year the graph does not hold, or a database failure,
2 bad usage`;

export interface ReportCommand {
  options: ReportOptions;
  out: string;
}

const FLAGS = ["--region", "--year", "--chain", "--lang", "--out"] as const;

/** Parses the command line (`--flag value` or `--flag=value`); returns null when help was asked for. */
export function parseArgs(argv: readonly string[]): ReportCommand | null {
  if (argv.includes("--help") || argv.includes("-h")) return null;
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!(FLAGS as readonly string[]).includes(flag)) throw new UsageError(`unknown flag ${flag}`);
    if (flags.has(flag)) throw new UsageError(`${flag} given twice`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
    flags.set(flag, value);
  }
  const out = flags.get("--out");
  let options: ReportOptions;
  try {
    options = parseReportOptions({
      region: flags.get("--region"),
      year: flags.get("--year"),
      chain: flags.get("--chain"),
      lang: flags.get("--lang"),
    });
  } catch (error) {
    if (error instanceof ReportParamError) throw new UsageError(`--${error.message}`);
    throw error;
  }
  if (out === undefined) throw new UsageError("--out FILE is required");
  return { options, out };
}

/** `npm run report`: writes the annual development map of a region as HTML, and as PDF when Chromium is there. */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseOrExit(parseArgs, argv, USAGE);
  if ("exit" in parsed) return parsed.exit;
  const { options, out } = parsed.args;
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn", pino.destination(2));
  const db = await openDatabase(config, logger);
  let html: string;
  try {
    html = renderReport(await loadReport(db.executor, options));
  } catch (error) {
    // An unknown region or chain, or a year the graph does not hold: one line naming it.
    if (
      error instanceof GraphQLError &&
      (error.extensions.code === ErrorCode.NOT_FOUND || error.extensions.code === ErrorCode.BAD_USER_INPUT)
    ) {
      process.stderr.write(`report: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
  writeFileSync(out, html);
  process.stdout.write(`wrote ${out}\n`);
  const pdf = pdfPathFor(out);
  if (await writePdf(html, pdf)) process.stdout.write(`wrote ${pdf}\n`);
  else
    process.stderr.write(
      `no PDF: no Chromium at ${chromiumPath()} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)\n`,
    );
  return 0;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`report failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
