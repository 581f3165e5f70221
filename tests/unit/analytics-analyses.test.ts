import { chainDataFrom, type ExampleProduct } from "../support/analytics.js";
import { describe, expect, it } from "vitest";
import { chainFacts } from "../../src/analytics/chain-facts.js";
import { drawChainMap } from "../../src/analytics/chain-map.js";
import { rankCooperation } from "../../src/analytics/cooperation.js";
import { listItems } from "../../src/analytics/lists.js";
import { rankExtensions } from "../../src/analytics/extension.js";
import { listMissingSuppliers } from "../../src/analytics/missing-suppliers.js";
import { assessResilience } from "../../src/analytics/resilience.js";
import { rankShortBoards } from "../../src/analytics/short-boards.js";
import { defaultTargets } from "../../src/analytics/target-firms.js";

// The worked BIKE example of issue 3 (tests/fixtures/analytics-bike), counted as the chain-data query reads it.
const products: ExampleProduct[] = [
  { code: "BIKE", name: "Bicycle", nameZh: "自行车", stage: "DOWNSTREAM", inChain: true, inputCodes: ["FRAME", "TYRE"] },
  { code: "FRAME", name: "Frame", nameZh: "车架", stage: "MIDSTREAM", inChain: true, inputCodes: ["STEEL"] },
  { code: "RUBBER", name: "Rubber", nameZh: "橡胶", stage: "UPSTREAM", inChain: true, inputCodes: [] },
  { code: "STEEL", name: "Steel", nameZh: "钢材", stage: "UPSTREAM", inChain: true, inputCodes: [] },
  { code: "TYRE", name: "Tyre", nameZh: "轮胎", stage: "MIDSTREAM", inChain: true, inputCodes: ["RUBBER"] },
];
const X = { code: "X", name: "City X", nameZh: "X市" };
const Y = { code: "Y", name: "City Y", nameZh: "Y市" };
const P = { code: "P", name: "Province P", nameZh: "P省" };

const producersX = [
  { product: "BIKE", city: "X", enterprises: ["F1"] },
  { product: "FRAME", city: "X", enterprises: ["F2"] },
];
const producersP = [...producersX, { product: "TYRE", city: "Y", enterprises: ["F3"] }];
const scopeX = chainDataFrom(products, producersX);
const scopeP = chainDataFrom(products, producersP);

