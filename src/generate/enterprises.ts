/**
 * The enterprise population, held as flat typed arrays (a few bytes per enterprise, never per link):
 * city, main chain, cluster, a heavy-tailed size, and the 1–3 products each firm makes.
 */

import { type Rng, WeightedTable, zipfWeights } from "./random.js";
import { CITIES } from "./province.js";
import { chainAffinity, type Catalog } from "./chains.js";
import type { ClusterSet } from "./clusters.js";

export const MAX_PRODUCTS = 3;

export interface Population {
  n: number;
  city: Uint8Array;
  /** Main chain index. */
  chain: Uint8Array;
  /** Cluster index, or -1. */
  cluster: Int16Array;
  /** Pareto-distributed size (≥ 1): drives employees, capacity, customer and supplier degree. */
  size: Float64Array;
  prodCount: Uint8Array;
  /** Products of enterprise i are prods[i*3 .. i*3+prodCount[i]); 32-bit when the catalogue needs it. */
  prods: Uint16Array | Uint32Array;
}

/** Share of firms by the stage of the product they make. */
const STAGE_WEIGHTS = [0.35, 0.4, 0.25];
/** Number of products (1, 2, 3). */
const COUNT_WEIGHTS = [0.6, 0.3, 0.1];

/** `GE0000001` for index 0. Hot (called per link), hence the arithmetic instead of padStart. */
export function enterpriseId(i: number): string {
  return "GE" + String(10_000_001 + i).slice(1);
}

export function productsOf(pop: Population, i: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < pop.prodCount[i]!; k++) out.push(pop.prods[i * MAX_PRODUCTS + k]!);
  return out;
}

export function hasProduct(pop: Population, i: number, product: number): boolean {
  const base = i * MAX_PRODUCTS;
  for (let k = 0; k < pop.prodCount[i]!; k++) if (pop.prods[base + k] === product) return true;
  return false;
}

/**
 * Product popularity inside one chain stage: a mild Zipf over a per-seed shuffled order (or the
 * catalogue's own maker weights), so some products have many makers and others few.
 */
export class ProductPicker {
  private readonly tables: Array<Array<{ items: number[]; table: WeightedTable }>>;

  constructor(rng: Rng, catalog: Catalog) {
    const weights = catalog.makerWeight;
    this.tables = catalog.chains.map((chain) =>
      chain.byStage.map((list) => {
        if (weights) return { items: list, table: new WeightedTable(list.map((p) => weights[p]!)) };
        const items = rng.shuffle(list.slice());
        return { items, table: new WeightedTable(zipfWeights(items.length, 0.8)) };
      }),
    );
  }

  pick(rng: Rng, chain: number, stage: number): number {
    const { items, table } = this.tables[chain]![stage]!;
    return items[table.draw(rng)]!;
  }
}

