/**
 * The REQUIRES structure of a real-scale catalogue (`--products`), shaped like ChainKnowledgeGraph:
 * about 0.6 inputs per product, heavy-tailed on both sides (a few products have hundreds of inputs or
 * of users, most have none or one), mostly acyclic with a few planted cycles.
 *
 * Model: every product has a topological rank. An edge first draws its input j with probability
 * proportional to a popularity weight (Zipf over an order that favours low ranks: base materials are
 * the most used inputs), then its requirer among the products ranked above j with probability
 * proportional to a hunger weight (Zipf over a random order), from j's own chain most of the time.
 * Drawing the input first fixes each product's number of users by its popularity alone, and since a
 * requirer's own popularity does not depend on what it requires, a user has on average well under
 * one user of its own: the transitive dependents of the most used product stay a small multiple of
 * its direct users (about 2,800 at 100,000 products, growing a little slower than the catalogue).
 */

import { type Rng, WeightedTable, searchCumulative } from "./random.js";

export const INPUTS_PER_PRODUCT = 0.6;
/** Zipf exponent of input popularity: the most used product gets about 1/60 of all edges at 100k. */
const POPULARITY_ZIPF = 0.85;
/** Zipf exponent of the appetite for inputs: milder, so the hungriest products have hundreds, not thousands. */
const HUNGER_ZIPF = 0.6;
/** How strongly popular inputs sit at low ranks: weight (1 - rank/n)^bias in the popularity order. */
const LOW_RANK_BIAS = 2;
/** Share of edges whose requirer is drawn from the input's own chain. */
const SAME_CHAIN = 0.7;
/** Requirer draws per input before the input is drawn again (a repeat edge is drawn again, not dropped). */
const REQUIRER_TRIES = 8;

/**
 * Products in chain-major order, with a rank each. Within a chain, product index order is rank order,
 * so a chain's products ranked above j are the indices after j up to the chain's end.
 */
export interface RankedLayout {
  n: number;
  /** Chain c holds products [chainStart[c], chainStart[c + 1]). */
  chainStart: Uint32Array;
  chainOf: Uint8Array;
  rankOf: Uint32Array;
  /** order[r]: the product of rank r. */
  order: Uint32Array;
}

export interface Requires {
  /** inputs[p]: the products p requires, in the order drawn. */
  inputs: number[][];
  /** Planted cycles as product indices [a, b, …, a] following REQUIRES edges. */
  cycles: number[][];
}

/** Number of planted cycles: a few, slowly more for larger catalogues. */
export function cycleCount(n: number): number {
  return Math.min(8, 2 + Math.floor(Math.log10(n)));
}

/** Zipf weights 1/(k+1)^s assigned along `order` (order[0] gets weight 1). */
function zipfAlong(order: ArrayLike<number>, s: number): Float64Array {
  const w = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) w[order[k]!] = 1 / Math.pow(k + 1, s);
  return w;
}

export function buildRequires(rng: Rng, layout: RankedLayout): Requires {
  const { n, chainStart, chainOf, rankOf, order } = layout;

  // Popularity: a weighted random order (exponential race) that puts low ranks first more often.
  const key = new Float64Array(n);
  for (let p = 0; p < n; p++) key[p] = -Math.log(1 - rng.float()) / Math.pow(1 - rankOf[p]! / n, LOW_RANK_BIAS);
  const byPopularity = new Uint32Array(n);
  for (let p = 0; p < n; p++) byPopularity[p] = p;
  byPopularity.sort((a, b) => key[a]! - key[b]! || a - b);
  const popularity = new WeightedTable(zipfAlong(byPopularity, POPULARITY_ZIPF));

  const shuffled = rng.shuffle(Array.from({ length: n }, (_, p) => p));
  const hunger = zipfAlong(shuffled, HUNGER_ZIPF);
  // Running sums of hunger: by rank over the whole catalogue, and by index restarting at each chain.
  const byRank = new Float64Array(n);
  for (let r = 0, sum = 0; r < n; r++) byRank[r] = sum += hunger[order[r]!]!;
  const inChain = new Float64Array(n);
  for (let c = 0; c + 1 < chainStart.length; c++) {
    for (let p = chainStart[c]!, sum = 0; p < chainStart[c + 1]!; p++) inChain[p] = sum += hunger[p]!;
  }

  /** A requirer for input j, ranked above it; -1 if nothing is. */
  const requirer = (j: number): number => {
    if (rng.chance(SAME_CHAIN)) {
      const end = chainStart[chainOf[j]! + 1]!;
      if (j + 1 < end) {
        const lo = inChain[j]!;
        return searchCumulative(inChain, j + 1, end, lo + rng.float() * (inChain[end - 1]! - lo));
      }
    }
    const r = rankOf[j]!;
    if (r + 1 >= n) return -1;
    const lo = byRank[r]!;
    return order[searchCumulative(byRank, r + 1, n, lo + rng.float() * (byRank[n - 1]! - lo))]!;
  };

  const inputs: number[][] = Array.from({ length: n }, () => []);
  const edges = new Set<number>();
  const add = (product: number, input: number): boolean => {
    const k = product * n + input;
    if (product === input || edges.has(k)) return false;
    edges.add(k);
    inputs[product]!.push(input);
    return true;
  };

  const cycles = cycleCount(n);
  const target = Math.round(INPUTS_PER_PRODUCT * n) - cycles;
  for (let draws = 0; edges.size < target && draws < 50 * target; draws++) {
    const j = popularity.draw(rng);
    for (let k = 0; k < REQUIRER_TRIES; k++) {
      const t = requirer(j);
      if (t < 0 || add(t, j)) break;
    }
  }

  // A few cycles through ordinary products: a requires b (requires c); close it with c (or b) requiring a.
  const planted: number[][] = [];
  for (let attempt = 0; planted.length < cycles && attempt < 100 * cycles; attempt++) {
    const a = rng.int(n);
    if (inputs[a]!.length === 0) continue;
    const b = rng.pick(inputs[a]!);
    if (inputs[b]!.length > 0 && rng.chance(0.7)) {
      const c = rng.pick(inputs[b]!);
      if (add(c, a)) planted.push([a, b, c, a]);
    } else if (add(b, a)) planted.push([a, b, a]);
  }
  return { inputs, cycles: planted };
}
