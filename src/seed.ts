import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Executor } from "./graph/db/executor.js";
import { importDataSet } from "./graph/import/importer.js";
import type { Logger } from "./logger.js";

export const SHANDONG_SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../seeds/shandong");

/**
 * The yearly states of the Shandong seed: seeds/shandong itself is the state at the start of the plan
 * period, recorded as 2021; seeds/shandong/years/<year>/ holds the rows a later state adds to it
 * (seeds/shandong/README.md says what each adds, and why).
 */
export const SHANDONG_BASE_YEAR = 2021;

/**
 * Loads the seed data set into an empty database. `SEED=shandong` (the default) is seeds/shandong,
 * with its yearly states; `SEED=none` skips seeding, any other value is a (timeless) data-set folder.
 */
export async function seedIfEmpty(executor: Executor, seed: string, logger: Logger): Promise<void> {
  if (seed === "none") return;
  // API keys may be created (npm run keys) before the first start: they are not data.
  const [row] = await executor.read<{ empty: boolean }>(
    "seed.check",
    "RETURN NOT EXISTS { MATCH (n) WHERE NOT n:ApiKey } AS empty",
  );
  if (!row?.empty) {
    logger.info("database holds data; not seeding");
    return;
  }
  if (seed !== "shandong") {
    const folder = path.resolve(seed);
    logger.info({ folder }, "empty database: importing the seed data set");
    const result = await importDataSet(executor, folder);
    logger.info({ rows: result.rows, seconds: Number(result.seconds.toFixed(2)) }, "seed imported");
    return;
  }
  const states = await yearlyStates(SHANDONG_SEED, SHANDONG_BASE_YEAR);
  try {
    for (const { year, folder } of states) {
      logger.info({ folder, year }, "empty database: importing the seed data set's state of the year");
      const result = await importDataSet(executor, folder, { year });
      logger.info({ year, rows: result.rows, seconds: Number(result.seconds.toFixed(2)) }, "seed imported");
    }
  } finally {
    await Promise.all(states.map((s) => s.cleanup()));
  }
}

export interface YearlyState {
  year: number;
  folder: string;
  /** Removes the folder when it was composed for the import. */
  cleanup: () => Promise<void>;
}

/**
 * The full state of each year of a seed: the base folder for `baseYear`, then for every
 * `<base>/years/<year>/` a temporary folder holding the base's files with that year's rows appended
 * (a file there must have the same header as the base's).
 */
export async function yearlyStates(base: string, baseYear: number): Promise<YearlyState[]> {
  const states: YearlyState[] = [{ year: baseYear, folder: base, cleanup: async () => undefined }];
  const yearsDir = path.join(base, "years");
  if (!existsSync(yearsDir)) return states;
  const years = (await readdir(yearsDir)).filter((d) => /^\d{4}$/.test(d)).sort();
  const files = (await readdir(base)).filter((f) => f.endsWith(".csv"));
  for (const y of years) {
    const added = path.join(yearsDir, y);
    const out = await mkdtemp(path.join(tmpdir(), `seed-${y}-`));
    try {
      for (const extra of await readdir(added)) {
        if (extra.endsWith(".csv") && !files.includes(extra))
          throw new Error(`${path.join(added, extra)}: no such file in ${base}`);
      }
      for (const file of files) {
        const text = await readFile(path.join(base, file), "utf8");
        const more = path.join(added, file);
        if (!existsSync(more)) {
          await writeFile(path.join(out, file), text);
          continue;
        }
        const [header, ...rows] = (await readFile(more, "utf8")).split(/\r?\n/);
        const baseHeader = text.split(/\r?\n/, 1)[0];
        if (header !== baseHeader) throw new Error(`${more}:1: its header must be the same as ${path.join(base, file)}'s`);
        await writeFile(path.join(out, file), `${text.replace(/\s*$/, "\n")}${rows.filter((r) => r.trim() !== "").join("\n")}\n`);
      }
    } catch (error) {
      await rm(out, { recursive: true, force: true });
      throw error;
    }
    states.push({ year: Number(y), folder: out, cleanup: () => rm(out, { recursive: true, force: true }) });
  }
  return states;
}
