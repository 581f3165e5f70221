import type { Executor } from "../graph/db/executor.js";
import { loadChainData, type Stage } from "./chain-data.js";
import { chainFacts, type ChainFacts, type ProductFacts } from "./chain-facts.js";
import { checkFirst, openScope, type AnalysisArgs, type NamedRef, type ScopeContext } from "./scope.js";
import { byCode, shortBoardScore, type WeakLinkKind } from "./scoring.js";

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
  /** The first `first` of the chain's products in the order asked (`ChainMapOrder`). */
  products: ChainMapProduct[];
  /** How many products the chain has (\`products\` may hold fewer). */
  productCount: number;
  /** The scope's cities, by code. */
  cities: ChainMapCity[];
}

/**
 * Which products a chain map lists first. STAGE: by stage (upstream first), then code. WEAK_FIRST: the
 * weak links by short-board score (as `shortBoards` ranks them), then the other demanded products by
 * demanders, then the undemanded ones by stage and code; so a chain too large to list whole still
 * shows its worst links.
 */
export type ChainMapOrder = "STAGE" | "WEAK_FIRST";

/**
 * The chain map of a scope: per chain product its stage, inputs, local producer count and weak-link
 * kinds; per city of the scope its producer count for each product listed.
 * Round trips: 1 to validate, then 1 for the chain's counts in the scope and its cities. WEAK_FIRST in
 * a region adds 1 before that: the demanded products' counts, to choose which to read.
 */
export async function chainMap(executor: Executor, args: ChainMapArgs): Promise<ChainMap> {
  const first = checkFirst(args.first ?? 500, 5000);
  const order = args.order ?? "STAGE";
  const ctx = await openScope(executor, args);
  let data;
  if (order === "WEAK_FIRST" && ctx.scope.kind === "REGION") {
    const codes = [...chainFacts(await loadChainData(executor, ctx)).chain]
      .sort(weakFirst)
      .slice(0, first)
      .map((f) => f.product.code);
    data = await loadChainData(executor, ctx, { cities: true, only: "PICKED", codes, first: first - codes.length });
  } else data = await loadChainData(executor, ctx, { cities: true, only: "MAP", first });
  const map = drawChainMap(chainFacts(data), ctx, first, order);
  // A region scope reads only the products listed; the chain's size comes with them.
  return data.productCount === undefined ? map : { ...map, productCount: data.productCount };
}

export interface ChainMapArgs extends AnalysisArgs {
  /** How many products to list (default 500, at most 5000). */
  first?: number;
  /** Which first (default STAGE). */
  order?: ChainMapOrder;
}

const STAGE_ORDER: Record<string, number> = { UPSTREAM: 0, MIDSTREAM: 1, DOWNSTREAM: 2 };

function byStage(a: ProductFacts, b: ProductFacts): number {
  return (STAGE_ORDER[a.product.stage] ?? 3) - (STAGE_ORDER[b.product.stage] ?? 3) || byCode(a.product.code, b.product.code);
}

/**
 * WEAK_FIRST's order: weak links by short-board score, ties by code (exactly as `shortBoards` ranks
 * them); then the other demanded products by demanders, ties by code; then the rest by stage and code.
 */
export function weakFirst(a: ProductFacts, b: ProductFacts): number {
  const group = (f: ProductFacts) => (f.kinds.length > 0 ? 0 : f.demanderCount > 0 ? 1 : 2);
  const score = (f: ProductFacts) => (f.kinds.length > 0 ? shortBoardScore(f) : f.demanderCount);
  const [ga, gb] = [group(a), group(b)];
  if (ga !== gb) return ga - gb;
  return ga === 2 ? byStage(a, b) : score(b) - score(a) || byCode(a.product.code, b.product.code);
}

/** The pure half of `chainMap`. */
export function drawChainMap(
  facts: ChainFacts,
  ctx: Pick<ScopeContext, "chain" | "scope" | "cities">,
  first = Infinity,
  order: ChainMapOrder = "STAGE",
): ChainMap {
  const chain = [...facts.chain].sort(order === "WEAK_FIRST" ? weakFirst : byStage).slice(0, first);
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
