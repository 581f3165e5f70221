import type { Executor } from "../graph/executor.js";
import { loadChainData, type ChainData, type Stage } from "./chain-data.js";
import { chainFacts } from "./chain-facts.js";
import { lostProductReasons, type Reasons } from "./reasons.js";
import { checkCodes, openScope, type AnalysisArgs, type NamedRef } from "./scope.js";

/** A chain product the scope can no longer make once the listed enterprises are gone. */
export interface LostProduct {
  productCode: string;
  name: string | null;
  nameZh: string | null;
  stage: Stage;
  /** Its local producers before the removal (all of them removed; sorted codes). */
  formerProducerCodes: string[];
  /** Its demanders in scope that remain (sorted codes). */
  demanderCodes: string[];
  reasons: Reasons;
}

export interface ResilienceReport {
  /** The removed enterprises, as asked (duplicates dropped). */
  withoutCodes: string[];
  /** Chain products that had a local producer and now have none, sorted by code. */
  lostProducts: LostProduct[];
  /** The remaining enterprises in scope that demand a lost product (sorted codes). */
  affectedEnterpriseCodes: string[];
}

export interface ResilienceArgs extends AnalysisArgs {
  /** Codes of the enterprises to remove; each must exist (NOT_FOUND otherwise). */
  without: readonly string[];
}

/**
 * Resilience: with the listed enterprises removed, the chain products that had a local producer in
 * the scope and now have none, and the remaining enterprises in scope that demand them. Removed
 * firms are not counted as affected. Round trips: 1 to validate, then 2 in parallel (products, producers).
 */
export async function resilience(executor: Executor, args: ResilienceArgs): Promise<ResilienceReport> {
  const without = checkCodes(args.without, "without");
  const ctx = await openScope(executor, { ...args, enterprises: without });
  if (without.length === 0) return { withoutCodes: [], lostProducts: [], affectedEnterpriseCodes: [] };
  return assessResilience(await loadChainData(executor, ctx), ctx.scope, without);
}

/** The pure half of `resilience`. */
export function assessResilience(data: ChainData, scope: NamedRef, without: readonly string[]): ResilienceReport {
  const before = chainFacts(data);
  const after = new Map(chainFacts(data, new Set(without)).chain.map((f) => [f.product.code, f]));
  const lostProducts: LostProduct[] = [];
  const affected = new Set<string>();
  for (const f of before.chain) {
    const now = after.get(f.product.code)!;
    if (f.localProducers.length === 0 || now.localProducers.length > 0) continue;
    for (const d of now.demanders) affected.add(d);
    lostProducts.push({
      productCode: f.product.code,
      name: f.product.name,
      nameZh: f.product.nameZh,
      stage: f.product.stage,
      formerProducerCodes: f.localProducers,
      demanderCodes: now.demanders,
      reasons: lostProductReasons({
        product: f.product,
        scope,
        formerProducerCount: f.localProducers.length,
        demanderCount: now.demanders.length,
      }),
    });
  }
  return { withoutCodes: [...without], lostProducts, affectedEnterpriseCodes: [...affected].sort() };
}
