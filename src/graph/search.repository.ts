import neo4j from "neo4j-driver";
import type { Executor } from "./executor.js";
import { ALL_LABELS, type Label } from "./model.js";
import { holds } from "./import/years.js";
import { ROOT, type SearchPlan } from "./planner/roots.js";
import { PROJECTION, toRecord } from "./records.js";

export interface SearchHit {
  score: number;
  node: unknown;
}

/**
 * Full-text search over the names of every kind of entity, through the `entity_names` index (CJK
 * analyzer). The user's text is passed as a parameter and escaped so Lucene syntax is taken literally.
 */
export async function searchEntities(
  executor: Executor,
  text: string,
  first: number,
  plan?: SearchPlan,
  year: number | null = null,
): Promise<SearchHit[]> {
  if (plan) return searchPlanned(executor, text, first, plan, year);
  const rows = await executor.read<{ label: Label; score: number; n: Record<string, unknown> }>(
    "search",
    `CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node AS n, score
     WITH n, score WHERE ${holds("n")}
     WITH n, score LIMIT $first
     WITH n, score, [l IN labels(n) WHERE l IN $labels][0] AS label
     RETURN label, score,
       CASE label
         WHEN 'Product' THEN ${PROJECTION.Product}
         WHEN 'Cluster' THEN ${PROJECTION.Cluster}
         WHEN 'Enterprise' THEN ${PROJECTION.Enterprise}
         WHEN 'Plan' THEN ${PROJECTION.Plan}
         ELSE n {.*}
       END AS n
     ORDER BY score DESC, n.code`,
    { query: escapeLucene(text), first: neo4j.int(first), labels: Object.keys(PROJECTION), year: yearParam(year) },
  );
  return rows.map((r) => ({ score: r.score, node: toRecord(r.label, r.n) }));
}

/** The same search, each hit with its planned selection. */
async function searchPlanned(
  executor: Executor,
  text: string,
  first: number,
  plan: SearchPlan,
  year: number | null,
): Promise<SearchHit[]> {
  const [row] = await executor.read<Record<string, unknown>>(
    "search.planned",
    `CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node AS n, score
     WITH n, score WHERE ${holds("n")}
     WITH n, score LIMIT $first
     WITH n, score WHERE any(l IN labels(n) WHERE l IN $labels)
     WITH n, score ORDER BY score DESC, n.code
     WITH collect(n) AS ${ROOT}, collect(score) AS scores
     ${plan.clauses}
     RETURN scores, ${plan.columns}`,
    { ...plan.params, query: escapeLucene(text), first: neo4j.int(first), labels: ALL_LABELS, year: yearParam(year) },
  );
  if (!row) return [];
  const scores = row.scores as number[];
  return plan.records(row).map((node, i) => ({ score: scores[i]!, node }));
}

const yearParam = (year: number | null) => (year === null ? null : neo4j.int(year));

/** Escapes Lucene's query syntax, so `C++ (OS)` searches for those words. */
export function escapeLucene(text: string): string {
  return text.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, "\\$&");
}
