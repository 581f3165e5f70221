import type { Executor } from "../graph/db/executor.js";
import { loadChainData, type Stage } from "./chain-data.js";
import { chainFacts, type ChainFacts } from "./chain-facts.js";
import { ALL_LISTS, EMPTY_LISTS, listKey, loadLists, type ListOptions } from "./lists.js";
import { shortBoardReasons, type Reasons } from "./reasons.js";
import { checkFirst, openScope, type AnalysisArgs, type NamedRef } from "./scope.js";
import { compareShortBoards, shortBoardScore } from "./scoring.js";
import { candidateFirms, type TargetFirm } from "./target-firms.js";

/** A chain product that the scope needs and nobody in it makes: the gap to fill (补链). */
export interface MissingSupplier {
  productCode: string;
  name: string | null;
  nameZh: string | null;
  stage: Stage;
  /** Enterprises in scope that make a product requiring it (sorted codes; the first `lists.first`). */
  demanderCodes: string[];
  demanderCount: number;
  /** Products that require it, directly or transitively (sorted codes; the first `lists.first`). */
  dependentCodes: string[];
  dependentCount: number;
  /** Its best target firms outside the scope, as `targetFirms(products: [productCode])` ranks them. */
  candidates: TargetFirm[];
  reasons: Reasons;
}

export interface MissingSuppliersArgs extends AnalysisArgs {
  /** How many candidates per product (default 5; 0 skips the candidate query). */
  candidatesFirst?: number;
  /** How many to return (default 100). */
  first?: number;
  /** Which code lists to fill, and how long (default: all, up to 1000). */
  lists?: ListOptions;
}

/**
 * Missing suppliers (补链): exactly the chain products that are MISSING in the scope, i.e. demanded
 * there with no local producer, ranked like short boards (more dependents first, then code).
 * Round trips: 1 to validate, 1 for the chain's counts in the scope, then 2 in parallel for the
 * lists and the candidates of the products returned.
 */
export async function missingSuppliers(executor: Executor, args: MissingSuppliersArgs): Promise<MissingSupplier[]> {
  const candidatesFirst = checkFirst(args.candidatesFirst ?? 5, 100, "candidates.first");
  const first = checkFirst(args.first ?? 100);
  const lists = args.lists ?? ALL_LISTS;
  const ctx = await openScope(executor, args);
  const facts = chainFacts(await loadChainData(executor, ctx));
  const missing = listMissingSuppliers(facts, ctx.scope, first);
  if (missing.length === 0) return missing;
  const codes = missing.map((m) => m.productCode);
  const [found, candidates] = await Promise.all([
    loadLists(
      executor,
      ctx,
      missing.map((m) => ({
        product: m.productCode,
        demanders: lists.demanders,
        dependents: lists.dependents && m.dependentCount > 0,
      })),
      lists.first,
    ),
    candidatesFirst > 0
      ? candidateFirms(executor, ctx, codes, candidatesFirst)
      : Promise.resolve(new Map<string, TargetFirm[]>()),
  ]);
  for (const m of missing) {
    const l = found.get(listKey(m.productCode)) ?? EMPTY_LISTS;
    m.demanderCodes = l.demanders;
    m.dependentCodes = l.dependents;
    m.candidates = candidates.get(m.productCode) ?? [];
  }
  return missing;
}

/** The pure half of `missingSuppliers`, with empty code and candidate lists. */
export function listMissingSuppliers(facts: ChainFacts, scope: NamedRef, first = Infinity): MissingSupplier[] {
  return facts.chain
    .filter((f) => f.kinds.includes("MISSING"))
    .map((f) => ({
      f,
      productCode: f.product.code,
      score: shortBoardScore({ kinds: f.kinds, dependentCount: f.dependentCount, localSupplyShare: null }),
    }))
    .sort(compareShortBoards)
    .slice(0, first)
    .map(({ f }) => ({
      productCode: f.product.code,
      name: f.product.name,
      nameZh: f.product.nameZh,
      stage: f.product.stage,
      demanderCodes: [],
      demanderCount: f.demanderCount,
      dependentCodes: [],
      dependentCount: f.dependentCount,
      candidates: [],
      reasons: shortBoardReasons({
        product: f.product,
        scope,
        kinds: f.kinds,
        demanderCount: f.demanderCount,
        localProducerCount: 0,
        dependentCount: f.dependentCount,
      }),
    }));
}
