import type { Enterprise } from "../../schema/enterprise.type.js";
import type { Product } from "../../schema/product.type.js";
import type { Params } from "../db/executor.js";
import { Label } from "./model.js";
import { RELATIONSHIP_FIELDS, attributes, toRecord } from "./records.js";
import { yearValue } from "./yearly.js";

/**
 * One declarative description per object field that reaches into the graph. The query planner
 * (src/graph/planner) turns a whole selection into one Cypher statement from these, and the
 * level-by-level DataLoader path (src/graph/repositories/loaders.ts) runs the same patterns one level at a time.
 * Adding such a field costs one schema field (a one-line field resolver) and one entry here.
 *
 * Patterns are functions of the variable names, so that nested fields get variables of their own.
 * All their text is constant Cypher from this file; values travel as parameters.
 */

/** A pattern from the parent (variable `p`) to the listed node `n`, optionally through relationship `r`. */
export type Pattern = (p: string, n: string, r: string) => string;

/** A field with at most one entity: Enterprise.city, Region.parent, … (the first by code if several). */
export interface OneField {
  kind: "one";
  target: Label;
  pattern: Pattern;
  /** For the DataLoader path: the target's code as the parent record already holds it. */
  code?: (parent: Record<string, unknown>) => string | null | undefined;
}

/** A small, unpaged list of entities, ordered by code (a product's inputs, a region's children, …). */
export interface ListField {
  kind: "list";
  target: Label;
  pattern: Pattern;
  /**
   * Items wrapped with properties of the relationship `r`: Enterprise.products lists
   * `{product, capacity}`. The wrapper's entity field is `as`.
   */
  through?: { as: string; props: readonly string[]; defaults?: Readonly<Record<string, unknown>> };
  /** The count a request's cost assumes for this list (it has no `first`); see docs/architecture.md. */
  weight: number;
}

/** A paged one-to-many relation, listed as a Relay connection with keyset cursors. */
export interface ConnectionField {
  kind: "connection";
  target: Label;
  /** Items are supply links (the relationship `r`) rather than the nodes `n`. */
  links?: boolean;
  pattern: Pattern;
  /** Extra conditions; `opts` is the Cypher expression of the map `options(args)` returns. */
  where?: (n: string, r: string, opts: string) => string;
  /** The field's own arguments (besides `first` and `after`) as the map `where` reads. */
  options?: (args: Record<string, unknown>) => Params;
  /** The keyset sort key (default: `n.code`). */
  sortKey?: (n: string, r: string) => string;
}

export type FieldSpec = OneField | ListField | ConnectionField;

/** The wrapper's properties of a \`through\` list item from its relationship's row (\`defaults\` for what it lacks). */
export function throughProps(through: NonNullable<ListField["through"]>, r: Record<string, unknown> | null | undefined) {
  return Object.fromEntries(through.props.map((prop) => [prop, r?.[prop] ?? through.defaults?.[prop] ?? null]));
}

/** A supply link as the API returns it. The ends and the product may come loaded with it. */
export interface SupplyLinkRecord {
  id: string;
  supplierCode: string;
  customerCode: string;
  productCode: string;
  supplier?: Enterprise;
  customer?: Enterprise;
  product?: Product | null;
  volume: number | null;
  source: string | null;
  version: number;
  attributes: Array<{ key: string; value: string }>;
}

/**
 * The Cypher map a supply link `r` is read as; `extra` adds entries (the DataLoader path's far end and
 * product). With `year` (a parameter, as `$year`), its volume is that year's (src/graph/vocabulary/yearly.ts).
 */
export const linkItem = (r: string, extra = "", year?: string) =>
  `{supplier: startNode(${r}).code, customer: endNode(${r}).code, product: ${r}.product, props: properties(${r})${
    year ? `, volume: ${yearValue(r, "volume", year)}` : ""
  }${extra}}`;

