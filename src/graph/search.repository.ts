import neo4j from "neo4j-driver";
import type { Executor } from "./executor.js";
import { ALL_LABELS, type Label } from "./model.js";
import type { SearchPlan } from "./planner/roots.js";
import { PROJECTION, toRecord } from "./records.js";

export interface SearchHit {
  score: number;
  node: unknown;
}

/**
 * Full-text search over the names of every kind of entity, through the `entity_names` index (CJK
 * analyzer). The user's text is passed as a parameter and escaped so Lucene syntax is taken literally.
 */
export async function searchEntities(executor: Executor, text: string, first: number, plan?: SearchPlan): Promise<SearchHit[]> {
  if (plan) return searchPlanned(executor, text, first, plan);
  const rows = await executor.read<{ label: Label; score: number; n: Record<string, unknown> }>(
    "search",
    `CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $first}) YIELD node AS n, score
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
    { query: escapeLucene(text), first: neo4j.int(first), labels: Object.keys(PROJECTION) },
  );
  return rows.map((r) => ({ score: r.score, node: toRecord(r.label, r.n) }));
}

/** The same search, each hit with its planned selection (`CASE` on its label). */
async function searchPlanned(executor: Executor, text: string, first: number, plan: SearchPlan): Promise<SearchHit[]> {
  const cases = ALL_LABELS.map((label) => `WHEN '${label}' THEN ${plan.byLabel[label].expr}`).join(" ");
  const rows = await executor.read<{ label: Label; score: number; x: unknown }>(
    "search.planned",
    `CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $first}) YIELD node AS n, score
     WITH n, score, [l IN labels(n) WHERE l IN $labels][0] AS label
     RETURN label, score, CASE label ${cases} END AS x
     ORDER BY score DESC, n.code`,
    { ...plan.params, query: escapeLucene(text), first: neo4j.int(first), labels: ALL_LABELS },
  );
  return rows.map((r) => ({ score: r.score, node: plan.byLabel[r.label].shape(r.x) }));
}

/** Escapes Lucene's query syntax, so `C++ (OS)` searches for those words. */
export function escapeLucene(text: string): string {
  return text.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, "\\$&");
}
