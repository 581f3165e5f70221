import type { Executor } from "../graph/executor.js";
import { loadChainData } from "./chain-data.js";
import { chainFacts, type ChainFacts } from "./chain-facts.js";
import { cooperationReasons, type Reasons } from "./reasons.js";
import { checkFirst, openScope, type AnalysisArgs, type NamedRef } from "./scope.js";
import { compareCooperation, cooperationScore } from "./scoring.js";

/** Two cities of one scope that could supply each other a weak product. */
export interface CooperationOpportunity {
  productCode: string;
  name: string | null;
  nameZh: string | null;
  /** The product's weak-link kind in the demand city. */
  kind: "MISSING" | "SINGLE_SOURCE";
  /** City A: needs the product and has at most one maker of it. */
  demandCityCode: string;
  /** City B: has at least one maker of it. */
  supplierCityCode: string;
  /** Enterprises of the scope in A that make a product requiring it (sorted codes). */
  demanderCodes: string[];
  /** Enterprises of the scope in B that make it (sorted codes). */
  supplierCodes: string[];
  /** Supply links of the product from the scope's enterprises in B to those in A. */
  existingLinks: number;
  score: number;
  reasons: Reasons;
}

export interface CooperationArgs extends AnalysisArgs {
  /** How many to return (default 50). */
  first?: number;
}

/** Supply links of one product from the scope's enterprises in one city to those in another. */
export interface CityFlow {
  product: string;
  supplierCity: string;
  customerCity: string;
  links: number;
}

/** Links between two different cities of the scope, for the listed products; one query per scope kind. */
const CITY_FLOWS = {
  REGION: `
MATCH (sc:Region)<-[:LOCATED_IN]-(s:Enterprise)-[l:SUPPLIES]->(c:Enterprise)-[:LOCATED_IN]->(cc:Region)
USING JOIN ON c
USING JOIN ON s
WHERE l.product IN $products AND cc.code IN $scopeCities AND sc.code IN $scopeCities AND sc <> cc
RETURN l.product AS product, sc.code AS supplierCity, cc.code AS customerCity, count(l) AS links
`,
  CLUSTER: `
MATCH (k:Cluster {code: $scopeCluster})<-[:MEMBER_OF]-(c:Enterprise)-[:LOCATED_IN]->(cc:Region)
MATCH (s:Enterprise)-[l:SUPPLIES]->(c)
WHERE l.product IN $products AND EXISTS { (s)-[:MEMBER_OF]->(k) }
MATCH (s)-[:LOCATED_IN]->(sc:Region)
WHERE sc <> cc
RETURN l.product AS product, sc.code AS supplierCity, cc.code AS customerCity, count(l) AS links
`,
} as const;

/**
 * Cooperation opportunities: for two distinct cities A and B of the scope and a chain product P that
 * is MISSING or SINGLE_SOURCE in A (A's part of the scope taken as a scope of its own) while B has a
 * maker of P. Pairs with no existing link of P from B to A come first (`cooperationScore`).
 * Round trips: 1 to validate, 2 in parallel (products, producers), then 1 for the links between
 * cities of the products that have a pair (skipped when none has).
 */
export async function cooperationOpportunities(executor: Executor, args: CooperationArgs): Promise<CooperationOpportunity[]> {
  const first = checkFirst(args.first ?? 50);
  const ctx = await openScope(executor, args);
  const facts = chainFacts(await loadChainData(executor, ctx));
  const products = cooperationProducts(facts);
  if (products.length === 0 || first === 0) return [];
  const flows = await executor.read<CityFlow>("analytics.cityFlows", CITY_FLOWS[ctx.scope.kind], {
    ...ctx.params,
    products,
  });
  return rankCooperation(facts, flows, ctx.cities, first);
}

/** The chain products that are MISSING or SINGLE_SOURCE in some city of the scope and made in another. */
export function cooperationProducts(facts: ChainFacts): string[] {
  return facts.chain
    .filter((f) =>
      [...f.demandersByCity.keys()].some(
        (a) => (f.producersByCity.get(a)?.length ?? 0) <= 1 && [...f.producersByCity.keys()].some((b) => b !== a),
      ),
    )
    .map((f) => f.product.code);
}

/** The pure half of `cooperationOpportunities`. */
export function rankCooperation(
  facts: ChainFacts,
  flows: readonly CityFlow[],
  cities: readonly NamedRef[],
  first: number,
): CooperationOpportunity[] {
  const cityByCode = new Map(cities.map((c) => [c.code, c]));
  const city = (code: string): NamedRef => cityByCode.get(code) ?? { code, name: null, nameZh: null };
  const links = new Map<string, number>();
  for (const f of flows) {
    const key = linkKey(f.product, f.supplierCity, f.customerCity);
    links.set(key, (links.get(key) ?? 0) + f.links);
  }

  const out: CooperationOpportunity[] = [];
  for (const f of facts.chain) {
    for (const [a, demanders] of f.demandersByCity) {
      const localMakers = f.producersByCity.get(a)?.length ?? 0;
      if (demanders.length === 0 || localMakers > 1) continue;
      const kind = localMakers === 0 ? "MISSING" : "SINGLE_SOURCE";
      for (const [b, suppliers] of f.producersByCity) {
        if (b === a || suppliers.length === 0) continue;
        const existingLinks = links.get(linkKey(f.product.code, b, a)) ?? 0;
        out.push({
          productCode: f.product.code,
          name: f.product.name,
          nameZh: f.product.nameZh,
          kind,
          demandCityCode: a,
          supplierCityCode: b,
          demanderCodes: demanders,
          supplierCodes: suppliers,
          existingLinks,
          score: cooperationScore({ kind, demanderCount: demanders.length, existingLinks }),
          reasons: cooperationReasons({
            product: f.product,
            kind,
            demandCity: city(a),
            supplierCity: city(b),
            demanderCount: demanders.length,
            supplierCount: suppliers.length,
            existingLinks,
          }),
        });
      }
    }
  }
  return out
    .sort((x, y) =>
      compareCooperation({ ...x, supplierCount: x.supplierCodes.length }, { ...y, supplierCount: y.supplierCodes.length }),
    )
    .slice(0, first);
}

function linkKey(product: string, from: string, to: string): string {
  return `${product}\u0000${from}\u0000${to}`;
}
