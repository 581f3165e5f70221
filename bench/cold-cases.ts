/**
 * The document shapes of the cold-shapes benchmark (bench/cold-shapes.ts): documents a person types
 * into the explorer, or the app sends, each a shape the service has not seen before its first request.
 *
 * - growing selections on one enterprise, one field at a time (`code name` → … → `+ customers(first: 10)`);
 * - variations of the explorer's examples (examples/*.graphql): one field added or removed, another
 *   alias, another `first`;
 * - variations of the app's documents (web/src/queries/*.graphql), the same way.
 *
 * Each shape is written for the service and, where @neo4j/graphql can express it over the type
 * definitions of bench/neo4j-graphql-server.ts, for @neo4j/graphql too (the same data: the benchmark
 * compares the two answers' leaf values). A shape it cannot express says why.
 */
import type { Driver } from "neo4j-driver";
import { pickAnalyticsSubjects } from "./subjects.js";

type Json = Record<string, unknown>;

/** What the shapes read: picked from the graph by the rules in COLD_SUBJECT_RULES. */
export interface ColdSubjects {
  enterprise: string;
  chain: string;
  chainProducts: number;
  product: string;
  city: string;
  circle: string;
  province: string;
  cluster: string | null;
  plan: string | null;
  /** A producer of the chain in the city: the `without` of resilience. */
  producer: string;
  /** The search text: the city's Chinese name without 市 (济南 on the seed). */
  text: string;
}

export const COLD_SUBJECT_RULES = {
  enterprise:
    "the enterprise with the most incoming supply links among those with at most 100 that are members of a cluster and supply someone (ties by code; without those two conditions when none qualifies)",
  chain: "the chain whose number of products is closest to 60 (bench/subjects.ts)",
  city: "the city with the most enterprises; circle and province: the circle and province above it",
  product: "the product of the chain with the most producers (ties by code)",
  cluster: "the cluster with the most members (ties by code)",
  plan: "the first plan by code (shapes on a plan are left out when the graph has none)",
  producer: "the enterprise in the city making the most products of the chain (ties by code)",
  text: "the city's Chinese name without its last 市",
};

async function first<T>(driver: Driver, database: string | undefined, cypher: string, params: Json = {}): Promise<T | null> {
  const { records } = await driver.executeQuery(cypher, params, { database, routing: "READ" });
  return records[0] ? (records[0].toObject() as T) : null;
}

export async function pickColdSubjects(driver: Driver, database: string | undefined): Promise<ColdSubjects> {
  const enterpriseRule = (strict: boolean) => `
    MATCH (e:Enterprise)
    ${strict ? "WHERE EXISTS { (e)-[:MEMBER_OF]->(:Cluster) } AND EXISTS { (e)-[:SUPPLIES]->(:Enterprise) }" : ""}
    WITH e.code AS code, COUNT { (e)<-[:SUPPLIES]-(:Enterprise) } AS n WHERE 0 < n <= 100
    RETURN code ORDER BY n DESC, code LIMIT 1`;
  const enterprise =
    (await first<{ code: string }>(driver, database, enterpriseRule(true))) ??
    (await first<{ code: string }>(driver, database, enterpriseRule(false)));
  if (!enterprise) throw new Error("no enterprise with supply links in the graph");
  const analytics = await pickAnalyticsSubjects(driver, database);
  const chain = analytics.chains.find((c) => c.roles.includes("about60")) ?? analytics.chains[0]!;
  const product = await first<{ code: string }>(
    driver,
    database,
    `MATCH (:IndustryChain {code: $chain})<-[:IN_CHAIN]-(p:Product)
     RETURN p.code AS code ORDER BY COUNT { (p)<-[:PRODUCES]-(:Enterprise) } DESC, code LIMIT 1`,
    { chain: chain.code },
  );
  const cluster = await first<{ code: string }>(
    driver,
    database,
    "MATCH (c:Cluster) RETURN c.code AS code ORDER BY COUNT { (c)<-[:MEMBER_OF]-(:Enterprise) } DESC, code LIMIT 1",
  );
  const plan = await first<{ code: string }>(driver, database, "MATCH (p:Plan) RETURN p.code AS code ORDER BY code LIMIT 1");
  const producer = await first<{ code: string }>(
    driver,
    database,
    `MATCH (:Region {code: $city})<-[:LOCATED_IN]-(e:Enterprise)-[:PRODUCES]->(:Product)-[:IN_CHAIN]->(:IndustryChain {code: $chain})
     RETURN e.code AS code, count(*) AS n ORDER BY n DESC, code LIMIT 1`,
    { city: analytics.city, chain: chain.code },
  );
  const city = await first<{ nameZh: string | null; name: string | null }>(
    driver,
    database,
    "MATCH (c:Region {code: $city}) RETURN c.nameZh AS nameZh, c.name AS name",
    { city: analytics.city },
  );
  return {
    enterprise: enterprise.code,
    chain: chain.code,
    chainProducts: chain.products,
    product: product?.code ?? "",
    city: analytics.city,
    circle: analytics.circle,
    province: analytics.province,
    cluster: cluster?.code ?? null,
    plan: plan?.code ?? null,
    producer: producer?.code ?? enterprise.code,
    text: (city?.nameZh ?? city?.name ?? analytics.city).replace(/市$/, ""),
  };
}

