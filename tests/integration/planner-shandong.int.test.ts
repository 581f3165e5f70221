import { SHANDONG_SEED } from "../../src/seed.js";
import { describe, expect, it } from "vitest";
import { setupGraph } from "../support/graph.js";
import { plannerMatchesLevels } from "../support/planner-property.js";

const g = setupGraph(SHANDONG_SEED);

describe("the query planner on the Shandong graph", () => {
  it("answers random documents exactly as the level-by-level path, in a statement per root field and a round trip per level, with or without graphql-js execution", async () => {
    const { runs, statements, bounds, direct } = await plannerMatchesLevels(g);
    expect(statements).toHaveLength(runs);
    expect(direct).toBe(runs);
    statements.forEach((n, i) => expect(n).toBeLessThanOrEqual(bounds[i]!));
  }, 300_000);
});
