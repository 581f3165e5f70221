import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chainMap, changes, resilience, shortBoards, targetFirms } from "../../src/analytics/index.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { graphYears } from "../../src/graph/import/years.js";
import { resetDatabase, setupGraph, type TestGraph } from "../support/graph.js";

// tests/fixtures/monitoring-years: two yearly states of the bicycle chain; README.md there works out
// every answer below by hand.
const DIR = "tests/fixtures/monitoring-years";
const X = { region: "X" };

/** Every node and relationship with the years it holds, in a canonical order. */
async function dump(g: TestGraph): Promise<string[]> {
  const nodes = await g.executor.read<{ row: string; years: number[] | null }>(
    "test.dump.nodes",
    `MATCH (n) WHERE n.code IS NOT NULL AND NOT n:DerivedState RETURN labels(n)[0] + ' ' + n.code AS row, n.years AS years`,
  );
  const rels = await g.executor.read<{ row: string; years: number[] | null }>(
    "test.dump.rels",
    `MATCH (a)-[r]->(b) WHERE type(r) <> 'IN_REGION'
     RETURN a.code + ' ' + type(r) + coalesce(' ' + r.product, '') + ' ' + b.code AS row, r.years AS years`,
  );
  return [...nodes, ...rels].map((r) => `${r.row} ${r.years ? `[${r.years.join(", ")}]` : "-"}`).sort();
}

/** Every node's and relationship's properties but the import's bookkeeping, in a canonical order. */
async function properties(g: TestGraph): Promise<string[]> {
  const rows = await g.executor.read<{ props: Record<string, unknown> }>(
    "test.dump.properties",
    `MATCH (n) WHERE n.code IS NOT NULL AND NOT n:DerivedState RETURN n {.*, label: labels(n)[0]} AS props
     UNION ALL
     MATCH (a)-[r]->(b) WHERE type(r) <> 'IN_REGION' RETURN r {.*, type: type(r), from: a.code, to: b.code} AS props`,
  );
  return rows
    .map(({ props }) => {
      const { importStamp: _stamp, ...rest } = props;
      return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
    })
    .sort();
}

async function loadYears(g: TestGraph, ...years: number[]): Promise<void> {
  await resetDatabase(g.executor);
  for (const y of years) await importDataSet(g.executor, `${DIR}/${y === 2025 ? 2023 : y}`, { year: y });
}

const boards = async (g: TestGraph, year?: number) =>
  (await shortBoards(g.executor, { chain: "BIKE", scope: X, ...(year !== undefined && { year }) })).map((r) => [
    r.productCode,
    r.kinds.join(),
    r.score,
    r.localProducerCodes,
    r.demanderCodes,
  ]);

