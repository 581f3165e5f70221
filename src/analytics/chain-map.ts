import type { Executor } from "../graph/executor.js";
import { loadChainData, type Stage } from "./chain-data.js";
import { chainFacts, type ChainFacts } from "./chain-facts.js";
import { openScope, type AnalysisArgs, type NamedRef, type ScopeContext } from "./scope.js";
import { byCode, type WeakLinkKind } from "./scoring.js";

export interface ChainMapProduct {
  productCode: string;
  name: string | null;
  nameZh: string | null;
  stage: Stage;
  /** Products it requires (sorted codes; they may belong to other chains). */
  inputCodes: string[];
  localProducerCount: number;
  demanderCount: number;
  localSupplyShare: number | null;
  dependentCount: number;
  kinds: WeakLinkKind[];
}

export interface ChainMapCity {
  cityCode: string;
  name: string | null;
  nameZh: string | null;
  /** For every chain product (in `products` order), how many enterprises of the scope in this city make it. */
  producerCounts: Array<{ productCode: string; count: number }>;
}

/** Everything needed to draw a chain for a scope. */
export interface ChainMap {
  chain: NamedRef;
  scope: ScopeContext["scope"];
  /** The chain's products, by stage (upstream first), then code. */
  products: ChainMapProduct[];
  /** The scope's cities, by code. */
  cities: ChainMapCity[];
}

/**
 * The chain map of a scope: per chain product its stage, inputs, local producer count and weak-link
 * kinds; per city of the scope its producer count for each product.
 * Round trips: 1 to validate, then 3 in parallel (products, producers, deliveries).
 */
export async function chainMap(executor: Executor, args: AnalysisArgs): Promise<ChainMap> {
  const ctx = await openScope(executor, args);
  const data = await loadChainData(executor, ctx, { deliveries: true });
  return drawChainMap(chainFacts(data), ctx);
}

const STAGE_ORDER: Record<string, number> = { UPSTREAM: 0, MIDSTREAM: 1, DOWNSTREAM: 2 };

/** The pure half of `chainMap`. */
export function drawChainMap(facts: ChainFacts, ctx: Pick<ScopeContext, "chain" | "scope" | "cities">): ChainMap {
  const chain = [...facts.chain].sort(
    (a, b) => (STAGE_ORDER[a.product.stage] ?? 3) - (STAGE_ORDER[b.product.stage] ?? 3) || byCode(a.product.code, b.product.code),
  );
  const cities = new Map(ctx.cities.map((c) => [c.code, c]));
  for (const f of chain)
    for (const c of f.producersByCity.keys()) if (!cities.has(c)) cities.set(c, { code: c, name: null, nameZh: null });
  return {
    chain: ctx.chain,
    scope: ctx.scope,
    products: chain.map((f) => ({
      productCode: f.product.code,
      name: f.product.name,
      nameZh: f.product.nameZh,
      stage: f.product.stage,
      inputCodes: f.product.inputCodes,
      localProducerCount: f.localProducers.length,
      demanderCount: f.demanders.length,
      localSupplyShare: f.localSupplyShare,
      dependentCount: f.dependents.length,
      kinds: f.kinds,
    })),
    cities: [...cities.values()]
      .sort((a, b) => byCode(a.code, b.code))
      .map((c) => ({
        cityCode: c.code,
        name: c.name,
        nameZh: c.nameZh,
        producerCounts: chain.map((f) => ({ productCode: f.product.code, count: f.producersByCity.get(c.code)?.length ?? 0 })),
      })),
  };
}
