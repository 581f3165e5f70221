import { cooperationRow } from "../support/analytics.js";
import { describe, expect, it } from "vitest";
import {
  chainMap,
  cooperationOpportunities,
  extensionOpportunities,
  missingSuppliers,
  resilience,
  shortBoards,
  targetFirms,
} from "../../src/analytics/index.js";
import type { QueryStats } from "../../src/graph/db/executor.js";
import { setupGraph } from "../support/graph.js";

// The answers below were worked out by hand; see the README.md of each fixture folder.

describe("analytics on tests/fixtures/analytics-bike (the worked example of issue 3)", () => {
  const g = setupGraph("tests/fixtures/analytics-bike");
  const X = { region: "X" };

  it("shortBoards(X) = STEEL (MISSING, 2 dependents), TYRE (MISSING, 1), FRAME (SINGLE_SOURCE, 1)", async () => {
    const rows = await shortBoards(g.executor, { chain: "BIKE", scope: X });
    expect(rows.map((r) => [r.productCode, r.kinds, r.dependentCount, r.score])).toEqual([
      ["STEEL", ["MISSING"], 2, 18],
      ["TYRE", ["MISSING"], 1, 12],
      ["FRAME", ["SINGLE_SOURCE"], 1, 8],
    ]);
    expect(rows.map((r) => [r.localProducerCodes, r.demanderCodes, r.localSupplyShare])).toEqual([
      [[], ["F2"], null],
      [[], ["F1"], null],
      [["F2"], ["F1"], null],
    ]);
    expect(rows[0]!.dependentCodes).toEqual(["BIKE", "FRAME"]);
    expect(rows[0]!.reasons.en[0]).toBe("1 local firm needs Steel; none in City X makes it; 2 downstream products depend on it.");
    expect(rows[0]!.reasons.zh[0]).toBe("X市有1家企业需要钢材，但本地没有企业生产它；下游有2种产品依赖它。");
  });

  it("missingSuppliers(X) = {TYRE, STEEL}, with F3 as TYRE's candidate", async () => {
    const rows = await missingSuppliers(g.executor, { chain: "BIKE", scope: X });
    expect(rows.map((r) => [r.productCode, r.demanderCodes, r.candidates.map((c) => c.enterpriseCode)])).toEqual([
      ["STEEL", ["F2"], []],
      ["TYRE", ["F1"], ["F3"]],
    ]);
  });

  it("targetFirms(X) = [F3]", async () => {
    const rows = await targetFirms(g.executor, { chain: "BIKE", scope: X });
    expect(rows.map((r) => [r.enterpriseCode, r.coverCodes, r.existingLinksIntoScope, r.capacity])).toEqual([
      ["F3", ["TYRE"], 0, 1200],
    ]);
    expect(rows[0]!.score).toBeCloseTo(1 + 1200 / 2401, 10);
  });

  it("resilience(X, without F2) loses FRAME and affects F1", async () => {
    const report = await resilience(g.executor, { chain: "BIKE", scope: X, without: ["F2"] });
    expect(report.lostProducts.map((l) => [l.productCode, l.formerProducerCodes, l.demanderCodes])).toEqual([
      ["FRAME", ["F2"], ["F1"]],
    ]);
    expect(report.affectedEnterpriseCodes).toEqual(["F1"]);
  });

  it("cooperationOpportunities(P) holds (TYRE, demand X, supplier Y)", async () => {
    const rows = await cooperationOpportunities(g.executor, { chain: "BIKE", scope: { region: "P" } });
    expect(rows.map(cooperationRow)).toEqual([["TYRE", "X", "Y", "MISSING", ["F1"], ["F3"], 0]]);
  });

  it("extensionOpportunities: none in X, BIKE (share 0.5) in Y", async () => {
    expect(await extensionOpportunities(g.executor, { chain: "BIKE", scope: X })).toEqual([]);
    const rows = await extensionOpportunities(g.executor, { chain: "BIKE", scope: { region: "Y" } });
    expect(rows.map((r) => [r.productCode, r.localInputShare, r.localInputCodes, r.missingInputCodes])).toEqual([
      ["BIKE", 0.5, ["TYRE"], ["FRAME"]],
    ]);
  });

  it("shortBoards(P) breaks the tie of RUBBER and STEEL by code", async () => {
    const rows = await shortBoards(g.executor, { chain: "BIKE", scope: { region: "P" } });
    expect(rows.map((r) => [r.productCode, r.kinds[0], r.score])).toEqual([
      ["RUBBER", "MISSING", 18],
      ["STEEL", "MISSING", 18],
      ["FRAME", "SINGLE_SOURCE", 8],
      ["TYRE", "SINGLE_SOURCE", 8],
    ]);
  });

  it("chainMap(X)", async () => {
    const map = await chainMap(g.executor, { chain: "BIKE", scope: X });
    expect(map.products.map((p) => [p.productCode, p.stage, p.inputCodes, p.localProducerCount, p.kinds])).toEqual([
      ["RUBBER", "UPSTREAM", [], 0, []],
      ["STEEL", "UPSTREAM", [], 0, ["MISSING"]],
      ["FRAME", "MIDSTREAM", ["STEEL"], 1, ["SINGLE_SOURCE"]],
      ["TYRE", "MIDSTREAM", ["RUBBER"], 0, ["MISSING"]],
      ["BIKE", "DOWNSTREAM", ["FRAME", "TYRE"], 1, []],
    ]);
    expect(map.cities.map((c) => [c.cityCode, c.producerCounts.map((x) => x.count)])).toEqual([["X", [0, 0, 1, 0, 1]]]);
  });

  it("chainMap(X, WEAK_FIRST): the short boards in their order, then the undemanded products by stage", async () => {
    const codes = async (first?: number) =>
      (await chainMap(g.executor, { chain: "BIKE", scope: X, order: "WEAK_FIRST", first })).products.map((p) => p.productCode);
    expect(await codes()).toEqual(["STEEL", "TYRE", "FRAME", "RUBBER", "BIKE"]);
    expect(await codes(4)).toEqual(["STEEL", "TYRE", "FRAME", "RUBBER"]);
    // Fewer than the short boards: only the worst are read, and the chain's size still comes back.
    const two = await chainMap(g.executor, { chain: "BIKE", scope: X, order: "WEAK_FIRST", first: 2 });
    expect([two.productCount, two.products.map((p) => [p.productCode, p.inputCodes, p.kinds])]).toEqual([
      5,
      [
        ["STEEL", [], ["MISSING"]],
        ["TYRE", ["RUBBER"], ["MISSING"]],
      ],
    ]);
    expect(two.cities.map((c) => [c.cityCode, c.producerCounts.map((x) => x.count)])).toEqual([["X", [0, 0]]]);
  });

  it("refuses unknown codes with NOT_FOUND and a malformed scope with BAD_USER_INPUT", async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "no error",
        (e: { extensions?: { code?: unknown } }) => e.extensions?.code,
      );
    expect(await code(shortBoards(g.executor, { chain: "NOPE", scope: X }))).toBe("NOT_FOUND");
    expect(await code(shortBoards(g.executor, { chain: "BIKE", scope: { region: "NOPE" } }))).toBe("NOT_FOUND");
    expect(await code(chainMap(g.executor, { chain: "BIKE", scope: { cluster: "NOPE" } }))).toBe("NOT_FOUND");
    expect(await code(targetFirms(g.executor, { chain: "BIKE", scope: X, products: ["NOPE"] }))).toBe("NOT_FOUND");
    expect(await code(resilience(g.executor, { chain: "BIKE", scope: X, without: ["NOPE"] }))).toBe("NOT_FOUND");
    expect(await code(shortBoards(g.executor, { chain: "BIKE", scope: { region: "X", cluster: "K" } }))).toBe("BAD_USER_INPUT");
    expect(await code(shortBoards(g.executor, { chain: "BIKE", scope: {} }))).toBe("BAD_USER_INPUT");
  });

  it("makes a fixed number of round trips, whatever the number of products", async () => {
    const trips = async (run: (stats: QueryStats) => Promise<unknown>) => {
      const stats = { queries: 0 };
      await run(stats);
      return stats.queries;
    };
    const args = { chain: "BIKE", scope: X };
    // Validation, the chain's counts (derived data), then the lists of what is returned.
    expect(await trips((s) => shortBoards(g.executor.withStats(s), args))).toBe(3);
    expect(await trips((s) => missingSuppliers(g.executor.withStats(s), args))).toBe(4);
    expect(await trips((s) => targetFirms(g.executor.withStats(s), args))).toBe(3);
    expect(await trips((s) => targetFirms(g.executor.withStats(s), { ...args, products: ["TYRE"] }))).toBe(2);
    expect(await trips((s) => cooperationOpportunities(g.executor.withStats(s), { chain: "BIKE", scope: { region: "P" } }))).toBe(
      3,
    );
    expect(await trips((s) => extensionOpportunities(g.executor.withStats(s), args))).toBe(2);
    expect(await trips((s) => resilience(g.executor.withStats(s), { ...args, without: ["F2"] }))).toBe(2);
    expect(await trips((s) => chainMap(g.executor.withStats(s), args))).toBe(2);
    expect(await trips((s) => chainMap(g.executor.withStats(s), { ...args, order: "WEAK_FIRST" }))).toBe(3);
  });
});

