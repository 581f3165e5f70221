import type { ChainData, CityEnterprises, ProductInfo } from "./chain-data.js";
import { dependentsOf, requiredBy } from "./dependents.js";
import { byCode, localSupplyShare, weakLinkKinds, type WeakLinkKind } from "./scoring.js";

/** Everything the analyses say about one chain product in one scope. */
export interface ProductFacts {
  product: ProductInfo;
  /** Local producers by city code (codes sorted). */
  producersByCity: ReadonlyMap<string, string[]>;
  /** All local producers, sorted. */
  localProducers: string[];
  /** Demanders by city code (codes sorted). */
  demandersByCity: ReadonlyMap<string, string[]>;
  /** All demanders in scope, sorted. */
  demanders: string[];
  /** Volume delivered into the scope by suppliers in it, and by all suppliers (0 when not loaded). */
  localVolume: number;
  totalVolume: number;
  localSupplyShare: number | null;
  /** Products that require this one directly or transitively (sorted codes). */
  dependents: string[];
  kinds: WeakLinkKind[];
}

export interface ChainFacts {
  /** Every product of the product graph, by code. */
  products: ReadonlyMap<string, ProductInfo>;
  /** The chain's products, sorted by code. */
  chain: ProductFacts[];
  /** Local producers of any loaded product (chain products and their inputs), sorted; [] when none. */
  localProducersOf(code: string): string[];
}

/**
 * Derives per-product facts (local producers, demanders, local supply share, dependents and weak-link
 * kinds) from the loaded chain data. A chain product's demanders in a city are the local producers
 * there of the products that require it. `without` removes enterprises first, as `resilience` asks.
 */
export function chainFacts(data: ChainData, without: ReadonlySet<string> = new Set()): ChainFacts {
  const products = new Map(data.products.map((p) => [p.code, p]));
  const producers = groupByProduct(data.producers, without);
  const graph = requiredBy(data.products);
  const deliveries = new Map(data.deliveries.map((d) => [d.product, d]));

  const chain = data.products
    .filter((p) => p.inChain)
    .sort((a, b) => byCode(a.code, b.code))
    .map((product): ProductFacts => {
      const producersByCity = producers.get(product.code) ?? new Map<string, string[]>();
      const demandersByCity = new Map<string, string[]>();
      for (const q of graph.requiredBy[graph.ids.get(product.code)!]!) {
        for (const [city, codes] of producers.get(graph.codes[q]!) ?? []) {
          demandersByCity.set(city, [...(demandersByCity.get(city) ?? []), ...codes]);
        }
      }
      for (const [city, codes] of demandersByCity) demandersByCity.set(city, [...new Set(codes)].sort());
      const localProducers = flatten(producersByCity);
      const demanderCodes = flatten(demandersByCity);
      const d = deliveries.get(product.code);
      const share = localSupplyShare(d?.localVolume ?? 0, d?.volume ?? 0);
      return {
        product,
        producersByCity,
        localProducers,
        demandersByCity,
        demanders: demanderCodes,
        localVolume: d?.localVolume ?? 0,
        totalVolume: d?.volume ?? 0,
        localSupplyShare: share,
        dependents: dependentsOf(graph, product.code),
        kinds: weakLinkKinds(demanderCodes.length > 0, localProducers.length, share),
      };
    });

  return {
    products,
    chain,
    localProducersOf: (code) => flatten(producers.get(code) ?? new Map()),
  };
}

function groupByProduct(rows: readonly CityEnterprises[], without: ReadonlySet<string>): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const row of rows) {
    const kept = without.size === 0 ? row.enterprises : row.enterprises.filter((e) => !without.has(e));
    if (kept.length === 0) continue;
    let byCity = out.get(row.product);
    if (!byCity) out.set(row.product, (byCity = new Map()));
    byCity.set(row.city, [...(byCity.get(row.city) ?? []), ...kept].sort());
  }
  return out;
}

function flatten(byCity: ReadonlyMap<string, readonly string[]>): string[] {
  return [...new Set([...byCity.values()].flat())].sort();
}
