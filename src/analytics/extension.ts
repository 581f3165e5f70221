import type { Executor } from "../graph/db/executor.js";
import { loadChainData, type Stage } from "./chain-data.js";
import { chainFacts, type ChainFacts, type ProductFacts } from "./chain-facts.js";
import { extensionReasons, type Named, type Reasons } from "./reasons.js";
import { checkFirst, openScope, type AnalysisArgs, type NamedRef } from "./scope.js";
import { compareExtensions, extensionScore } from "./scoring.js";

/** A chain product nobody in the scope makes yet, but whose inputs are partly made there: where to grow (延链). */
export interface ExtensionOpportunity {
  productCode: string;
  name: string | null;
  nameZh: string | null;
  stage: Stage;
  /** Share of its inputs (direct `REQUIRES`, of any chain) that some enterprise in scope makes; above 0. */
  localInputShare: number;
  /** Inputs made in scope (sorted codes). */
  localInputCodes: string[];
  /** Inputs not made in scope (sorted codes). */
  missingInputCodes: string[];
  score: number;
  reasons: Reasons;
}

export interface ExtensionArgs extends AnalysisArgs {
  /** How many to return (default 20). */
  first?: number;
}

/**
 * Extension opportunities (延链): chain products that no enterprise in scope makes, that have at
 * least one input, and whose local input share is above 0; higher share first, then more local
 * inputs, then code. Round trips: 1 to validate, then 1 for the chain's counts in the scope.
 */
export async function extensionOpportunities(executor: Executor, args: ExtensionArgs): Promise<ExtensionOpportunity[]> {
  const first = checkFirst(args.first ?? 20);
  const ctx = await openScope(executor, args);
  const data = await loadChainData(executor, ctx, { only: "EXTENSION" });
  return rankExtensions(chainFacts(data), ctx.scope, first);
}

/** The pure half of `extensionOpportunities`. Ranks first, then explains only what it returns. */
export function rankExtensions(facts: ChainFacts, scope: NamedRef, first: number): ExtensionOpportunity[] {
  const named = (code: string): Named => facts.products.get(code) ?? { code, name: null, nameZh: null };
  const candidates: Array<{
    f: ProductFacts;
    local: string[];
    productCode: string;
    localInputShare: number;
    localInputCount: number;
  }> = [];
  for (const f of facts.chain) {
    const inputs = f.product.inputCodes;
    if (f.localProducerCount > 0 || inputs.length === 0) continue;
    const local = inputs.filter((i) => facts.localProducerCountOf(i) > 0);
    if (local.length === 0) continue;
    const share = extensionScore(local.length, inputs.length);
    candidates.push({ f, local, productCode: f.product.code, localInputShare: share, localInputCount: local.length });
  }
  return candidates
    .sort(compareExtensions)
    .slice(0, first)
    .map(({ f, local, localInputShare }) => {
      const isLocal = new Set(local);
      const missingInputCodes = f.product.inputCodes.filter((i) => !isLocal.has(i));
      return {
        productCode: f.product.code,
        name: f.product.name,
        nameZh: f.product.nameZh,
        stage: f.product.stage,
        localInputShare,
        localInputCodes: local,
        missingInputCodes,
        score: localInputShare,
        reasons: extensionReasons({
          product: f.product,
          scope,
          localInputs: local.map(named),
          missingInputs: missingInputCodes.map(named),
        }),
      };
    });
}