/** Turns a row of `linkItem` (optionally with `other` and `productNode` loaded) into a record. */
export function supplyLink(row: Record<string, unknown>): SupplyLinkRecord {
  const props = (row.props ?? {}) as Record<string, unknown>;
  const [supplierCode, customerCode, productCode] = [String(row.supplier), String(row.customer), String(row.product)];
  const ends: Partial<SupplyLinkRecord> = {};
  if (row.other) {
    const other = toRecord<Enterprise>(Label.Enterprise, row.other as Record<string, unknown>);
    if (other.code === supplierCode) ends.supplier = other;
    else ends.customer = other;
  }
  if ("productNode" in row) {
    ends.product = row.productNode ? toRecord<Product>(Label.Product, row.productNode as Record<string, unknown>) : null;
  }
  return {
    ...ends,
    id: Buffer.from(`SupplyLink:${supplierCode}\u0001${customerCode}\u0001${productCode}`, "utf8").toString("base64url"),
    supplierCode,
    customerCode,
    productCode,
    volume: (("volume" in row ? row.volume : props.volume) as number | null | undefined) ?? null,
    source: (props.source as string | undefined) ?? null,
    version: Number(props.version ?? 0),
    attributes: attributes(props, RELATIONSHIP_FIELDS),
  };
}

const linkSortKey = (n: string, r: string) => `${n}.code + '\u0001' + ${r}.product`;
const byProduct = (_n: string, r: string, opts: string) => `(${opts}.product IS NULL OR ${r}.product = ${opts}.product)`;
const productOption = (args: Record<string, unknown>) => ({ product: args.product ?? null });
const str = (key: string) => (parent: Record<string, unknown>) => parent[key] as string | null | undefined;

const one = (target: Label, pattern: Pattern, code?: OneField["code"]): OneField => ({
  kind: "one",
  target,
  pattern,
  ...(code ? { code } : {}),
});
/** Lists are small by nature (a region's children, a product's inputs); the cost assumes 20 items unless told. */
const list = (target: Label, pattern: Pattern, weight = 20): ListField => ({ kind: "list", target, pattern, weight });

