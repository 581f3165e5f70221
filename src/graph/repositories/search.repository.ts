import neo4j from "neo4j-driver";
import { badInput } from "../../errors.js";
import type { Executor } from "../db/executor.js";
import { ALL_LABELS, type Label } from "../vocabulary/model.js";
import { holds } from "../import/years.js";
import { ROOT, type SearchPlan } from "../planner/roots.js";
import { PROJECTION, toRecord } from "../vocabulary/records.js";

export interface SearchHit {
  score: number;
  node: unknown;
}

/**
 * Full-text search over the names of every kind of entity, through the `entity_names` index (CJK
 * analyzer). The user's text is plain text: it is passed as a parameter, as `luceneQuery` makes it,
 * so Lucene's operators and special characters are searched as the words and characters typed.
 * Text with nothing but spaces and control characters is refused with BAD_USER_INPUT.
 */
export async function searchEntities(
  executor: Executor,
  text: string,
  first: number,
  plan?: SearchPlan,
  year: number | null = null,
): Promise<SearchHit[]> {
  const query = luceneQuery(text);
  if (plan) return searchPlanned(executor, query, first, plan, year);
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
    { query, first: neo4j.int(first), labels: Object.keys(PROJECTION), year: yearParam(year) },
  );
  return rows.map((r) => ({ score: r.score, node: toRecord(r.label, r.n) }));
}

/** The same search, each hit with its planned selection; `query` is already a Lucene query. */
async function searchPlanned(
  executor: Executor,
  query: string,
  first: number,
  plan: SearchPlan,
  year: number | null,
): Promise<SearchHit[]> {
  const row = await plan.read(
    executor,
    "search.planned",
    `CALL db.index.fulltext.queryNodes('entity_names', $args.query) YIELD node AS n, score
     WITH n, score WHERE ${holds("n")}
     WITH n, score LIMIT $first
     WITH n, score WHERE any(l IN labels(n) WHERE l IN $labels)
     WITH n, score ORDER BY score DESC, n.code
     WITH collect(n) AS ${ROOT}, collect(score) AS scores
     RETURN scores, ${plan.columns}`,
    // The text in $args, where its length does not make Neo4j plan the statement again (fieldStatement).
    {
      ...plan.params,
      args: { ...(plan.params.args as Record<string, unknown> | undefined), query },
      first: neo4j.int(first),
      labels: ALL_LABELS,
      year: yearParam(year),
    },
  );
  if (!row) return [];
  const scores = row.scores as number[];
  return plan.records(row).map((node, i) => ({ score: scores[i]!, node }));
}

const yearParam = (year: number | null) => (year === null ? null : neo4j.int(year));

/**
 * Characters that Lucene's classic query parser (the one `db.index.fulltext.queryNodes` uses) reads
 * as syntax: `+ - ! ( ) { } [ ] ^ " ~ * ? : \ /`, and `&` and `|` for `&&` and `||`.
 */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** The parser's operator words. It takes them as operators only in upper case, alone between spaces. */
const LUCENE_KEYWORD = /^(?:AND|OR|NOT)$/i;

/**
 * Whitespace, separators and control characters: the parser splits words only at its own five
 * whitespace characters (space, tab, CR, LF, U+3000), so every other one becomes a plain space first,
 * and the words between them are then seen as the parser will see them. The analyzer breaks words at
 * all of these characters anyway, so this changes no hit.
 */
const SPACES = /[\s\p{Cc}\p{Z}]+/gu;

/** Text with something to search for: anything but whitespace, separators, control and format characters. */
export const SEARCHABLE = /[^\s\p{Cc}\p{Cf}\p{Z}]/u;

/**
 * Makes text a Lucene query that searches for the words typed, as plain text: every special
 * character is escaped (`C++ (OS)` → `C\+\+ \(OS\)`), and the operator words AND, OR and NOT are
 * lower-cased, so that `济南 AND` searches for 济南 and the word "and" instead of failing to parse
 * (the analyzer lower-cases every word, so this changes no hit; "and", "or" and "not" are stop words of
 * the CJK analyzer, so they match nothing by themselves). Runs of whitespace and control characters
 * become one space. Words are then OR-ed, Lucene's default: a hit has at least one of them. Returns
 * "" for text with no word at all (only spaces and control characters), which Lucene cannot parse.
 */
export function escapeLucene(text: string): string {
  return text
    .replace(SPACES, " ")
    .split(" ")
    .filter((word) => word !== "")
    .map((word) => (LUCENE_KEYWORD.test(word) ? word.toLowerCase() : word.replace(LUCENE_SPECIAL, "\\$&")))
    .join(" ");
}

/** `escapeLucene(text)`, or BAD_USER_INPUT when the text has nothing to search for. */
export function luceneQuery(text: string): string {
  const query = escapeLucene(text);
  if (query === "" || !SEARCHABLE.test(text)) {
    throw badInput(
      "search text has nothing to search for: it is empty or only spaces and control characters; give a word or a character of a name",
      "text",
    );
  }
  return query;
}
