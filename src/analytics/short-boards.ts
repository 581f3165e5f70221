import type { Executor } from "../graph/executor.js";
import { loadChainData, type Stage } from "./chain-data.js";
import { chainFacts, type ChainFacts } from "./chain-facts.js";
import { shortBoardReasons, type Reasons } from "./reasons.js";
import { checkFirst, openScope, type AnalysisArgs, type NamedRef } from "./scope.js";
import { compareShortBoards, shortBoardScore, type WeakLinkKind } from "./scoring.js";

/** A weak link (短板) of a chain in a scope. Entities are identified by code. */
export interface ShortBoard {
  productCode: string;
  name: string | null;
  nameZh: string | null;
  stage: Stage;
  kinds: WeakLinkKind[];
  score: number;
  /** Enterprises in scope that make the product (sorted codes). */
  localProducerCodes: string[];
  /** Enterprises in scope that make a product requiring it (sorted codes). */
  demanderCodes: string[];
  /** Share of the volume delivered into the scope that came from suppliers in it; null when none was delivered. */
  localSupplyShare: number | null;
  /** Products that require it, directly or transitively (sorted codes). */
  dependentCodes: string[];
  dependentCount: number;
  reasons: Reasons;
}

export interface ShortBoardsArgs extends AnalysisArgs {
  /** How many to return (default 20). */
  first?: number;
}

/**
 * Short boards (短板): every chain product that is demanded in the scope and is MISSING,
 * SINGLE_SOURCE or LOW_LOCAL_SHARE there, ranked by `shortBoardScore` (ties by code).
 * Round trips: 1 to validate, then 3 in parallel (products, producers, deliveries).
 */
export async function shortBoards(executor: Executor, args: ShortBoardsArgs): Promise<ShortBoard[]> {
  const first = checkFirst(args.first ?? 20);
  const ctx = await openScope(executor, args);
  const data = await loadChainData(executor, ctx, { deliveries: true });
  return rankShortBoards(chainFacts(data), ctx.scope, first);
}

/** The pure half of `shortBoards`. */
export function rankShortBoards(facts: ChainFacts, scope: NamedRef, first: number): ShortBoard[] {
  return facts.chain
    .filter((f) => f.kinds.length > 0)
    .map((f): ShortBoard => {
      const dependentCount = f.dependents.length;
      return {
        productCode: f.product.code,
        name: f.product.name,
        nameZh: f.product.nameZh,
        stage: f.product.stage,
        kinds: f.kinds,
        score: shortBoardScore({ kinds: f.kinds, dependentCount, localSupplyShare: f.localSupplyShare }),
        localProducerCodes: f.localProducers,
        demanderCodes: f.demanders,
        localSupplyShare: f.localSupplyShare,
        dependentCodes: f.dependents,
        dependentCount,
        reasons: shortBoardReasons({
          product: f.product,
          scope,
          kinds: f.kinds,
          demanderCount: f.demanders.length,
          localProducerCount: f.localProducers.length,
          localSupplyShare: f.localSupplyShare,
          dependentCount,
        }),
      };
    })
    .sort(compareShortBoards)
    .slice(0, first);
}
