import type { Enterprise } from "../schema/enterprise.type.js";
import type { Product } from "../schema/product.type.js";
import { Label } from "./model.js";
import { PROJECTION, RELATIONSHIP_FIELDS, attributes, projection, toRecord } from "./records.js";
import type { NeighbourSpec } from "./neighbours.repository.js";
import type { RelationSpec } from "./relation.repository.js";

/**
 * A supply link as the repository returns it. The far end and the product come loaded with it (the
 * near end is the parent the link was listed under), so resolving them costs no further round trip.
 */
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
  attributes: Array<{ key: string; value: string }>;
}

function supplyLink(row: Record<string, unknown>): SupplyLinkRecord {
  const props = (row.props ?? {}) as Record<string, unknown>;
  const [supplierCode, customerCode, productCode] = [String(row.supplier), String(row.customer), String(row.product)];
  const other = toRecord<Enterprise>(Label.Enterprise, row.other as Record<string, unknown>);
  return {
    ...(other.code === supplierCode ? { supplier: other } : { customer: other }),
    product: row.productNode ? toRecord<Product>(Label.Product, row.productNode as Record<string, unknown>) : null,
    id: Buffer.from(`SupplyLink:${supplierCode}\u0001${customerCode}\u0001${productCode}`, "utf8").toString("base64url"),
    supplierCode,
    customerCode,
    productCode,
    volume: (props.volume as number | undefined) ?? null,
    source: (props.source as string | undefined) ?? null,
    attributes: attributes(props, RELATIONSHIP_FIELDS),
  };
}

const SEP = "'\u0001'";
const LINK_PRODUCT = `COLLECT { MATCH (p:Product {code: r.product}) RETURN ${projection(Label.Product, "p")} AS p }[0]`;

/** The enterprises located anywhere beneath a region (the region itself when it is a city). */
export const regionEnterprises: RelationSpec<Enterprise> = {
  name: "Region.enterprises",
  parentLabel: Label.Region,
  pattern: "(parent)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise)",
  item: PROJECTION.Enterprise,
  toItem: (row) => toRecord<Enterprise>(Label.Enterprise, row),
};

export const productProducers: RelationSpec<Enterprise> = {
  name: "Product.producers",
  parentLabel: Label.Product,
  pattern: "(parent)<-[:PRODUCES]-(n:Enterprise)",
  item: PROJECTION.Enterprise,
  toItem: (row) => toRecord<Enterprise>(Label.Enterprise, row),
};

export const chainProducts: RelationSpec<Product> = {
  name: "IndustryChain.products",
  parentLabel: Label.IndustryChain,
  pattern: "(parent)<-[:IN_CHAIN]-(n:Product)",
  where: "(key.opts.stage IS NULL OR n.stage = key.opts.stage)",
  item: PROJECTION.Product,
  toItem: (row) => toRecord<Product>(Label.Product, row),
};

export const clusterMembers: RelationSpec<Enterprise> = {
  name: "Cluster.members",
  parentLabel: Label.Cluster,
  pattern: "(parent)<-[:MEMBER_OF]-(n:Enterprise)",
  item: PROJECTION.Enterprise,
  toItem: (row) => toRecord<Enterprise>(Label.Enterprise, row),
};

/** Links into the parent enterprise, ordered by supplier then product. */
export const enterpriseSuppliers: RelationSpec<SupplyLinkRecord> = {
  name: "Enterprise.suppliers",
  parentLabel: Label.Enterprise,
  pattern: "(parent)<-[r:SUPPLIES]-(n:Enterprise)",
  where: "(key.opts.product IS NULL OR r.product = key.opts.product)",
  item: `{supplier: n.code, customer: parent.code, product: r.product, props: properties(r), other: ${PROJECTION.Enterprise}, productNode: ${LINK_PRODUCT}}`,
  sortKey: `n.code + ${SEP} + r.product`,
  toItem: supplyLink,
};

/** Links out of the parent enterprise, ordered by customer then product. */
export const enterpriseCustomers: RelationSpec<SupplyLinkRecord> = {
  name: "Enterprise.customers",
  parentLabel: Label.Enterprise,
  pattern: "(parent)-[r:SUPPLIES]->(n:Enterprise)",
  where: "(key.opts.product IS NULL OR r.product = key.opts.product)",
  item: `{supplier: parent.code, customer: n.code, product: r.product, props: properties(r), other: ${PROJECTION.Enterprise}, productNode: ${LINK_PRODUCT}}`,
  sortKey: `n.code + ${SEP} + r.product`,
  toItem: supplyLink,
};

// Small relations, loaded whole (no paging): see neighbours.repository.ts.
const entityItem = (label: Label) => (row: Record<string, unknown>) => toRecord<never>(label, row);

