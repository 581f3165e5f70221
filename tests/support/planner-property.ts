import fc from "fast-check";
import { Kind, parse, validate, type DocumentNode, type SelectionSetNode } from "graphql";
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
 * The most round trips a planned read may take: per root field, its root statement and one wave of
 * field statements per level of its selection (fragments counted where they are spread). It depends
 * on the document only, never on the data.
 */
export function roundTripBound(document: DocumentNode): number {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const depth = (set: SelectionSetNode | undefined): number => {
    let deepest = 0;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) deepest = Math.max(deepest, s.selectionSet ? 1 + depth(s.selectionSet) : 0);
      else if (s.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depth(s.selectionSet));
      else deepest = Math.max(deepest, depth(fragments.get(s.name.value)?.selectionSet));
    }
    return deepest;
  };
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  let bound = 0;
  for (const s of operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections : []) {
    bound +=
      1 +
      (s.kind === Kind.FIELD
        ? depth(s.selectionSet)
        : depth(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)?.selectionSet));
  }
  return bound;
}

/**
 * The planner's property: for random read documents, the planned answer (a root statement per root
 * field, then a wave of field statements per level) equals the level-by-level answer of the DataLoaders, data and errors alike; and so does the
 * answer written out without graphql-js's execution (direct.ts), which every such document gets.
 */
export async function plannerMatchesLevels(
  g: TestGraph,
): Promise<{ runs: number; statements: number[]; bounds: number[]; direct: number }> {
  const schema = await buildGraphSchema();
  const pools = await readPools(g);
  const statements: number[] = [];
  const bounds: number[] = [];
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
      bounds.push(roundTripBound(parse(source)));
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
  return { runs: RUNS, statements, bounds, direct };
}
