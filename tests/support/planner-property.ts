import fc from "fast-check";
import { parse, validate } from "graphql";
import { expect } from "vitest";
import { buildGraphSchema } from "../../src/schema/build.js";
import type { TestGraph } from "./graph.js";
import { documents, readPools } from "./selections.js";

/** Runs are reproducible: FC_SEED and FC_RUNS override the fixed seed and the number of documents. */
const SEED = Number(process.env.FC_SEED ?? 20261201);
const RUNS = Number(process.env.FC_RUNS ?? 80);

/**
 * The planner's property: for random read documents, the planned answer (one statement per root
 * field) equals the level-by-level answer of the DataLoaders, data and errors alike.
 */
export async function plannerMatchesLevels(g: TestGraph): Promise<{ runs: number; statements: number[] }> {
  const schema = await buildGraphSchema();
  const pools = await readPools(g);
  const statements: number[] = [];
  await fc.assert(
    fc.asyncProperty(documents(schema, pools), async ({ source, variables }) => {
      expect(validate(schema, parse(source)), source).toEqual([]);
      const levels = await g.query(source, variables, { planner: false });
      const planned = await g.query(source, variables);
      expect(levels.errors, source).toBeUndefined();
      expect(JSON.parse(JSON.stringify(planned.errors ?? null)), source).toEqual(null);
      expect(JSON.parse(JSON.stringify(planned.data)), source).toEqual(JSON.parse(JSON.stringify(levels.data)));
      statements.push(planned.context.stats.queries);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  return { runs: RUNS, statements };
}
