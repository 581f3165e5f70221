import { holds } from "../import/years.js";
import { Label, OBSERVATION } from "../vocabulary/model.js";
import { yearValue, YEARLY_PROPERTY_OF, type YearlyProperty } from "../vocabulary/yearly.js";
import type { Keyset } from "./pages.js";

/**
 * The export's Cypher: keyset pages of nodes by code, of relationships by their ends' codes (and a
 * supply link's product), and of observations by (series, year), each holding in `$year` (null: every
 * element). Labels, types and fragments come from code; codes, years and limits are parameters.
 */

export type Row = Record<string, unknown>;

/**
 * A list of the codes of the nodes `t` reached from `n` by `pattern` (which binds `r` and `t`), both
 * holding in `$year`, sorted: a node's city, cluster, parent or chains as the year had them.
 */
export const linked = (pattern: string) => `COLLECT { MATCH ${pattern} WHERE ${holds("r", "t")} RETURN t.code ORDER BY t.code }`;

/** The first element of a list of codes, or null. */
export const first = (codes: unknown): string | null => (Array.isArray(codes) && codes.length > 0 ? String(codes[0]) : null);

/**
 * Pages of the nodes of `label` holding in `$year`, by code, each row `{code, props}` and the
 * expressions of `returns` (Cypher over `n`, by alias).
 */
export function nodePages(label: Label, returns: Record<string, string> = {}): Keyset<Row> {
  const more = Object.entries(returns)
    .map(([alias, expression]) => `,\n       ${expression} AS ${alias}`)
    .join("");
  return {
    operation: `export.${label}`,
    cypher: `MATCH (n:${label}) WHERE n.code > $after AND ${holds("n")}
WITH n ORDER BY n.code LIMIT toInteger($limit)
RETURN n.code AS code, properties(n) AS props${more}`,
    start: { after: "" },
    after: (last) => ({ after: last.code }),
  };
}

/** The property keys of the nodes of `label` holding in `$year`, one row `{key}` each. */
export const nodeKeys = (label: Label) => `MATCH (n:${label}) WHERE ${holds("n")} UNWIND keys(n) AS key RETURN DISTINCT key`;

/** A relationship type the export reads, with its ends and what identifies one of its relationships. */
export interface RelationshipKind {
  from: Label;
  type: string;
  to: Label;
  /** A supply link: (supplier, customer) may have one relationship per product. */
  byProduct?: boolean;
  /** The property kept per year (src/graph/vocabulary/yearly.ts), read as the year's in `value`. */
  yearly?: YearlyProperty;
}

/** Supply links: a supplier delivers a product to a customer, one relationship per (supplier, customer, product). */
export const SUPPLY_LINKS: RelationshipKind = {
  from: Label.Enterprise,
  type: "SUPPLIES",
  to: Label.Enterprise,
  byProduct: true,
  yearly: YEARLY_PROPERTY_OF.SUPPLIES!,
};

/**
 * Pages of the relationships of `kind` holding in `$year`, by (from code, to code[, product]): each row
 * `{from, to, props}`, and `value` for a yearly property. The start nodes come in code order from the
 * code index, and each page stops after `$limit` relationships, however many start nodes that takes.
 */
export function relationshipPages(kind: RelationshipKind): Keyset<Row> {
  const { from, type, to, byProduct = false, yearly } = kind;
  return {
    operation: `export.${type}`,
    cypher: `MATCH (s:${from}) WHERE s.code >= $afterFrom
MATCH (s)-[r:${type}]->(t:${to})
WHERE ${holds("r")}
  AND (s.code > $afterFrom OR t.code > $afterTo${byProduct ? " OR (t.code = $afterTo AND r.product > $afterProduct)" : ""})
WITH s, r, t ORDER BY s.code, t.code${byProduct ? ", r.product" : ""} LIMIT toInteger($limit)
RETURN s.code AS from, t.code AS to, properties(r) AS props${yearly ? `, ${yearValue("r", yearly)} AS value` : ""}`,
    start: { afterFrom: "", afterTo: "", afterProduct: "" },
    after: (last) => ({
      afterFrom: last.from,
      afterTo: last.to,
      afterProduct: (last.props as Row).product ?? "",
    }),
  };
}

/** The property keys of the relationships of `kind` holding in `$year`, one row `{key}` each. */
export const relationshipKeys = ({ from, type, to }: RelationshipKind) =>
  `MATCH (:${from})-[r:${type}]->(:${to}) WHERE ${holds("r")} UNWIND keys(r) AS key RETURN DISTINCT key`;

/**
 * An observation is exported in a year when each code of its series names a node that holds in the
 * year (so a year's export imports on its own); observations carry their own year and hold in every year.
 */
const OBSERVED = (
  [
    ["region", Label.Region],
    ["chain", Label.IndustryChain],
    ["industry", Label.Industry],
  ] as const
)
  .map(
    ([key, label]) => `(o.${key} IS NULL OR EXISTS { MATCH (o)-[:OBSERVES]->(t:${label} {code: o.${key}}) WHERE ${holds("t")} })`,
  )
  .join("\n  AND ");

/** Pages of the observations exported in `$year`, by (series, year): rows `{series, year, props}`. */
export const OBSERVATION_PAGES: Keyset<Row> = {
  operation: `export.${OBSERVATION}`,
  // The range on series (with year present) seeks the (series, year) constraint's index in its order.
  cypher: `MATCH (o:${OBSERVATION})
WHERE o.series >= $afterSeries AND o.year IS NOT NULL
  AND (o.series > $afterSeries OR o.year > $afterYear)
  AND ${OBSERVED}
WITH o ORDER BY o.series, o.year LIMIT toInteger($limit)
RETURN o.series AS series, o.year AS year, properties(o) AS props`,
  start: { afterSeries: "", afterYear: 0 },
  after: (last) => ({ afterSeries: last.series, afterYear: last.year }),
};

/** The property keys of the observations exported in `$year`. */
export const OBSERVATION_KEYS = `MATCH (o:${OBSERVATION}) WHERE ${OBSERVED} UNWIND keys(o) AS key RETURN DISTINCT key`;
