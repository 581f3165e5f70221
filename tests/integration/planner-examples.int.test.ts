import { parse, Kind, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { FIELDS } from "../../src/graph/vocabulary/fields.js";
import { loadExamples } from "../../src/server/explorer.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { setupGraph } from "../support/graph.js";

const g = setupGraph(SHANDONG_SEED);

/** Operation names of the level-by-level path: entity batches, relation pages and counts, neighbour lists. */
const LOADER_OPERATION = new RegExp(
  `(\\.byCodes|\\.page|\\.count)$|^(${Object.entries(FIELDS)
    .flatMap(([type, fields]) => Object.keys(fields).map((field) => `${type}\\.${field}`))
    .join("|")})$`,
);

describe("the explorer's examples, planned", () => {
  for (const example of loadExamples()) {
    it(`${example.name}: the same answer as level by level, with no loader round trip`, async () => {
      const variables = example.variables ? (JSON.parse(example.variables) as Record<string, unknown>) : {};
      const levels = await g.query(example.query, variables, { planner: false });
      const planned = await g.query(example.query, variables, { recordOperations: true });
      expect(levels.errors).toBeUndefined();
      expect(planned.errors).toBeUndefined();
      expect(planned.data).toEqual(levels.data);
      const operations = planned.context.stats.operations!;
      expect(operations.filter((o) => LOADER_OPERATION.test(o))).toEqual([]);
      const roots = (parse(example.query).definitions[0] as OperationDefinitionNode).selectionSet.selections.filter(
        (s) => s.kind === Kind.FIELD,
      ).length;
      // At most one statement loads the entities an analysis result embeds, per root field.
      expect(operations.filter((o) => /^plan\.\w+\.entities$/.test(o)).length).toBeLessThanOrEqual(roots);
      expect(planned.context.stats.queries).toBeLessThanOrEqual(levels.context.stats.queries);
    });
  }
});

describe("analysis results with deep selections, planned", () => {
  it("loads every embedded entity, nested connections included, in one statement per result", async () => {
    const document = `query($scope: ScopeInput!) {
      m: missingSuppliers(chain: "BIGDATA", scope: $scope) {
        product { code chain { code } producers(first: 3) { totalCount nodes { code city { nameZh } } } }
        demanders(first: 2) { code products { product { code } } }
        dependentProducts { code usedBy { code } }
        candidates(first: 2) { enterprise { code suppliers(first: 2) { nodes { supplier { code } product { code } } } } covers { code } }
      }
      r: resilience(chain: "BIGDATA", scope: $scope, without: ["E-INSPUR-EI"]) {
        without { code city { code } }
        lostProducts { product { code } formerProducers { code } demanders(first: 3) { code cluster { code } } }
        affectedEnterprises(first: 5) { code }
      }
      c: chainMap(chain: "BIGDATA", scope: {region: "SD"}) { chain { code industry { code } } cities { city { code parent { code } } producerCounts { product { code } count } } }
    }`;
    const variables = { scope: { region: "SD-JINAN" } };
    const levels = await g.query(document, variables, { planner: false });
    const planned = await g.query(document, variables, { recordOperations: true });
    expect(levels.errors).toBeUndefined();
    expect(planned.errors).toBeUndefined();
    expect(planned.data).toEqual(levels.data);
    const data = planned.data as {
      m: Array<{ candidates: unknown[] }>;
      r: { without: unknown[]; lostProducts: unknown[] };
      c: { cities: unknown[] };
    };
    expect(data.m.length).toBeGreaterThan(0);
    expect(data.m.some((x) => x.candidates.length > 0)).toBe(true);
    expect(data.r.without).toHaveLength(1);
    expect(data.c.cities).toHaveLength(16);
    const operations = planned.context.stats.operations!;
    expect(operations.filter((o) => LOADER_OPERATION.test(o))).toEqual([]);
    expect(operations.filter((o) => /^plan\.\w+\.entities$/.test(o)).sort()).toEqual([
      "plan.chainMap.entities",
      "plan.missingSuppliers.entities",
      "plan.resilience.entities",
    ]);
  });
});
