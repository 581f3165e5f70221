import type { Executor } from "../graph/executor.js";
import { loadChainData, type Stage } from "./chain-data.js";
import { chainFacts, type ChainFacts } from "./chain-facts.js";
import { checkFirst, openScope, type AnalysisArgs, type NamedRef, type ScopeContext } from "./scope.js";
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
  /** The chain's products, by stage (upstream first), then code: the first `first` of them. */
  products: ChainMapProduct[];
  /** How many products the chain has (\`products\` may hold fewer). */
  productCount: number;
  /** The scope's cities, by code. */
  cities: ChainMapCity[];
}

/**
 * The chain map of a scope: per chain product its stage, inputs, local producer count and weak-link
 * kinds; per city of the scope its producer count for each product listed.
 * Round trips: 1 to validate, then 1 for the chain's counts in the scope and its cities.
 */
export async function chainMap(executor: Executor, args: ChainMapArgs): Promise<ChainMap> {
  const first = checkFirst(args.first ?? 500, 5000);
  const ctx = await openScope(executor, args);
  const data = await loadChainData(executor, ctx, { cities: true, only: "MAP", first });
  const map = drawChainMap(chainFacts(data), ctx, first);
  // A region scope reads only the products listed; the chain's size comes with them.
  return data.productCount === undefined ? map : { ...map, productCount: data.productCount };
}

export interface ChainMapArgs extends AnalysisArgs {
  /** How many products to list (default 500, at most 5000), in stage and code order. */
  first?: number;
}

const STAGE_ORDER: Record<string, number> = { UPSTREAM: 0, MIDSTREAM: 1, DOWNSTREAM: 2 };

/** The pure half of `chainMap`. */
export function drawChainMap(
  facts: ChainFacts,
  ctx: Pick<ScopeContext, "chain" | "scope" | "cities">,
  first = Infinity,
): ChainMap {
  const chain = [...facts.chain]
    .sort(
      (a, b) =>
        (STAGE_ORDER[a.product.stage] ?? 3) - (STAGE_ORDER[b.product.stage] ?? 3) || byCode(a.product.code, b.product.code),
    )
    .slice(0, first);
  const cities = new Map(ctx.cities.map((c) => [c.code, c]));
  for (const f of chain)
    for (const c of f.producersByCity.keys()) if (!cities.has(c)) cities.set(c, { code: c, name: null, nameZh: null });
  return {
    chain: ctx.chain,
    scope: ctx.scope,
    productCount: facts.chain.length,
    products: chain.map((f) => ({
      productCode: f.product.code,
      name: f.product.name,
      nameZh: f.product.nameZh,
      stage: f.product.stage,
      inputCodes: f.product.inputCodes,
      localProducerCount: f.localProducerCount,
      demanderCount: f.demanderCount,
      localSupplyShare: f.localSupplyShare,
      dependentCount: f.dependentCount,
      kinds: f.kinds,
    })),
    cities: [...cities.values()]
      .sort((a, b) => byCode(a.code, b.code))
      .map((c) => ({
        cityCode: c.code,
        name: c.name,
        nameZh: c.nameZh,
        producerCounts: chain.map((f) => ({ productCode: f.product.code, count: f.producersByCity.get(c.code) ?? 0 })),
      })),
  };
}
