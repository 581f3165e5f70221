import type { Executor } from "../graph/executor.js";
import { loadChainData, type Stage } from "./chain-data.js";
import { chainFacts, type ChainFacts } from "./chain-facts.js";
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
  /** Enterprises in scope that make a product requiring it (sorted codes). */
  demanderCodes: string[];
  /** Products that require it, directly or transitively (sorted codes). */
  dependentCodes: string[];
  dependentCount: number;
  /** Its best target firms outside the scope, as `targetFirms(products: [productCode])` ranks them. */
  candidates: TargetFirm[];
  reasons: Reasons;
}

export interface MissingSuppliersArgs extends AnalysisArgs {
  /** How many candidates per product (default 5; 0 skips the candidate query). */
  candidatesFirst?: number;
}

/**
 * Missing suppliers (补链): exactly the chain products that are MISSING in the scope, i.e. demanded
 * there with no local producer, ranked like short boards (more dependents first, then code).
 * Round trips: 1 to validate, 2 in parallel (products, producers), then 1 for candidates.
 */
export async function missingSuppliers(executor: Executor, args: MissingSuppliersArgs): Promise<MissingSupplier[]> {
  const candidatesFirst = checkFirst(args.candidatesFirst ?? 5, 100, "candidates.first");
  const ctx = await openScope(executor, args);
  const facts = chainFacts(await loadChainData(executor, ctx));
  const missing = listMissingSuppliers(facts, ctx.scope);
  if (candidatesFirst > 0 && missing.length > 0) {
    const candidates = await candidateFirms(
      executor,
      ctx,
      missing.map((m) => m.productCode),
      candidatesFirst,
    );
    for (const m of missing) m.candidates = candidates.get(m.productCode) ?? [];
  }
  return missing;
}

/** The pure half of `missingSuppliers`, with empty candidate lists. */
export function listMissingSuppliers(facts: ChainFacts, scope: NamedRef): MissingSupplier[] {
  return facts.chain
    .filter((f) => f.kinds.includes("MISSING"))
    .map((f) => ({
      f,
      productCode: f.product.code,
      score: shortBoardScore({ kinds: f.kinds, dependentCount: f.dependents.length, localSupplyShare: null }),
    }))
    .sort(compareShortBoards)
    .map(({ f }) => ({
      productCode: f.product.code,
      name: f.product.name,
      nameZh: f.product.nameZh,
      stage: f.product.stage,
      demanderCodes: f.demanders,
      dependentCodes: f.dependents,
      dependentCount: f.dependents.length,
      candidates: [],
      reasons: shortBoardReasons({
        product: f.product,
        scope,
        kinds: f.kinds,
        demanderCount: f.demanders.length,
        localProducerCount: 0,
        dependentCount: f.dependents.length,
      }),
    }));
}
