import { loadConfig } from "../config.js";
import { openDatabase } from "../graph/database.js";
import { DataSetError, importDataSet } from "../graph/import/importer.js";
import { formatProblem } from "../graph/import/validate.js";
import { createLogger } from "../logger.js";

/** `npm run import -- <folder>`: validates a data set whole, then writes it (or nothing). */
async function main(): Promise<number> {
  const folder = process.argv[2];
  if (!folder || process.argv.length > 3) {
    process.stderr.write("usage: npm run import -- <data-set folder>\n");
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
  const db = await openDatabase(config, logger);
  try {
    let last = 0;
    const result = await importDataSet(db.executor, folder, {
      onProgress: ({ file, rows }) => {
        if (rows - last >= 100_000 || rows < last) {
          process.stderr.write(`  ${file}: ${rows} rows\n`);
          last = rows;
        }
      },
    });
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    for (const [file, rows] of Object.entries(result.rows)) process.stdout.write(`${file.padEnd(20)} ${rows}\n`);
    process.stdout.write(
      `imported ${total} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.rowsPerSecond)} rows/s) into ${db.uri}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DataSetError) {
      for (const p of error.problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stderr.write(`${error.problems.length} problem(s); nothing was written\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
