import { FILES, type FileSpec } from "../import/spec.js";
import { Label } from "../vocabulary/model.js";
import type { YearlyProperty } from "../vocabulary/yearly.js";

/**
 * The elements the mutations edit, each declared once: its label or relationship type, the import
 * file whose rules validate it (src/graph/import/spec.ts), and how the API's input fields map onto
 * that file's columns. The engine (apply.ts) reads, validates, writes, audits and describes every
 * element from these alone; the GraphQL inputs (src/schema/mutation.input.ts) name the same fields.
 * Labels, types and properties here are constant Cypher identifiers, never data.
 */

/** A column of the file kept as relationships from the node: `city_id` → `(n)-[:LOCATED_IN]->(:Region)`. */
export interface LinkColumn {
  type: string;
  to: Label;
  /** The relationship points at the node: `(plan)-[:HAS_ITEM]->(item)`. */
  incoming?: boolean;
  /** A list of codes (`;`-separated in the file), rather than one. */
  many?: boolean;
}

/** An entity the API upserts and closes. */
export interface NodeKind {
  /** The GraphQL type, and the prefix of its audit element (`Enterprise:E1`). */
  type: string;
  label: Label;
  spec: FileSpec;
  /** Input field → the file's column (`code` is always `id`). */
  fields: Record<string, string>;
  /** Column → the node's property. */
  props: Record<string, string>;
  /** Columns whose values are numbers. */
  numbers?: readonly string[];
  /** Column → relationships. */
  links: Record<string, LinkColumn>;
  /** What a change of its links or years touches in the derived data (src/graph/derived/derived.ts). */
  derived?: "enterprise" | "product";
}

/** An end of a relationship the API sets or removes: its label, its column in the file, its input field. */
export interface End {
  label: Label;
  column: string;
  field: string;
}

/** A relationship the API sets and removes. */
export interface RelKind {
  /** Its name in the audit trail (`SupplyLink:S1>C1:P1`). */
  type: string;
  rel: string;
  spec: FileSpec;
  from: End;
  to: End;
  /** A third code that is part of its identity, kept as a property of the relationship (a supply link's product). */
  key?: End & { property: string };
  /** Its value, kept per year (src/graph/vocabulary/yearly.ts). */
  value?: { column: string; field: string; property: YearlyProperty };
  /**
   * Which products' derived data a change touches: `from`, `to`, `key`; with their inputs
   * (`withInputs`). `link`: a supply link, whose product's derived data is adjusted by what the link
   * adds or takes away, rather than computed again (src/graph/derived/derived.ts, `adjustForLinks`).
   */
  derived?: { end: "from" | "to" | "key"; withInputs?: boolean; dependents?: boolean; link?: boolean };
}

const spec = (file: string): FileSpec => {
  const found = FILES.find((f) => f.file === file);
  if (!found) throw new Error(`no import file ${file}`);
  return found;
};

const NAMES = { name: "name", nameZh: "name_zh" };
const NAME_PROPS = { name: "name", name_zh: "nameZh" };

export const ENTERPRISE: NodeKind = {
  type: "Enterprise",
  label: Label.Enterprise,
  spec: spec("enterprises.csv"),
  fields: { code: "id", ...NAMES, city: "city_id", cluster: "cluster_id" },
  props: NAME_PROPS,
  links: {
    city_id: { type: "LOCATED_IN", to: Label.Region },
    cluster_id: { type: "MEMBER_OF", to: Label.Cluster },
  },
  derived: "enterprise",
};

export const PRODUCT: NodeKind = {
  type: "Product",
  label: Label.Product,
  spec: spec("products.csv"),
  fields: { code: "id", ...NAMES, chain: "chain_id", stage: "stage" },
  props: { ...NAME_PROPS, stage: "stage" },
  links: { chain_id: { type: "IN_CHAIN", to: Label.IndustryChain } },
  derived: "product",
};

export const CLUSTER: NodeKind = {
  type: "Cluster",
  label: Label.Cluster,
  spec: spec("clusters.csv"),
  fields: { code: "id", ...NAMES, city: "city_id", focus: "focus" },
  props: NAME_PROPS,
  links: {
    city_id: { type: "LOCATED_IN", to: Label.Region },
    focus: { type: "FOCUSES_ON", to: Label.IndustryChain, many: true },
  },
};

export const PLAN_ITEM: NodeKind = {
  type: "PlanItem",
  label: Label.PlanItem,
  spec: spec("plan_items.csv"),
  fields: {
    code: "id",
    plan: "plan_id",
    kind: "kind",
    ...NAMES,
    chains: "chain_ids",
    regions: "region_ids",
    industries: "industry_ids",
    targetValue: "target_value",
    targetUnit: "target_unit",
    targetYear: "target_year",
    targetIndicator: "target_indicator",
  },
  props: {
    ...NAME_PROPS,
    kind: "kind",
    target_value: "targetValue",
    target_unit: "targetUnit",
    target_year: "targetYear",
    target_indicator: "targetIndicator",
  },
  numbers: ["target_value", "target_year"],
  links: {
    plan_id: { type: "HAS_ITEM", to: Label.Plan, incoming: true },
    chain_ids: { type: "CONCERNS", to: Label.IndustryChain, many: true },
    region_ids: { type: "CONCERNS", to: Label.Region, many: true },
    industry_ids: { type: "CONCERNS", to: Label.Industry, many: true },
  },
};

export const PRODUCES: RelKind = {
  type: "Produces",
  rel: "PRODUCES",
  spec: spec("produces.csv"),
  from: { label: Label.Enterprise, column: "enterprise_id", field: "enterprise" },
  to: { label: Label.Product, column: "product_id", field: "product" },
  value: { column: "capacity", field: "capacity", property: "capacity" },
  derived: { end: "to", withInputs: true },
};

export const SUPPLIES: RelKind = {
  type: "SupplyLink",
  rel: "SUPPLIES",
  spec: spec("supply_links.csv"),
  from: { label: Label.Enterprise, column: "supplier_id", field: "supplier" },
  to: { label: Label.Enterprise, column: "customer_id", field: "customer" },
  key: { label: Label.Product, column: "product_id", field: "product", property: "product" },
  value: { column: "volume", field: "volume", property: "volume" },
  derived: { end: "key", link: true },
};

export const REQUIRES: RelKind = {
  type: "ProductInput",
  rel: "REQUIRES",
  spec: spec("product_inputs.csv"),
  from: { label: Label.Product, column: "product_id", field: "product" },
  to: { label: Label.Product, column: "input_id", field: "input" },
  derived: { end: "to", dependents: true },
};