export function buildPopulation(rng: Rng, n: number, catalog: Catalog, clusterSet: ClusterSet): Population {
  const pop: Population = {
    n,
    city: new Uint8Array(n),
    chain: new Uint8Array(n),
    cluster: new Int16Array(n).fill(-1),
    size: new Float64Array(n),
    prodCount: new Uint8Array(n),
    prods: catalog.products.length > 0xffff ? new Uint32Array(n * MAX_PRODUCTS) : new Uint16Array(n * MAX_PRODUCTS),
  };
  const cityTable = new WeightedTable(CITIES.map((c) => c.weight));
  const chainTables = CITIES.map(
    (city) => new WeightedTable(catalog.chains.map((ch) => chainAffinity(ch, city.index) * ch.firmWeight)),
  );
  const picker = new ProductPicker(rng, catalog);
  const chains = catalog.chains.length;
  // focusedClusters[city][chain]: the city's clusters that focus on the chain.
  const focusedClusters = CITIES.map((city) =>
    catalog.chains.map((_, c) => clusterSet.byCity[city.index]!.filter((k) => clusterSet.clusters[k]!.focus.includes(c))),
  );

  for (let i = 0; i < n; i++) {
    const city = cityTable.draw(rng);
    const chain = chainTables[city]!.draw(rng);
    pop.city[i] = city;
    pop.chain[i] = chain;
    pop.size[i] = rng.pareto(1.2, 1, 5000);

    const base = i * MAX_PRODUCTS;
    const stage = rng.weighted(STAGE_WEIGHTS);
    pop.prods[base] = picker.pick(rng, chain, stage);
    pop.prodCount[i] = 1;
    const wanted = 1 + rng.weighted(COUNT_WEIGHTS);
    for (let attempt = 0; pop.prodCount[i]! < wanted && attempt < 6; attempt++) {
      let p: number;
      if (chains > 1 && rng.chance(0.15)) {
        // A side line in another chain.
        let other = rng.int(chains - 1);
        if (other >= chain) other++;
        p = picker.pick(rng, other, rng.weighted(STAGE_WEIGHTS));
      } else {
        // Same chain, usually the same or a neighbouring stage.
        const s = rng.chance(0.5) ? stage : Math.max(0, Math.min(2, stage + (rng.chance(0.5) ? 1 : -1)));
        p = picker.pick(rng, chain, s);
      }
      if (hasProduct(pop, i, p)) continue;
      pop.prods[base + pop.prodCount[i]!] = p;
      pop.prodCount[i] = pop.prodCount[i]! + 1;
    }

    const inCity = clusterSet.byCity[city]!;
    if (inCity.length > 0) {
      const focused = focusedClusters[city]![chain]!;
      if (focused.length > 0 && rng.chance(0.55)) pop.cluster[i] = rng.pick(focused);
      else if (rng.chance(0.08)) pop.cluster[i] = rng.pick(inCity);
    }
  }
  return pop;
}

/** Share of demanded inputs that some firm in the province makes (the rest are bought from outside). */
const INPUT_MAKER_SHARE = 0.85;
const SLOT_TRIES = 16;

/**
 * For a real-scale catalogue, where most products have no maker at first: makes sure that most inputs
 * of a product someone makes are made by someone too, following inputs of inputs. A maker is a firm
 * with a free product slot, of the input's chain where possible. Returns the products added.
 */
export function addInputMakers(rng: Rng, pop: Population, catalog: Catalog): number {
  const { products } = catalog;
  const made = new Uint8Array(products.length);
  const queue: number[] = [];
  for (let i = 0; i < pop.n; i++) {
    for (let k = 0; k < pop.prodCount[i]!; k++) {
      const p = pop.prods[i * MAX_PRODUCTS + k]!;
      if (made[p]) continue;
      made[p] = 1;
      queue.push(p);
    }
  }
  const byChain: number[][] = catalog.chains.map(() => []);
  for (let i = 0; i < pop.n; i++) byChain[pop.chain[i]!]!.push(i);
  const freeFirm = (firms: readonly number[], product: number): number => {
    if (firms.length === 0) return -1;
    for (let t = 0; t < SLOT_TRIES; t++) {
      const i = firms[rng.int(firms.length)]!;
      if (pop.prodCount[i]! < MAX_PRODUCTS && !hasProduct(pop, i, product)) return i;
    }
    return -1;
  };
  const everyone = Array.from({ length: pop.n }, (_, i) => i);
  // Each input is decided once, when a made product first needs it; 2 marks "decided: nobody makes it".
  let added = 0;
  for (let head = 0; head < queue.length; head++) {
    for (const input of products[queue[head]!]!.inputs) {
      if (made[input]) continue;
      made[input] = 2;
      if (!rng.chance(INPUT_MAKER_SHARE)) continue;
      let firm = freeFirm(byChain[products[input]!.chain]!, input);
      if (firm < 0) firm = freeFirm(everyone, input);
      if (firm < 0) continue;
      pop.prods[firm * MAX_PRODUCTS + pop.prodCount[firm]!] = input;
      pop.prodCount[firm] = pop.prodCount[firm]! + 1;
      made[input] = 1;
      queue.push(input);
      added++;
    }
  }
  return added;
}
