import neo4j from "neo4j-driver";
import type { Page } from "../schema/connection.js";
import type { Executor, Params } from "./executor.js";
import type { Label } from "./model.js";
import { decodeCursor, encodeCursor } from "./paging.js";
import { PROJECTION, toRecord } from "./records.js";

/** A list query: conditions on `n` (constant Cypher written in this codebase) and their parameters. */
export interface ListQuery {
  label: Label;
  /** Extra MATCH clauses after `MATCH (n:Label)`, constant text. */
  match?: string;
  where: string[];
  params: Params;
  first: number;
  after?: string | null | undefined;
}

/**
 * Looks entities up by code, returning them in the order of `codes` (null where unknown): the
 * contract of a DataLoader batch function.
 */
export async function findByCodes<T>(executor: Executor, label: Label, codes: readonly string[]): Promise<Array<T | null>> {
  const rows = await executor.read<{ n: Record<string, unknown> }>(
    `${label}.byCodes`,
    `UNWIND $codes AS code MATCH (n:${label} {code: code}) RETURN ${PROJECTION[label]} AS n`,
    { codes },
  );
  const byCode = new Map(rows.map((r) => [String(r.n.code), toRecord<T>(label, r.n)]));
  return codes.map((code) => byCode.get(code) ?? null);
}

/** One page of entities ordered by code, with a lazily counted total. */
export async function findPage<T>(executor: Executor, query: ListQuery): Promise<Page<T>> {
  const after = decodeCursor(query.after);
  const conditions = query.where.length ? query.where.join(" AND ") : "true";
  const head = `MATCH (n:${query.label}) ${query.match ?? ""} WHERE ${conditions}`;
  const rows = await executor.read<{ n: Record<string, unknown> }>(
    `${query.label}.page`,
    `${head} AND ($after IS NULL OR n.code > $after)
     WITH DISTINCT n ORDER BY n.code LIMIT $limit
     RETURN ${PROJECTION[query.label]} AS n`,
    { ...query.params, after, limit: neo4j.int(query.first + 1) },
  );
  const nodes = rows.slice(0, query.first).map((r) => toRecord<T & { code: string }>(query.label, r.n));
  let total: Promise<number> | undefined;
  return {
    nodes,
    cursors: nodes.map((n) => encodeCursor(n.code)),
    hasNextPage: rows.length > query.first,
    hasPreviousPage: after !== null,
    totalCount: () =>
      (total ??= executor
        .read<{ total: number }>(`${query.label}.count`, `${head} RETURN count(DISTINCT n) AS total`, query.params)
        .then((r) => r[0]?.total ?? 0)),
  };
}
