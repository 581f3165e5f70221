/**
 * A real-scale product catalogue (`--products N`), in the shape of ChainKnowledgeGraph, the largest
 * open Chinese industrial-chain graph: N products over about 32 chains at N = 100,000.
 *
 * - Chain sizes: GCH01 is a catch-all ("General Industrial Products") with 60% of the products; GCH02
 *   (New Energy Vehicles) has about 60, the benchmark's "60-product chain"; the others range
 *   geometrically from about 175 up to a few thousand, in a per-seed order. For
 *   `--products 100000` that is GCH01 with 60,000 products and GCH02 with 60, whatever the seed.
 * - Stages follow the topological rank inside each chain: the first 30% UPSTREAM, the last 25%
 *   DOWNSTREAM, so a product's inputs are usually of its own stage or an earlier one.
 * - REQUIRES edges come from requires.ts (heavy-tailed, mostly acyclic, may cross chains).
 * - Each product gets a maker weight for the enterprises' product choice: Zipf inside its chain and
 *   stage, raised for products that many others require, so heavily used inputs have many makers.
 */

import type { Rng } from "./random.js";
import { CITIES, cityIndex } from "./province.js";
import {
  DOWNSTREAM,
  MAX_CHAINS,
  MIDSTREAM,
  UPSTREAM,
  variantName,
  type Catalog,
  type Chain,
  type Industry,
  type Product,
} from "./chains.js";
import { CATCH_ALL_TEMPLATE, GENERAL_INDUSTRY, INDUSTRIES, PRODUCT_QUALIFIERS, chainTemplate, type Names } from "./templates.js";
import { buildRequires, type RankedLayout } from "./requires.js";

export const MIN_CATALOGUE_PRODUCTS = 100;
export const MAX_CATALOGUE_PRODUCTS = 1_000_000;
/** A chain needs a product at each stage. */
export const MIN_CHAIN_PRODUCTS = 3;

const CATCH_ALL_SHARE = 0.6;
const SMALL_CHAIN = 60;
const MIN_OTHER_CHAIN = 175;
/** Enterprises per chain grow with the chain's size, less than proportionally (small chains stay populated). */
const FIRM_WEIGHT_EXPONENT = 0.75;
const MAKER_ZIPF = 0.8;

/** Chains for a catalogue of `products` when --chains is not given: 32 at 100,000, growing as √N (3 to 99). */
export function scaledChainCount(products: number): number {
  return Math.max(3, Math.min(MAX_CHAINS, Math.round(32 * Math.sqrt(products / 100_000))));
}

/**
 * Products per chain, in chain order: the catch-all, the small chain, then the others (shuffled per
 * seed). Sums to `products`; every chain has at least MIN_CHAIN_PRODUCTS.
 */
export function scaledChainSizes(rng: Rng, products: number, chains: number): number[] {
  if (chains * MIN_CHAIN_PRODUCTS > products) {
    throw new Error(`${products} products cannot fill ${chains} chains (at least ${MIN_CHAIN_PRODUCTS} each)`);
  }
  if (chains === 1) return [products];
  const k = chains - 1;
  const catchAll = Math.min(Math.round(CATCH_ALL_SHARE * products), products - MIN_CHAIN_PRODUCTS * k);
  const rest = products - catchAll;
  const small = Math.min(SMALL_CHAIN, Math.floor(rest / k));
  if (k === 1) return [catchAll, rest];
  const m = k - 1;
  const total = rest - small;
  const lo = Math.min(MIN_OTHER_CHAIN, Math.floor(total / m));
  // Geometric sizes lo, lo·q, lo·q², … summing to `total`; q by bisection.
  const sum = (q: number): number => (q === 1 ? lo * m : (lo * (Math.pow(q, m) - 1)) / (q - 1));
  let [qLo, qHi] = [1, 2];
  while (sum(qHi) < total) qHi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (qLo + qHi) / 2;
    if (sum(mid) < total) qLo = mid;
    else qHi = mid;
  }
  const others = Array.from({ length: m }, (_, i) => Math.max(MIN_CHAIN_PRODUCTS, Math.floor(lo * Math.pow(qLo, i))));
  let left = total - others.reduce((a, b) => a + b, 0);
  for (let i = m - 1; left !== 0; i = (i + m - 1) % m) {
    // Rounding: hand the remainder out from the largest down (or take it back, never below the minimum).
    if (left > 0) {
      others[i]!++;
      left--;
    } else if (others[i]! > MIN_CHAIN_PRODUCTS) {
      others[i]!--;
      left++;
    }
  }
  return [catchAll, small, ...rng.shuffle(others)];
}

/** Name of the `i`-th product of a stage whose vocabulary is `pool`: base, then qualified, then numbered. */
function productName(pool: readonly Names[], i: number): Names {
  const base = pool[i % pool.length]!;
  const round = Math.floor(i / pool.length);
  const q = round % (PRODUCT_QUALIFIERS.length + 1);
  const named: Names =
    q === 0 ? base : [`${PRODUCT_QUALIFIERS[q - 1]![0]} ${base[0]}`, `${PRODUCT_QUALIFIERS[q - 1]![1]}${base[1]}`];
  return variantName(named, Math.floor(round / (PRODUCT_QUALIFIERS.length + 1)));
}

