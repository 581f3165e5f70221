import path from "node:path";
import { describe, expect, it } from "vitest";
import { setupGraph } from "../support/graph.js";
import { plannerMatchesLevels } from "../support/planner-property.js";

const g = setupGraph(path.join(import.meta.dirname, "../fixtures/mini"));

describe("the query planner on the mini graph", () => {
  it("answers random documents exactly as the level-by-level path, in at most one statement per root field", async () => {
    const { runs, statements } = await plannerMatchesLevels(g);
    expect(statements).toHaveLength(runs);
    expect(Math.max(...statements)).toBeLessThanOrEqual(3);
  }, 300_000);
});