describe("analyses on the BIKE example (pure halves)", () => {
  it("reads demander counts per product and per city", () => {
    const facts = chainFacts(scopeP);
    const demanders = Object.fromEntries(facts.chain.map((f) => [f.product.code, f.demanderCount]));
    expect(demanders).toEqual({ BIKE: 0, FRAME: 1, RUBBER: 1, STEEL: 1, TYRE: 1 });
    expect(facts.chain.find((f) => f.product.code === "TYRE")!.demandersByCity).toEqual(new Map([["X", 1]]));
  });

  it("shortBoards for X: STEEL (MISSING, 2), TYRE (MISSING, 1), FRAME (SINGLE_SOURCE, 1)", () => {
    const rows = rankShortBoards(chainFacts(scopeX), X, 20);
    expect(rows.map((r) => [r.productCode, r.kinds, r.dependentCount, r.score])).toEqual([
      ["STEEL", ["MISSING"], 2, 18],
      ["TYRE", ["MISSING"], 1, 12],
      ["FRAME", ["SINGLE_SOURCE"], 1, 8],
    ]);
    expect(rows[0]).toMatchObject({ localProducerCount: 0, demanderCount: 1, dependentCount: 2, localSupplyShare: null });
    expect(rows[0]!.reasons.en[0]).toBe("1 local firm needs Steel; none in City X makes it; 2 downstream products depend on it.");
    expect(rankShortBoards(chainFacts(scopeX), X, 1).map((r) => r.productCode)).toEqual(["STEEL"]);
  });

  it("missingSuppliers for X = {TYRE, STEEL}", () => {
    expect(listMissingSuppliers(chainFacts(scopeX), X).map((m) => [m.productCode, m.demanderCount])).toEqual([
      ["STEEL", 1],
      ["TYRE", 1],
    ]);
    expect(listMissingSuppliers(chainFacts(scopeX), X, 1).map((m) => m.productCode)).toEqual(["STEEL"]);
  });

  it("targetFirms' default targets for X are the MISSING and SINGLE_SOURCE products", () => {
    expect(defaultTargets(chainFacts(scopeX).chain)).toEqual(["FRAME", "STEEL", "TYRE"]);
  });

  it("resilience sorts the lost products and gathers the affected firms once", () => {
    const row = (code: string, removed: string[], demanders: string[]) => ({
      code,
      name: code,
      nameZh: null,
      stage: "MIDSTREAM" as const,
      removed,
      demanders,
    });
    const report = assessResilience([row("TYRE", ["F4"], ["F1", "F3"]), row("FRAME", ["F2", "F0"], ["F1"])], X, [
      "F2",
      "F4",
      "F0",
    ]);
    expect(report.lostProducts.map((l) => [l.productCode, l.formerProducerCodes, l.demanderCodes])).toEqual([
      ["FRAME", ["F0", "F2"], ["F1"]],
      ["TYRE", ["F4"], ["F1", "F3"]],
    ]);
    expect(report.affectedEnterpriseCodes).toEqual(["F1", "F3"]);
    expect(report.withoutCodes).toEqual(["F2", "F4", "F0"]);
  });

  it("cooperation for P holds (TYRE, demand X, supplier Y) and nothing else", () => {
    const rows = rankCooperation(chainFacts(scopeP), [X, Y], 50);
    expect(
      rows.map((r) => [
        r.productCode,
        r.demandCityCode,
        r.supplierCityCode,
        r.kind,
        r.demanderCount,
        r.supplierCount,
        r.existingLinks,
      ]),
    ).toEqual([["TYRE", "X", "Y", "MISSING", 1, 1, 0]]);
    expect(rows[0]!.reasons.zh[2]).toBe("Y市尚未向X市供应轮胎。");
  });

  it("cooperation counts existing links from the supplier city to the demand city only", () => {
    const links = [
      { product: "TYRE", city: "X", fromCity: "Y", volume: 1 },
      { product: "TYRE", city: "X", fromCity: "Y", volume: 1 },
      ...Array.from({ length: 7 }, () => ({ product: "TYRE", city: "Y", fromCity: "X", volume: 1 })),
    ];
    const rows = rankCooperation(chainFacts(chainDataFrom(products, producersP, links)), [X, Y], 50);
    expect(rows.map((r) => [r.productCode, r.existingLinks])).toEqual([["TYRE", 2]]);
    expect(rows[0]!.score).toBeLessThan(1);
  });

  it("extension for Y: BIKE, half of whose inputs (TYRE) Y makes", () => {
    const scopeY = chainDataFrom(products, [{ product: "TYRE", city: "Y", enterprises: ["F3"] }]);
    expect(
      rankExtensions(chainFacts(scopeY), Y, 20).map((e) => [
        e.productCode,
        e.localInputShare,
        e.localInputCodes,
        e.missingInputCodes,
      ]),
    ).toEqual([["BIKE", 0.5, ["TYRE"], ["FRAME"]]]);
    expect(rankExtensions(chainFacts(scopeX), X, 20)).toEqual([]);
  });

  it("shortBoards for P: RUBBER and STEEL tie at 18 and break by code", () => {
    expect(rankShortBoards(chainFacts(scopeP), P, 20).map((r) => [r.productCode, r.kinds[0], r.score])).toEqual([
      ["RUBBER", "MISSING", 18],
      ["STEEL", "MISSING", 18],
      ["FRAME", "SINGLE_SOURCE", 8],
      ["TYRE", "SINGLE_SOURCE", 8],
    ]);
  });

  it("a LOW_LOCAL_SHARE product needs two makers and less than half of the volume from inside", () => {
    const data = chainDataFrom(
      products,
      [...producersX, { product: "TYRE", city: "X", enterprises: ["F4", "F5"] }],
      [
        { product: "TYRE", city: "X", fromCity: null, volume: 70 },
        { product: "TYRE", city: "X", fromCity: "X", volume: 30 },
      ],
    );
    const tyre = rankShortBoards(chainFacts(data), X, 20).find((r) => r.productCode === "TYRE")!;
    expect(tyre).toMatchObject({ kinds: ["LOW_LOCAL_SHARE"], localSupplyShare: 0.3, localProducerCount: 2 });
    expect(tyre.score).toBeCloseTo(1 * 2 * 1.7);
  });

  it("chainMap for X lists products by stage and each city's producer counts", () => {
    const map = drawChainMap(chainFacts(scopeX), {
      chain: { code: "BIKE", name: "Bicycle", nameZh: "自行车" },
      scope: { ...X, kind: "REGION", regionKind: "CITY" },
      cities: [X],
    });
    expect(map.productCount).toBe(5);
    expect(map.products.map((p) => [p.productCode, p.localProducerCount, p.kinds])).toEqual([
      ["RUBBER", 0, []],
      ["STEEL", 0, ["MISSING"]],
      ["FRAME", 1, ["SINGLE_SOURCE"]],
      ["TYRE", 0, ["MISSING"]],
      ["BIKE", 1, []],
    ]);
    expect(map.cities).toEqual([
      {
        cityCode: "X",
        name: "City X",
        nameZh: "X市",
        producerCounts: [
          { productCode: "RUBBER", count: 0 },
          { productCode: "STEEL", count: 0 },
          { productCode: "FRAME", count: 1 },
          { productCode: "TYRE", count: 0 },
          { productCode: "BIKE", count: 1 },
        ],
      },
    ]);
    const first2 = drawChainMap(chainFacts(scopeX), { chain: map.chain, scope: map.scope, cities: [X] }, 2);
    expect(first2.products.map((p) => p.productCode)).toEqual(["RUBBER", "STEEL"]);
    expect(first2.cities[0]!.producerCounts).toEqual([
      { productCode: "RUBBER", count: 0 },
      { productCode: "STEEL", count: 0 },
    ]);
    expect(first2.productCount).toBe(5);
  });
});

describe("listItems (the rows of the lists statement)", () => {
  it("reads each product and city once, with every list any request asked of it", () => {
    const items = listItems(
      [
        { product: "P", city: "A", demanders: true },
        { product: "P", city: "B", producers: true },
        { product: "P", city: "A", producers: true },
        { product: "P", city: "A", demanders: true },
        { product: "Q", dependents: true },
        { product: "R", city: "A" },
      ],
      ["A", "B"],
    );
    expect(items.map((i) => [i.product, i.cities, i.producers, i.demanders, i.dependents])).toEqual([
      ["P", ["A"], true, true, false],
      ["P", ["B"], true, false, false],
      ["Q", ["A", "B"], false, false, true],
    ]);
    expect(new Set(items.map((i) => i.key)).size).toBe(3);
  });
});
