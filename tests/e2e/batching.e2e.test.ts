import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { globalId } from "../../src/graph/vocabulary/records.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { setupGraph } from "../support/graph.js";
import { startService, type Service } from "../support/service.js";

/**
 * Batching in the real service process (`node --import tsx src/main.ts`), where module loading is not
 * vitest's: the root lookups of one document share one DataLoader batch, so 40 aliased `node(id:)`
 * with a `year` argument to validate are one root statement and one wave of field statements for their
 * cities: two database round trips. (type-graphql's own validation
 * imported class-validator on every validated argument, and under tsx each import took a turn of the
 * event loop: the lookups fell into two to five batches, twice as many round trips.)
 */
const g = setupGraph(SHANDONG_SEED);

describe("one document's root lookups in the real service", () => {
  let service: Service | undefined;
  let codes: string[] = [];

  beforeAll(async () => {
    const rows = await g.executor.read<{ code: string }>(
      "test",
      "MATCH (e:Enterprise) RETURN e.code AS code ORDER BY code LIMIT 40",
    );
    codes = rows.map((r) => r.code);
    service = await startService({
      NEO4J_URI: inject("neo4jUri"),
      NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD ?? "",
      SEED: "none",
      LOG_LEVEL: "info",
      RATE_LIMIT_POINTS: "0",
      MAX_ALIASES: "60",
    });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it("answers 40 aliased node(id:, year:) in one batch, two round trips (roots, then cities), every time", async () => {
    expect(codes).toHaveLength(40);
    const query = `query Batched { ${codes
      .map(
        (c, i) => `n${i}: node(id: "${globalId("Enterprise", c)}", year: 2024) { ... on Enterprise { code name city { code } } }`,
      )
      .join("\n")} }`;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${service!.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, operationName: "Batched" }),
      });
      const body = (await res.json()) as { data?: Record<string, { code: string } | null>; errors?: unknown[] };
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(Object.values(body.data!).map((n) => n?.code)).toEqual(codes);
    }
    // The service logs each request with its round trips ("graphql request", dbQueries).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const trips = service!
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{") && line.includes('"graphql request"') && line.includes('"Batched"'))
      .map((line) => (JSON.parse(line) as { dbQueries: number }).dbQueries);
    expect(trips, service!.output().slice(-2_000)).toEqual([2, 2, 2, 2, 2]);
  });
});