/** A product whose names are spelled out only when read: a million products' names would take ~170 MiB. */
class ScaledProduct implements Product {
  constructor(
    readonly index: number,
    readonly id: string,
    readonly chain: number,
    readonly stage: number,
    readonly inputs: number[],
    private readonly pool: readonly Names[],
    private readonly position: number,
  ) {}

  get name(): string {
    return productName(this.pool, this.position)[0];
  }

  get nameZh(): string {
    return productName(this.pool, this.position)[1];
  }
}

export function buildScaledCatalog(rng: Rng, products: number, chainCount: number): Catalog {
  if (!Number.isInteger(products) || products < MIN_CATALOGUE_PRODUCTS || products > MAX_CATALOGUE_PRODUCTS) {
    throw new Error(`products must be an integer from ${MIN_CATALOGUE_PRODUCTS} to ${MAX_CATALOGUE_PRODUCTS}`);
  }
  if (!Number.isInteger(chainCount) || chainCount < 1 || chainCount > MAX_CHAINS) {
    throw new Error(`chains must be an integer from 1 to ${MAX_CHAINS}`);
  }
  const sizes = scaledChainSizes(rng, products, chainCount);
  const templates = sizes.map((_, c) => (c === 0 ? CATCH_ALL_TEMPLATE : chainTemplate(c)));

  const industries: Industry[] = [];
  const industryIds = new Map<string, string>();
  for (const ind of [...INDUSTRIES, GENERAL_INDUSTRY]) {
    if (!templates.some((t) => t.industry === ind.key)) continue;
    const id = `GIND${String(industries.length + 1).padStart(2, "0")}`;
    industryIds.set(ind.key, id);
    industries.push({ id, name: ind.names[0], nameZh: ind.names[1] });
  }

  // Ranks: a random interleaving of the chains; within a chain, index order is rank order.
  const n = products;
  const chainStart = new Uint32Array(chainCount + 1);
  sizes.forEach((size, c) => (chainStart[c + 1] = chainStart[c]! + size));
  const labels = rng.shuffle(sizes.flatMap((size, c) => new Array<number>(size).fill(c)));
  const layout: RankedLayout = {
    n,
    chainStart,
    chainOf: new Uint8Array(n),
    rankOf: new Uint32Array(n),
    order: new Uint32Array(n),
  };
  const cursor = Array.from(chainStart.subarray(0, chainCount));
  labels.forEach((c, r) => {
    const p = cursor[c]!++;
    layout.chainOf[p] = c;
    layout.rankOf[p] = r;
    layout.order[r] = p;
  });
  const { inputs, cycles } = buildRequires(rng, layout);

  const chains: Chain[] = [];
  const list: Product[] = [];
  templates.forEach((t, c) => {
    const chainId = `GCH${String(c + 1).padStart(2, "0")}`;
    const size = sizes[c]!;
    const chain: Chain = {
      index: c,
      id: chainId,
      name: t.names[0],
      nameZh: t.names[1],
      industryId: industryIds.get(t.industry)!,
      firmWord: t.firmWord,
      hubs: t.hubs.length > 0 ? t.hubs.map(cityIndex) : rng.sample(CITIES, 4).map((city) => city.index),
      firmWeight: Math.pow(size, FIRM_WEIGHT_EXPONENT),
      byStage: [[], [], []],
    };
    chains.push(chain);
    const up = Math.max(1, Math.round(size * 0.3));
    const down = Math.max(1, Math.round(size * 0.25));
    const width = Math.max(3, String(size).length);
    const pools = [t.upstream, t.midstream, t.downstream];
    for (let i = 0; i < size; i++) {
      const stage = i < up ? UPSTREAM : i < size - down ? MIDSTREAM : DOWNSTREAM;
      const index = chainStart[c]! + i;
      const id = `${chainId}-P${String(i + 1).padStart(width, "0")}`;
      list.push(new ScaledProduct(index, id, c, stage, inputs[index]!, pools[stage]!, chain.byStage[stage]!.length));
      chain.byStage[stage]!.push(index);
    }
  });

  const requiredBy: number[][] = list.map(() => []);
  for (const product of list) for (const i of product.inputs) requiredBy[i]!.push(product.index);

  const makerWeight = new Float64Array(n);
  for (const chain of chains) {
    for (const stageList of chain.byStage) {
      rng.shuffle(stageList.slice()).forEach((p, k) => {
        makerWeight[p] = Math.sqrt((1 + requiredBy[p]!.length) * (1 + list[p]!.inputs.length)) / Math.pow(k + 1, MAKER_ZIPF);
      });
    }
  }

  return { industries, chains, products: list, requiredBy, cycles, makerWeight };
}
