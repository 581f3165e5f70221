import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/generate/random.js";
import { DOWNSTREAM, MIDSTREAM, UPSTREAM, type Catalog } from "../../src/generate/chains.js";
import { buildScaledCatalog, scaledChainCount, scaledChainSizes } from "../../src/generate/scaled-catalog.js";
import { measureCatalog } from "../../src/generate/catalog-shape.js";

/**
 * The real-scale catalogue (`--products`), checked against the shape of ChainKnowledgeGraph that the
 * generator promises: ~0.6 REQUIRES edges per product, heavy-tailed degrees, transitive dependents
 * up to ~2,800 at 100k products, mostly acyclic, ~32 chains from ~175 products to a 60% catch-all.
 */

const build = (products: number, seed: number, chains = scaledChainCount(products)): Catalog =>
  buildScaledCatalog(new Rng(seed, "catalogue"), products, chains);

/** Products requiring `p` directly or transitively (not `p` itself), by breadth-first search. */
function dependents(catalog: Catalog, p: number): number {
  const seen = new Set<number>([p]);
  const queue = [p];
  while (queue.length > 0) {
    for (const user of catalog.requiredBy[queue.pop()!]!) {
      if (seen.has(user)) continue;
      seen.add(user);
      queue.push(user);
    }
  }
  return seen.size - 1;
}

function maxDependents(catalog: Catalog): number {
  let max = 0;
  for (let p = 0; p < catalog.products.length; p++) {
    if (catalog.requiredBy[p]!.length > 0) max = Math.max(max, dependents(catalog, p));
  }
  return max;
}

/** True when the REQUIRES graph without the given edges (`product>input`) has no cycle (Kahn's algorithm). */
function acyclicWithout(catalog: Catalog, removed: Set<string>): boolean {
  const { products } = catalog;
  const keep = (p: number, i: number): boolean => !removed.has(`${p}>${i}`);
  const pending = products.map((p) => p.inputs.filter((i) => keep(p.index, i)).length);
  const ready = products.filter((p) => pending[p.index] === 0).map((p) => p.index);
  let done = 0;
  while (ready.length > 0) {
    const input = ready.pop()!;
    done++;
    for (const user of catalog.requiredBy[input]!) {
      if (keep(user, input) && --pending[user]! === 0) ready.push(user);
    }
  }
  return done === products.length;
}

function fingerprint(catalog: Catalog): string {
  const hash = createHash("sha256");
  for (const p of catalog.products)
    hash.update(`${p.id},${catalog.chains[p.chain]!.id},${p.stage},${p.name},${p.inputs.join(" ")}\n`);
  hash.update(JSON.stringify(catalog.cycles));
  return hash.digest("hex");
}

const chainSizes = (catalog: Catalog): number[] => catalog.chains.map((c) => c.byStage.reduce((n, s) => n + s.length, 0));