export type ShapeGroup = "growing" | "explorer" | "app";

export interface Way {
  query: string;
  variables: (s: ColdSubjects) => Json;
}

export interface ColdShape {
  id: string;
  group: ShapeGroup;
  /** What the shape is: the selection, or the document it varies and how. */
  title: string;
  ours: Way;
  /** The same read on @neo4j/graphql, or why it cannot be written there. */
  neo4jGraphql: Way | { cannot: string };
  /** A subject the shape needs that the graph may lack (it is then left out, with this reason). */
  needs?: (s: ColdSubjects) => string | null;
}

// --------------------------------------------------------------------------------------- growing

/** The growing selection on one enterprise: each step adds a field to the one before. */
const GROWTH: Array<{ label: string; ours: string; neo: string }> = [
  { label: "code name", ours: "code name", neo: "code name" },
  { label: "+ nameZh", ours: "nameZh", neo: "nameZh" },
  { label: "+ city", ours: "city { code nameZh }", neo: "city { code nameZh }" },
  { label: "+ cluster", ours: "cluster { code nameZh }", neo: "cluster { code nameZh }" },
  {
    label: "+ products with capacity",
    ours: "products { capacity product { code nameZh stage } }",
    neo: "productsConnection { edges { properties { capacity } node { code nameZh stage } } }",
  },
  {
    label: "+ suppliers(first: 10) with their cities",
    ours: "suppliers(first: 10) { totalCount nodes { volume product { code } supplier { code nameZh city { nameZh } } } }",
    neo:
      "suppliersConnection(first: 10, sort: [{ node: { code: ASC } }, { edge: { product: ASC } }]) " +
      "{ totalCount edges { properties { volume product } node { code nameZh city { nameZh } } } }",
  },
  {
    label: "+ customers(first: 10)",
    ours: "customers(first: 10) { nodes { product { code } customer { code nameZh } } }",
    neo:
      "customersConnection(first: 10, sort: [{ node: { code: ASC } }, { edge: { product: ASC } }]) " +
      "{ edges { properties { product } node { code nameZh } } }",
  },
];

const growing: ColdShape[] = GROWTH.map((step, i) => {
  const upTo = GROWTH.slice(0, i + 1);
  return {
    id: `grow-${i + 1}`,
    group: "growing",
    title: `enterprise { ${step.label} }`,
    ours: {
      query: `query Grow${i + 1}($code: String!) { enterprise(code: $code) { ${upTo.map((s) => s.ours).join(" ")} } }`,
      variables: (s) => ({ code: s.enterprise }),
    },
    neo4jGraphql: {
      query: `query Grow${i + 1}($code: String!) { enterprises(where: { code: { eq: $code } }) { ${upTo.map((s) => s.neo).join(" ")} } }`,
      variables: (s) => ({ code: s.enterprise }),
    },
  };
});

// --------------------------------------------------------------------------------------- explorer

const scope = (region: keyof ColdSubjects) => (s: ColdSubjects) => ({ chain: s.chain, scope: { region: s[region] } });
const cannotAnalysis = "an analysis of the service (derived data and scoring), not a read of stored fields";
const needsPlan = (s: ColdSubjects) => (s.plan ? null : "the graph holds no plan");
const needsCluster = (s: ColdSubjects) => (s.cluster ? null : "the graph holds no cluster");

