import fc from "fast-check";
import { parse, validate } from "graphql";
import { expect } from "vitest";
import { createContext } from "../../src/context.js";
import { answerPlanned } from "../../src/graph/planner/direct.js";
import { buildGraphSchema } from "../../src/schema/build.js";
import { logger, type TestGraph } from "./graph.js";
import { documents, readPools } from "./selections.js";

/** Runs are reproducible: FC_SEED and FC_RUNS override the fixed seed and the number of documents. */
const SEED = Number(process.env.FC_SEED ?? 20261201);
const RUNS = Number(process.env.FC_RUNS ?? 80);

/**
 * The planner's property: for random read documents, the planned answer (one statement per root
 * field) equals the level-by-level answer of the DataLoaders, data and errors alike; and so does the
 * answer written out without graphql-js's execution (direct.ts), which every such document gets.
 */
export async function plannerMatchesLevels(g: TestGraph): Promise<{ runs: number; statements: number[]; direct: number }> {
  const schema = await buildGraphSchema();
  const pools = await readPools(g);
  const statements: number[] = [];
  let direct = 0;
  await fc.assert(
    fc.asyncProperty(documents(schema, pools), async ({ source, variables }) => {
      expect(validate(schema, parse(source)), source).toEqual([]);
      const levels = await g.query(source, variables, { planner: false });
      const planned = await g.query(source, variables);
      expect(levels.errors, source).toBeUndefined();
      expect(JSON.parse(JSON.stringify(planned.errors ?? null)), source).toEqual(null);
      expect(JSON.parse(JSON.stringify(planned.data)), source).toEqual(JSON.parse(JSON.stringify(levels.data)));
      statements.push(planned.context.stats.queries);
      const contextValue = createContext({ executor: g.executor, logger }, "test");
      const answer = await answerPlanned({ schema, document: parse(source), variables, contextValue });
      if (answer) {
        direct += 1;
        expect(answer.errors, source).toBeUndefined();
        expect(JSON.parse(JSON.stringify(answer.data)), source).toEqual(JSON.parse(JSON.stringify(levels.data)));
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  return { runs: RUNS, statements, direct };
}
