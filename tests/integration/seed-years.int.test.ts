import { describe, expect, it } from "vitest";
import { changes, shortBoards } from "../../src/analytics/index.js";
import { graphYears } from "../../src/graph/import/years.js";
import { SHANDONG_BASE_YEAR, seedIfEmpty, yearlyStates, SHANDONG_SEED } from "../../src/seed.js";
import { logger, resetDatabase, setupGraph } from "../support/graph.js";

// The Shandong seed as the service loads it: the plan's first year (seeds/shandong) and 2024, which adds
// BYD's semiconductor and power-battery plants in Jinan (seeds/shandong/README.md, "Years").
describe("the Shandong seed's yearly states", () => {
  const g = setupGraph();
  const JINAN = { region: "SD-JINAN" };

  it("composes each later year from the base and that year's rows, and cleans up", async () => {
    const states = await yearlyStates(SHANDONG_SEED, SHANDONG_BASE_YEAR);
    expect(states.map((s) => s.year)).toEqual([2021, 2024]);
    expect(states[0]!.folder).toBe(SHANDONG_SEED);
    await Promise.all(states.map((s) => s.cleanup()));
  });

  it("seeds both years; Jinan's chip gap of 2021 is closed in 2024", async () => {
    await resetDatabase(g.executor);
    await seedIfEmpty(g.executor, "shandong", logger);
    expect(await graphYears(g.executor)).toEqual([2021, 2024]);
    const chip = async (chain: string, product: string, year: number) =>
      (await shortBoards(g.executor, { chain, scope: JINAN, year, first: 1000 })).find((b) => b.productCode === product)?.kinds ??
      [];
    expect(await chip("BIGDATA", "BD-CHIP", 2021)).toEqual(["MISSING"]);
    expect(await chip("BIGDATA", "BD-CHIP", 2024)).toEqual(["SINGLE_SOURCE"]);
    expect(await chip("NE", "NE-BATTERY", 2021)).toEqual(["MISSING"]);
    expect(await chip("NE", "NE-BATTERY", 2024)).toEqual(["SINGLE_SOURCE"]);

    const c = await changes(g.executor, { chain: "BIGDATA", scope: JINAN, from: 2021, to: 2024 });
    expect(c.enterprisesEnteredCodes).toEqual(["E-BYD-SEMI-JN"]);
    expect(c.enterprisesLeftCodes).toEqual([]);
    expect(c.kindChanges.find((k) => k.productCode === "BD-CHIP")).toMatchObject({ from: "MISSING", to: "SINGLE_SOURCE" });
    expect(c.producersGained).toEqual([{ productCode: "BD-CHIP", enterpriseCodes: ["E-BYD-SEMI-JN"] }]);
    expect(c.linksMade.map((l) => `${l.supplierCode}>${l.customerCode} ${l.productCode}`)).toEqual([
      "E-BYD-SEMI-JN>E-BYD-JN BD-CHIP",
    ]);
  });
});