const explorer: ColdShape[] = [
  {
    id: "ex-01",
    group: "explorer",
    title: "01-cities: aliased `cities:`, `first: 16`",
    ours: {
      query: `query Cities { cities: regions(filter: { kind: CITY }, first: 16) { totalCount nodes { code name nameZh parent { nameZh } enterprises(first: 1) { totalCount } } } }`,
      variables: () => ({}),
    },
    neo4jGraphql: {
      query: `query Cities { cities: regionsConnection(first: 16, where: { kind: { eq: CITY } }, sort: [{ code: ASC }]) { totalCount edges { node { code name nameZh parent { nameZh } enterprisesConnection { totalCount } } } } }`,
      variables: () => ({}),
    },
  },
  {
    id: "ex-02",
    group: "explorer",
    title: "02-search: `first: 5`, without `name`",
    ours: {
      query: `query Search($text: String!) { search(text: $text, first: 5) { score node { __typename code nameZh } } }`,
      variables: (s) => ({ text: s.text }),
    },
    neo4jGraphql: {
      cannot: "the search spans every label of the full-text index; @neo4j/graphql searches it for one type only",
    },
  },
  {
    id: "ex-03",
    group: "explorer",
    title: "03-chain: without `industry`, `products(first: 50)`",
    ours: {
      query: `query Chain($chain: String!) { chain(code: $chain) { name nameZh products(first: 50) { totalCount nodes { code nameZh stage inputs { code } producers(first: 3) { totalCount nodes { nameZh } } } } } }`,
      variables: (s) => ({ chain: s.chain }),
    },
    neo4jGraphql: {
      query: `query Chain($chain: String!) { industryChains(where: { code: { eq: $chain } }) { name nameZh productsConnection(first: 50, sort: [{ node: { code: ASC } }]) { totalCount edges { node { code nameZh stage inputs { code } producersConnection(first: 3, sort: [{ node: { code: ASC } }]) { totalCount edges { node { nameZh } } } } } } } }`,
      variables: (s) => ({ chain: s.chain }),
    },
  },
  {
    id: "ex-04a",
    group: "explorer",
    title: "04-enterprise: without `attributes` and `source`, `suppliers(first: 5)`, link products by code",
    ours: {
      query: `query Enterprise($code: String!) { enterprise(code: $code) { name nameZh city { nameZh } cluster { nameZh } products { product { nameZh stage } capacity } suppliers(first: 5) { totalCount nodes { supplier { nameZh city { nameZh } } product { code } volume } } customers(first: 10) { nodes { customer { nameZh } product { code } } } } }`,
      variables: (s) => ({ code: s.enterprise }),
    },
    neo4jGraphql: {
      query: `query Enterprise($code: String!) { enterprises(where: { code: { eq: $code } }) { name nameZh city { nameZh } cluster { nameZh } productsConnection { edges { node { nameZh stage } properties { capacity } } } suppliersConnection(first: 5, sort: [{ node: { code: ASC } }, { edge: { product: ASC } }]) { totalCount edges { node { nameZh city { nameZh } } properties { product volume } } } customersConnection(first: 10, sort: [{ node: { code: ASC } }, { edge: { product: ASC } }]) { edges { node { nameZh } properties { product } } } } }`,
      variables: (s) => ({ code: s.enterprise }),
    },
  },
  {
    id: "ex-04b",
    group: "explorer",
    title: "04-enterprise as written, aliased `firm:`",
    ours: {
      query: `query Enterprise($code: String!) { firm: enterprise(code: $code) { name nameZh city { nameZh } cluster { nameZh } products { product { nameZh stage } capacity } suppliers(first: 10) { totalCount nodes { supplier { nameZh city { nameZh } } product { nameZh } volume source } } customers(first: 10) { nodes { customer { nameZh } product { nameZh } } } attributes { key value } } }`,
      variables: (s) => ({ code: s.enterprise }),
    },
    neo4jGraphql: {
      cannot: "`attributes` (every property as key/value) and a supply link's product as a node have no equivalent",
    },
  },
  {
    id: "ex-05",
    group: "explorer",
    title: "05-enterprises-in-region: `first: 10`, without `cursor` and `endCursor`",
    ours: {
      query: `query EnterprisesInRegion($region: String!, $chain: String) { enterprises(filter: { region: $region, chain: $chain }, first: 10) { totalCount pageInfo { hasNextPage } edges { node { code nameZh city { nameZh } } } } }`,
      variables: (s) => ({ region: s.circle, chain: s.chain }),
    },
    neo4jGraphql: {
      // The region is a circle: its enterprises are those of its cities.
      query: `query EnterprisesInRegion($region: String!, $chain: String!) { enterprisesConnection(first: 10, where: { city: { some: { parent: { some: { code: { eq: $region } } } } }, products: { some: { chain: { some: { code: { eq: $chain } } } } } }, sort: [{ code: ASC }]) { totalCount pageInfo { hasNextPage } edges { node { code nameZh city { nameZh } } } } }`,
      variables: (s) => ({ region: s.circle, chain: s.chain }),
    },
  },
  {
    id: "ex-06",
    group: "explorer",
    title: "06-plan: items without `regions`",
    needs: needsPlan,
    ours: {
      query: `query Plan { plans { nodes { code nameZh yearFrom yearTo region { nameZh } items { kind nameZh name targetValue targetUnit targetYear chains { nameZh } } } } }`,
      variables: () => ({}),
    },
    neo4jGraphql: { cannot: "plans are not in its type definitions (bench/neo4j-graphql-server.ts reads the chain graph only)" },
  },
  {
    id: "ex-07",
    group: "explorer",
    title: "07-clusters: without `focus`, `members(first: 3)`",
    needs: needsCluster,
    ours: {
      query: `query Clusters { clusters { nodes { code nameZh city { nameZh } members(first: 3) { totalCount nodes { nameZh } } } } }`,
      variables: () => ({}),
    },
    neo4jGraphql: {
      query: `query Clusters { clustersConnection(first: 20, sort: [{ code: ASC }]) { edges { node { code nameZh city { nameZh } membersConnection(first: 3, sort: [{ node: { code: ASC } }]) { totalCount edges { node { nameZh } } } } } } }`,
      variables: () => ({}),
    },
  },
  {
    id: "ex-08",
    group: "explorer",
    title: "08-plan-progress: without `series`, reasons in English",
    needs: needsPlan,
    ours: {
      query: `query PlanProgress($plan: String!) { planProgress(plan: $plan) { item { code nameZh } indicator target targetYear unit observed observedYear achievedShare requiredGrowth observedGrowth onTrack reasons(lang: EN) } }`,
      variables: (s) => ({ plan: s.plan }),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "ex-10",
    group: "explorer",
    title: "10-short-boards: `first: 5`, without `dependentCount`",
    ours: {
      query: `query ShortBoards($chain: String!, $scope: ScopeInput!) { shortBoards(chain: $chain, scope: $scope, first: 5) { product { code nameZh stage } kinds score localProducerCount demanderCount localSupplyShare reasons(lang: ZH) } }`,
      variables: scope("city"),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "ex-11",
    group: "explorer",
    title: "11-missing-suppliers: `candidates(first: 2)`",
    ours: {
      query: `query MissingSuppliers($chain: String!, $scope: ScopeInput!) { missingSuppliers(chain: $chain, scope: $scope) { product { code nameZh } demanderCount demanders(first: 5) { nameZh } candidates(first: 2) { enterprise { nameZh city { nameZh } } existingLinksIntoScope reasons(lang: ZH) } reasons } }`,
      variables: scope("city"),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "ex-12",
    group: "explorer",
    title: "12-target-firms: without `reasons`",
    ours: {
      query: `query TargetFirms($chain: String!, $scope: ScopeInput!) { targetFirms(chain: $chain, scope: $scope, first: 10) { enterprise { code nameZh city { nameZh } } covers { nameZh } existingLinksIntoScope capacity score } }`,
      variables: scope("city"),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "ex-13",
    group: "explorer",
    title: "13-cooperation: `first: 10`",
    ours: {
      query: `query Cooperation($chain: String!, $scope: ScopeInput!) { cooperationOpportunities(chain: $chain, scope: $scope, first: 10) { product { nameZh } kind demandCity { nameZh } supplierCity { nameZh } demanderCount supplierCount existingLinks score reasons } }`,
      variables: scope("circle"),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "ex-15",
    group: "explorer",
    title: "15-resilience: `affectedEnterprises(first: 10)`",
    ours: {
      query: `query Resilience($chain: String!, $scope: ScopeInput!, $without: [String!]!) { resilience(chain: $chain, scope: $scope, without: $without) { without { nameZh } lostProducts { product { nameZh } demanders(first: 10) { nameZh } reasons(lang: ZH) } affectedCount affectedEnterprises(first: 10) { nameZh } } }`,
      variables: (s) => ({ chain: s.chain, scope: { region: s.city }, without: [s.producer] }),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "ex-16",
    group: "explorer",
    title: "16-chain-map: without `cities`, with `dependentCount`",
    ours: {
      query: `query ChainMap($chain: String!, $scope: ScopeInput!) { chainMap(chain: $chain, scope: $scope) { chain { nameZh } scope { kind code nameZh } products { product { code nameZh } stage inputCodes localProducerCount demanderCount dependentCount kinds } } }`,
      variables: scope("province"),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "ex-17",
    group: "explorer",
    title: "17-cluster-scope: with `score`",
    needs: needsCluster,
    ours: {
      query: `query ClusterShortBoards($chain: String!, $scope: ScopeInput!) { shortBoards(chain: $chain, scope: $scope) { product { nameZh } kinds score reasons } }`,
      variables: (s) => ({ chain: s.chain, scope: { cluster: s.cluster } }),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
];

// --------------------------------------------------------------------------------------- app

const appScope = (region: keyof ColdSubjects) => (s: ColdSubjects) => ({
  chain: s.chain,
  scope: { region: s[region] },
  lang: "ZH",
  year: null,
});

const app: ColdShape[] = [
  {
    id: "app-pickers",
    group: "app",
    title: "AppPickers: without `years`",
    ours: {
      query: `query AppPickers { regions(first: 100) { nodes { code name nameZh kind parent { code } } } clusters(first: 100) { nodes { code name nameZh city { code parent { code } } } } chains(first: 100) { nodes { code name nameZh } } }`,
      variables: () => ({}),
    },
    neo4jGraphql: {
      query: `query AppPickers { regionsConnection(first: 100, sort: [{ code: ASC }]) { edges { node { code name nameZh kind parent { code } } } } clustersConnection(first: 100, sort: [{ code: ASC }]) { edges { node { code name nameZh city { code parent { code } } } } } industryChainsConnection(first: 100, sort: [{ code: ASC }]) { edges { node { code name nameZh } } } }`,
      variables: () => ({}),
    },
  },
  {
    id: "app-portrait",
    group: "app",
    title: "AppPortrait: the enterprise alone (no `resilience`), links `first: 20` with their products by code",
    ours: {
      query: `query AppPortrait($code: String!, $year: Int) { enterprise(code: $code, year: $year) { code name nameZh city { code name nameZh } cluster { code name nameZh } products { capacity product { code name nameZh stage } } suppliers(first: 20) { totalCount nodes { volume supplier { code name nameZh } product { code } } } customers(first: 20) { totalCount nodes { volume customer { code name nameZh } product { code } } } } }`,
      variables: (s) => ({ code: s.enterprise, year: null }),
    },
    neo4jGraphql: {
      query: `query AppPortrait($code: String!) { enterprises(where: { code: { eq: $code } }) { code name nameZh city { code name nameZh } cluster { code name nameZh } productsConnection { edges { properties { capacity } node { code name nameZh stage } } } suppliersConnection(first: 20, sort: [{ node: { code: ASC } }, { edge: { product: ASC } }]) { totalCount edges { properties { volume product } node { code name nameZh } } } customersConnection(first: 20, sort: [{ node: { code: ASC } }, { edge: { product: ASC } }]) { totalCount edges { properties { volume product } node { code name nameZh } } } } }`,
      variables: (s) => ({ code: s.enterprise }),
    },
  },
  {
    id: "app-product",
    group: "app",
    title: "AppProductPanel: `first: 20`, no region or cluster",
    ours: {
      query: `query AppProductPanel($product: String!, $year: Int) { product(code: $product, year: $year) { code name nameZh stage inputs { code name nameZh } usedBy { code name nameZh } } enterprises(filter: { product: $product }, year: $year, first: 20) { totalCount nodes { code name nameZh city { code name nameZh } } } }`,
      variables: (s) => ({ product: s.product, year: null }),
    },
    neo4jGraphql: {
      query: `query AppProductPanel($product: String!) { products(where: { code: { eq: $product } }) { code name nameZh stage inputs { code name nameZh } usedBy { code name nameZh } } enterprisesConnection(first: 20, where: { products: { some: { code: { eq: $product } } } }, sort: [{ code: ASC }]) { totalCount edges { node { code name nameZh city { code name nameZh } } } } }`,
      variables: (s) => ({ product: s.product }),
    },
  },
  {
    id: "app-firms",
    group: "app",
    title: "AppScopeFirms: a city, `first: 50`",
    ours: {
      query: `query AppScopeFirms($chain: String!, $region: String, $year: Int) { enterprises(filter: { chain: $chain, region: $region }, year: $year, first: 50) { totalCount nodes { code name nameZh } } }`,
      variables: (s) => ({ chain: s.chain, region: s.city, year: null }),
    },
    neo4jGraphql: {
      query: `query AppScopeFirms($chain: String!, $region: String!) { enterprisesConnection(first: 50, where: { city: { some: { code: { eq: $region } } }, products: { some: { chain: { some: { code: { eq: $chain } } } } } }, sort: [{ code: ASC }]) { totalCount edges { node { code name nameZh } } } }`,
      variables: (s) => ({ chain: s.chain, region: s.city }),
    },
  },
  {
    id: "app-chainmap",
    group: "app",
    title: "AppChainMap: `first: 100`",
    ours: {
      query: `query AppChainMap($chain: String!, $scope: ScopeInput!, $year: Int) { chainMap(chain: $chain, scope: $scope, year: $year, first: 100, order: WEAK_FIRST) { productCount chain { code name nameZh } scope { kind code name nameZh } products { product { code name nameZh } stage inputCodes localProducerCount demanderCount dependentCount localSupplyShare kinds } } }`,
      variables: appScope("city"),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "app-shortboards",
    group: "app",
    title: "AppShortBoards: `demanders(first: 5)`",
    ours: {
      query: `query AppShortBoards($chain: String!, $scope: ScopeInput!, $lang: Lang!, $year: Int) { shortBoards(chain: $chain, scope: $scope, year: $year, first: 200) { product { code name nameZh stage } kinds score localProducerCount demanderCount localSupplyShare dependentCount reasons(lang: $lang) demanders(first: 5) { code name nameZh } } }`,
      variables: appScope("city"),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "app-targets",
    group: "app",
    title: "AppTargetFirms: without `covers`",
    ours: {
      query: `query AppTargetFirms($chain: String!, $scope: ScopeInput!, $lang: Lang!, $products: [String!], $first: Int!, $year: Int) { targetFirms(chain: $chain, scope: $scope, products: $products, year: $year, first: $first) { score capacity existingLinksIntoScope reasons(lang: $lang) enterprise { code name nameZh city { code name nameZh } } } }`,
      variables: (s) => ({ ...appScope("city")(s), products: null, first: 20 }),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
  {
    id: "app-heat",
    group: "app",
    title: "AppRegionHeat: the circle, `first: 60`",
    ours: {
      query: `query AppRegionHeat($chain: String!, $scope: ScopeInput!, $year: Int) { chainMap(chain: $chain, scope: $scope, year: $year, first: 60, order: WEAK_FIRST) { productCount products { product { code name nameZh } stage kinds demanderCount } cities { city { code name nameZh } producerCounts { productCode count } } } }`,
      variables: appScope("circle"),
    },
    neo4jGraphql: { cannot: cannotAnalysis },
  },
];

export const COLD_SHAPES: readonly ColdShape[] = [...growing, ...explorer, ...app];

/**
 * The leaf values of an answer, whatever its nesting (a city as an object or a one-element list,
 * items under `nodes` or `edges { node }`), as sorted lines: what the two ways' answers must share.
 * Values only, without their keys (a link's product is \`product { code }\` on the service and an edge
 * property \`product\` on @neo4j/graphql); nulls, cursors and \`__typename\` are left out (an absent
 * cluster is null on one side and an empty list on the other; each way writes its own cursors); numbers
 * are rounded to 6 significant digits.
 */
export function leafValues(data: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (key === "cursor" || key === "endCursor" || key === "__typename") return;
    if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (value !== null && value !== undefined)
      out.push(typeof value === "number" ? String(Number(value.toPrecision(6))) : String(value));
  };
  walk(data, "");
  return out.sort();
}
