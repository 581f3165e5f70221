import type { Executor } from "../graph/executor.js";
import { SCOPE_MEMBERS, type ScopeContext } from "./scope.js";

export type Stage = "UPSTREAM" | "MIDSTREAM" | "DOWNSTREAM";

/** A product of the product graph (every product, of every chain), with its direct inputs. */
export interface ProductInfo {
  code: string;
  name: string | null;
  nameZh: string | null;
  stage: Stage;
  /** True when the product belongs to the analysed chain. */
  inChain: boolean;
  /** Codes of the products it `REQUIRES`, sorted. */
  inputCodes: string[];
}

/** The enterprises in scope, located in one city, that make one product. */
export interface CityEnterprises {
  product: string;
  city: string;
  enterprises: string[];
}

/** Supply links of one chain product delivered to enterprises in scope. */
export interface Delivery {
  product: string;
  /** Sum of `volume` over all these links; a link of unknown volume adds 0. */
  volume: number;
  /** The part of `volume` whose supplier is in scope too. */
  localVolume: number;
  links: number;
  localLinks: number;
}

/**
 * What the analyses read about one chain in one scope: small, already aggregated in Cypher. Every
 * analysis is a pure function of this (plus its arguments), which the unit tests exercise directly.
 */
export interface ChainData {
  /** The whole product graph: a few hundred products, needed for dependents and cross-chain inputs. */
  products: ProductInfo[];
  /**
   * Producers in scope, by city, of each chain product, of each of their inputs, and of each product
   * that requires one of them (whose producers are the chain products' demanders).
   */
  producers: CityEnterprises[];
  /** Deliveries of each chain product into the scope (absent: nothing delivered, or not loaded). */
  deliveries: Delivery[];
}

const PRODUCTS = `
MATCH (p:Product)
RETURN p.code AS code, p.name AS name, p.nameZh AS nameZh, p.stage AS stage,
       EXISTS { (p)-[:IN_CHAIN]->(:IndustryChain {code: $chain}) } AS inChain,
       COLLECT { MATCH (p)-[:REQUIRES]->(i:Product) RETURN i.code AS input ORDER BY input } AS inputCodes
`;

// The chain's products, their inputs and the products requiring them: about a hundred products.
const RELEVANT_PRODUCTS = `
MATCH (cp:Product)-[:IN_CHAIN]->(:IndustryChain {code: $chain})
CALL {
  WITH cp RETURN cp AS p
  UNION
  WITH cp MATCH (cp)-[:REQUIRES]->(p:Product) RETURN p
  UNION
  WITH cp MATCH (cp)<-[:REQUIRES]-(p:Product) RETURN p
}
WITH collect(DISTINCT p.code) AS codes`;

/**
 * Producers by city, one query per scope kind. For a region, the enterprises of its cities are joined
 * by hash with the producers (cities are dense nodes, cheap to expand); for a cluster, its few
 * members are expanded directly.
 */
const PRODUCERS = {
  REGION: `${RELEVANT_PRODUCTS}
MATCH (p:Product)<-[:PRODUCES]-(e:Enterprise)-[:LOCATED_IN]->(city:Region)
USING JOIN ON e
WHERE p.code IN codes AND city.code IN $scopeCities
RETURN p.code AS product, city.code AS city, collect(e.code) AS enterprises
`,
  CLUSTER: `${RELEVANT_PRODUCTS}
MATCH (:Cluster {code: $scopeCluster})<-[:MEMBER_OF]-(e:Enterprise)-[:LOCATED_IN]->(city:Region)
MATCH (e)-[:PRODUCES]->(p:Product)
WHERE p.code IN codes
RETURN p.code AS product, city.code AS city, collect(e.code) AS enterprises
`,
} as const;

// One index seek on SUPPLIES(product) for the chain's products; hashed membership tests on both ends.
const DELIVERIES = `
MATCH (:IndustryChain {code: $chain})<-[:IN_CHAIN]-(p:Product)
WITH collect(p.code) AS codes
${SCOPE_MEMBERS}
WITH codes, collect(e) AS members
MATCH (s)-[l:SUPPLIES]->(c)
WHERE l.product IN codes AND c IN members
WITH l.product AS product, s IN members AS local, coalesce(l.volume, 0) AS volume
RETURN product, sum(volume) AS volume, sum(CASE WHEN local THEN volume ELSE 0 END) AS localVolume,
       count(*) AS links, sum(CASE WHEN local THEN 1 ELSE 0 END) AS localLinks
`;

export interface LoadParts {
  /** Load `deliveries` (default false): the costliest part, needed only for local supply shares. */
  deliveries?: boolean;
}

/**
 * Loads the chain data of a validated scope: two or three queries, run in parallel, each an
 * aggregation over indexed patterns. Enterprise code lists come back sorted.
 */
export async function loadChainData(executor: Executor, ctx: ScopeContext, parts: LoadParts = {}): Promise<ChainData> {
  const params = { chain: ctx.chain.code, ...ctx.params };
  const [products, producers, deliveries] = await Promise.all([
    executor.read<ProductInfo>("analytics.products", PRODUCTS, params),
    executor.read<CityEnterprises>("analytics.producers", PRODUCERS[ctx.scope.kind], params),
    parts.deliveries ? executor.read<Delivery>("analytics.deliveries", DELIVERIES, params) : Promise.resolve([]),
  ]);
  for (const row of producers) row.enterprises.sort();
  return { products, producers, deliveries };
}

/** The constant Cypher of the chain-data loader, for `PROFILE` checks and benchmarks. */
export const CHAIN_DATA_QUERIES = {
  PRODUCTS,
  PRODUCERS_REGION: PRODUCERS.REGION,
  PRODUCERS_CLUSTER: PRODUCERS.CLUSTER,
  DELIVERIES,
} as const;
