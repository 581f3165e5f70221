import type { Executor } from "../graph/db/executor.js";
import { holds } from "../graph/import/years.js";
import { yearValue } from "../graph/vocabulary/yearly.js";
import { loadChainData } from "./chain-data.js";
import { chainFacts } from "./chain-facts.js";
import { targetFirmReasons, type Named, type Reasons } from "./reasons.js";
import { checkCodes, checkFirst, inScope, openScope, type AnalysisArgs, type NamedRef, type ScopeContext } from "./scope.js";
import { compareTargetFirms, targetFirmScore } from "./scoring.js";

/** An enterprise outside the scope worth courting (产业链招商) because it makes target products. */
export interface TargetFirm {
  enterpriseCode: string;
  name: string | null;
  nameZh: string | null;
  /** The target products it makes (sorted codes). */
  coverCodes: string[];
  coverCount: number;
  /** Its supply links (of any product) to enterprises in scope. */
  existingLinksIntoScope: number;
  /** Sum of its capacity over the covered products; unknown capacity counts as 0. */
  capacity: number;
  score: number;
  reasons: Reasons;
}

export interface TargetFirmsArgs extends AnalysisArgs {
  /** Target product codes; when absent, the chain's MISSING and SINGLE_SOURCE products in the scope. */
  products?: readonly string[] | null;
  /** How many to return (default 20). */
  first?: number;
}

/** Raw row of the target-firm queries. */
export interface TargetFirmRow {
  code: string;
  name: string | null;
  nameZh: string | null;
  covers: Named[];
  capacity: number;
  links: number;
}

// The makers of the targets outside the scope; links are counted only for them.
const TARGET_FIRMS = `
MATCH (p:Product)<-[pr:PRODUCES]-(e:Enterprise)
WHERE p.code IN $targets AND ${holds("pr", "e")} AND NOT ${inScope("e")}
WITH e, collect(p {.code, .name, .nameZh}) AS covers, sum(coalesce(${yearValue("pr", "capacity")}, 0)) AS capacity
WITH e, covers, capacity, COUNT { (e)-[l:SUPPLIES]->(c) WHERE ${holds("l", "c")} AND ${inScope("c")} } AS links
ORDER BY size(covers) DESC, links DESC, capacity DESC, e.code ASC
LIMIT toInteger($first)
RETURN e.code AS code, e.name AS name, e.nameZh AS nameZh, covers, capacity, links
`;

/**
 * Target firms (产业链招商): enterprises outside the scope that make at least one target product,
 * ranked by covered products, then existing links into the scope, then capacity, then code.
 * Round trips: with `products`, 1 to validate + 1; without, 1 to validate, 1 for the chain's counts
 * in the scope (to find the MISSING and SINGLE_SOURCE products), then 1.
 */
export async function targetFirms(executor: Executor, args: TargetFirmsArgs): Promise<TargetFirm[]> {
  const first = checkFirst(args.first ?? 20);
  const listed = args.products == null ? null : checkCodes(args.products, "products");
  const ctx = await openScope(executor, { ...args, products: listed ?? [] });
  let targets: string[];
  if (listed !== null) {
    targets = listed;
  } else {
    const facts = chainFacts(await loadChainData(executor, ctx));
    targets = defaultTargets(facts.chain);
  }
  if (targets.length === 0 || first === 0) return [];
  const rows = await executor.read<TargetFirmRow>("analytics.targetFirms", TARGET_FIRMS, {
    ...ctx.params,
    targets,
    first,
  });
  return rows.map((row) => toTargetFirm(row, ctx.scope)).sort(compareTargetFirms);
}

/** The default targets: the chain products that are MISSING or SINGLE_SOURCE in the scope. */
export function defaultTargets(chain: ReadonlyArray<{ product: { code: string }; kinds: readonly string[] }>): string[] {
  return chain.filter((f) => f.kinds.includes("MISSING") || f.kinds.includes("SINGLE_SOURCE")).map((f) => f.product.code);
}

/** Turns a query row into a scored, explained target firm. */
export function toTargetFirm(row: TargetFirmRow, scope: NamedRef): TargetFirm {
  const covers = [...row.covers].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const input = { coverCount: covers.length, existingLinksIntoScope: row.links, capacity: row.capacity };
  return {
    enterpriseCode: row.code,
    name: row.name,
    nameZh: row.nameZh,
    coverCodes: covers.map((c) => c.code),
    coverCount: covers.length,
    existingLinksIntoScope: row.links,
    capacity: row.capacity,
    score: targetFirmScore(input),
    reasons: targetFirmReasons({ scope, covers, ...input }),
  };
}

const CANDIDATES = `
MATCH (p:Product)<-[pr:PRODUCES]-(e:Enterprise)
WHERE p.code IN $targets AND ${holds("pr", "e")} AND NOT ${inScope("e")}
WITH p, e, coalesce(${yearValue("pr", "capacity")}, 0) AS capacity
WITH p, e, capacity, COUNT { (e)-[l:SUPPLIES]->(c) WHERE ${holds("l", "c")} AND ${inScope("c")} } AS links
ORDER BY p.code, links DESC, capacity DESC, e.code ASC
WITH p, collect({code: e.code, name: e.name, nameZh: e.nameZh, capacity: capacity, links: links})[..toInteger($first)] AS firms
RETURN p {.code, .name, .nameZh} AS product, firms
`;

/**
 * For each product, its best `first` target firms as `targetFirms(products: [product])` would rank
 * them: one query for all products (for `MissingSupplier.candidates`, and batchable by a DataLoader).
 * The scope must already be validated. Products without any outside maker map to [].
 */
export async function candidateFirms(
  executor: Executor,
  ctx: ScopeContext,
  productCodes: readonly string[],
  first: number,
): Promise<Map<string, TargetFirm[]>> {
  const targets = [...new Set(productCodes)];
  const out = new Map<string, TargetFirm[]>(targets.map((t) => [t, []]));
  if (targets.length === 0 || first === 0) return out;
  const rows = await executor.read<{ product: Named; firms: Array<Omit<TargetFirmRow, "covers">> }>(
    "analytics.candidateFirms",
    CANDIDATES,
    { ...ctx.params, targets, first },
  );
  for (const row of rows) {
    out.set(
      row.product.code,
      row.firms.map((f) => toTargetFirm({ ...f, covers: [row.product] }, ctx.scope)).sort(compareTargetFirms),
    );
  }
  return out;
}