export const neighbourSpecs = {
  regionChildren: {
    name: "Region.children",
    parentLabel: Label.Region,
    pattern: "(parent)<-[:PART_OF]-(n:Region)",
    item: PROJECTION.Region,
    toItem: entityItem(Label.Region),
  },
  regionParent: {
    name: "Region.parent",
    parentLabel: Label.Region,
    pattern: "(parent)-[:PART_OF]->(n:Region)",
    item: PROJECTION.Region,
    toItem: entityItem(Label.Region),
  },
  regionClusters: {
    name: "Region.clusters",
    parentLabel: Label.Region,
    pattern: "(parent)<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Cluster)",
    item: PROJECTION.Cluster,
    toItem: entityItem(Label.Cluster),
  },
  productInputs: {
    name: "Product.inputs",
    parentLabel: Label.Product,
    pattern: "(parent)-[:REQUIRES]->(n:Product)",
    item: PROJECTION.Product,
    toItem: entityItem(Label.Product),
  },
  productUsedBy: {
    name: "Product.usedBy",
    parentLabel: Label.Product,
    pattern: "(parent)<-[:REQUIRES]-(n:Product)",
    item: PROJECTION.Product,
    toItem: entityItem(Label.Product),
  },
  enterpriseProducts: {
    name: "Enterprise.products",
    parentLabel: Label.Enterprise,
    pattern: "(parent)-[r:PRODUCES]->(n:Product)",
    item: `{product: ${PROJECTION.Product}, capacity: r.capacity}`,
    toItem: (row: Record<string, unknown>) => ({
      product: toRecord<Product>(Label.Product, row.product as Record<string, unknown>),
      capacity: (row.capacity as number | null) ?? null,
    }),
  },
  clusterFocus: {
    name: "Cluster.focus",
    parentLabel: Label.Cluster,
    pattern: "(parent)-[:FOCUSES_ON]->(n:IndustryChain)",
    item: PROJECTION.IndustryChain,
    toItem: entityItem(Label.IndustryChain),
  },
  chainIndustry: {
    name: "IndustryChain.industry",
    parentLabel: Label.IndustryChain,
    pattern: "(parent)-[:OF_INDUSTRY]->(n:Industry)",
    item: PROJECTION.Industry,
    toItem: entityItem(Label.Industry),
  },
  industryChains: {
    name: "Industry.chains",
    parentLabel: Label.Industry,
    pattern: "(parent)<-[:OF_INDUSTRY]-(n:IndustryChain)",
    item: PROJECTION.IndustryChain,
    toItem: entityItem(Label.IndustryChain),
  },
  chainClusters: {
    name: "IndustryChain.clusters",
    parentLabel: Label.IndustryChain,
    pattern: "(parent)<-[:FOCUSES_ON]-(n:Cluster)",
    item: PROJECTION.Cluster,
    toItem: entityItem(Label.Cluster),
  },
  planItems: {
    name: "Plan.items",
    parentLabel: Label.Plan,
    pattern: "(parent)-[:HAS_ITEM]->(n:PlanItem)",
    item: PROJECTION.PlanItem,
    toItem: entityItem(Label.PlanItem),
  },
  planItemPlan: {
    name: "PlanItem.plan",
    parentLabel: Label.PlanItem,
    pattern: "(parent)<-[:HAS_ITEM]-(n:Plan)",
    item: PROJECTION.Plan,
    toItem: entityItem(Label.Plan),
  },
  planItemChains: {
    name: "PlanItem.chains",
    parentLabel: Label.PlanItem,
    pattern: "(parent)-[:CONCERNS]->(n:IndustryChain)",
    item: PROJECTION.IndustryChain,
    toItem: entityItem(Label.IndustryChain),
  },
  planItemRegions: {
    name: "PlanItem.regions",
    parentLabel: Label.PlanItem,
    pattern: "(parent)-[:CONCERNS]->(n:Region)",
    item: PROJECTION.Region,
    toItem: entityItem(Label.Region),
  },
  planItemIndustries: {
    name: "PlanItem.industries",
    parentLabel: Label.PlanItem,
    pattern: "(parent)-[:CONCERNS]->(n:Industry)",
    item: PROJECTION.Industry,
    toItem: entityItem(Label.Industry),
  },
  chainPlanItems: {
    name: "IndustryChain.planItems",
    parentLabel: Label.IndustryChain,
    pattern: "(parent)<-[:CONCERNS]-(n:PlanItem)",
    item: PROJECTION.PlanItem,
    toItem: entityItem(Label.PlanItem),
  },
  regionPlanItems: {
    name: "Region.planItems",
    parentLabel: Label.Region,
    pattern: "(parent)<-[:CONCERNS]-(n:PlanItem)",
    item: PROJECTION.PlanItem,
    toItem: entityItem(Label.PlanItem),
  },
} satisfies Record<string, NeighbourSpec<unknown>>;
