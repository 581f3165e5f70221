/**
 * Planted weaknesses ("short boards") that analyses should find.
 *
 * For a few (city, chain) pairs where the chain is strong locally, pick input products of that chain
 * which local firms need (they make a product that requires the input) and then edit the population so
 * that in that city:
 * - MISSING: no enterprise makes the input (it must be bought from other cities);
 * - SINGLE_SOURCE: exactly one enterprise makes it.
 * The input is still made elsewhere in the province.
 */

import type { Rng } from "./random.js";
import { CITIES } from "./province.js";
import { MIDSTREAM, UPSTREAM, type Catalog } from "./chains.js";
import { MAX_PRODUCTS, hasProduct, type Population } from "./enterprises.js";

export type GapKind = "MISSING" | "SINGLE_SOURCE";

export interface PlantedGap {
  kind: GapKind;
  city: number;
  chain: number;
  product: number;
  /** The single local producer (SINGLE_SOURCE only). */
  producer: number;
  localProducers: number;
  localConsumers: number;
  provinceProducers: number;
  /** Products made in the city that require this input. */
  consumerProducts: number[];
}

/** Number of enterprises in `city` that make a product requiring `input`. */
function countConsumers(pop: Population, catalog: Catalog, city: number, input: number): number {
  const needs = new Set(catalog.requiredBy[input]!);
  let count = 0;
  for (let i = 0; i < pop.n; i++) {
    if (pop.city[i] !== city) continue;
    for (let k = 0; k < pop.prodCount[i]!; k++) {
      if (needs.has(pop.prods[i * MAX_PRODUCTS + k]!)) {
        count++;
        break;
      }
    }
  }
  return count;
}

function countProducers(pop: Population, product: number, city: number | null, exceptCity = -1): number {
  let count = 0;
  for (let i = 0; i < pop.n; i++) {
    if (city !== null && pop.city[i] !== city) continue;
    if (pop.city[i] === exceptCity) continue;
    if (hasProduct(pop, i, product)) count++;
  }
  return count;
}

/**
 * Gives enterprise `i` the product: in a free slot if it has one, else in place of a product that is
 * not `protect`ed (planted inputs and the products that need them), so fixing one gap cannot undo another.
 */
function giveProduct(pop: Population, i: number, product: number, protect: (p: number) => boolean): void {
  if (hasProduct(pop, i, product)) return;
  const base = i * MAX_PRODUCTS;
  const count = pop.prodCount[i]!;
  if (count < MAX_PRODUCTS) {
    pop.prods[base + count] = product;
    pop.prodCount[i] = count + 1;
    return;
  }
  for (let k = count - 1; k >= 0; k--) {
    if (!protect(pop.prods[base + k]!)) {
      pop.prods[base + k] = product;
      return;
    }
  }
}

/** Index of the enterprise with the best `score` among those `eligible` (ties: lower index), or -1. */
function bestFirm(pop: Population, eligible: (i: number) => boolean, score: (i: number) => number): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let i = 0; i < pop.n; i++) {
    if (!eligible(i)) continue;
    const s = score(i);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}

function removeSlot(pop: Population, i: number, k: number): void {
  const base = i * MAX_PRODUCTS;
  const count = pop.prodCount[i]!;
  for (let j = k; j < count - 1; j++) pop.prods[base + j] = pop.prods[base + j + 1]!;
  pop.prodCount[i] = count - 1;
}

