import { type Label } from "./model.js";
import { isYearKey } from "./yearly.js";

/**
 * Turning Neo4j property maps into the records the schema types describe. Projections are constant
 * Cypher fragments, one per label, so every query returns the same shape for a node bound to `v`.
 */
const PROJECTIONS: Record<Label, (v: string) => string> = {
  Region: (v) => `${v} {.*}`,
  Industry: (v) => `${v} {.*}`,
  IndustryChain: (v) => `${v} {.*}`,
  Product: (v) => `${v} {.*, chainCode: head([(${v})-[:IN_CHAIN]->(c) | c.code])}`,
  Cluster: (v) => `${v} {.*, cityCode: head([(${v})-[:LOCATED_IN]->(c) | c.code])}`,
  Enterprise: (v) =>
    `${v} {.*, cityCode: head([(${v})-[:LOCATED_IN]->(c) | c.code]), clusterCode: head([(${v})-[:MEMBER_OF]->(c) | c.code])}`,
  Plan: (v) => `${v} {.*, regionCode: head([(${v})-[:ISSUED_FOR]->(r) | r.code])}`,
  PlanItem: (v) => `${v} {.*}`,
};

/** The projection of a node of `label` bound to variable `v` (a constant identifier from this codebase). */
export function projection(label: Label, v = "n"): string {
  return PROJECTIONS[label](v);
}

/** Projections of a node bound to `n`, by label. */
export const PROJECTION = Object.fromEntries(
  (Object.keys(PROJECTIONS) as Label[]).map((label) => [label, projection(label)]),
) as Record<Label, string>;

/** The GraphQL type name of each label. */
export const TYPENAME: Record<Label, string> = {
  Region: "Region",
  Industry: "Industry",
  IndustryChain: "IndustryChain",
  Product: "Product",
  Cluster: "Cluster",
  Enterprise: "Enterprise",
  Plan: "Plan",
  PlanItem: "PlanItem",
};

/** Properties with a field of their own; everything else a node carries is an attribute. */
const FIELD_PROPERTIES = new Set([
  "code",
  "name",
  "nameZh",
  "source",
  "searchText",
  "kind",
  "stage",
  "industry",
  "yearFrom",
  "yearTo",
  "targetValue",
  "targetUnit",
  "targetYear",
  "targetIndicator",
  "chainCode",
  "cityCode",
  "clusterCode",
  "regionCode",
  "years",
  "importStamp",
  // The version number the mutations keep on each node (src/graph/mutate): bookkeeping, no attribute.
  "version",
]);

export function globalId(typename: string, code: string): string {
  return Buffer.from(`${typename}:${code}`, "utf8").toString("base64url");
}

/** Splits a global id into type name and code; undefined when it is not one of ours. */
export function parseGlobalId(id: string): { typename: string; code: string } | undefined {
  const text = Buffer.from(id, "base64url").toString("utf8");
  const colon = text.indexOf(":");
  if (colon <= 0 || globalId(text.slice(0, colon), text.slice(colon + 1)) !== id) return undefined;
  return { typename: text.slice(0, colon), code: text.slice(colon + 1) };
}

export function attributes(props: Record<string, unknown>, skip: Set<string> = FIELD_PROPERTIES) {
  return Object.keys(props)
    .filter((key) => !skip.has(key) && !isYearKey(key) && props[key] !== null && props[key] !== undefined)
    .sort()
    .map((key) => ({ key, value: String(props[key]) }));
}

const PROPS = Symbol("props");

function withoutFields(props: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, attributes: _attributes, ...rest } = props;
  return rest;
}

/**
 * What every record shares: its global id and its attributes, computed when a client reads them
 * (most selections read neither, and a planned answer may hold thousands of records).
 */
const RECORD = Object.defineProperties(
  {},
  {
    id: {
      get(this: { __typename: string; code: string }) {
        return globalId(this.__typename, this.code);
      },
    },
    attributes: {
      get(this: { [PROPS]: Record<string, unknown> }) {
        return attributes(this[PROPS]);
      },
    },
  },
);

/** A record for a node projected with `PROJECTION[label]` (or with the properties a plan reads). */
export function toRecord<T>(label: Label, props: Record<string, unknown>): T {
  // A data set's own `id` or `attributes` column is an attribute, never the field of that name.
  const own = "id" in props || "attributes" in props ? withoutFields(props) : props;
  return Object.assign(Object.create(RECORD) as object, own, {
    [PROPS]: props,
    __typename: TYPENAME[label],
    code: String(props.code),
    name: (props.name as string | undefined) ?? null,
    nameZh: (props.nameZh as string | undefined) ?? null,
    source: (props.source as string | undefined) ?? null,
    version: Number(props.version ?? 0),
  }) as T;
}

export const RELATIONSHIP_FIELDS = new Set(["product", "volume", "capacity", "source", "years", "importStamp", "version"]);
