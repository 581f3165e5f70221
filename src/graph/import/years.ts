import { badInput } from "../../errors.js";
import type { Executor } from "../db/executor.js";
import { ALL_LABELS } from "../vocabulary/model.js";
import { clearYears, YEARLY_PROPERTY_OF } from "../vocabulary/yearly.js";

/**
 * Years in the graph. A yearly import (`npm run import -- <folder> --year 2024`) loads a data set as
 * the full state of that year: every node and relationship it writes records the year in its
 * `years` list, and after the write `sweepYear` takes the year away from everything that held in it
 * but is not in the data set (removing what then holds in no year at all). So an entity present in
 * 2023 and 2025 but not 2024 has `years: [2023, 2025]`: two intervals. Without `--year`, data is
 * timeless: no `years`, it holds in every year.
 *
 * Properties (names, extra columns) are not kept per year: an element has those of the latest year it
 * was imported in, in whatever order the years are imported (`newest` in write.ts). A firm's capacity
 * and a link's volume are kept per year as well (src/graph/vocabulary/yearly.ts): the analyses of a
 * year read that year's, and a sweep that takes a relationship's latest year away gives it back the
 * value of the year that is now its latest.
 */

/**
 * The relationship types an import writes with years (src/graph/import/write.ts; a test checks the
 * list against it). Derived \`IN_REGION\` is recomputed per year instead; indicators' \`OBSERVES\`
 * carry their own year.
 */
export const IMPORTED_TYPES = [
  "PART_OF",
  "OF_INDUSTRY",
  "IN_CHAIN",
  "REQUIRES",
  "LOCATED_IN",
  "FOCUSES_ON",
  "MEMBER_OF",
  "PRODUCES",
  "SUPPLIES",
  "HAS_ITEM",
  "CONCERNS",
  "ISSUED_FOR",
] as const;

const SWEEP_BATCH = 10_000;

/** What `sweepYear` changed: elements that no longer hold in the year, and those removed for good. */
export interface SweepSummary {
  nodes: number;
  relationships: number;
  removed: number;
}

/**
 * Takes `year` away from every node and relationship that held in it but was not written by the
 * import stamped `stamp`; deletes what then holds in no year. Batched, so a large sweep never holds
 * one huge transaction; idempotent, so an interrupted sweep is finished by importing the year again.
 */
export async function sweepYear(executor: Executor, year: number, stamp: number): Promise<SweepSummary> {
  const summary: SweepSummary = { nodes: 0, relationships: 0, removed: 0 };
  // The year's own values go with the year (src/graph/vocabulary/yearly.ts).
  const clear = clearYears([year]);
  const run = async (label: string, cypher: string, kind: "nodes" | "relationships") => {
    for (;;) {
      const [row] = await executor.write<{ swept: number; removed: number }>(label, cypher, {
        year,
        stamp,
        batch: SWEEP_BATCH,
        clear,
      });
      const swept = Number(row?.swept ?? 0);
      summary[kind] += swept;
      summary.removed += Number(row?.removed ?? 0);
      if (swept < SWEEP_BATCH) return;
    }
  };
  // Relationships first: a node removed afterwards takes its remaining (timeless) relationships along.
  for (const type of IMPORTED_TYPES) {
    // A relationship whose latest year this was takes the per-year value of its new latest year back.
    const prop = YEARLY_PROPERTY_OF[type];
    const restore = prop
      ? `\n       FOREACH (_ IN CASE WHEN size(r.years) > 0 AND last(r.years) < $year THEN [1] ELSE [] END |
         SET r.${prop} = r['${prop}_' + toString(last(r.years))])`
      : "";
    await run(
      "import.sweep.relationships",
      `MATCH ()-[r:${type}]->() WHERE $year IN r.years AND coalesce(r.importStamp, -1) <> $stamp
       WITH r LIMIT toInteger($batch)
       SET r.years = [y IN r.years WHERE y <> $year], r += $clear${restore}
       WITH collect(r) AS swept
       WITH swept, [r IN swept WHERE size(r.years) = 0] AS gone
       FOREACH (r IN gone | DELETE r)
       RETURN size(swept) AS swept, size(gone) AS removed`,
      "relationships",
    );
  }
  for (const label of ALL_LABELS) {
    await run(
      "import.sweep.nodes",
      `MATCH (n:${label}) WHERE $year IN n.years AND coalesce(n.importStamp, -1) <> $stamp
       WITH n LIMIT toInteger($batch)
       SET n.years = [y IN n.years WHERE y <> $year]
       WITH collect(n) AS swept
       WITH swept, [n IN swept WHERE size(n.years) = 0] AS gone
       FOREACH (n IN gone | DETACH DELETE n)
       RETURN size(swept) AS swept, size(gone) AS removed`,
      "nodes",
    );
  }
  return summary;
}

/** The years the graph holds data for, ascending ([] for a timeless graph). */
export async function graphYears(executor: Executor): Promise<number[]> {
  const rows = await executor.read<{ year: number }>(
    "years.list",
    `MATCH (n:${ALL_LABELS.join("|")}) WHERE n.years IS NOT NULL UNWIND n.years AS year RETURN DISTINCT year ORDER BY year`,
  );
  return rows.map((r) => Number(r.year));
}

/**
 * Whether element `v` holds in `$year`: always when the question names no year, or the element is
 * timeless. A constant fragment: `v` is a variable name from this codebase.
 */
export const holds = (...vs: string[]) =>
  `($year IS NULL OR (${vs.map((v) => `(${v}.years IS NULL OR $year IN ${v}.years)`).join(" AND ")}))`;

/**
 * Whether every node and relationship of the path bound to `p` holds in `year` (a parameter, `$year`
 * by default): always when the year is null. Constant text: `p` and `year` come from this codebase.
 */
export const pathHolds = (p: string, year = "$year") =>
  `(${year} IS NULL OR all(x IN nodes(${p}) + relationships(${p}) WHERE x.years IS NULL OR ${year} IN x.years))`;

/** `EXISTS` for `pattern` (constant Cypher) with every element of it holding in `$year`. */
export const related = (pattern: string) => `EXISTS { MATCH heldPath = ${pattern} WHERE ${pathHolds("heldPath")} }`;

/**
 * The year a read looks at, of the years the graph holds (ascending): the one asked, else the latest;
 * null for a graph without years. A year the graph does not hold is BAD_USER_INPUT.
 */
export function yearOf(years: readonly number[], asked: number | null | undefined): number | null {
  if (years.length === 0) return null;
  const year = asked ?? years[years.length - 1]!;
  if (!years.includes(year)) throw badInput(`The graph holds no data for ${year}; it holds ${years.join(", ")}`, "year");
  return year;
}