describe("analytics on tests/fixtures/analytics-extra (cycle, circle, cluster, volumes, cross-chain inputs)", () => {
  const g = setupGraph("tests/fixtures/analytics-extra");
  const A = { region: "A" };
  const CE = { region: "CE" };
  const K1 = { cluster: "K1" };
  const boards = async (scope: { region: string } | { cluster: string }, chain = "BATT") =>
    (await shortBoards(g.executor, { chain, scope })).map((r) => ({
      product: r.productCode,
      kind: r.kinds.join(),
      dependents: r.dependentCount,
      share: r.localSupplyShare,
      score: r.score,
      producers: r.localProducerCodes,
      demanders: r.demanderCodes,
    }));

  it("shortBoards(A): ANO, LI, ELE, SEP (LOW_LOCAL_SHARE at 30%)", async () => {
    const rows = await boards(A);
    expect(rows.map((r) => [r.product, r.kind, r.dependents, r.share, r.producers, r.demanders])).toEqual([
      ["ANO", "MISSING", 4, 0, [], ["E1"]],
      ["LI", "MISSING", 3, 0, [], ["E2", "E3"]],
      ["ELE", "SINGLE_SOURCE", 4, 1, ["E6"], ["E1"]],
      ["SEP", "LOW_LOCAL_SHARE", 4, 0.3, ["E4", "E5"], ["E1"]],
    ]);
    expect(rows.map((r) => r.score)).toEqual([30, 24, 10, expect.closeTo(8.5, 10)]);
  });

  it("shortBoards(CE, a circle) spans both of its cities", async () => {
    const rows = await boards(CE);
    expect(rows.map((r) => [r.product, r.kind, r.dependents, r.producers, r.demanders])).toEqual([
      ["GRA", "MISSING", 5, [], ["E7"]],
      ["REC", "MISSING", 3, [], ["E8"]],
      ["LI", "SINGLE_SOURCE", 3, ["E8"], ["E2", "E3"]],
      ["ANO", "SINGLE_SOURCE", 4, ["E7"], ["E1", "E9"]],
      ["ELE", "SINGLE_SOURCE", 4, ["E6"], ["E1", "E9"]],
      ["SEP", "LOW_LOCAL_SHARE", 4, ["E4", "E5"], ["E1", "E9"]],
    ]);
    expect(rows.map((r) => r.share)).toEqual([
      0,
      0,
      expect.closeTo(10 / 60, 10),
      expect.closeTo(70 / 130, 10),
      1,
      expect.closeTo(40 / 130, 10),
    ]);
    expect(rows.map((r) => r.score)).toEqual([
      36,
      24,
      expect.closeTo(8 * (2 - 10 / 60), 10),
      expect.closeTo(10 * (2 - 70 / 130), 10),
      10,
      expect.closeTo(5 * (2 - 40 / 130), 10),
    ]);
  });

  it("shortBoards(K1, a cluster) counts only members, in two cities", async () => {
    const rows = await boards(K1);
    expect(rows.map((r) => [r.product, r.kind, r.dependents, r.share, r.producers, r.demanders])).toEqual([
      ["GRA", "MISSING", 5, 0, [], ["E7"]],
      ["ELE", "MISSING", 4, 0, [], ["E1"]],
      ["LI", "MISSING", 3, null, [], ["E2"]],
      ["SEP", "SINGLE_SOURCE", 4, 0.3, ["E4"], ["E1"]],
      ["ANO", "SINGLE_SOURCE", 4, 0.4, ["E7"], ["E1"]],
      ["CAT", "SINGLE_SOURCE", 3, 0.75, ["E2"], ["E1"]],
    ]);
    expect(rows.map((r) => r.score)).toEqual([36, 30, 24, expect.closeTo(17, 10), expect.closeTo(16, 10), 10]);
  });

  it("shortBoards(CW) and the cross-chain demand for CHEM's solvent", async () => {
    expect((await boards({ region: "CW" })).map((r) => [r.product, r.kind, r.dependents, r.share, r.score])).toEqual([
      ["CEL", "MISSING", 3, 0, 24],
    ]);
    expect((await boards(A, "CHEM")).map((r) => [r.product, r.kind, r.dependents, r.demanders, r.score])).toEqual([
      ["SOL", "MISSING", 5, ["E2", "E3", "E6"], 36],
    ]);
  });

  it("dependents terminate on the LI → REC → CEL → CAT → LI cycle", async () => {
    const map = await chainMap(g.executor, { chain: "BATT", scope: CE });
    expect(Object.fromEntries(map.products.map((p) => [p.productCode, p.dependentCount]))).toEqual({
      GRA: 5,
      LI: 3,
      ANO: 4,
      CAT: 3,
      ELE: 4,
      SEP: 4,
      CEL: 3,
      REC: 3,
    });
  });

  it("missingSuppliers with candidates ranked by links into the scope, then capacity", async () => {
    const summary = async (scope: { region: string } | { cluster: string }) =>
      (await missingSuppliers(g.executor, { chain: "BATT", scope })).map((m) => [
        m.productCode,
        m.demanderCodes,
        m.candidates.map((c) => c.enterpriseCode),
      ]);
    expect(await summary(A)).toEqual([
      ["ANO", ["E1"], ["E13", "E7", "E14"]],
      ["LI", ["E2", "E3"], ["E8", "E14"]],
    ]);
    expect(await summary(K1)).toEqual([
      ["GRA", ["E7"], ["E10", "E16"]],
      ["ELE", ["E1"], ["E6"]],
      ["LI", ["E2"], ["E8", "E14"]],
    ]);
  });

  it("targetFirms: covered products, then links into the scope, then capacity", async () => {
    const summary = async (scope: { region: string } | { cluster: string }, products?: string[], chain = "BATT") =>
      (await targetFirms(g.executor, { chain, scope, products })).map((t) => [
        t.enterpriseCode,
        t.coverCodes,
        t.existingLinksIntoScope,
        t.capacity,
      ]);
    expect(await summary(A)).toEqual([
      ["E14", ["ANO", "LI"], 1, 90],
      ["E8", ["LI"], 2, 40],
      ["E13", ["ANO"], 1, 80],
      ["E7", ["ANO"], 1, 60],
    ]);
    expect(await summary(A, ["GRA", "SOL"])).toEqual([
      ["E16", ["GRA", "SOL"], 1, 500],
      ["E11", ["SOL"], 1, 50],
      ["E10", ["GRA"], 0, 100],
    ]);
    expect((await summary(K1)).map((t) => t[0])).toEqual(["E14", "E3", "E6", "E10", "E15", "E13", "E8", "E16", "E5"]);
    expect(await summary({ region: "S" })).toEqual([["E16", ["GRA"], 2, 300]]);
    expect(await summary(A, undefined, "CHEM")).toEqual([
      ["E16", ["SOL"], 1, 200],
      ["E11", ["SOL"], 1, 50],
    ]);
  });

  it("cooperationOpportunities(CE): the pair without a link first", async () => {
    const rows = await cooperationOpportunities(g.executor, { chain: "BATT", scope: CE });
    expect(rows.map(cooperationRow)).toEqual([
      ["ELE", "B", "A", "MISSING", ["E9"], ["E6"], 0],
      ["LI", "A", "B", "MISSING", ["E2", "E3"], ["E8"], 2],
      ["CAT", "B", "A", "MISSING", ["E9"], ["E2", "E3"], 1],
      ["SEP", "B", "A", "MISSING", ["E9"], ["E4", "E5"], 1],
      ["ANO", "A", "B", "MISSING", ["E1"], ["E7"], 1],
    ]);
    expect(rows.map((r) => r.score)).toEqual([
      expect.closeTo(5 / 3, 10),
      0.8,
      expect.closeTo(2 / 3, 10),
      expect.closeTo(2 / 3, 10),
      expect.closeTo(2 / 3, 10),
    ]);
  });

  it("cooperationOpportunities: a cluster across two cities, and none inside one city", async () => {
    const rows = await cooperationOpportunities(g.executor, { chain: "BATT", scope: K1 });
    expect(
      rows.map((r) => [r.productCode, r.demandCityCode, r.supplierCityCode, r.demanderCodes, r.supplierCodes, r.existingLinks]),
    ).toEqual([["ANO", "A", "B", ["E1"], ["E7"], 1]]);
    expect(await cooperationOpportunities(g.executor, { chain: "BATT", scope: A })).toEqual([]);
  });

  it("extensionOpportunities: higher local input share first, then more local inputs, then code", async () => {
    const summary = async (scope: { region: string } | { cluster: string }) =>
      (await extensionOpportunities(g.executor, { chain: "BATT", scope })).map((e) => [
        e.productCode,
        e.localInputShare,
        e.localInputCodes,
        e.missingInputCodes,
      ]);
    expect(await summary(A)).toEqual([["REC", 1, ["CEL"], []]]);
    expect(await summary(K1)).toEqual([["REC", 1, ["CEL"], []]]);
    expect(await summary({ region: "C" })).toEqual([
      ["ANO", 1, ["GRA"], []],
      ["ELE", 1, ["SOL"], []],
      ["LI", 1, ["REC"], []],
      ["CAT", 0.5, ["SOL"], ["LI"]],
    ]);
    expect(await summary({ region: "D" })).toEqual([
      ["CEL", 0.5, ["ANO", "SEP"], ["CAT", "ELE"]],
      ["CAT", 0.5, ["LI"], ["SOL"]],
    ]);
    expect(await summary({ region: "S" })).toEqual([]);
  });

  it("resilience", async () => {
    const summary = async (scope: { region: string } | { cluster: string }, without: string[]) => {
      const r = await resilience(g.executor, { chain: "BATT", scope, without });
      return [r.lostProducts.map((l) => [l.productCode, l.formerProducerCodes, l.demanderCodes]), r.affectedEnterpriseCodes];
    };
    expect(await summary(CE, ["E7"])).toEqual([[["ANO", ["E7"], ["E1", "E9"]]], ["E1", "E9"]]);
    expect(await summary(A, ["E2", "E3"])).toEqual([[["CAT", ["E2", "E3"], ["E1"]]], ["E1"]]);
    expect(await summary(A, ["E1", "E6"])).toEqual([
      [
        ["CEL", ["E1"], []],
        ["ELE", ["E6"], []],
      ],
      [],
    ]);
    expect(await summary(K1, ["E16"])).toEqual([[], []]);
  });

  it("chainMap(CE) and chainMap(K1)", async () => {
    const map = await chainMap(g.executor, { chain: "BATT", scope: CE });
    expect(map.products.map((p) => [p.productCode, p.localProducerCount, p.demanderCount, p.kinds.join()])).toEqual([
      ["GRA", 0, 1, "MISSING"],
      ["LI", 1, 2, "SINGLE_SOURCE"],
      ["ANO", 1, 2, "SINGLE_SOURCE"],
      ["CAT", 2, 2, ""],
      ["ELE", 1, 2, "SINGLE_SOURCE"],
      ["SEP", 2, 2, "LOW_LOCAL_SHARE"],
      ["CEL", 2, 0, ""],
      ["REC", 0, 1, "MISSING"],
    ]);
    expect(map.cities.map((c) => [c.cityCode, c.producerCounts.map((x) => x.count).join("")])).toEqual([
      ["A", "00021210"],
      ["B", "01100010"],
    ]);
    // Weakest first: the short boards as shortBoards ranks them, then CAT (demanded, healthy), then CEL.
    const ranked = (await shortBoards(g.executor, { chain: "BATT", scope: CE, first: 100 })).map((r) => r.productCode);
    const weak = await chainMap(g.executor, { chain: "BATT", scope: CE, order: "WEAK_FIRST" });
    expect(weak.products.map((p) => p.productCode)).toEqual([...ranked, "CAT", "CEL"]);
    expect(ranked).toHaveLength(6);
    const cluster = await chainMap(g.executor, { chain: "BATT", scope: K1 });
    expect(cluster.scope).toMatchObject({ code: "K1", kind: "CLUSTER" });
    const clusterRanked = (await shortBoards(g.executor, { chain: "BATT", scope: K1, first: 100 })).map((r) => r.productCode);
    const clusterWeak = await chainMap(g.executor, {
      chain: "BATT",
      scope: K1,
      order: "WEAK_FIRST",
      first: clusterRanked.length,
    });
    expect(clusterWeak.products.map((p) => p.productCode)).toEqual(clusterRanked);
    expect(clusterWeak.productCount).toBe(8);
    expect(cluster.cities.map((c) => [c.cityCode, c.producerCounts.map((x) => x.count).join("")])).toEqual([
      ["A", "00010110"],
      ["B", "00100000"],
    ]);
  });
});
