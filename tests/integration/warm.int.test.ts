import { describe, expect, it } from "vitest";
import { buildGraphSchema } from "../../src/schema/build.js";
import { warmReads } from "../../src/server/warm.js";
import { PersistedOperations } from "../../src/server/persisted.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { createLogger } from "../../src/logger.js";
import { setupGraph } from "../support/graph.js";

const g = setupGraph(SHANDONG_SEED);
const logger = createLogger("silent");

describe("the start's warm-up (src/server/warm.ts)", () => {
  it("plans every read statement and runs the persisted operations, each scoped one for a city, a circle, the province and a cluster", async () => {
    const schema = await buildGraphSchema();
    const operations = PersistedOperations.load();
    const warmed = await warmReads({ schema, executor: g.executor, logger, operations });
    expect(warmed.statements).toBeGreaterThan(100);
    expect(warmed.skipped).toBe(0);
    // Every query of the manifest runs at least once; the scoped ones four times.
    const queries = operations.documents().filter((d) => /^\s*(#.*\n\s*)*query\b/m.test(d));
    expect(warmed.operations).toBeGreaterThan(queries.length);
  }, 300_000);

  it("starts no operation after its time is up", async () => {
    const schema = await buildGraphSchema();
    const warmed = await warmReads({ schema, executor: g.executor, logger, until: Date.now() });
    expect(warmed.operations).toBe(0);
    expect(warmed.skipped).toBeGreaterThan(0);
  });
});
