import path from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import { loadConfig } from "../config.js";
import { verifyTrail } from "../graph/audit/trail.js";
import { openDatabase } from "../graph/db/database.js";
import { createLogger } from "../logger.js";
import { parseOrExit, UsageError } from "./usage.js";

export const USAGE = `usage: npm run audit -- verify

  verify     read the whole audit trail and check its hash chain: every record's hash, every
             record's link to the one before, no gap in the numbering, and the head. Names every
             record that was edited, deleted or inserted outside the trail.
  --help     show this help

The database is the service's: NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), or
with NEO4J_URI unset the local Neo4j (started if it is not running).

exit status: 0 the trail verifies, 1 it does not (or the database failed), 2 bad usage`;

export function parseArgs(argv: readonly string[]): { command: "verify" } | null {
  if (argv.includes("--help") || argv.includes("-h")) return null;
  if (argv.length !== 1 || argv[0] !== "verify")
    throw new UsageError(argv.length === 0 ? "no command" : `unknown command ${argv.join(" ")}`);
  return { command: "verify" };
}

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseOrExit(parseArgs, argv, USAGE);
  if ("exit" in parsed) return parsed.exit;
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn", pino.destination(2));
  const db = await openDatabase(config, logger);
  try {
    const report = await verifyTrail(db.executor);
    const head = report.head ? `head ${report.head.seq} ${report.head.hash.slice(0, 16)}…` : "no head";
    if (report.problems.length === 0) {
      process.stdout.write(`audit trail verified: ${report.records} record(s), ${head}\n`);
      return 0;
    }
    for (const p of report.problems) process.stderr.write(`record ${p.seq}${p.element ? ` (${p.element})` : ""}: ${p.message}\n`);
    process.stderr.write(
      `audit trail NOT verified: ${report.problems.length} problem(s) in ${report.records} record(s), ${head}\n`,
    );
    return 1;
  } finally {
    await db.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`audit failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
