import type { Executor } from "../graph/db/executor.js";
import { loadChainData } from "./chain-data.js";
import { chainFacts, type ChainFacts, type ProductFacts } from "./chain-facts.js";
import { ALL_LISTS, EMPTY_LISTS, listKey, loadLists, type ListOptions } from "./lists.js";
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
  /** Enterprises of the scope in A that make a product requiring it (sorted codes; the first \`lists.first\`). */
  demanderCodes: string[];
  demanderCount: number;
  /** Enterprises of the scope in B that make it (sorted codes; the first \`lists.first\`). */
  supplierCodes: string[];
  supplierCount: number;
  /** Supply links of the product from the scope's enterprises in B to those in A. */
  existingLinks: number;
  score: number;
  reasons: Reasons;
}

export interface CooperationArgs extends AnalysisArgs {
  /** How many to return (default 50). */
  first?: number;
  /** Which code lists to fill, and how long (default: all, up to 1000). */
  lists?: ListOptions;
}

/**
 * Cooperation opportunities: for two distinct cities A and B of the scope and a chain product P that
 * is MISSING or SINGLE_SOURCE in A (A's part of the scope taken as a scope of its own) while B has a
 * maker of P. Pairs with no existing link of P from B to A come first (\`cooperationScore\`).
 * Round trips: 1 to validate, 1 for the chain's counts in the scope and its cities (links between
 * cities included), then 1 for the lists of the pairs returned.
 */
export async function cooperationOpportunities(executor: Executor, args: CooperationArgs): Promise<CooperationOpportunity[]> {
  const first = checkFirst(args.first ?? 50);
  const lists = args.lists ?? ALL_LISTS;
  const ctx = await openScope(executor, args);
  const facts = chainFacts(await loadChainData(executor, ctx, { cities: true }));
  const rows = rankCooperation(facts, ctx.cities, first);
  const found = await loadLists(
    executor,
    ctx,
    rows.flatMap((r) => [
      { product: r.productCode, city: r.demandCityCode, demanders: lists.demanders },
      { product: r.productCode, city: r.supplierCityCode, producers: lists.producers },
    ]),
    lists.first,
  );
  for (const r of rows) {
    r.demanderCodes = (found.get(listKey(r.productCode, r.demandCityCode)) ?? EMPTY_LISTS).demanders;
    r.supplierCodes = (found.get(listKey(r.productCode, r.supplierCityCode)) ?? EMPTY_LISTS).producers;
  }
  return rows;
}

/** The pure half of \`cooperationOpportunities\`, with empty code lists. Ranks first, then explains only what it returns. */
export function rankCooperation(facts: ChainFacts, cities: readonly NamedRef[], first: number): CooperationOpportunity[] {
  const cityByCode = new Map(cities.map((c) => [c.code, c]));
  const city = (code: string): NamedRef => cityByCode.get(code) ?? { code, name: null, nameZh: null };

  interface Pair {
    f: ProductFacts;
    kind: "MISSING" | "SINGLE_SOURCE";
    productCode: string;
    demandCityCode: string;
    supplierCityCode: string;
    demanderCount: number;
    supplierCount: number;
    existingLinks: number;
    score: number;
  }
  const pairs: Pair[] = [];
  for (const f of facts.chain) {
    for (const [a, demanderCount] of f.demandersByCity) {
      const localMakers = f.producersByCity.get(a) ?? 0;
      if (demanderCount === 0 || localMakers > 1) continue;
      const kind = localMakers === 0 ? "MISSING" : "SINGLE_SOURCE";
      for (const [b, supplierCount] of f.producersByCity) {
        if (b === a || supplierCount === 0) continue;
        const existingLinks = f.linksBetween(b, a);
        pairs.push({
          f,
          kind,
          productCode: f.product.code,
          demandCityCode: a,
          supplierCityCode: b,
          demanderCount,
          supplierCount,
          existingLinks,
          score: cooperationScore({ kind, demanderCount, existingLinks }),
        });
      }
    }
  }
  return pairs
    .sort(compareCooperation)
    .slice(0, first)
    .map((p) => ({
      productCode: p.productCode,
      name: p.f.product.name,
      nameZh: p.f.product.nameZh,
      kind: p.kind,
      demandCityCode: p.demandCityCode,
      supplierCityCode: p.supplierCityCode,
      demanderCodes: [],
      demanderCount: p.demanderCount,
      supplierCodes: [],
      supplierCount: p.supplierCount,
      existingLinks: p.existingLinks,
      score: p.score,
      reasons: cooperationReasons({
        product: p.f.product,
        kind: p.kind,
        demandCity: city(p.demandCityCode),
        supplierCity: city(p.supplierCityCode),
        demanderCount: p.demanderCount,
        supplierCount: p.supplierCount,
        existingLinks: p.existingLinks,
      }),
    }));
}
