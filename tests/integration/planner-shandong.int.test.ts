import { SHANDONG_SEED } from "../../src/seed.js";
import { describe, expect, it } from "vitest";
import { setupGraph } from "../support/graph.js";
import { plannerMatchesLevels } from "../support/planner-property.js";

const g = setupGraph(SHANDONG_SEED);

describe("the query planner on the Shandong graph", () => {
  it("answers random documents exactly as the level-by-level path, in at most one statement per root field, with or without graphql-js execution", async () => {
    const { runs, statements, direct } = await plannerMatchesLevels(g);
    expect(statements).toHaveLength(runs);
    expect(direct).toBe(runs);
    expect(Math.max(...statements)).toBeLessThanOrEqual(3);
  }, 300_000);
});
