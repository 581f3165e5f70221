import neo4j from "neo4j-driver";
import type { Page } from "../schema/connection.js";
import type { Executor, Params } from "./executor.js";
import type { Label } from "./model.js";
import { decodeCursor, encodeCursor } from "./paging.js";

/**
 * A one-to-many relation listed as a connection under each parent (Region.enterprises,
 * Product.producers, …). All text is constant Cypher from this codebase; values come from `key`.
 */
export interface RelationSpec<T> {
  name: string;
  parentLabel: Label;
  /** A pattern from `parent` to the listed `n` (and optionally a relationship `r`). */
  pattern: string;
  /** Extra conditions; may read `key.opts.*`. */
  where?: string;
  /** What one item is (default: `n {.*}`). */
  item: string;
  /** The keyset sort key (default: `n.code`). */
  sortKey?: string;
  toItem: (row: Record<string, unknown>) => T;
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
  spec: RelationSpec<T>,
  keys: readonly RelationKey[],
): Promise<Array<Page<T>>> {
  const results: Array<Page<T>> = new Array(keys.length);
  const bySize = new Map<number, number[]>();
  keys.forEach((k, i) => bySize.set(k.first, [...(bySize.get(k.first) ?? []), i]));
  const sortKey = spec.sortKey ?? "n.code";
  for (const [first, indexes] of bySize) {
    const rows = await executor.read<{ i: number; items: Array<{ item: Record<string, unknown>; sk: string }>; total: number }>(
      `${spec.name}.page`,
      `UNWIND $keys AS key
       MATCH (parent:${spec.parentLabel} {code: key.parent})
       CALL {
         WITH key, parent
         MATCH ${spec.pattern}
         WHERE (key.after IS NULL OR ${sortKey} > key.after) ${spec.where ? `AND ${spec.where}` : ""}
         WITH ${spec.item} AS item, ${sortKey} AS sk ORDER BY sk LIMIT $limit
         RETURN collect({item: item, sk: sk}) AS items
       }
       CALL {
         WITH key, parent
         WITH key, parent WHERE key.withTotal
         MATCH ${spec.pattern}
         ${spec.where ? `WHERE ${spec.where}` : ""}
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
        nodes: page.map((x) => spec.toItem(x.item)),
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
  spec: RelationSpec<unknown>,
  keys: ReadonlyArray<{ parent: string; opts?: Params }>,
): Promise<number[]> {
  const rows = await executor.read<{ i: number; total: number }>(
    `${spec.name}.count`,
    `UNWIND $keys AS key
     MATCH (parent:${spec.parentLabel} {code: key.parent})
     CALL {
       WITH key, parent
       MATCH ${spec.pattern}
       ${spec.where ? `WHERE ${spec.where}` : ""}
       RETURN count(*) AS total
     }
     RETURN key.i AS i, total`,
    { keys: keys.map((k, i) => ({ i, parent: k.parent, opts: k.opts ?? {} })) },
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.total]));
  return keys.map((_, i) => byIndex.get(i) ?? 0);
}
