import type { ChainData, CooperationOpportunity, ProductInfo } from "../../src/analytics/index.js";
import { dependentsOf, requiredBy } from "../../src/graph/derived/dependents.js";

/** A cooperation opportunity as a comparable tuple: product, demand city, supplier city, kind, firms, links. */
export const cooperationRow = (r: CooperationOpportunity) => [
  r.productCode,
  r.demandCityCode,
  r.supplierCityCode,
  r.kind,
  r.demanderCodes,
  r.supplierCodes,
  r.existingLinks,
];

/** A product of a hand-made example: every product of the example's graph, with all its inputs (the count is derived). */
export type ExampleProduct = Omit<ProductInfo, "dependentCount">;

/** Enterprises of the scope in one city that make one product. */
export interface ExampleProducers {
  product: string;
  city: string;
  enterprises: string[];
}

/** One supply link into the scope: its product, its customer's city and its supplier's city (null: outside). */
export interface ExampleLink {
  product: string;
  city: string;
  fromCity: string | null;
  volume: number;
}

/**
 * The chain data the loader would read for an example, computed directly from its enterprises (the
 * way the analyses computed it before derived data): demanders are the producers of the products
 * requiring a product, dependents a walk over the whole example graph. Keeps only the chain's
 * products and their inputs, as the loader does.
 */
export function chainDataFrom(
  all: readonly ExampleProduct[],
  producers: readonly ExampleProducers[],
  links: readonly ExampleLink[] = [],
  withCities = true,
): ChainData {
  const graph = requiredBy(all);
  const chain = all.filter((p) => p.inChain);
  const read = new Set([...chain.map((p) => p.code), ...chain.flatMap((p) => p.inputCodes)]);
  const products: ProductInfo[] = all
    .filter((p) => read.has(p.code))
    .map((p) => ({
      ...p,
      inputCodes: p.inChain ? [...p.inputCodes].sort() : [],
      dependentCount: dependentsOf(graph, p.code).length,
    }));
  const makers = (code: string, city?: string) =>
    new Set(producers.filter((r) => r.product === code && (city === undefined || r.city === city)).flatMap((r) => r.enterprises));
  const demanders = (code: string, city?: string) =>
    new Set(all.filter((q) => q.inputCodes.includes(code)).flatMap((q) => [...makers(q.code, city)]));
  const cities = [...new Set(producers.map((r) => r.city).concat(links.map((l) => l.city)))].sort();
  const data: ChainData = { products, scope: [], cities: [] };
  for (const p of products) {
    const own = links.filter((l) => l.product === p.code && p.inChain);
    const volume = own.reduce((s, l) => s + l.volume, 0);
    const localVolume = own.filter((l) => l.fromCity !== null).reduce((s, l) => s + l.volume, 0);
    const stats = { product: p.code, producers: makers(p.code).size, demanders: demanders(p.code).size, volume, localVolume };
    if (stats.producers || stats.demanders || own.length) data.scope.push(stats);
    if (!withCities) continue;
    for (const city of cities) {
      const into = own.filter((l) => l.city === city && l.fromCity !== null);
      const fromCities = [...new Set(into.map((l) => l.fromCity!))];
      const row = {
        product: p.code,
        city,
        producers: makers(p.code, city).size,
        demanders: demanders(p.code, city).size,
        fromCities,
        fromLinks: fromCities.map((c) => into.filter((l) => l.fromCity === c).length),
      };
      if (row.producers || row.demanders || into.length) data.cities.push(row);
    }
  }
  return data;
}
