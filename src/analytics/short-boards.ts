import type { Executor } from "../graph/db/executor.js";
import { loadChainData, type Stage } from "./chain-data.js";
import { chainFacts, type ChainFacts } from "./chain-facts.js";
import { ALL_LISTS, EMPTY_LISTS, listKey, loadLists, type ListOptions } from "./lists.js";
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
  /** Enterprises in scope that make the product (sorted codes; the first `lists.first`). */
  localProducerCodes: string[];
  localProducerCount: number;
  /** Enterprises in scope that make a product requiring it (sorted codes; the first `lists.first`). */
  demanderCodes: string[];
  demanderCount: number;
  /** Share of the volume delivered into the scope that came from suppliers in it; null when none was delivered. */
  localSupplyShare: number | null;
  /** Products that require it, directly or transitively (sorted codes; the first `lists.first`). */
  dependentCodes: string[];
  dependentCount: number;
  reasons: Reasons;
}

export interface ShortBoardsArgs extends AnalysisArgs {
  /** How many to return (default 20). */
  first?: number;
  /** Which code lists to fill, and how long (default: all, up to 1000). */
  lists?: ListOptions;
}

/**
 * Short boards (短板): every chain product that is demanded in the scope and is MISSING,
 * SINGLE_SOURCE or LOW_LOCAL_SHARE there, ranked by `shortBoardScore` (ties by code).
 * Round trips: 1 to validate, 1 for the chain's counts in the scope, 1 for the lists of the
 * products returned.
 */
export async function shortBoards(executor: Executor, args: ShortBoardsArgs): Promise<ShortBoard[]> {
  const first = checkFirst(args.first ?? 20);
  const lists = args.lists ?? ALL_LISTS;
  const ctx = await openScope(executor, args);
  const rows = rankShortBoards(chainFacts(await loadChainData(executor, ctx)), ctx.scope, first);
  const found = await loadLists(
    executor,
    ctx,
    rows.map((r) => ({
      product: r.productCode,
      producers: lists.producers && r.localProducerCount > 0,
      demanders: lists.demanders && r.demanderCount > 0,
      dependents: lists.dependents && r.dependentCount > 0,
    })),
    lists.first,
  );
  for (const r of rows) {
    const l = found.get(listKey(r.productCode)) ?? EMPTY_LISTS;
    r.localProducerCodes = l.producers;
    r.demanderCodes = l.demanders;
    r.dependentCodes = l.dependents;
  }
  return rows;
}

/** The pure half of `shortBoards`, with empty code lists. Ranks first, then explains only what it returns. */
export function rankShortBoards(facts: ChainFacts, scope: NamedRef, first: number): ShortBoard[] {
  return facts.chain
    .filter((f) => f.kinds.length > 0)
    .map((f) => ({
      f,
      productCode: f.product.code,
      score: shortBoardScore({ kinds: f.kinds, dependentCount: f.dependentCount, localSupplyShare: f.localSupplyShare }),
    }))
    .sort(compareShortBoards)
    .slice(0, first)
    .map(({ f, score }): ShortBoard => ({
      productCode: f.product.code,
      name: f.product.name,
      nameZh: f.product.nameZh,
      stage: f.product.stage,
      kinds: f.kinds,
      score,
      localProducerCodes: [],
      localProducerCount: f.localProducerCount,
      demanderCodes: [],
      demanderCount: f.demanderCount,
      localSupplyShare: f.localSupplyShare,
      dependentCodes: [],
      dependentCount: f.dependentCount,
      reasons: shortBoardReasons({
        product: f.product,
        scope,
        kinds: f.kinds,
        demanderCount: f.demanderCount,
        localProducerCount: f.localProducerCount,
        localSupplyShare: f.localSupplyShare,
        dependentCount: f.dependentCount,
      }),
    }));
}