/** The graph fields of each GraphQL object type, by type name and field name. */
export const FIELDS: Record<string, Record<string, FieldSpec>> = {
  Region: {
    parent: one(Label.Region, (p, n) => `(${p})-[:PART_OF]->(${n}:Region)`),
    children: list(Label.Region, (p, n) => `(${p})<-[:PART_OF]-(${n}:Region)`),
    enterprises: {
      kind: "connection",
      target: Label.Enterprise,
      pattern: (p, n) => `(${p})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(${n}:Enterprise)`,
    },
    clusters: list(Label.Cluster, (p, n) => `(${p})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(${n}:Cluster)`),
    planItems: list(Label.PlanItem, (p, n) => `(${p})<-[:CONCERNS]-(${n}:PlanItem)`),
  },
  Industry: {
    chains: list(Label.IndustryChain, (p, n) => `(${p})<-[:OF_INDUSTRY]-(${n}:IndustryChain)`),
  },
  IndustryChain: {
    industry: one(Label.Industry, (p, n) => `(${p})-[:OF_INDUSTRY]->(${n}:Industry)`),
    products: {
      kind: "connection",
      target: Label.Product,
      pattern: (p, n) => `(${p})<-[:IN_CHAIN]-(${n}:Product)`,
      where: (n, _r, opts) => `(${opts}.stage IS NULL OR ${n}.stage = ${opts}.stage)`,
      options: (args) => ({ stage: args.stage ?? null }),
    },
    clusters: list(Label.Cluster, (p, n) => `(${p})<-[:FOCUSES_ON]-(${n}:Cluster)`),
    planItems: list(Label.PlanItem, (p, n) => `(${p})<-[:CONCERNS]-(${n}:PlanItem)`),
  },
  Product: {
    chain: one(Label.IndustryChain, (p, n) => `(${p})-[:IN_CHAIN]->(${n}:IndustryChain)`, str("chainCode")),
    inputs: list(Label.Product, (p, n) => `(${p})-[:REQUIRES]->(${n}:Product)`),
    usedBy: list(Label.Product, (p, n) => `(${p})<-[:REQUIRES]-(${n}:Product)`),
    producers: {
      kind: "connection",
      target: Label.Enterprise,
      pattern: (p, n) => `(${p})<-[:PRODUCES]-(${n}:Enterprise)`,
    },
  },
  Cluster: {
    city: one(Label.Region, (p, n) => `(${p})-[:LOCATED_IN]->(${n}:Region)`, str("cityCode")),
    focus: list(Label.IndustryChain, (p, n) => `(${p})-[:FOCUSES_ON]->(${n}:IndustryChain)`),
    members: {
      kind: "connection",
      target: Label.Enterprise,
      pattern: (p, n) => `(${p})<-[:MEMBER_OF]-(${n}:Enterprise)`,
    },
  },
  Enterprise: {
    city: one(Label.Region, (p, n) => `(${p})-[:LOCATED_IN]->(${n}:Region)`, str("cityCode")),
    cluster: one(Label.Cluster, (p, n) => `(${p})-[:MEMBER_OF]->(${n}:Cluster)`, str("clusterCode")),
    products: {
      ...list(Label.Product, (p, n, r) => `(${p})-[${r}:PRODUCES]->(${n}:Product)`, 10),
      through: { as: "product", props: ["capacity", "version"], defaults: { version: 0 } },
    },
    suppliers: {
      kind: "connection",
      target: Label.Enterprise,
      links: true,
      pattern: (p, n, r) => `(${p})<-[${r}:SUPPLIES]-(${n}:Enterprise)`,
      where: byProduct,
      options: productOption,
      sortKey: linkSortKey,
    },
    customers: {
      kind: "connection",
      target: Label.Enterprise,
      links: true,
      pattern: (p, n, r) => `(${p})-[${r}:SUPPLIES]->(${n}:Enterprise)`,
      where: byProduct,
      options: productOption,
      sortKey: linkSortKey,
    },
  },
  Plan: {
    region: one(Label.Region, (p, n) => `(${p})-[:ISSUED_FOR]->(${n}:Region)`, str("regionCode")),
    items: list(Label.PlanItem, (p, n) => `(${p})-[:HAS_ITEM]->(${n}:PlanItem)`),
  },
  PlanItem: {
    plan: one(Label.Plan, (p, n) => `(${p})<-[:HAS_ITEM]-(${n}:Plan)`),
    chains: list(Label.IndustryChain, (p, n) => `(${p})-[:CONCERNS]->(${n}:IndustryChain)`),
    regions: list(Label.Region, (p, n) => `(${p})-[:CONCERNS]->(${n}:Region)`),
    industries: list(Label.Industry, (p, n) => `(${p})-[:CONCERNS]->(${n}:Industry)`),
  },
  // A supply link's fields start from the relationship itself (`p` is the relationship variable).
  SupplyLink: {
    supplier: one(Label.Enterprise, (p, n) => `(${n}:Enterprise)-[${p}]->()`, str("supplierCode")),
    customer: one(Label.Enterprise, (p, n) => `()-[${p}]->(${n}:Enterprise)`, str("customerCode")),
    product: one(Label.Product, (p, n) => `(${n}:Product {code: ${p}.product})`, str("productCode")),
  },
};

/** The spec of `type.field`; throws for a field this file does not describe (a programming error). */
export function fieldSpec<K extends FieldSpec["kind"]>(type: string, field: string, kind: K): Extract<FieldSpec, { kind: K }> {
  const spec = FIELDS[type]?.[field];
  if (!spec || spec.kind !== kind) throw new Error(`src/graph/vocabulary/fields.ts describes no ${kind} field ${type}.${field}`);
  return spec as Extract<FieldSpec, { kind: K }>;
}
