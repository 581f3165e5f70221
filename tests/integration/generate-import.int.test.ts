import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cooperationOpportunities, shortBoards } from "../../src/analytics/index.js";
import { generateDataSet } from "../../src/generate/generate.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { resetDatabase, setupGraph } from "../support/graph.js";

interface PlantedGap {
  kind: "MISSING" | "SINGLE_SOURCE";
  city_id: string;
  chain_id: string;
  product_id: string;
  local_producers: number;
}

/** The generator's smoke run: a small province, imported with the real importer, analysed. */
const g = setupGraph();
const out = mkdtempSync(path.join(tmpdir(), "chain-kg-generated-"));
let planted: PlantedGap[] = [];

beforeAll(async () => {
  await generateDataSet({ enterprises: 1000, links: 6000, seed: 42, out });
  planted = (JSON.parse(readFileSync(path.join(out, "planted.json"), "utf8")) as { gaps: PlantedGap[] }).gaps;
  await importDataSet(g.executor, out);
});

const count = async (cypher: string) => (await g.executor.read<{ n: number }>("test", cypher))[0]!.n;

describe("generate → import → analyse (1,000 enterprises)", () => {
  it("imports every generated row", async () => {
    expect(await count("MATCH (e:Enterprise) RETURN count(e) AS n")).toBe(1000);
    expect(await count("MATCH (r:Region {kind: 'CITY'}) RETURN count(r) AS n")).toBe(16);
    expect(await count("MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n")).toBe(6000);
  });

  it("lets shortBoards find every planted gap with its kind", async () => {
    expect(planted.length).toBeGreaterThan(0);
    for (const gap of planted) {
      const boards = await shortBoards(g.executor, { chain: gap.chain_id, scope: { region: gap.city_id }, first: 1000 });
      const board = boards.find((b) => b.productCode === gap.product_id);
      expect(board, `${gap.kind} ${gap.product_id} in ${gap.city_id}`).toBeDefined();
      expect(board!.kinds).toContain(gap.kind);
      expect(board!.localProducerCodes.length).toBe(gap.local_producers);
    }
  });

  it("lists every cooperation pair's demanders and suppliers, a city demanding a product in one pair and supplying it in another included", async () => {
    const chains = await g.executor.read<{ code: string }>("test", "MATCH (c:IndustryChain) RETURN c.code AS code ORDER BY code");
    let both = 0;
    for (const { code } of chains) {
      const pairs = await cooperationOpportunities(g.executor, { chain: code, scope: { region: "SD" }, first: 200 });
      const demands = new Set(pairs.map((p) => `${p.productCode} ${p.demandCityCode}`));
      both += pairs.filter((p) => demands.has(`${p.productCode} ${p.supplierCityCode}`)).length;
      for (const p of pairs) {
        const pair = `${code} ${p.productCode} ${p.supplierCityCode} → ${p.demandCityCode}`;
        expect(p.demanderCodes.length, pair).toBe(p.demanderCount);
        expect(p.supplierCodes.length, pair).toBe(p.supplierCount);
      }
    }
    // The case that once lost a list: the same product and city asked for its demanders and its producers.
    expect(both).toBeGreaterThan(0);
  });
});

describe("generate --products 2000 → import → analyse (a real-scale-shaped catalogue, 400 enterprises)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chain-kg-catalogue-"));
  let gaps: PlantedGap[] = [];
  beforeAll(async () => {
    await generateDataSet({ enterprises: 400, links: 3000, seed: 42, out: dir, products: 2000 });
    gaps = (JSON.parse(readFileSync(path.join(dir, "planted.json"), "utf8")) as { gaps: PlantedGap[] }).gaps;
    // The first data set's codes (GCH01, GE0000001, …) would be updated, not added: start empty.
    await resetDatabase(g.executor);
    await importDataSet(g.executor, dir);
  });

  it("imports the catalogue: 2000 products, 1200 REQUIRES, the catch-all GCH01 with 60%", async () => {
    expect(await count("MATCH (p:Product) RETURN count(p) AS n")).toBe(2000);
    expect(await count("MATCH ()-[r:REQUIRES]->() RETURN count(r) AS n")).toBe(1200);
    expect(await count("MATCH (:Product)-[:IN_CHAIN]->(:IndustryChain {code: 'GCH01'}) RETURN count(*) AS n")).toBe(1200);
    expect(await count("MATCH (:Product)-[:IN_CHAIN]->(:IndustryChain {code: 'GCH02'}) RETURN count(*) AS n")).toBe(60);
    expect(await count("MATCH (e:Enterprise) RETURN count(e) AS n")).toBe(400);
    expect(await count("MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n")).toBe(3000);
  });

  it("lets shortBoards find every planted gap", async () => {
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) {
      const boards = await shortBoards(g.executor, { chain: gap.chain_id, scope: { region: gap.city_id }, first: 1000 });
      const board = boards.find((b) => b.productCode === gap.product_id);
      expect(board, `${gap.kind} ${gap.product_id} in ${gap.city_id}`).toBeDefined();
      expect(board!.kinds).toContain(gap.kind);
      expect(board!.localProducerCodes.length).toBe(gap.local_producers);
    }
  });
});
