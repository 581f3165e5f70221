import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setupGraph } from "../support/graph.js";

/** 120 firms in two cities, each making two of 10 products: enough for pages of 100. */
function manyFirms(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "chain-kg-roundtrips-"));
  const write = (file: string, lines: string[]) => writeFileSync(path.join(dir, file), `${lines.join("\n")}\n`);
  write("regions.csv", ["id,name,name_zh,kind,parent_id", "P,P,,PROVINCE,", "A,A,,CITY,P", "B,B,,CITY,P"]);
  write("chains.csv", ["id,name,name_zh,industry", "C,Chain,,"]);
  const products = Array.from({ length: 10 }, (_, i) => `P${i}`);
  write("products.csv", ["id,chain_id,name,name_zh,stage", ...products.map((p) => `${p},C,${p},,UPSTREAM`)]);
  write("product_inputs.csv", ["product_id,input_id", ...products.slice(1).map((p, i) => `${p},P${i}`)]);
  write("clusters.csv", ["id,name,name_zh,city_id,focus"]);
  const firms = Array.from({ length: 120 }, (_, i) => `F${String(i).padStart(3, "0")}`);
  write("enterprises.csv", ["id,name,name_zh,city_id,cluster_id", ...firms.map((f, i) => `${f},${f},,${i % 2 ? "A" : "B"},`)]);
  write("produces.csv", [
    "enterprise_id,product_id,capacity",
    ...firms.flatMap((f, i) => [`${f},P${i % 10},1`, `${f},P${(i + 3) % 10},`]),
  ]);
  write("supply_links.csv", [
    "supplier_id,customer_id,product_id,volume",
    ...firms.slice(1).map((f, i) => `${f},${firms[i]},P${(i + 1) % 10},1`),
  ]);
  return dir;
}

const g = setupGraph(manyFirms());

const DOCUMENT = `query($first: Int!) {
  enterprises(first: $first) {
    totalCount
    nodes {
      code
      city { code }
      products { capacity product { code inputs { code } producers(first: 5) { totalCount nodes { code } } } }
      suppliers { nodes { supplier { code } product { code } } }
    }
  }
}`;

describe("no N+1: round trips per request do not grow with the page size", () => {
  it("costs the same small number of queries for 5, 50 and 100 enterprises", async () => {
    const trips: number[] = [];
    for (const first of [5, 50, 100]) {
      const result = await g.query<{ enterprises: { nodes: Array<{ products: unknown[] }> } }>(DOCUMENT, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.enterprises.nodes).toHaveLength(first);
      expect(result.data!.enterprises.nodes.every((n) => n.products.length === 2)).toBe(true);
      trips.push(result.context.stats.queries);
    }
    // planned: the root statement, then one wave of field statements per level: (cities, products,
    // suppliers), then (inputs, producers, supplier firms, supplied products). Level by level it was
    // up to 10: page, count, cities, products, inputs, producers, producer counts, suppliers, …
    expect(trips[0]).toBe(3);
    expect(new Set(trips).size).toBe(1);
  });

  it("costs 3 round trips level by level, and 3 planned, for 50 enterprises with their products and each product's producers", async () => {
    const document = `{ enterprises(first: 50) { nodes { code products { product { code producers { nodes { code } } } } } } }`;
    type Result = { enterprises: { nodes: Array<{ products: Array<{ product: { producers: { nodes: unknown[] } } }> }> } };
    const levels = await g.query<Result>(document, {}, { planner: false });
    expect(levels.errors).toBeUndefined();
    expect(levels.data!.enterprises.nodes[0]!.products[0]!.product.producers.nodes.length).toBeGreaterThan(0);
    expect(levels.context.stats.queries).toBe(3);
    const planned = await g.query<Result>(document);
    expect(planned.errors).toBeUndefined();
    expect(planned.data).toEqual(levels.data);
    // the page, then the products (with their enterprises' capacities), then the products' producers
    expect(planned.context.stats.queries).toBe(3);
  });

  it("runs one root statement per root field and one round trip per level for a query nested deep", async () => {
    const deep = `suppliers(first: 10) { totalCount nodes { volume product { code chain { code } }
      supplier { code city { code parent { code } } suppliers(first: 10) { nodes { supplier { code
        products { capacity product { code producers(first: 3) { totalCount edges { cursor node { code cluster { code } } } } } }
        customers(first: 5) { nodes { customer { code } } } } } } } } }`;
    const document = `{ a: enterprise(code: "F005") { code ${deep} } b: enterprises(first: 3) { nodes { code ${deep} } }
      c: product(code: "P3") { usedBy { code inputs { code producers(first: 2) { nodes { code } } } } } }`;
    const levels = await g.query(document, {}, { planner: false });
    expect(levels.errors).toBeUndefined();
    expect(levels.context.stats.queries).toBeGreaterThan(10);
    const planned = await g.query(document);
    expect(planned.errors).toBeUndefined();
    expect(planned.data).toEqual(levels.data);
    // a and b: the root, then suppliers; product, supplier; chain, city, suppliers; parent, supplier;
    // products, customers; producers, customer; cluster: 8 each. c: the root, usedBy, inputs, producers: 4.
    expect(planned.context.stats.queries).toBe(20);
  });
});
