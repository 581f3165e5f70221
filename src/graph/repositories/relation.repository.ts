import neo4j from "neo4j-driver";
import type { Page } from "../vocabulary/paging.js";
import type { Executor, Params } from "../db/executor.js";
import { linkItem, supplyLink, type ConnectionField } from "../vocabulary/fields.js";
import { decodeCursor, encodeCursor } from "../vocabulary/paging.js";
import { projection, toRecord } from "../vocabulary/records.js";

/**
 * A connection field (Region.enterprises, Enterprise.suppliers, …) read one level at a time, for
 * many parents at once. All text is constant Cypher from src/graph/vocabulary/fields.ts; values come from `key`.
 */
export interface RelationSpec {
  name: string;
  parentLabel: string;
  field: ConnectionField;
}

/** The statement's pieces for a connection field, with `parent`, `n` and `r` as its variables. */
function parts(spec: RelationSpec) {
  const f = spec.field;
  // On this path a supply link brings its far end and its product along, so they cost no level.
  const item = f.links
    ? linkItem(
        "r",
        `, other: ${projection(f.target, "n")}, productNode: COLLECT { MATCH (p:Product {code: r.product}) RETURN ${projection("Product", "p")} AS p }[0]`,
      )
    : projection(f.target, "n");
  return {
    pattern: f.pattern("parent", "n", "r"),
    where: f.where ? f.where("n", "r", "key.opts") : undefined,
    sortKey: f.sortKey ? f.sortKey("n", "r") : "n.code",
    item,
    toItem: f.links ? supplyLink : (row: Record<string, unknown>) => toRecord(f.target, row),
  };
}

export interface RelationKey {
  parent: string;
  first: number;
  after?: string | null | undefined;
  opts?: Params;
  /** Count all items in the same round trip (the client selected `totalCount`). */
  withTotal?: boolean;
}

/** A page with its total when the key asked for it. */
export type RelationPage<T> = Page<T> & { total?: number };

/** Serialises a key for DataLoader caching. */
export const relationCacheKey = (k: RelationKey) =>
  JSON.stringify([k.parent, k.first, k.after ?? null, k.opts ?? {}, k.withTotal ?? false]);

/**
 * Pages of the relation for many parents in one round trip per distinct page size (in practice one):
 * results in key order, as a DataLoader batch function must return them.
 */
export async function relationPages<T>(
  executor: Executor,
  spec: RelationSpec,
  keys: readonly RelationKey[],
): Promise<Array<Page<T>>> {
  const results: Array<Page<T>> = new Array(keys.length);
  const bySize = new Map<number, number[]>();
  keys.forEach((k, i) => bySize.set(k.first, [...(bySize.get(k.first) ?? []), i]));
  const { pattern, where, sortKey, item, toItem } = parts(spec);
  for (const [first, indexes] of bySize) {
    const rows = await executor.read<{ i: number; items: Array<{ item: Record<string, unknown>; sk: string }>; total: number }>(
      `${spec.name}.page`,
      `UNWIND $keys AS key
       MATCH (parent:${spec.parentLabel} {code: key.parent})
       CALL {
         WITH key, parent
         MATCH ${pattern}
         WHERE (key.after IS NULL OR ${sortKey} > key.after) ${where ? `AND ${where}` : ""}
         WITH ${item} AS item, ${sortKey} AS sk ORDER BY sk LIMIT $limit
         RETURN collect({item: item, sk: sk}) AS items
       }
       CALL {
         WITH key, parent
         WITH key, parent WHERE key.withTotal
         MATCH ${pattern}
         ${where ? `WHERE ${where}` : ""}
         RETURN count(*) AS total
       }
       RETURN key.i AS i, items, total`,
      {
        keys: indexes.map((i) => ({
          i,
          parent: keys[i]!.parent,
          after: decodeCursor(keys[i]!.after),
          opts: keys[i]!.opts ?? {},
          withTotal: keys[i]!.withTotal ?? false,
        })),
        limit: neo4j.int(first + 1),
      },
    );
    const byIndex = new Map(rows.map((r) => [r.i, r]));
    for (const i of indexes) {
      const row = byIndex.get(i);
      const items = row?.items ?? [];
      const page = items.slice(0, first);
      results[i] = {
        nodes: page.map((x) => toItem(x.item) as T),
        cursors: page.map((x) => encodeCursor(x.sk)),
        hasNextPage: items.length > first,
        hasPreviousPage: Boolean(keys[i]!.after),
        totalCount: () => Promise.reject(new Error("totalCount is attached by the loader")),
        ...(keys[i]!.withTotal ? { total: row?.total ?? 0 } : {}),
      };
    }
  }
  return results;
}

/** How many items each parent has (for `totalCount`), in key order. */
export async function relationCounts(
  executor: Executor,
  spec: RelationSpec,
  keys: ReadonlyArray<{ parent: string; opts?: Params }>,
): Promise<number[]> {
  const { pattern, where } = parts(spec);
  const rows = await executor.read<{ i: number; total: number }>(
    `${spec.name}.count`,
    `UNWIND $keys AS key
     MATCH (parent:${spec.parentLabel} {code: key.parent})
     CALL {
       WITH key, parent
       MATCH ${pattern}
       ${where ? `WHERE ${where}` : ""}
       RETURN count(*) AS total
     }
     RETURN key.i AS i, total`,
    { keys: keys.map((k, i) => ({ i, parent: k.parent, opts: k.opts ?? {} })) },
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.total]));
  return keys.map((_, i) => byIndex.get(i) ?? 0);
}
