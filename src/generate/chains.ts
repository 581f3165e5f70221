/**
 * The product catalogue: industries, chains, their products by stage, and which product requires which.
 *
 * - Each chain has 20–60 products split over UPSTREAM / MIDSTREAM / DOWNSTREAM.
 * - Midstream products require 2–4 upstream products of the same chain; downstream products require
 *   2–4 midstream ones (and sometimes one upstream).
 * - Some midstream/downstream products also require a product of another chain.
 * - A few deliberate cycles: an upstream product of chain A requires a downstream product of chain B,
 *   one of whose midstream inputs requires that upstream product of A.
 */

import type { Rng } from "./random.js";
import { CITIES, cityIndex } from "./province.js";
import { INDUSTRIES, STAGES, chainTemplate, type Names, type Stage } from "./templates.js";

export const UPSTREAM = 0;
export const MIDSTREAM = 1;
export const DOWNSTREAM = 2;

export interface Industry {
  id: string;
  name: string;
  nameZh: string;
}

export interface Chain {
  index: number;
  id: string;
  name: string;
  nameZh: string;
  industryId: string;
  firmWord: Names;
  /** City indices where the chain is concentrated. */
  hubs: number[];
  /** Relative share of enterprises whose main chain this is, before city affinity (1 in the default catalogue). */
  firmWeight: number;
  /** Global product indices by stage (0 upstream, 1 midstream, 2 downstream). */
  byStage: [number[], number[], number[]];
}

export interface Product {
  index: number;
  id: string;
  chain: number;
  stage: number;
  name: string;
  nameZh: string;
  /** Global indices of the products this one requires, in insertion order. */
  inputs: number[];
}

export interface Catalog {
  industries: Industry[];
  chains: Chain[];
  products: Product[];
  /** For each product: the products that require it. */
  requiredBy: number[][];
  /** Planted cycles, each as product indices [a, b, c, a] following "requires" edges. */
  cycles: number[][];
  /**
   * Relative weight of each product when an enterprise picks what it makes within a chain and stage
   * (scaled catalogues only; the default one draws a Zipf order per seed instead).
   */
  makerWeight?: Float64Array;
}

export const MAX_CHAINS = 99;

const ROMAN = ["", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

/** `base` for variant 0, then "base II" / "base II型", "base III", … */
export function variantName(base: Names, variant: number): Names {
  if (variant === 0) return base;
  const suffix = ROMAN[variant] ?? String(variant + 1);
  return [`${base[0]} ${suffix}`, `${base[1]}${suffix}型`];
}

export function stageName(stage: number): Stage {
  return STAGES[stage]!;
}

export function buildCatalog(rng: Rng, chainCount: number): Catalog {
  if (!Number.isInteger(chainCount) || chainCount < 1 || chainCount > MAX_CHAINS) {
    throw new Error(`chains must be an integer from 1 to ${MAX_CHAINS}`);
  }
  const templates = Array.from({ length: chainCount }, (_, i) => chainTemplate(i + 1));

  const industries: Industry[] = [];
  const industryIds = new Map<string, string>();
  for (const ind of INDUSTRIES) {
    if (!templates.some((t) => t.industry === ind.key)) continue;
    const id = `GIND${String(industries.length + 1).padStart(2, "0")}`;
    industryIds.set(ind.key, id);
    industries.push({ id, name: ind.names[0], nameZh: ind.names[1] });
  }

  const chains: Chain[] = [];
  const products: Product[] = [];
  templates.forEach((t, c) => {
    const id = `GCH${String(c + 1).padStart(2, "0")}`;
    const chain: Chain = {
      index: c,
      id,
      name: t.names[0],
      nameZh: t.names[1],
      industryId: industryIds.get(t.industry)!,
      firmWord: t.firmWord,
      // A generic chain has no named hubs: give it a few, drawn per seed.
      hubs: t.hubs.length > 0 ? t.hubs.map(cityIndex) : rng.sample(CITIES, 4).map((city) => city.index),
      firmWeight: 1,
      byStage: [[], [], []],
    };
    chains.push(chain);

    const count = rng.range(20, 60);
    const up = Math.round(count * 0.3);
    const down = Math.round(count * 0.25);
    const sizes = [up, count - up - down, down];
    const bases = [t.upstream, t.midstream, t.downstream];
    let n = 0;
    for (let stage = 0; stage < 3; stage++) {
      const base = bases[stage]!;
      for (let i = 0; i < sizes[stage]!; i++) {
        const [name, nameZh] = variantName(base[i % base.length]!, Math.floor(i / base.length));
        n++;
        const product: Product = {
          index: products.length,
          id: `${id}-P${String(n).padStart(3, "0")}`,
          chain: c,
          stage,
          name,
          nameZh,
          inputs: [],
        };
        products.push(product);
        chain.byStage[stage]!.push(product.index);
      }
    }
  });

  const addInput = (p: number, input: number): boolean => {
    const product = products[p]!;
    if (p === input || product.inputs.includes(input)) return false;
    product.inputs.push(input);
    return true;
  };

  // Within-chain inputs.
  for (const chain of chains) {
    const [ups, mids, downs] = chain.byStage;
    for (const p of mids) for (const i of rng.sample(ups, rng.range(2, 4))) addInput(p, i);
    for (const p of downs) {
      for (const i of rng.sample(mids, rng.range(2, 4))) addInput(p, i);
      if (rng.chance(0.3)) addInput(p, rng.pick(ups));
    }
  }

  // Cross-chain inputs: a midstream or downstream product also needs something from another chain.
  if (chains.length > 1) {
    for (const product of products) {
      if (product.stage === UPSTREAM || !rng.chance(0.12)) continue;
      let other = rng.int(chains.length - 1);
      if (other >= product.chain) other++;
      const stage = rng.chance(0.6) ? UPSTREAM : MIDSTREAM;
      addInput(product.index, rng.pick(chains[other]!.byStage[stage]!));
    }
  }

  // Cycles across chains: uA -> dB -> mB -> uA.
  const cycles: number[][] = [];
  if (chains.length > 1) {
    const cycleCount = Math.max(1, Math.min(3, Math.floor(chains.length / 3)));
    for (let k = 0; k < cycleCount; k++) {
      const a = k % chains.length;
      const b = (a + 1 + rng.int(chains.length - 1)) % chains.length;
      const uA = rng.pick(chains[a]!.byStage[UPSTREAM]!);
      const dB = rng.pick(chains[b]!.byStage[DOWNSTREAM]!);
      const mB = rng.pick(products[dB]!.inputs.filter((i) => products[i]!.stage === MIDSTREAM && products[i]!.chain === b));
      addInput(mB, uA);
      addInput(uA, dB);
      cycles.push([uA, dB, mB, uA]);
    }
  }

  const requiredBy: number[][] = products.map(() => []);
  for (const product of products) for (const i of product.inputs) requiredBy[i]!.push(product.index);

  return { industries, chains, products, requiredBy, cycles };
}

/** Relative weight of a chain in a city: hubs of the chain attract far more of its firms. */
export function chainAffinity(chain: Chain, city: number): number {
  return chain.hubs.includes(city) ? 6 : 1;
}