export function plantGaps(rng: Rng, catalog: Catalog, pop: Population): PlantedGap[] {
  const { chains, products, requiredBy } = catalog;
  const pairCount = Math.max(1, Math.min(5, Math.round(chains.length / 2)));

  // Enterprises by (city, main chain); candidate pairs are the strongest ones.
  const counts = CITIES.map(() => new Array<number>(chains.length).fill(0));
  for (let i = 0; i < pop.n; i++) counts[pop.city[i]!]![pop.chain[i]!]!++;
  const candidates: Array<{ city: number; chain: number; count: number }> = [];
  CITIES.forEach((_, city) =>
    chains.forEach((_, chain) => {
      const count = counts[city]![chain]!;
      if (count >= 3) candidates.push({ city, chain, count });
    }),
  );
  candidates.sort((a, b) => b.count - a.count || a.city - b.city || a.chain - b.chain);

  // forbidden[city]: products that only the designated producer (or nobody) may make there.
  const forbidden = CITIES.map(() => new Set<number>());
  const gaps: PlantedGap[] = [];
  const usedCities = new Set<number>();
  const usedChains = new Set<number>();
  const pool = candidates.slice(0, pairCount * 4);

  while (gaps.length < pairCount * 2 && pool.length > 0) {
    const pair = pool.splice(rng.int(Math.min(pool.length, pairCount * 2)), 1)[0]!;
    if (usedCities.has(pair.city) || (usedChains.has(pair.chain) && usedChains.size < chains.length)) continue;

    // Inputs of this chain that local firms need, at one stage (upstream or midstream).
    const demand = new Map<number, number>();
    for (let i = 0; i < pop.n; i++) {
      if (pop.city[i] !== pair.city) continue;
      for (let k = 0; k < pop.prodCount[i]!; k++) {
        for (const input of products[pop.prods[i * MAX_PRODUCTS + k]!]!.inputs) {
          const p = products[input]!;
          if (p.chain === pair.chain && (p.stage === UPSTREAM || p.stage === MIDSTREAM)) {
            demand.set(input, (demand.get(input) ?? 0) + 1);
          }
        }
      }
    }
    const stage = rng.chance(0.5) ? UPSTREAM : MIDSTREAM;
    let inputs = [...demand.keys()].filter((p) => products[p]!.stage === stage);
    if (inputs.length < 2) inputs = [...demand.keys()];
    if (inputs.length < 2) continue;
    inputs.sort((a, b) => demand.get(b)! - demand.get(a)! || a - b);
    const [missing, single] = rng.sample(inputs.slice(0, 6), 2) as [number, number];

    usedCities.add(pair.city);
    usedChains.add(pair.chain);
    forbidden[pair.city]!.add(missing);
    forbidden[pair.city]!.add(single);

    // The biggest current local maker of `single` keeps it (or, if none, the biggest local firm of the chain).
    let producer = bestFirm(
      pop,
      (i) => pop.city[i] === pair.city && hasProduct(pop, i, single),
      (i) => pop.size[i]!,
    );
    if (producer < 0) {
      producer = bestFirm(
        pop,
        (i) => pop.city[i] === pair.city && pop.chain[i] === pair.chain,
        (i) => pop.size[i]!,
      );
      giveProduct(pop, producer, single, () => false);
    }

    const base: Omit<PlantedGap, "kind" | "product" | "producer"> = {
      city: pair.city,
      chain: pair.chain,
      localProducers: 0,
      localConsumers: 0,
      provinceProducers: 0,
      consumerProducts: [],
    };
    gaps.push({ ...base, kind: "MISSING", product: missing, producer: -1 });
    gaps.push({ ...base, kind: "SINGLE_SOURCE", product: single, producer });
  }

  // Take the forbidden products away from every other local maker.
  const designated = new Set(gaps.filter((g) => g.kind === "SINGLE_SOURCE").map((g) => g.producer));
  for (let i = 0; i < pop.n; i++) {
    const banned = forbidden[pop.city[i]!]!;
    if (banned.size === 0) continue;
    for (let k = pop.prodCount[i]! - 1; k >= 0; k--) {
      const p = pop.prods[i * MAX_PRODUCTS + k]!;
      if (!banned.has(p)) continue;
      if (designated.has(i) && gaps.some((g) => g.producer === i && g.product === p)) continue;
      const product = products[p]!;
      const options = chains[product.chain]!.byStage[product.stage]!.filter((q) => !banned.has(q) && !hasProduct(pop, i, q));
      // A stage has at least 5 products and at most 2 are banned per city, so options is rarely empty.
      if (options.length > 0) pop.prods[i * MAX_PRODUCTS + k] = rng.pick(options);
      else removeSlot(pop, i, k);
    }
  }

  // Make sure every gap is real: someone in the city needs the input, and someone elsewhere makes it.
  // Fixes go to firms with a free product slot where possible and never replace a protected product.
  const protectedProducts = new Set<number>();
  for (const gap of gaps) {
    protectedProducts.add(gap.product);
    for (const q of requiredBy[gap.product]!) protectedProducts.add(q);
  }
  const protect = (p: number): boolean => protectedProducts.has(p);
  const freeSlot = (i: number): number => (pop.prodCount[i]! < MAX_PRODUCTS ? 1 : 0);
  for (const gap of gaps) {
    const banned = forbidden[gap.city]!;
    if (countConsumers(pop, catalog, gap.city, gap.product) === 0) {
      const consumerProduct = requiredBy[gap.product]!.find((q) => !banned.has(q));
      const firm = bestFirm(
        pop,
        (i) => pop.city[i] === gap.city && !designated.has(i),
        (i) => (pop.chain[i] === gap.chain ? 2 : 0) + freeSlot(i),
      );
      if (consumerProduct !== undefined && firm >= 0) giveProduct(pop, firm, consumerProduct, protect);
    }
    if (countProducers(pop, gap.product, null, gap.city) === 0) {
      const firm = bestFirm(
        pop,
        (i) => pop.city[i] !== gap.city && !forbidden[pop.city[i]!]!.has(gap.product),
        (i) => (pop.chain[i] === gap.chain ? 2 : 0) + freeSlot(i),
      );
      if (firm >= 0) giveProduct(pop, firm, gap.product, protect);
    }
  }

  for (const gap of gaps) {
    gap.localProducers = countProducers(pop, gap.product, gap.city);
    gap.localConsumers = countConsumers(pop, catalog, gap.city, gap.product);
    gap.provinceProducers = countProducers(pop, gap.product, null);
    const needs = new Set(requiredBy[gap.product]!);
    const made = new Set<number>();
    for (let i = 0; i < pop.n; i++) {
      if (pop.city[i] !== gap.city) continue;
      for (let k = 0; k < pop.prodCount[i]!; k++) {
        const p = pop.prods[i * MAX_PRODUCTS + k]!;
        if (needs.has(p)) made.add(p);
      }
    }
    gap.consumerProducts = [...made].sort((a, b) => a - b);
  }
  return gaps;
}
