import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { checkFirst, checkResolved, openScope, parseScope, type ResolveRow } from "../../src/analytics/scope.js";
import type { Executor } from "../../src/graph/db/executor.js";

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions.code;
  }
  throw new Error("expected an error");
}

describe("parseScope", () => {
  it("accepts exactly one key, ignoring nulls", () => {
    expect(parseScope({ region: "X" })).toEqual({ region: "X" });
    expect(parseScope({ cluster: "K1", region: null })).toEqual({ cluster: "K1" });
  });
  it("refuses both, neither or an empty code with BAD_USER_INPUT", () => {
    expect(codeOf(() => parseScope({ region: "X", cluster: "K1" }))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => parseScope({}))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => parseScope({ region: null, cluster: null }))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => parseScope(undefined))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => parseScope({ region: " " }))).toBe("BAD_USER_INPUT");
  });
});

describe("checkFirst", () => {
  it("accepts 0..max integers and refuses the rest", () => {
    expect(checkFirst(20)).toBe(20);
    expect(checkFirst(0)).toBe(0);
    expect(codeOf(() => checkFirst(-1))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => checkFirst(1.5))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => checkFirst(101, 100))).toBe("BAD_USER_INPUT");
  });
});

const found: ResolveRow = {
  chain: { code: "BIKE", name: "Bicycle", nameZh: "自行车" },
  region: { code: "P", name: "Province P", nameZh: "P省", kind: "PROVINCE" },
  cluster: null,
  regionCities: [
    { code: "Y", name: "City Y", nameZh: "Y市" },
    { code: "X", name: "City X", nameZh: "X市" },
  ],
  clusterCities: [],
  unknownProducts: [],
  unknownEnterprises: [],
};

describe("checkResolved", () => {
  it("builds the scope context with sorted cities and the Cypher parameters", () => {
    const ctx = checkResolved({ chain: "BIKE", scope: { region: "P" } }, found);
    expect(ctx.scope).toEqual({ code: "P", name: "Province P", nameZh: "P省", kind: "REGION", regionKind: "PROVINCE" });
    expect(ctx.cities.map((c) => c.code)).toEqual(["X", "Y"]);
    // A timeless graph: no year to hold to, derived data under year 0.
    expect(ctx.params).toEqual({
      scopeRegion: "P",
      scopeCities: ["X", "Y"],
      scopeCluster: null,
      year: null,
      derivedYear: 0,
      yearIndex: 0,
    });
    expect(ctx.year).toBeNull();
  });

  it("looks at the year resolved, and refuses one the graph does not hold", () => {
    const yearly = { ...found, derivedYears: [2023, 2024] };
    const ctx = checkResolved({ chain: "BIKE", scope: { region: "P" } }, { ...yearly, year: 2024 });
    expect([ctx.year, ctx.params.year, ctx.params.derivedYear, ctx.params.yearIndex]).toEqual([2024, 2024, 2024, 1]);
    const early = checkResolved({ chain: "BIKE", scope: { region: "P" }, year: 2023 }, { ...yearly, year: 2023 });
    expect(early.params.yearIndex).toBe(0);
    expect(codeOf(() => checkResolved({ chain: "BIKE", scope: { region: "P" }, year: 2022 }, { ...yearly, year: 2022 }))).toBe(
      "BAD_USER_INPUT",
    );
    // In a timeless graph every year is the same state.
    expect(checkResolved({ chain: "BIKE", scope: { region: "P" }, year: 1999 }, { ...found, year: null }).params.year).toBeNull();
  });

  it("refuses stale derived data with DERIVED_DATA_STALE, after checking the chain", () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return "no error";
      } catch (e) {
        return (e as { extensions?: { code?: unknown } }).extensions?.code;
      }
    };
    expect(code(() => checkResolved({ chain: "BIKE", scope: { region: "P" } }, { ...found, derivedFresh: false }))).toBe(
      "DERIVED_DATA_STALE",
    );
    expect(
      code(() => checkResolved({ chain: "NOPE", scope: { region: "P" } }, { ...found, chain: null, derivedFresh: false })),
    ).toBe("NOT_FOUND");
  });

  it("selects cluster members by the cluster code", () => {
    const row = {
      ...found,
      region: null,
      regionCities: [],
      cluster: { code: "K1", name: "Valley", nameZh: "谷" },
      clusterCities: [{ code: "A", name: null, nameZh: "A市" }],
    };
    const ctx = checkResolved({ chain: "BIKE", scope: { cluster: "K1" } }, row);
    expect(ctx.scope.kind).toBe("CLUSTER");
    expect(ctx.params).toEqual({
      scopeRegion: null,
      scopeCities: [],
      scopeCluster: "K1",
      year: null,
      derivedYear: 0,
      yearIndex: 0,
    });
  });

  it("refuses unknown codes with NOT_FOUND, chain first", () => {
    const args = { chain: "BIKE", scope: { region: "P" } };
    expect(codeOf(() => checkResolved(args, { ...found, chain: null, region: null }))).toBe("NOT_FOUND");
    expect(codeOf(() => checkResolved(args, { ...found, region: null }))).toBe("NOT_FOUND");
    expect(codeOf(() => checkResolved({ chain: "BIKE", scope: { cluster: "K9" } }, found))).toBe("NOT_FOUND");
    expect(codeOf(() => checkResolved(args, { ...found, unknownProducts: ["NOPE"] }))).toBe("NOT_FOUND");
    expect(codeOf(() => checkResolved(args, { ...found, unknownEnterprises: ["F9"] }))).toBe("NOT_FOUND");
    try {
      checkResolved(args, { ...found, chain: null });
    } catch (error) {
      expect((error as GraphQLError).extensions).toMatchObject({ what: "chain", value: "BIKE" });
    }
  });
});

describe("openScope", () => {
  it("validates the shape before any query, then checks existence in one query", async () => {
    const calls: Array<{ operation: string; params: unknown }> = [];
    const executor = {
      read: async (operation: string, _cypher: string, params: unknown) => {
        calls.push({ operation, params });
        return [found];
      },
    } as unknown as Executor;
    await expect(openScope(executor, { chain: "BIKE", scope: { region: "P", cluster: "K" } })).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(calls).toHaveLength(0);
    const ctx = await openScope(executor, { chain: "BIKE", scope: { region: "P" }, products: ["TYRE"] });
    expect(ctx.chain.code).toBe("BIKE");
    expect(calls).toEqual([
      {
        operation: "analytics.resolveScope",
        params: { chain: "BIKE", region: "P", cluster: null, products: ["TYRE"], enterprises: [], year: null },
      },
    ]);
  });
});
