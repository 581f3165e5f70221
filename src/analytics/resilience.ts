import type { Executor } from "../graph/db/executor.js";
import { holds } from "../graph/import/years.js";
import type { Stage } from "./chain-data.js";
import { lostProductReasons, type Reasons } from "./reasons.js";
import { checkCodes, inScope, openScope, type AnalysisArgs, type NamedRef } from "./scope.js";
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
 * The chain products that removed enterprises in scope make, kept when every producer of theirs in
 * scope is removed, with their remaining demanders in scope. It starts from the removed firms, so
 * its cost follows their neighbourhood, not the chain.
 */
const LOST = `
MATCH (w:Enterprise) WHERE w.code IN $without AND ${holds("w")} AND ${inScope("w")}
MATCH (w)-[wm:PRODUCES]->(p:Product)-[ic:IN_CHAIN]->(:IndustryChain {code: $chain})
WHERE ${holds("wm", "p", "ic")}
WITH p, collect(DISTINCT w.code) AS removed
WHERE size(COLLECT { MATCH (p)<-[m:PRODUCES]-(e:Enterprise) WHERE ${holds("m", "e")} AND ${inScope("e")} RETURN DISTINCT e.code AS code }) = size(removed)
RETURN p.code AS code, p.name AS name, p.nameZh AS nameZh, p.stage AS stage, removed,
       COLLECT {
         MATCH (p)<-[need:REQUIRES]-(q:Product)<-[m:PRODUCES]-(e:Enterprise)
         WHERE NOT e.code IN $without AND ${holds("need", "q", "m", "e")} AND ${inScope("e")}
         WITH DISTINCT e.code AS code
         RETURN code ORDER BY code
       } AS demanders
`;

/** One row of the lost-products query. */
export interface LostRow {
  code: string;
  name: string | null;
  nameZh: string | null;
  stage: Stage;
  /** The removed enterprises that made it: all its producers in scope. */
  removed: string[];
  /** Its remaining demanders in scope, sorted. */
  demanders: string[];
}

/**
 * Resilience: with the listed enterprises removed, the chain products that had a local producer in
 * the scope and now have none, and the remaining enterprises in scope that demand them. Removed
 * firms are not counted as affected. Round trips: 1 to validate, then 1.
 */
export async function resilience(executor: Executor, args: ResilienceArgs): Promise<ResilienceReport> {
  const without = checkCodes(args.without, "without");
  const ctx = await openScope(executor, { ...args, enterprises: without });
  if (without.length === 0) return { withoutCodes: [], lostProducts: [], affectedEnterpriseCodes: [] };
  const rows = await executor.read<LostRow>("analytics.lostProducts", LOST, { chain: ctx.chain.code, ...ctx.params, without });
  return assessResilience(rows, ctx.scope, without);
}

/** The pure half of \`resilience\`. */
export function assessResilience(rows: readonly LostRow[], scope: NamedRef, without: readonly string[]): ResilienceReport {
  const affected = new Set<string>();
  const lostProducts = [...rows]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((row): LostProduct => {
      for (const d of row.demanders) affected.add(d);
      const product = { code: row.code, name: row.name, nameZh: row.nameZh };
      return {
        productCode: row.code,
        name: row.name,
        nameZh: row.nameZh,
        stage: row.stage,
        formerProducerCodes: [...row.removed].sort(),
        demanderCodes: row.demanders,
        reasons: lostProductReasons({
          product,
          scope,
          formerProducerCount: row.removed.length,
          demanderCount: row.demanders.length,
        }),
      };
    });
  return { withoutCodes: [...without], lostProducts, affectedEnterpriseCodes: [...affected].sort() };
}
