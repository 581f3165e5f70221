import type { NamedRef } from "../analytics/scope.js";
import { notFound } from "../errors.js";
import type { Executor } from "../graph/db/executor.js";

/** A named entity with the `source` property the data set gave it (null when it gave none). */
export interface Sourced extends NamedRef {
  source: string | null;
}

export interface ReportRegion extends Sourced {
  kind: "PROVINCE" | "CIRCLE" | "CITY";
  /** The cities of the region (itself when it is a city), by code. */
  cities: NamedRef[];
}

export interface PlanTarget extends Sourced {
  targetValue: number | null;
  targetUnit: string | null;
  targetYear: number | null;
  /** Codes of the chains the target concerns. */
  chainCodes: string[];
}

export interface ReportPlan extends Sourced {
  yearFrom: number | null;
  yearTo: number | null;
  /** The region the plan is issued for: the report's region or one containing it. */
  issuedFor: NamedRef;
  targets: PlanTarget[];
}

const REGION_AND_CHAINS = `
OPTIONAL MATCH (r:Region {code: $region})
RETURN r {.code, .name, .nameZh, .kind, .source} AS region,
       CASE WHEN r IS NULL THEN [] ELSE COLLECT {
         MATCH (r)<-[:PART_OF*0..3]-(city:Region {kind: 'CITY'})
         WITH DISTINCT city ORDER BY city.code
         RETURN city {.code, .name, .nameZh}
       } END AS cities,
       COLLECT {
         MATCH (c:IndustryChain)
         WHERE ($chain IS NULL OR c.code = $chain) AND EXISTS { (c)<-[:IN_CHAIN]-(:Product) }
         WITH c ORDER BY c.code
         RETURN c {.code, .name, .nameZh, .source}
       } AS chains,
       $chain IS NULL OR EXISTS { MATCH (:IndustryChain {code: $chain}) } AS chainExists
`;

/**
 * The report's region with its cities, and its chains: `chain` alone, or every chain that has
 * products. One round trip. Throws NOT_FOUND for an unknown region or chain (region first).
 */
export async function loadRegionAndChains(
  executor: Executor,
  region: string,
  chain: string | null,
): Promise<{ region: ReportRegion; chains: Sourced[] }> {
  const [row] = await executor.read<{
    region: Omit<ReportRegion, "cities"> | null;
    cities: NamedRef[];
    chains: Sourced[];
    chainExists: boolean;
  }>("report.regionAndChains", REGION_AND_CHAINS, { region, chain });
  if (!row?.region) throw notFound("region", region);
  if (!row.chainExists) throw notFound("chain", chain!);
  return { region: { ...row.region, cities: row.cities }, chains: row.chains };
}

// A city is governed by its province's plans too: the plans issued for the region or any region above it.
const PLANS = `
MATCH (:Region {code: $region})-[:PART_OF*0..3]->(owner:Region)<-[:ISSUED_FOR]-(p:Plan)
WITH DISTINCT p, owner ORDER BY p.code
RETURN p {.code, .name, .nameZh, .source, .yearFrom, .yearTo} AS plan, owner {.code, .name, .nameZh} AS issuedFor,
       COLLECT {
         MATCH (p)-[:HAS_ITEM]->(i:PlanItem {kind: 'TARGET'})
         WITH i ORDER BY i.code
         RETURN i {.code, .name, .nameZh, .source, .targetValue, .targetUnit, .targetYear,
                   chainCodes: COLLECT { MATCH (i)-[:CONCERNS]->(c:IndustryChain) WITH c ORDER BY c.code RETURN c.code }}
       } AS targets
`;

/** The plans issued for the region or a region containing it, by code, each with its TARGET items. One round trip. */
export async function loadPlans(executor: Executor, region: string): Promise<ReportPlan[]> {
  const rows = await executor.read<{
    plan: Omit<ReportPlan, "issuedFor" | "targets">;
    issuedFor: NamedRef;
    targets: PlanTarget[];
  }>("report.plans", PLANS, { region });
  return rows.map((r) => ({ ...r.plan, issuedFor: r.issuedFor, targets: r.targets }));
}

const ENTITIES = `
CALL {
  UNWIND $products AS code MATCH (n:Product {code: code}) RETURN 'Product' AS label, n
  UNION ALL
  UNWIND $enterprises AS code MATCH (n:Enterprise {code: code}) RETURN 'Enterprise' AS label, n
}
RETURN label, n.code AS code, n.name AS name, n.nameZh AS nameZh, n.source AS source
`;

/**
 * Names and sources of the products and enterprises a report shows (the analyses return codes), by
 * code. One round trip.
 */
export async function loadEntities(
  executor: Executor,
  codes: { products: readonly string[]; enterprises: readonly string[] },
): Promise<{ products: Map<string, Sourced>; enterprises: Map<string, Sourced> }> {
  const out = { products: new Map<string, Sourced>(), enterprises: new Map<string, Sourced>() };
  if (codes.products.length === 0 && codes.enterprises.length === 0) return out;
  const rows = await executor.read<Sourced & { label: "Product" | "Enterprise" }>("report.entities", ENTITIES, {
    products: [...new Set(codes.products)],
    enterprises: [...new Set(codes.enterprises)],
  });
  for (const { label, ...e } of rows) (label === "Product" ? out.products : out.enterprises).set(e.code, e);
  return out;
}

/** The region at the top of `region`'s hierarchy (the province; itself when it has no parent). */
export async function topRegion(executor: Executor, region: string): Promise<NamedRef> {
  const [row] = await executor.read<{ top: NamedRef | null }>(
    "report.topRegion",
    `MATCH (r:Region {code: $region})-[:PART_OF*0..]->(top:Region) WHERE NOT (top)-[:PART_OF]->()
     RETURN top {.code, .name, .nameZh} AS top LIMIT 1`,
    { region },
  );
  return row?.top ?? { code: region, name: null, nameZh: null };
}
