import type { Executor } from "../graph/db/executor.js";
import { holds } from "../graph/import/years.js";
import type { ScopeContext } from "./scope.js";
import { MAX_LIST } from "../graph/vocabulary/paging.js";

/** Which code lists of one product an answer needs. */
export interface ListRequest {
  product: string;
  /** A city of the scope to restrict the lists to, or null/absent for the whole scope. */
  city?: string | null;
  producers?: boolean;
  demanders?: boolean;
  dependents?: boolean;
}

/** Sorted code lists of one product, each cut at the limit asked for. */
export interface Lists {
  producers: string[];
  demanders: string[];
  dependents: string[];
}

export { MAX_LIST };

export const EMPTY_LISTS: Lists = { producers: [], demanders: [], dependents: [] };

/**
 * Enterprise `e` is in the scope (and in `item.cities` when set): constant text, the scope in
 * parameters. A region scope tests the enterprise's one city; a cluster its membership.
 */
const IN_SCOPE = `($scopeCluster IS NULL OR EXISTS { (e)-[mo:MEMBER_OF]->(:Cluster {code: $scopeCluster}) WHERE ${holds("mo")} })
    AND (item.cities IS NULL OR EXISTS { (e)-[at:LOCATED_IN]->(c:Region) WHERE c.code IN item.cities AND ${holds("at")} })`;

/**
 * A product's local producers, its demanders (the enterprises in scope that make a product requiring
 * it) and its dependents (products requiring it directly or transitively, a pruned breadth-first walk
 * that ends on cycles), each sorted and cut at `$limit`. The cost follows the product's neighbourhood.
 */
const LISTS = `
UNWIND $items AS item
MATCH (p:Product {code: item.product})
RETURN item.key AS key,
  CASE WHEN item.producers THEN COLLECT {
    MATCH (p)<-[makes:PRODUCES]-(e:Enterprise) WHERE ${holds("makes", "e")} AND ${IN_SCOPE}
    RETURN e.code AS code ORDER BY code LIMIT toInteger($limit)
  } ELSE [] END AS producers,
  CASE WHEN item.demanders THEN COLLECT {
    MATCH (p)<-[need:REQUIRES]-(q:Product)<-[makes:PRODUCES]-(e:Enterprise) WHERE ${holds("need", "q", "makes", "e")} AND ${IN_SCOPE}
    WITH DISTINCT e.code AS code
    RETURN code ORDER BY code LIMIT toInteger($limit)
  } ELSE [] END AS demanders,
  CASE WHEN item.dependents THEN COLLECT {
    MATCH (p)<-[needs:REQUIRES*1..]-(q:Product)
    WHERE q <> p AND ${holds("q")} AND all(x IN needs WHERE $year IS NULL OR x.years IS NULL OR $year IN x.years)
    WITH DISTINCT q.code AS code
    RETURN code ORDER BY code LIMIT toInteger($limit)
  } ELSE [] END AS dependents
`;

export function listKey(product: string, city?: string | null): string {
  return `${product}\u0000${city ?? ""}`;
}

/** One row of the lists statement: one product (in one city, or the whole scope) and every list any request asked of it. */
interface ListItem {
  key: string;
  product: string;
  cities: string[] | null;
  producers: boolean;
  demanders: boolean;
  dependents: boolean;
}

/**
 * The requests as statement rows, one per product and city: the lists asked of it in several
 * requests (a city that demands a product in one pair and supplies it in another) read once, together.
 * Requests with nothing asked are skipped.
 */
export function listItems(requests: readonly ListRequest[], scopeCities: string[] | null): ListItem[] {
  const items = new Map<string, ListItem>();
  for (const r of requests) {
    if (!r.producers && !r.demanders && !r.dependents) continue;
    const key = listKey(r.product, r.city);
    const item = items.get(key) ?? {
      key,
      product: r.product,
      cities: r.city ? [r.city] : scopeCities,
      producers: false,
      demanders: false,
      dependents: false,
    };
    item.producers ||= r.producers === true;
    item.demanders ||= r.demanders === true;
    item.dependents ||= r.dependents === true;
    items.set(key, item);
  }
  return [...items.values()];
}

/** Reads the code lists an answer returns, for the products it returns only: one statement. */
export async function loadLists(
  executor: Executor,
  ctx: ScopeContext,
  requests: readonly ListRequest[],
  limit: number,
): Promise<Map<string, Lists>> {
  const items = listItems(requests, ctx.scope.kind === "REGION" ? ctx.params.scopeCities : null);
  const out = new Map<string, Lists>();
  if (items.length === 0 || limit === 0) return out;
  const rows = await executor.read<Lists & { key: string }>("analytics.lists", LISTS, {
    items,
    limit,
    scopeCluster: ctx.params.scopeCluster,
    year: ctx.params.year,
  });
  for (const { key, ...lists } of rows) out.set(key, lists);
  return out;
}

/** Which lists an analysis fills for the items it returns, and how long they may be. */
export interface ListOptions {
  /** The longest list to fill (the largest `first` a client selected); at most `MAX_LIST`. */
  first: number;
  producers: boolean;
  demanders: boolean;
  dependents: boolean;
}

/** Every list, whole up to `MAX_LIST`: what a caller of the analysis functions gets by default. */
export const ALL_LISTS: ListOptions = { first: MAX_LIST, producers: true, demanders: true, dependents: true };
