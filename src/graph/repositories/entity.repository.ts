import neo4j from "neo4j-driver";
import type { Page } from "../vocabulary/paging.js";
import type { Executor, Params } from "../db/executor.js";
import { holds, pathHolds } from "../import/years.js";
import type { Label } from "../vocabulary/model.js";
import { decodeCursor, encodeCursor } from "../vocabulary/paging.js";
import { ROOT, type PagePlan } from "../planner/roots.js";
import { PROJECTION, toRecord } from "../vocabulary/records.js";

/** A list query: conditions on `n` (constant Cypher written in this codebase) and their parameters. */
export interface ListQuery {
  label: Label;
  /**
   * Where the match starts: a constant pattern from an index-backed node to \`n\` (say, from the
   * region to its enterprises), without MATCH. Without it, \`n\` is found by a scan of its label's code
   * index, in order, which suits an unfiltered list.
   */
  anchor?: string | undefined;
  /** Conditions on \`n\`; a pattern among them should be \`related(…)\` (src/graph/import/years.ts), to hold in the year. */
  where: string[];
  /** List what holds in this year (\`n\` and the anchor's whole path); null or absent: every year. */
  year?: number | null | undefined;
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

/**
 * One page of entities ordered by code. Without a plan, the total is counted lazily by a second
 * statement; with one (the query planner's), the items come with their whole nested selection and
 * the total, when selected, in the same statement.
 */
export async function findPage<T>(executor: Executor, asked: ListQuery, plan?: PagePlan): Promise<Page<T>> {
  const after = decodeCursor(asked.after);
  const match = asked.anchor ? `MATCH anchorPath = ${asked.anchor}` : `MATCH (n:${asked.label})`;
  // In a year, the listed entity and every element of the anchor's path hold then ($year null: always).
  const inYear = [holds("n"), ...(asked.anchor ? [pathHolds("anchorPath")] : [])];
  const conditions = ` AND ${[...asked.where, ...inYear].join(" AND ")}`;
  const year = asked.year === undefined || asked.year === null ? null : neo4j.int(asked.year);
  const query: ListQuery = { ...asked, params: { ...asked.params, year } };
  if (plan) return findPlannedPage<T>(executor, query, plan, { after, match, conditions });
  // `n.code > $after` (with "" for the first page) lets the planner read the code index in order.
  const rows = await executor.read<{ n: Record<string, unknown> }>(
    `${query.label}.page`,
    `${match} WHERE n.code > $after${conditions}
     WITH DISTINCT n ORDER BY n.code LIMIT $limit
     RETURN ${PROJECTION[query.label]} AS n`,
    { ...query.params, after: after ?? "", limit: neo4j.int(query.first + 1) },
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
        .read<{ total: number }>(
          `${query.label}.count`,
          `${match} WHERE true${conditions} RETURN count(DISTINCT n) AS total`,
          query.params,
        )
        .then((r) => r[0]?.total ?? 0)),
  };
}

async function findPlannedPage<T>(
  executor: Executor,
  query: ListQuery,
  plan: PagePlan,
  { after, match, conditions }: { after: string | null; match: string; conditions: string },
): Promise<Page<T>> {
  // Both subqueries return one row, so an empty page still brings its total.
  const count = plan.withTotal ? `CALL { ${match} WHERE true${conditions} RETURN count(DISTINCT n) AS total }` : "";
  const row = await plan.read(
    executor,
    `${query.label}.plannedPage`,
    `${count}
     CALL {
       ${match} WHERE n.code > $after${conditions}
       WITH DISTINCT n ORDER BY n.code LIMIT $limit
       RETURN collect(n) AS ${ROOT}
     }
     RETURN ${plan.columns}, ${plan.withTotal ? "total" : "null AS total"}`,
    { ...query.params, ...plan.params, after: after ?? "", limit: neo4j.int(query.first + 1) },
  );
  const items = (row ? plan.records(row) : []) as Array<T & { code: string }>;
  const nodes = items.slice(0, query.first);
  const total = (row?.total as number | null) ?? 0;
  return {
    nodes,
    cursors: nodes.map((n) => encodeCursor(n.code)),
    hasNextPage: items.length > query.first,
    hasPreviousPage: after !== null,
    totalCount: () => Promise.resolve(total),
  };
}
