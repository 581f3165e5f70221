import path from "node:path";
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { createContext } from "../../src/context.js";
import { answerPlanned } from "../../src/graph/planner/direct.js";
import { buildGraphSchema } from "../../src/schema/build.js";
import { logger, setupGraph } from "../support/graph.js";
import { plannerMatchesLevels } from "../support/planner-property.js";

const g = setupGraph(path.join(import.meta.dirname, "../fixtures/mini"));

describe("the query planner on the mini graph", () => {
  it("answers random documents exactly as the level-by-level path, in a statement per root field and a round trip per level, with or without graphql-js execution", async () => {
    const { runs, statements, bounds, direct } = await plannerMatchesLevels(g);
    expect(statements).toHaveLength(runs);
    expect(direct).toBe(runs);
    statements.forEach((n, i) => expect(n).toBeLessThanOrEqual(bounds[i]!));
  }, 300_000);

  it("leaves a document with a root field it does not read whole to graphql-js before starting any root field, so a refused argument beside it is no unhandled rejection", async () => {
    const schema = await buildGraphSchema();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      for (const source of [
        '{ search(text: "x", first: 0) { node { id } } years }',
        '{ a: region(code: "R", year: 2) { code } b: region(code: "R", year: 5000) { code } years }',
      ]) {
        const contextValue = createContext({ executor: g.executor, logger }, "test");
        expect(await answerPlanned({ schema, document: parse(source), contextValue }), source).toBeNull();
        expect(contextValue.stats.queries, source).toBe(0);
      }
      // A rejection counts as unhandled once the microtasks have run out; give them a few turns.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