describe("yearly imports (tests/fixtures/monitoring-years)", () => {
  const g = setupGraph();

  it("records the years each entity and relationship holds", async () => {
    await loadYears(g, 2023, 2024);
    const rows = await dump(g);
    expect(rows).toContain("Enterprise F1 [2023, 2024]");
    expect(rows).toContain("Enterprise F2 [2023]");
    expect(rows).toContain("Enterprise F4 [2024]");
    expect(rows).toContain("F2 SUPPLIES FRAME F1 [2023]");
    expect(rows).toContain("F5 SUPPLIES FRAME F1 [2024]");
    expect(rows).toContain("F1 PRODUCES BIKE [2023, 2024]");
    expect(rows).toContain("Product STEEL [2023, 2024]");
    expect(await graphYears(g.executor)).toEqual([2023, 2024]);
  });

  it("is idempotent, and an earlier year imported after a later one gives the same graph", async () => {
    await loadYears(g, 2023, 2024);
    const forward = await dump(g);
    await importDataSet(g.executor, `${DIR}/2024`, { year: 2024 });
    expect(await dump(g)).toEqual(forward);
    const forwardProperties = await properties(g);
    await loadYears(g, 2024, 2023);
    expect(await dump(g)).toEqual(forward);
    // Names, capacities and volumes are the latest year's, whatever the order of the imports: F1 made
    // 500 bicycles in 2023 and 600 in 2024.
    expect(await properties(g)).toEqual(forwardProperties);
    const [f1] = await g.executor.read<{ capacity: number }>(
      "test",
      "MATCH (:Enterprise {code: 'F1'})-[r:PRODUCES]->(:Product {code: 'BIKE'}) RETURN r.capacity AS capacity",
    );
    expect(f1).toEqual({ capacity: 600 });
  });

  it("keeps capacities and volumes per year, whatever the order of the imports, and reads each year's", async () => {
    // 2025: 2024's state with F1 making 700 bicycles and F5 delivering 150 frames (100 in 2024).
    const y2025 = mkdtempSync(path.join(tmpdir(), "chain-kg-years-"));
    cpSync(`${DIR}/2024`, y2025, { recursive: true });
    const edit = (file: string, from: string, to: string) => {
      const text = readFileSync(path.join(y2025, file), "utf8");
      expect(text).toContain(from);
      writeFileSync(path.join(y2025, file), text.replace(from, to));
    };
    edit("produces.csv", "F1,BIKE,600", "F1,BIKE,700");
    edit("produces.csv", "F5,FRAME,900", "F5,FRAME,950");
    edit("supply_links.csv", "F5,F1,FRAME,100", "F5,F1,FRAME,150");
    const load = async (...years: number[]) => {
      await resetDatabase(g.executor);
      for (const y of years) await importDataSet(g.executor, y === 2025 ? y2025 : `${DIR}/${y}`, { year: y });
    };
    const bike = async () =>
      (
        await g.executor.read<{ props: Record<string, unknown> }>(
          "test",
          "MATCH (:Enterprise {code: 'F1'})-[r:PRODUCES]->(:Product {code: 'BIKE'}) RETURN r {.*, importStamp: null} AS props",
        )
      )[0]!.props;

    await load(2023, 2024, 2025);
    expect(await bike()).toMatchObject({ capacity: 700, capacity_2023: 500, capacity_2024: 600, capacity_2025: 700 });
    const forward = await properties(g);
    await load(2025, 2023, 2024);
    expect(await properties(g)).toEqual(forward);

    // Through GraphQL, every read in a year sees that year's figures: the firm's products, its supply
    // links, and the product space's output (summed capacities, through the derived data).
    type Read = {
      enterprise: {
        products: Array<{ capacity: number | null }>;
        suppliers: { nodes: Array<{ supplier: { code: string }; volume: number | null }> };
      };
      productSpace: { cells: { nodes: Array<{ output: number }> } };
    };
    const read = async (year: number) =>
      (
        await g.query<Read>(
          `query($year: Int) {
             enterprise(code: "F1", year: $year) { products { capacity } suppliers(first: 10, product: "FRAME") { nodes { supplier { code } volume } } }
             productSpace(scope: {region: "P"}, year: $year, measure: CAPACITY) { cells(region: "X", product: "BIKE") { nodes { output } } }
           }`,
          { year },
        )
      ).data!;
    const figures = async (year: number) => {
      const r = await read(year);
      return [
        r.enterprise.products.map((p) => p.capacity),
        r.enterprise.suppliers.nodes.map((l) => `${l.supplier.code} ${l.volume}`),
        r.productSpace.cells.nodes.map((c) => c.output),
      ];
    };
    expect(await figures(2023)).toEqual([[500], ["F2 80"], [500]]);
    expect(await figures(2024)).toEqual([[600], ["F5 100"], [600]]);
    expect(await figures(2025)).toEqual([[700], ["F5 150"], [700]]);
    // Target firms rank by the year's capacity too: F5's frames for X.
    const f5 = async (year: number) =>
      (await targetFirms(g.executor, { chain: "BIKE", scope: X, year })).find((f) => f.enterpriseCode === "F5")?.capacity;
    expect([await f5(2024), await f5(2025)]).toEqual([900, 950]);

    // A year taken away takes its values along: 2025 re-imported with 2023's state leaves F5's frames
    // to 2024 alone; a year's row without a capacity leaves no key for that year.
    await importDataSet(g.executor, `${DIR}/2023`, { year: 2025 });
    const frames = await g.executor.read<{ props: Record<string, unknown> }>(
      "test",
      "MATCH (:Enterprise {code: 'F5'})-[r:SUPPLIES]->(:Enterprise {code: 'F1'}) RETURN r {.*, importStamp: null} AS props",
    );
    expect(frames.map((f) => f.props)).toEqual([
      { product: "FRAME", volume: 100, volume_2024: 100, years: [2024], importStamp: null },
    ]);
    expect((await bike()).capacity_2025).toBe(500);

    // A timeless import makes its elements hold in every year, with one value: no per-year keys left.
    await importDataSet(g.executor, `${DIR}/2024`);
    const timeless = await bike();
    expect(
      Object.keys(timeless)
        .filter((k) => k.startsWith("capacity"))
        .sort(),
    ).toEqual(["capacity"]);
    expect(timeless.capacity).toBe(600);
  });

  it("a firm present in 2023 and 2025 but not 2024 holds in two intervals", async () => {
    await loadYears(g, 2023, 2024, 2025);
    const rows = await dump(g);
    expect(rows).toContain("Enterprise F2 [2023, 2025]");
    expect(rows).toContain("Enterprise F4 [2024]");
    expect(await graphYears(g.executor)).toEqual([2023, 2024, 2025]);
  });

  it("re-importing a year replaces its state: what the new state lacks no longer holds in that year", async () => {
    await loadYears(g, 2023, 2024);
    // 2024's data set loaded as 2023 too: F2 held only in 2023 and is gone; F4 now holds in both.
    await importDataSet(g.executor, `${DIR}/2024`, { year: 2023 });
    const rows = await dump(g);
    expect(rows.filter((r) => r.startsWith("Enterprise F2"))).toEqual([]);
    expect(rows).toContain("Enterprise F4 [2023, 2024]");
    expect(rows.filter((r) => r.includes("F2 SUPPLIES"))).toEqual([]);
  });

  it("analyses answer as of a year, by default the latest", async () => {
    await loadYears(g, 2023, 2024);
    expect(await boards(g, 2023)).toEqual([
      ["STEEL", "MISSING", 18, [], ["F2"]],
      ["TYRE", "MISSING", 12, [], ["F1"]],
      ["FRAME", "SINGLE_SOURCE", 4, ["F2"], ["F1"]],
    ]);
    const latest = [
      ["RUBBER", "MISSING", 18, [], ["F4"]],
      ["FRAME", "MISSING", 12, [], ["F1"]],
      ["TYRE", "SINGLE_SOURCE", 4, ["F4"], ["F1"]],
    ];
    expect(await boards(g, 2024)).toEqual(latest);
    expect(await boards(g)).toEqual(latest);

    const map = await chainMap(g.executor, { chain: "BIKE", scope: X, year: 2023 });
    expect(map.products.map((p) => [p.productCode, p.localProducerCount, p.dependentCount])).toEqual([
      ["RUBBER", 0, 2],
      ["STEEL", 0, 2],
      ["FRAME", 1, 1],
      ["TYRE", 0, 1],
      ["BIKE", 1, 0],
    ]);
    const firms2023 = await targetFirms(g.executor, { chain: "BIKE", scope: X, year: 2023 });
    expect(firms2023.map((f) => [f.enterpriseCode, f.coverCodes, f.existingLinksIntoScope])).toEqual([["F3", ["TYRE"], 1]]);
    const firms2024 = await targetFirms(g.executor, { chain: "BIKE", scope: X, year: 2024 });
    expect(firms2024.map((f) => [f.enterpriseCode, f.coverCodes, f.existingLinksIntoScope])).toEqual([
      ["F5", ["FRAME"], 1],
      ["F3", ["TYRE"], 0],
    ]);
    const lost = await resilience(g.executor, { chain: "BIKE", scope: X, without: ["F4"], year: 2024 });
    expect(lost.lostProducts.map((l) => [l.productCode, l.demanderCodes])).toEqual([["TYRE", ["F1"]]]);
  });

  it("refuses a year the graph does not hold, and a code that does not hold in the year asked", async () => {
    await loadYears(g, 2023, 2024);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "no error",
        (e: { extensions?: { code?: unknown }; message?: string }) => `${String(e.extensions?.code)}: ${e.message}`,
      );
    expect(await code(shortBoards(g.executor, { chain: "BIKE", scope: X, year: 2022 }))).toBe(
      "BAD_USER_INPUT: The graph holds no data for 2022; it holds 2023, 2024",
    );
    expect(await code(resilience(g.executor, { chain: "BIKE", scope: X, without: ["F4"], year: 2023 }))).toBe(
      'NOT_FOUND: Unknown enterprise "F4" in 2023',
    );
  });

  it("through GraphQL: year is an argument, checked; entities say the years they hold", async () => {
    await loadYears(g, 2023, 2024);
    const firms = await g.query<{ enterprises: { nodes: Array<{ code: string; years: number[] | null }> } }>(
      `{ enterprises(first: 10) { nodes { code years } } }`,
    );
    // The latest year by default: F2 held in 2023 only.
    expect(firms.data!.enterprises.nodes).toEqual([
      { code: "F1", years: [2023, 2024] },
      { code: "F3", years: [2023, 2024] },
      { code: "F4", years: [2024] },
      { code: "F5", years: [2024] },
    ]);
    const { data, errors } = await g.query<{
      shortBoards: Array<{ product: { code: string }; demanders: Array<{ code: string }> }>;
    }>(`{ shortBoards(chain: "BIKE", scope: {region: "X"}, year: 2023) { product { code } demanders(first: 5) { code } } }`);
    expect(errors).toBeUndefined();
    expect(data!.shortBoards.map((s) => [s.product.code, s.demanders.map((d) => d.code)])).toEqual([
      ["STEEL", ["F2"]],
      ["TYRE", ["F1"]],
      ["FRAME", ["F1"]],
    ]);
    const bad = await g.query(`{ shortBoards(chain: "BIKE", scope: {region: "X"}, year: 99) { score } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("changes(BIKE, X, 2023, 2024)", async () => {
    await loadYears(g, 2023, 2024);
    const c = await changes(g.executor, { chain: "BIKE", scope: X, from: 2023, to: 2024 });
    expect(c.shortBoardsOpened.map((b) => [b.productCode, b.kind, b.score])).toEqual([["RUBBER", "MISSING", 18]]);
    expect(c.shortBoardsClosed.map((b) => [b.productCode, b.kind, b.score])).toEqual([["STEEL", "MISSING", 18]]);
    expect(c.kindChanges.map((k) => [k.productCode, k.from, k.to])).toEqual([
      ["FRAME", "SINGLE_SOURCE", "MISSING"],
      ["TYRE", "MISSING", "SINGLE_SOURCE"],
    ]);
    expect([c.enterprisesEnteredCodes, c.enterprisesLeftCodes, c.enterprisesEnteredCount, c.enterprisesLeftCount]).toEqual([
      ["F4"],
      ["F2"],
      1,
      1,
    ]);
    expect(c.producersGained).toEqual([{ productCode: "TYRE", enterpriseCodes: ["F4"] }]);
    expect(c.producersLost).toEqual([{ productCode: "FRAME", enterpriseCodes: ["F2"] }]);
    const link = (l: { supplierCode: string; customerCode: string; productCode: string; volume: number | null }) =>
      `${l.supplierCode}>${l.customerCode} ${l.productCode} ${l.volume}`;
    expect(c.linksMade.map(link)).toEqual(["F5>F1 FRAME 100", "F4>F1 TYRE 60"]);
    expect(c.linksLost.map(link)).toEqual(["F2>F1 FRAME 80", "F3>F1 TYRE 50"]);
    expect(c.reasons.en).toEqual([
      "From 2023 to 2024, 1 short board opened in City X (Rubber) and 1 closed (Steel).",
      "2 weak links changed kind: Frame from single source to missing; Tyre from missing to single source.",
      "1 firm of the chain entered City X and 1 left; 2 supply links into City X were made and 2 lost.",
    ]);
    expect(c.reasons.zh).toEqual([
      "2023年至2024年，X市新增短板1个（橡胶），消除短板1个（钢材）。",
      "2个薄弱环节类型改变：车架由“单一来源”变为“缺失”；轮胎由“缺失”变为“单一来源”。",
      "X市该产业链新进入企业1家、退出1家；输入X市的供货关系新增2条、减少2条。",
    ]);
    // first cuts every list, not the counts.
    const one = await changes(g.executor, { chain: "BIKE", scope: X, from: 2023, to: 2024, first: 1 });
    expect([one.linksMade.length, one.linksMadeCount, one.kindChanges.length]).toEqual([1, 2, 1]);
  });

  it("changes through GraphQL, and its refusals", async () => {
    await loadYears(g, 2023, 2024);
    const { data, errors } = await g.query<{
      changes: {
        shortBoardsOpened: Array<{ product: { code: string } }>;
        enterprisesEntered: Array<{ code: string; name: string }>;
        linksMade: Array<{ supplier: { code: string }; customer: { code: string }; product: { code: string } }>;
        producersLost: Array<{ product: { code: string }; enterprises: Array<{ code: string }> }>;
        reasons: string[];
      };
    }>(
      `{ changes(chain: "BIKE", scope: {region: "X"}, from: 2023, to: 2024) {
           from to shortBoardsOpened { product { code } kind score }
           enterprisesEntered { code name } linksMade { supplier { code } customer { code } product { code } volume }
           producersLost { product { code } enterprises { code } } reasons(lang: ZH) } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.changes.shortBoardsOpened.map((b) => b.product.code)).toEqual(["RUBBER"]);
    expect(data!.changes.enterprisesEntered).toEqual([{ code: "F4", name: "Firm Four Tyres" }]);
    expect(data!.changes.linksMade.map((l) => `${l.supplier.code}>${l.customer.code} ${l.product.code}`)).toEqual([
      "F5>F1 FRAME",
      "F4>F1 TYRE",
    ]);
    expect(data!.changes.producersLost).toEqual([{ product: { code: "FRAME" }, enterprises: [{ code: "F2" }] }]);
    expect(data!.changes.reasons[0]).toBe("2023年至2024年，X市新增短板1个（橡胶），消除短板1个（钢材）。");
    const refused = async (from: number, to: number) =>
      (await g.query(`{ changes(chain: "BIKE", scope: {region: "X"}, from: ${from}, to: ${to}) { from } }`)).errors?.[0]
        ?.extensions?.code;
    expect(await refused(2024, 2023)).toBe("BAD_USER_INPUT");
    expect(await refused(2022, 2024)).toBe("BAD_USER_INPUT");
  });

  it("lists and lookups answer as of a year, by default the latest, and what they nest stays in it", async () => {
    await loadYears(g, 2023, 2024);
    type Firms = { enterprises: { totalCount: number; nodes: Array<{ code: string }> } };
    const firms = async (args: string) =>
      (await g.query<Firms>(`{ enterprises(first: 10${args}) { totalCount nodes { code } } }`)).data!.enterprises;
    expect(await firms("")).toEqual({ totalCount: 4, nodes: ["F1", "F3", "F4", "F5"].map((code) => ({ code })) });
    expect(await firms(", year: 2023")).toEqual({ totalCount: 3, nodes: ["F1", "F2", "F3"].map((code) => ({ code })) });
    // Filters follow relationships that hold in the year: X's frame makers.
    expect(await firms(`, filter: {region: "X", product: "FRAME"}, year: 2023`)).toEqual({
      totalCount: 1,
      nodes: [{ code: "F2" }],
    });
    expect(await firms(`, filter: {region: "X", product: "FRAME"}`)).toEqual({ totalCount: 0, nodes: [] });

    const lookup = await g.query<{ a: { code: string } | null; b: { code: string } | null }>(
      `{ a: enterprise(code: "F2") { code } b: enterprise(code: "F2", year: 2023) { code } }`,
    );
    expect(lookup.data).toEqual({ a: null, b: { code: "F2" } });

    // Nested connections and lists: F1's suppliers and X's enterprises, per year.
    type Nested = {
      enterprise: { suppliers: { nodes: Array<{ supplier: { code: string }; product: { code: string } }> } };
      region: { enterprises: { totalCount: number } };
      product: { producers: { nodes: Array<{ code: string }> } };
    };
    const nested = async (year: number) =>
      (
        await g.query<Nested>(
          `query($year: Int) {
             enterprise(code: "F1", year: $year) { suppliers(first: 10) { nodes { supplier { code } product { code } } } }
             region(code: "X", year: $year) { enterprises(first: 10) { totalCount } }
             product(code: "TYRE", year: $year) { producers(first: 10) { nodes { code } } }
           }`,
          { year },
        )
      ).data!;
    const y2023 = await nested(2023);
    expect(y2023.enterprise.suppliers.nodes.map((l) => `${l.supplier.code} ${l.product.code}`)).toEqual(["F2 FRAME", "F3 TYRE"]);
    expect(y2023.region.enterprises.totalCount).toBe(2);
    expect(y2023.product.producers.nodes).toEqual([{ code: "F3" }]);
    const y2024 = await nested(2024);
    expect(y2024.enterprise.suppliers.nodes.map((l) => `${l.supplier.code} ${l.product.code}`)).toEqual(["F4 TYRE", "F5 FRAME"]);
    expect(y2024.region.enterprises.totalCount).toBe(2);
    expect(y2024.product.producers.nodes).toEqual([{ code: "F3" }, { code: "F4" }]);

    // An analysis' embedded entities stay in its year too: the 2023 short boards' demanders' products.
    const sb = await g.query<{ shortBoards: Array<{ product: { code: string; producers: { totalCount: number } } }> }>(
      `{ shortBoards(chain: "BIKE", scope: {region: "X"}, year: 2023) { product { code producers(first: 1) { totalCount } } } }`,
    );
    expect(sb.data!.shortBoards.map((b) => [b.product.code, b.product.producers.totalCount])).toEqual([
      ["STEEL", 0],
      ["TYRE", 1],
      ["FRAME", 1],
    ]);
    // Search and node(id) too: F2 ("Firm Two Frames") is found in 2023 only.
    const found = await g.query<{ a: Array<{ node: { code: string } }>; b: Array<{ node: { code: string } }> }>(
      `{ a: search(text: "Frames") { node { ... on Enterprise { code } } } b: search(text: "Frames", year: 2023) { node { ... on Enterprise { code } } } }`,
    );
    expect([found.data!.a.map((h) => h.node.code), found.data!.b.map((h) => h.node.code).sort()]).toEqual([["F5"], ["F2"]]);
    const f2 = Buffer.from("Enterprise:F2", "utf8").toString("base64url");
    const byId = await g.query<{ a: { code: string } | null; b: { code: string } | null }>(
      `{ a: node(id: "${f2}") { ... on Enterprise { code } } b: node(id: "${f2}", year: 2023) { ... on Enterprise { code } } }`,
    );
    expect(byId.data).toEqual({ a: null, b: { code: "F2" } });
    // Aliased lookups still share their reads: the year is resolved once, in their batch. The four in the
    // latest year take one root statement and one wave for their cities (2), the one in 2023 its own (1).
    const aliased = await g.query(
      `{ ${["F1", "F3", "F4", "F5"].map((c, i) => `e${i}: enterprise(code: "${c}") { code city { code } }`).join(" ")}
         f: enterprise(code: "F2", year: 2023) { code } }`,
    );
    expect(aliased.errors).toBeUndefined();
    expect(aliased.context.stats.queries).toBe(3);
    const bad = await g.query(`{ enterprises(year: 2022) { totalCount } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
