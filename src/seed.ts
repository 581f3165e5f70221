import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Executor } from "./graph/executor.js";
import { importDataSet } from "./graph/import/importer.js";
import type { Logger } from "./logger.js";

export const SHANDONG_SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../seeds/shandong");

/**
 * Loads the seed data set into an empty database. `SEED=shandong` (the default) is seeds/shandong,
 * `SEED=none` skips seeding, any other value is a data-set folder.
 */
export async function seedIfEmpty(executor: Executor, seed: string, logger: Logger): Promise<void> {
  if (seed === "none") return;
  const folder = seed === "shandong" ? SHANDONG_SEED : path.resolve(seed);
  // API keys may be created (npm run keys) before the first start: they are not data.
  const [row] = await executor.read<{ empty: boolean }>(
    "seed.check",
    "RETURN NOT EXISTS { MATCH (n) WHERE NOT n:ApiKey } AS empty",
  );
  if (!row?.empty) {
    logger.info("database holds data; not seeding");
    return;
  }
  logger.info({ folder }, "empty database: importing the seed data set");
  const result = await importDataSet(executor, folder);
  logger.info({ rows: result.rows, seconds: Number(result.seconds.toFixed(2)) }, "seed imported");
}
