import type { ChainData, CityStats, ProductInfo } from "./chain-data.js";
import { byCode, localSupplyShare, weakLinkKinds, type WeakLinkKind } from "./scoring.js";

/** Everything the analyses say about one chain product in one scope, as counts. */
export interface ProductFacts {
  product: ProductInfo;
  /** Local producers by city code (cities with at least one). */
  producersByCity: ReadonlyMap<string, number>;
  localProducerCount: number;
  /** Demanders by city code (cities with at least one). */
  demandersByCity: ReadonlyMap<string, number>;
  demanderCount: number;
  /** Volume delivered into the scope by suppliers in it, and by all suppliers. */
  localVolume: number;
  totalVolume: number;
  localSupplyShare: number | null;
  /** Products that require this one directly or transitively. */
  dependentCount: number;
  kinds: WeakLinkKind[];
  /** Supply links of the product from the scope's enterprises in city `from` to those in city `to`. */
  linksBetween(from: string, to: string): number;
}

export interface ChainFacts {
  /** Every product read (the chain's and their inputs), by code. */
  products: ReadonlyMap<string, ProductInfo>;
  /** The chain's products, sorted by code. */
  chain: ProductFacts[];
  /** How many enterprises in scope make a product read (chain products and their inputs). */
  localProducerCountOf(code: string): number;
}

/**
 * Derives per-product facts (local producers, demanders, local supply share, dependents and weak-link
 * kinds) from the loaded chain data. A chain product's demanders are the enterprises in scope that
 * make a product requiring it; the counts come counted (derived data, or a cluster's members).
 */
export function chainFacts(data: ChainData): ChainFacts {
  const products = new Map(data.products.map((p) => [p.code, p]));
  const scope = new Map(data.scope.map((s) => [s.product, s]));
  const cities = new Map<string, CityStats[]>();
  for (const c of data.cities) {
    const list = cities.get(c.product);
    if (list) list.push(c);
    else cities.set(c.product, [c]);
  }

  const chain = data.products
    .filter((p) => p.inChain)
    .sort((a, b) => byCode(a.code, b.code))
    .map((product): ProductFacts => {
      const s = scope.get(product.code);
      const byCity = cities.get(product.code) ?? [];
      const producersByCity = new Map(byCity.filter((c) => c.producers > 0).map((c) => [c.city, c.producers]));
      const demandersByCity = new Map(byCity.filter((c) => c.demanders > 0).map((c) => [c.city, c.demanders]));
      const localProducerCount = s?.producers ?? 0;
      const demanderCount = s?.demanders ?? 0;
      const share = localSupplyShare(s?.localVolume ?? 0, s?.volume ?? 0);
      return {
        product,
        producersByCity,
        localProducerCount,
        demandersByCity,
        demanderCount,
        localVolume: s?.localVolume ?? 0,
        totalVolume: s?.volume ?? 0,
        localSupplyShare: share,
        dependentCount: product.dependentCount,
        kinds: weakLinkKinds(demanderCount > 0, localProducerCount, share),
        linksBetween: (from, to) => {
          const c = byCity.find((x) => x.city === to);
          const at = c ? c.fromCities.indexOf(from) : -1;
          return at >= 0 ? c!.fromLinks[at]! : 0;
        },
      };
    });

  return {
    products,
    chain,
    localProducerCountOf: (code) => scope.get(code)?.producers ?? 0,
  };
}