describe("real-scale catalogue at 20,000 products", () => {
  const catalog = build(20_000, 7);
  const { products, requiredBy } = catalog;
  const inputs = products.map((p) => p.inputs.length);
  const users = requiredBy.map((u) => u.length);

  it("has about 0.6 REQUIRES edges per product, none repeated or to itself", () => {
    const edges = inputs.reduce((a, b) => a + b, 0);
    expect(edges).toBe(12_000);
    for (const p of products) {
      expect(p.inputs).not.toContain(p.index);
      expect(new Set(p.inputs).size).toBe(p.inputs.length);
    }
  });

  it("has heavy-tailed degrees: most products have none or one, a few have hundreds", () => {
    const share = (degrees: number[], k: number): number => degrees.filter((d) => d <= k).length / degrees.length;
    expect(share(inputs, 1)).toBeGreaterThan(0.8);
    expect(share(users, 1)).toBeGreaterThan(0.8);
    expect(share(inputs, 0)).toBeGreaterThan(0.5);
    expect(share(users, 0)).toBeGreaterThan(0.5);
    expect(Math.max(...users)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...inputs)).toBeGreaterThanOrEqual(40);
    expect(users.filter((d) => d >= 50).length).toBeGreaterThanOrEqual(5);
  });

  it("gives the most depended-on products several hundred transitive dependents (~2,800 scaled to 20k)", () => {
    const max = maxDependents(catalog);
    expect(max).toBeGreaterThanOrEqual(400);
    expect(max).toBeLessThanOrEqual(1600);
    expect(measureCatalog(catalog).maxDependents).toBe(max);
  });

  it("is acyclic but for a few planted cycles that follow REQUIRES edges", () => {
    expect(catalog.cycles.length).toBeGreaterThanOrEqual(2);
    expect(catalog.cycles.length).toBeLessThanOrEqual(8);
    expect(acyclicWithout(catalog, new Set())).toBe(false);
    const closing = new Set<string>();
    for (const cycle of catalog.cycles) {
      expect(cycle[0]).toBe(cycle[cycle.length - 1]);
      for (let i = 0; i + 1 < cycle.length; i++) expect(products[cycle[i]!]!.inputs).toContain(cycle[i + 1]);
      closing.add(`${cycle[cycle.length - 2]}>${cycle[0]}`);
    }
    expect(acyclicWithout(catalog, closing)).toBe(true);
  });

  it("has 14 chains: a 60% catch-all GCH01, a 60-product GCH02, the rest from 175 up", () => {
    const sizes = chainSizes(catalog);
    expect(sizes).toHaveLength(14);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(catalog.chains[0]!.id).toBe("GCH01");
    expect(sizes[0]).toBe(12_000);
    expect(sizes[1]).toBe(60);
    for (const size of sizes.slice(2)) expect(size).toBeGreaterThanOrEqual(175);
    expect(Math.max(...sizes.slice(2))).toBeGreaterThan(4 * 175);
  });

  it("gives every chain all three stages, and inputs of a chain's own products come from the same or an earlier stage", () => {
    for (const chain of catalog.chains) for (const stage of chain.byStage) expect(stage.length).toBeGreaterThan(0);
    let backwards = 0;
    let cross = 0;
    for (const p of products) {
      for (const i of p.inputs) {
        const input = products[i]!;
        if (input.chain !== p.chain) cross++;
        else if (input.stage > p.stage) backwards++;
      }
    }
    expect(cross / 12_000).toBeGreaterThan(0.1); // inputs cross chains
    expect(backwards).toBeLessThanOrEqual(catalog.cycles.length); // only a cycle's closing edge
    expect(products.filter((p) => p.stage === UPSTREAM).length / products.length).toBeCloseTo(0.3, 1);
    expect(products.filter((p) => p.stage === MIDSTREAM).length).toBeGreaterThan(0);
    expect(products.filter((p) => p.stage === DOWNSTREAM).length / products.length).toBeCloseTo(0.25, 1);
  });

  it("names products in both languages, ids unique and prefixed by their chain", () => {
    const ids = new Set(products.map((p) => p.id));
    expect(ids.size).toBe(products.length);
    for (const p of products.slice(0, 2000)) {
      expect(p.id.startsWith(`${catalog.chains[p.chain]!.id}-P`)).toBe(true);
      expect(p.name).not.toBe("");
      expect(p.nameZh).not.toBe("");
    }
  });

  it("is the same for the same seed and different for another", () => {
    expect(fingerprint(build(20_000, 7))).toBe(fingerprint(catalog));
    expect(fingerprint(build(20_000, 8))).not.toBe(fingerprint(catalog));
  });
});

describe("real-scale catalogue at 100,000 products (seed 42, as in the benchmark)", () => {
  const catalog = build(100_000, 42);

  it("has 32 chains, GCH01 with 60,000 products and GCH02 with 60", () => {
    const sizes = chainSizes(catalog);
    expect(sizes).toHaveLength(32);
    expect(sizes[0]).toBe(60_000);
    expect(sizes[1]).toBe(60);
    expect(Math.min(...sizes.slice(2))).toBe(175);
    expect(Math.max(...sizes.slice(2))).toBeLessThan(6000);
  });

  it("has transitive dependents up to a couple of thousand", () => {
    const max = maxDependents(catalog);
    expect(max).toBeGreaterThanOrEqual(1800);
    expect(max).toBeLessThanOrEqual(4500);
    const users = catalog.requiredBy.map((u) => u.length);
    expect(Math.max(...users)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...catalog.products.map((p) => p.inputs.length))).toBeGreaterThanOrEqual(100);
  });
});

describe("scaledChainSizes and scaledChainCount", () => {
  it("scales the chain count as the square root of the catalogue, within 3 to 99", () => {
    expect(scaledChainCount(100)).toBe(3);
    expect(scaledChainCount(20_000)).toBe(14);
    expect(scaledChainCount(100_000)).toBe(32);
    expect(scaledChainCount(1_000_000)).toBe(99);
  });

  it("fills every chain with at least 3 products and sums to the catalogue", () => {
    const cases: Array<[number, number]> = [
      [100, 1],
      [100, 2],
      [100, 3],
      [100, 33],
      [2000, 5],
      [5000, 99],
      [1_000_000, 99],
    ];
    for (const [products, chains] of cases) {
      const sizes = scaledChainSizes(new Rng(1, "x"), products, chains);
      expect(sizes, `${products}/${chains}`).toHaveLength(chains);
      expect(
        sizes.reduce((a, b) => a + b, 0),
        `${products}/${chains}`,
      ).toBe(products);
      for (const size of sizes) expect(size, `${products}/${chains}`).toBeGreaterThanOrEqual(3);
      expect(sizes[0], `${products}/${chains}: the catch-all is the largest`).toBe(Math.max(...sizes));
    }
    expect(() => scaledChainSizes(new Rng(1, "x"), 100, 34)).toThrow(/cannot fill/);
  });

  it("builds a valid small catalogue of 100 products", () => {
    const catalog = build(100, 3);
    expect(catalog.products).toHaveLength(100);
    expect(catalog.products.reduce((n, p) => n + p.inputs.length, 0)).toBe(60);
    for (const chain of catalog.chains) for (const stage of chain.byStage) expect(stage.length).toBeGreaterThan(0);
  });
});
