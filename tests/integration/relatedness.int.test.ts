import { beforeAll, describe, expect, it } from "vitest";
import { productSpace } from "../../src/analytics/relatedness.js";
import { refreshDerived } from "../../src/graph/derived/derived.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { resetDatabase, setupGraph } from "../support/graph.js";

// tests/fixtures/product-space: three cities, four products, two years; README.md there works out
// every figure below by hand.
const DIR = "tests/fixtures/product-space";
const g = setupGraph();

beforeAll(async () => {
  await resetDatabase(g.executor);
  for (const year of [2023, 2024]) await importDataSet(g.executor, `${DIR}/${year}`, { year });
});

type Cell = {
  region: { code: string };
  product: { code: string };
  output: number;
  rca: number;
  present: boolean;
  density: number;
  ubiquity: number;
  diversity: number;
};

describe("the product space (tests/fixtures/product-space)", () => {
  it("gives the hand-worked RCA, presence and density of every cell of 2023", async () => {
    const { data, errors } = await g.query<{
      productSpace: {
        year: number;
        productCount: number;
        locations: Array<{ code: string }>;
        cells: { totalCount: number; nodes: Cell[] };
      };
    }>(`{ productSpace(scope: {region: "P"}, year: 2023) {
      year productCount locations { code }
      cells(first: 100) { totalCount nodes { region { code } product { code } output rca present density ubiquity diversity } } } }`);
    expect(errors).toBeUndefined();
    const space = data!.productSpace;
    expect(space.year).toBe(2023);
    expect(space.productCount).toBe(4);
    expect(space.locations.map((l) => l.code)).toEqual(["A", "B", "C"]);
    expect(space.cells.totalCount).toBe(12);
    const cell = (r: string, p: string) => space.cells.nodes.find((c) => c.region.code === r && c.product.code === p)!;
    expect(cell("A", "p1").rca).toBeCloseTo(26 / 15, 12);
    expect(cell("A", "p4").rca).toBeCloseTo(2.6, 12);
    expect(cell("C", "p1").rca).toBeCloseTo(13 / 12, 12);
    expect(cell("B", "p3").rca).toBeCloseTo(3.25, 12);
    expect(cell("A", "p1").output).toBe(4);
    const present = space.cells.nodes.filter((c) => c.present).map((c) => `${c.region.code}-${c.product.code}`);
    expect(present).toEqual(["A-p1", "A-p4", "B-p2", "B-p3", "C-p1", "C-p2"]);
    const density = Object.fromEntries(
      space.cells.nodes.filter((c) => !c.present).map((c) => [`${c.region.code}-${c.product.code}`, c.density]),
    );
    expect(density).toEqual({ "A-p2": 0.5, "A-p3": 0, "B-p1": 0.5, "B-p4": 0, "C-p3": 1, "C-p4": 1 });
    expect(space.cells.nodes.map((c) => c.ubiquity).slice(0, 4)).toEqual([2, 2, 1, 1]);
  });

  it("measures capacity when asked, and the latest year by default", async () => {
    const { data } = await g.query<{ capacity: { cells: { nodes: Cell[] } }; latest: { year: number; productCount: number } }>(
      `{ capacity: productSpace(scope: {region: "P"}, year: 2023, measure: CAPACITY) { cells(region: "A", product: "p4") { nodes { output rca } } }
         latest: productSpace(scope: {region: "P"}) { year productCount } }`,
    );
    expect(data!.capacity.cells.nodes).toEqual([{ output: 30, rca: expect.closeTo(15 / 7, 12) }]);
    expect(data!.latest).toEqual({ year: 2024, productCount: 4 });
  });

  it("pages cells with cursors", async () => {
    type Page = {
      productSpace: {
        cells: {
          nodes: Array<{ region: { code: string }; product: { code: string } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const page = async (after: string | null) =>
      (
        await g.query<Page>(
          `query($after: String) { productSpace(scope: {region: "P"}, year: 2023) {
        cells(first: 5, after: $after) { nodes { region { code } product { code } } pageInfo { hasNextPage endCursor } } } }`,
          { after },
        )
      ).data!.productSpace.cells;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page(after);
      seen.push(...p.nodes.map((n) => `${n.region.code}-${n.product.code}`));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it("lists entry candidates densest first, with the present products that make them close and reasons in both languages", async () => {
    const { data, errors } = await g.query<{
      productSpace: {
        c: Array<{
          product: { code: string };
          density: number;
          relatedPresent: Array<{ product: { code: string }; proximity: number }>;
          en: string[];
          zh: string[];
        }>;
        proximity: Array<{ product: { code: string }; proximity: number }>;
      };
    }>(`{ productSpace(scope: {region: "P"}, year: 2023) {
      c: entryCandidates(region: "C", chain: "CH") { product { code } density relatedPresent { product { code } proximity } en: reasons zh: reasons(lang: ZH) }
      proximity(product: "p1") { product { code } proximity } } }`);
    expect(errors).toBeUndefined();
    const c = data!.productSpace.c;
    expect(c.map((x) => [x.product.code, x.density])).toEqual([
      ["p3", 1],
      ["p4", 1],
    ]);
    expect(c[0]!.relatedPresent).toEqual([{ product: { code: "p2" }, proximity: 0.5 }]);
    expect(c[0]!.en.join(" ")).toContain("Product 2 (0.50)");
    expect(c[0]!.zh.join("")).toContain("产品2（0.50）");
    expect(data!.productSpace.proximity).toEqual([
      { product: { code: "p2" }, proximity: 0.5 },
      { product: { code: "p4" }, proximity: 0.5 },
    ]);
  });

  it("backtests 2023 against 2024: density beats both baselines", async () => {
    const { data, errors } = await g.query<{ relatednessBacktest: Record<string, unknown> }>(
      `{ relatednessBacktest(scope: {region: "P"}, from: 2023, to: 2024) {
        candidates entries auc aucPr precisionAt10 baselines { name auc aucPr precisionAt10 } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.relatednessBacktest).toEqual({
      candidates: 6,
      entries: 2,
      auc: 0.75,
      aucPr: 0.5,
      precisionAt10: expect.closeTo(2 / 6, 12),
      baselines: [
        { name: "ubiquity", auc: 0.625, aucPr: expect.any(Number), precisionAt10: expect.closeTo(2 / 6, 12) },
        { name: "random", auc: 0.5, aucPr: expect.closeTo(2 / 6, 12), precisionAt10: expect.closeTo(2 / 6, 12) },
      ],
    });
  });

  it("keeps a space until the derived data is recomputed", async () => {
    const args = { scope: { region: "P" }, year: 2023 };
    const first = await productSpace(g.executor, args);
    expect((await productSpace(g.executor, args)).space).toBe(first.space);
    expect((await productSpace(g.executor, { ...args, measure: "CAPACITY" })).space).not.toBe(first.space);
    await refreshDerived(g.executor);
    const after = await productSpace(g.executor, args);
    expect(after.space).not.toBe(first.space);
    expect(after.space.products).toEqual(first.space.products);
  });

  it("refuses what it cannot answer with codes", async () => {
    const code = async (source: string) => (await g.query(source)).errors?.[0]?.extensions?.code;
    expect(await code(`{ productSpace(scope: {region: "NOPE"}) { productCount } }`)).toBe("NOT_FOUND");
    expect(await code(`{ productSpace(scope: {cluster: "X"}) { productCount } }`)).toBe("BAD_USER_INPUT");
    expect(await code(`{ productSpace(scope: {region: "P"}, year: 1999) { productCount } }`)).toBe("BAD_USER_INPUT");
    expect(await code(`{ productSpace(scope: {region: "P"}, rcaThreshold: 0) { productCount } }`)).toBe("BAD_USER_INPUT");
    expect(await code(`{ productSpace(scope: {region: "P"}) { entryCandidates(region: "NOPE") { density } } }`)).toBe(
      "NOT_FOUND",
    );
    expect(await code(`{ productSpace(scope: {region: "P"}) { entryCandidates(region: "A", chain: "NOPE") { density } } }`)).toBe(
      "NOT_FOUND",
    );
    expect(await code(`{ productSpace(scope: {region: "P"}) { proximity(product: "NOPE") { proximity } } }`)).toBe("NOT_FOUND");
    expect(await code(`{ productSpace(scope: {region: "P"}) { cells(after: "bogus") { totalCount } } }`)).toBe("BAD_USER_INPUT");
    expect(await code(`{ relatednessBacktest(scope: {region: "P"}, from: 2024, to: 2023) { auc } }`)).toBe("BAD_USER_INPUT");
  });
});
