/**
 * The reads of the comparison, each written three ways that return the same data:
 *   ours            — a GraphQL operation on the service;
 *   neo4jGraphql    — a GraphQL operation on @neo4j/graphql over the same graph;
 *   raw             — one hand-written Cypher statement through neo4j-driver (the floor).
 * and, for each way, a function that flattens its answer into canonical lines, so the benchmark can
 * check once, before timing, that the three ways return the same items.
 *
 * (a) one enterprise by code: its name, city, every product it makes (with capacity), and its
 *     suppliers: the first 100 supply links into it ordered by supplier code then product, with the
 *     supplier's code and name, the product code and the volume, plus the total number of links.
 * (b) the first page of 100 enterprises located in a city, ordered by code, with every product each
 *     makes (with capacity) and whether there is a next page.
 * (c) a product with its producers three levels deep: the product's first FANOUT producers by code;
 *     for each, every product it makes; for each of those, its first FANOUT producers by code; for
 *     each, every product it makes; for each of those, its first FANOUT producers by code (codes and
 *     names at every level, capacities on every PRODUCES edge).
 * (d) a full-text search of a word through the `entity_names` index (the service's `search`, limit
 *     SEARCH_FIRST, best first, ties by code), with each enterprise hit's city and products (with
 *     capacity). The index spans every label but @neo4j/graphql can only search it for one type, so
 *     what is compared is the enterprise hits, in order; the word is picked so that the first
 *     SEARCH_FIRST hits are all enterprises and the one after them scores lower (bench/subjects.ts),
 *     so the three ways must return the same hits whatever the label filter and the tie-breaking.
 * (e) NODES enterprises by global id (`node(id:)`, 50 aliases in one document on the service), each
 *     with its code, name and city code.
 */
import { globalId } from "../src/graph/vocabulary/records.js";
import { escapeLucene } from "../src/graph/repositories/search.repository.js";

export const PAGE = 100;
export const SUPPLIERS = 100;
export const FANOUT = 5;
export const SEARCH_FIRST = 20;
export const NODES = 50;

export interface Subjects extends AnalyticsSubjects {
  /** (a) an enterprise with suppliers. */
  enterprise: string;
  enterpriseSuppliers: number;
  /** (b) a city. */
  city: string;
  cityEnterprises: number;
  /** (c) a product with producers. */
  product: string;
  productProducers: number;
  /** (d) a word to search for, the enterprises whose English name holds it, and the hits of its search. */
  searchText: string;
  searchTextEnterprises: number;
  searchHits: number;
  /** (e) the enterprises to fetch by global id, in code order. */
  nodeCodes: string[];
}

/** A chain the analytics are timed on, and the rules (bench/subjects.ts) that picked it. */
export interface AnalyticsChain {
  roles: Array<"about60" | "largest">;
  code: string;
  products: number;
  /** The chain's products MISSING in the city (demanded there, no local producer). */
  missingInCity: number;
}

/** Analytics: the chains, and a city (the same as (b)), its circle and its province. */
export interface AnalyticsSubjects {
  chains: AnalyticsChain[];
  /** Chains in the catalogue. */
  chainCount: number;
  city: string;
  cityEnterprises: number;
  circle: string;
  province: string;
}

export type ReadId = "a" | "b" | "c" | "d" | "e";
type Json = Record<string, unknown>;
type Canon = (data: unknown) => string[];

export interface ReadCase {
  id: ReadId;
  title: string;
  definition: string;
  ours: { query: string; variables: (s: Subjects) => Json; canon: Canon };
  neo4jGraphql: { query: string; variables: (s: Subjects) => Json; canon: Canon };
  raw: { cypher: string; params: (s: Subjects) => Json; shape: (rows: Json[]) => unknown; canon: Canon };
}

const num = (v: unknown) => (v === null || v === undefined ? "null" : String(Number(v)));
const str = (v: unknown) => (v === null || v === undefined ? "null" : String(v));
const arr = (v: unknown) => (Array.isArray(v) ? (v as Json[]) : []);
const obj = (v: unknown) => (v && typeof v === "object" ? (v as Json) : {});

/** Canonical lines of one enterprise's own fields (a, b) and its products. */
function enterpriseLines(prefix: string, e: { code: unknown; name: unknown; nameZh: unknown }, products: Json[]): string[] {
  const lines = [`${prefix}enterprise ${str(e.code)} ${str(e.name)} ${str(e.nameZh)}`];
  for (const p of products)
    lines.push(`${prefix}produces ${str(e.code)} ${str(p.code)} ${str(p.name)} ${str(p.stage)} cap=${num(p.capacity)}`);
  return lines;
}

// ---------------------------------------------------------------------------------------------- (a)

const readA: ReadCase = {
  id: "a",
  title: "(a) enterprise by code, with products and suppliers",
  definition: `one enterprise by code: name, city, all products with capacity, the first ${SUPPLIERS} supply links into it (by supplier code, product) with supplier code+name, product code, volume, and the total link count`,
  ours: {
    query: /* GraphQL */ `
      query ReadA($code: String!) {
        enterprise(code: $code) {
          code
          name
          nameZh
          city { code }
          products { capacity product { code name stage } }
          suppliers(first: ${SUPPLIERS}) { totalCount nodes { volume supplier { code name } product { code } } }
        }
      }`,
    variables: (s) => ({ code: s.enterprise }),
    canon: (data) => {
      const e = obj(obj(data).enterprise);
      const products = arr(e.products).map((p) => ({ ...obj(p.product), capacity: p.capacity }));
      const links = obj(e.suppliers);
      return [
        ...enterpriseLines("", e as never, products),
        `city ${str(obj(e.city).code)}`,
        `suppliers total=${num(links.totalCount)}`,
        ...arr(links.nodes).map(
          (l) =>
            `supplier ${str(obj(l.supplier).code)} ${str(obj(l.supplier).name)} ${str(obj(l.product).code)} vol=${num(l.volume)}`,
        ),
      ];
    },
  },
  neo4jGraphql: {
    query: /* GraphQL */ `
      query ReadA($code: String!) {
        enterprises(where: { code: { eq: $code } }) {
          code
          name
          nameZh
          city { code }
          productsConnection { edges { properties { capacity } node { code name stage } } }
          suppliersConnection(first: ${SUPPLIERS}, sort: [{ node: { code: ASC } }, { edge: { product: ASC } }]) {
            totalCount
            edges { properties { product volume } node { code name } }
          }
        }
      }`,
    variables: (s) => ({ code: s.enterprise }),
    canon: (data) => {
      const e = obj(arr(obj(data).enterprises)[0]);
      const products = arr(obj(e.productsConnection).edges).map((x) => ({
        ...obj(x.node),
        capacity: obj(x.properties).capacity,
      }));
      const links = obj(e.suppliersConnection);
      return [
        ...enterpriseLines("", e as never, products),
        `city ${str(obj(arr(e.city)[0]).code)}`,
        `suppliers total=${num(links.totalCount)}`,
        ...arr(links.edges).map(
          (x) =>
            `supplier ${str(obj(x.node).code)} ${str(obj(x.node).name)} ${str(obj(x.properties).product)} vol=${num(obj(x.properties).volume)}`,
        ),
      ];
    },
  },
  raw: {
    cypher: `
      MATCH (e:Enterprise {code: $code})
      RETURN e.code AS code, e.name AS name, e.nameZh AS nameZh,
        [(e)-[:LOCATED_IN]->(c:Region) | c.code][0] AS city,
        [(e)-[r:PRODUCES]->(p:Product) | {capacity: r.capacity, code: p.code, name: p.name, stage: p.stage}] AS products,
        COUNT { (e)<-[:SUPPLIES]-(:Enterprise) } AS supplierCount,
        COLLECT {
          MATCH (e)<-[s:SUPPLIES]-(x:Enterprise)
          WITH s, x ORDER BY x.code, s.product LIMIT ${SUPPLIERS}
          RETURN {code: x.code, name: x.name, product: s.product, volume: s.volume}
        } AS suppliers`,
    params: (s) => ({ code: s.enterprise }),
    shape: (rows) => rows[0] ?? null,
    canon: (data) => {
      const e = obj(data);
      return [
        ...enterpriseLines("", e as never, arr(e.products)),
        `city ${str(e.city)}`,
        `suppliers total=${num(e.supplierCount)}`,
        ...arr(e.suppliers).map((l) => `supplier ${str(l.code)} ${str(l.name)} ${str(l.product)} vol=${num(l.volume)}`),
      ];
    },
  },
};

// ---------------------------------------------------------------------------------------------- (b)

const readB: ReadCase = {
  id: "b",
  title: `(b) page of ${PAGE} enterprises of a city, with products`,
  definition: `the first ${PAGE} enterprises located in a city, by code, each with all products and capacities, and hasNextPage`,
  ours: {
    query: /* GraphQL */ `
      query ReadB($city: String!) {
        enterprises(filter: { region: $city }, first: ${PAGE}) {
          pageInfo { hasNextPage endCursor }
          nodes { code name nameZh products { capacity product { code name stage } } }
        }
      }`,
    variables: (s) => ({ city: s.city }),
    canon: (data) => {
      const page = obj(obj(data).enterprises);
      return [
        `hasNextPage ${str(obj(page.pageInfo).hasNextPage)}`,
        ...arr(page.nodes).flatMap((e) =>
          enterpriseLines(
            "",
            e as never,
            arr(e.products).map((p) => ({ ...obj(p.product), capacity: p.capacity })),
          ),
        ),
      ];
    },
  },
  neo4jGraphql: {
    query: /* GraphQL */ `
      query ReadB($city: String!) {
        enterprisesConnection(first: ${PAGE}, where: { city: { some: { code: { eq: $city } } } }, sort: [{ code: ASC }]) {
          pageInfo { hasNextPage endCursor }
          edges { node { code name nameZh productsConnection { edges { properties { capacity } node { code name stage } } } } }
        }
      }`,
    variables: (s) => ({ city: s.city }),
    canon: (data) => {
      const page = obj(obj(data).enterprisesConnection);
      return [
        `hasNextPage ${str(obj(page.pageInfo).hasNextPage)}`,
        ...arr(page.edges).flatMap((x) => {
          const e = obj(x.node);
          const products = arr(obj(e.productsConnection).edges).map((y) => ({
            ...obj(y.node),
            capacity: obj(y.properties).capacity,
          }));
          return enterpriseLines("", e as never, products);
        }),
      ];
    },
  },
  raw: {
    cypher: `
      MATCH (:Region {code: $city})<-[:LOCATED_IN]-(e:Enterprise)
      WITH e ORDER BY e.code LIMIT ${PAGE + 1}
      RETURN e.code AS code, e.name AS name, e.nameZh AS nameZh,
        [(e)-[r:PRODUCES]->(p:Product) | {capacity: r.capacity, code: p.code, name: p.name, stage: p.stage}] AS products`,
    params: (s) => ({ city: s.city }),
    shape: (rows) => ({ hasNextPage: rows.length > PAGE, nodes: rows.slice(0, PAGE) }),
    canon: (data) => {
      const page = obj(data);
      return [
        `hasNextPage ${str(page.hasNextPage)}`,
        ...arr(page.nodes).flatMap((e) => enterpriseLines("", e as never, arr(e.products))),
      ];
    },
  },
};

// ---------------------------------------------------------------------------------------------- (c)

/** Lines of a producer tree given accessors for each way's shape. */
function treeLines(
  root: Json,
  producersOf: (product: Json) => Json[],
  productsOf: (enterprise: Json) => Array<{ product: Json; capacity: unknown }>,
): string[] {
  const lines = [`product ${str(root.code)} ${str(root.name)}`];
  const walk = (product: Json, path: string, level: number) => {
    for (const e of producersOf(product)) {
      const here = `${path}/${str(e.code)}`;
      lines.push(`producer@L${level} ${here} ${str(e.name)}`);
      if (level === 3) continue;
      for (const { product: p, capacity } of productsOf(e)) {
        lines.push(`product@L${level} ${here} makes ${str(p.code)} ${str(p.name)} cap=${num(capacity)}`);
        walk(p, `${here}>${str(p.code)}`, level + 1);
      }
    }
  };
  walk(root, str(root.code), 1);
  return lines;
}

/** Groups rows by a key, keeping order. */
function group(rows: Json[], key: string): Map<string, Json[]> {
  const map = new Map<string, Json[]>();
  for (const row of rows) {
    const k = String(row[key]);
    map.set(k, [...(map.get(k) ?? []), row]);
  }
  return map;
}

const byCode = (a: Json, b: Json) => (String(a.code) < String(b.code) ? -1 : String(a.code) > String(b.code) ? 1 : 0);

/** The raw (c) tree from its flat levels: the same nesting the two GraphQL answers have. */
function shapeC(row: Json) {
  const makes1 = group(arr(row.makes1), "e");
  const by2 = group(arr(row.by2), "p");
  const names2 = new Map(arr(row.e2).map((e) => [String(e.code), e.name]));
  const makes2 = group(arr(row.makes2), "e");
  const by3 = group(arr(row.by3), "p");
  const products = (made: Json[] | undefined, producers: (p: string) => Json[]) =>
    (made ?? []).map((m) => ({ capacity: m.capacity, code: m.p, name: m.name, producers: producers(String(m.p)) }));
  const level3 = (p: string) => (by3.get(p) ?? []).map((x) => ({ code: x.e, name: x.name })).sort(byCode);
  const level2 = (p: string) =>
    (by2.get(p) ?? [])
      .map((x) => ({ code: x.e, name: names2.get(String(x.e)), products: products(makes2.get(String(x.e)), level3) }))
      .sort(byCode);
  return {
    code: row.code,
    name: row.name,
    producers: arr(row.l1)
      .map((e) => ({ code: e.code, name: e.name, products: products(makes1.get(String(e.code)), level2) }))
      .sort(byCode),
  };
}

const ourProducers = `producers(first: ${FANOUT}) { nodes { code name`;
const neoProducers = `producersConnection(first: ${FANOUT}, sort: [{ node: { code: ASC } }]) { edges { node { code name`;

const readC: ReadCase = {
  id: "c",
  title: "(c) product with producers three levels deep",
  definition: `a product; its first ${FANOUT} producers by code; their products; those products' first ${FANOUT} producers; their products; those products' first ${FANOUT} producers (codes, names, capacities)`,
  ours: {
    query: /* GraphQL */ `
      query ReadC($code: String!) {
        product(code: $code) {
          code
          name
          ${ourProducers}
            products { capacity product { code name
              ${ourProducers}
                products { capacity product { code name
                  ${ourProducers} } }
                } }
              } }
            } }
          } }
        }
      }`,
    variables: (s) => ({ code: s.product }),
    canon: (data) =>
      treeLines(
        obj(obj(data).product),
        (p) => arr(obj(p.producers).nodes),
        (e) => arr(e.products).map((x) => ({ product: obj(x.product), capacity: x.capacity })),
      ),
  },
  neo4jGraphql: {
    query: /* GraphQL */ `
      query ReadC($code: String!) {
        products(where: { code: { eq: $code } }) {
          code
          name
          ${neoProducers}
            productsConnection { edges { properties { capacity } node { code name
              ${neoProducers}
                productsConnection { edges { properties { capacity } node { code name
                  ${neoProducers} } } }
                } } }
              } } }
            } } }
          } } }
        }
      }`,
    variables: (s) => ({ code: s.product }),
    canon: (data) =>
      treeLines(
        obj(arr(obj(data).products)[0]),
        (p) => arr(obj(p.producersConnection).edges).map((x) => obj(x.node)),
        (e) => arr(obj(e.productsConnection).edges).map((x) => ({ product: obj(x.node), capacity: obj(x.properties).capacity })),
      ),
  },
  raw: {
    // Level by level, each distinct product's producers are looked up once (a product reached through
    // several producers is not expanded again); the tree is assembled from the flat levels in shapeC.
    cypher: `
      MATCH (p0:Product {code: $code})
      CALL { WITH p0
        MATCH (p0)<-[:PRODUCES]-(e:Enterprise) WITH e ORDER BY e.code LIMIT ${FANOUT} RETURN collect(e) AS e1 }
      CALL { WITH e1
        UNWIND e1 AS e MATCH (e)-[r:PRODUCES]->(p:Product)
        RETURN collect(DISTINCT p) AS p1, collect({e: e.code, p: p.code, name: p.name, capacity: r.capacity}) AS makes1 }
      CALL { WITH p1
        UNWIND p1 AS p
        CALL { WITH p MATCH (p)<-[:PRODUCES]-(e:Enterprise) WITH e ORDER BY e.code LIMIT ${FANOUT} RETURN collect(e) AS top }
        UNWIND top AS e
        RETURN collect({p: p.code, e: e.code}) AS by2, collect(DISTINCT e) AS e2 }
      CALL { WITH e2
        UNWIND e2 AS e MATCH (e)-[r:PRODUCES]->(p:Product)
        RETURN collect(DISTINCT p) AS p2, collect({e: e.code, p: p.code, name: p.name, capacity: r.capacity}) AS makes2 }
      CALL { WITH p2
        UNWIND p2 AS p
        CALL { WITH p MATCH (p)<-[:PRODUCES]-(e:Enterprise) WITH e ORDER BY e.code LIMIT ${FANOUT} RETURN collect(e) AS top }
        UNWIND top AS e
        RETURN collect({p: p.code, e: e.code, name: e.name}) AS by3 }
      RETURN p0.code AS code, p0.name AS name, [e IN e1 | {code: e.code, name: e.name}] AS l1, makes1, by2,
        [e IN e2 | {code: e.code, name: e.name}] AS e2, makes2, by3`,
    params: (s) => ({ code: s.product }),
    shape: (rows) => (rows[0] ? shapeC(rows[0]) : null),
    canon: (data) =>
      treeLines(
        obj(data),
        (p) => arr(p.producers),
        (e) => arr(e.products).map((x) => ({ product: x, capacity: x.capacity })),
      ),
  },
};

// ---------------------------------------------------------------------------------------------- (d)

/** Lines of the enterprise hits of a search, numbered in the order returned (non-enterprise hits are dropped). */
function hitLines(hits: Array<{ score: unknown; e: Json; city: Json; products: Json[] }>): string[] {
  return hits.flatMap(({ score, e, city, products }, i) => [
    `hit #${i + 1} ${str(e.code)} ${str(e.name)} ${str(e.nameZh)} score=${Number(score).toPrecision(6)}`,
    `city ${str(e.code)} ${str(city.code)} ${str(city.name)}`,
    ...products.map((p) => `produces ${str(e.code)} ${str(p.code)} ${str(p.name)} cap=${num(p.capacity)}`),
  ]);
}

const readD: ReadCase = {
  id: "d",
  title: `(d) full-text search, first ${SEARCH_FIRST} hits, with each enterprise's city and products`,
  definition:
    `a search for one word through the full-text index \`entity_names\` (every label's name, nameZh and code), the first ${SEARCH_FIRST} hits ` +
    "best first (ties by code), and for each enterprise hit its code, name, nameZh, city (code, name) and all products with capacity. " +
    "Compared: the enterprise hits in order (rank, code, score to 6 digits) and their cities and products; ours and raw search every label " +
    "and keep the enterprises in their canonical lines, @neo4j/graphql searches the same index for `Enterprise` only. The word is picked " +
    `so that its first ${SEARCH_FIRST} hits are all enterprises and the next hit scores lower, so all three return the same hits`,
  ours: {
    query: /* GraphQL */ `
      query ReadD($text: String!) {
        search(text: $text, first: ${SEARCH_FIRST}) {
          score
          node {
            __typename
            code
            name
            nameZh
            ... on Enterprise { city { code name } products { capacity product { code name } } }
          }
        }
      }`,
    variables: (s) => ({ text: s.searchText }),
    canon: (data) =>
      hitLines(
        arr(obj(data).search)
          .filter((h) => obj(h.node).__typename === "Enterprise")
          .map((h) => {
            const e = obj(h.node);
            return {
              score: h.score,
              e,
              city: obj(e.city),
              products: arr(e.products).map((p) => ({ ...obj(p.product), capacity: p.capacity })),
            };
          }),
      ),
  },
  neo4jGraphql: {
    query: /* GraphQL */ `
      query ReadD($text: String!) {
        enterprisesByName(phrase: $text, first: ${SEARCH_FIRST}, sort: [{ score: DESC }, { node: { code: ASC } }]) {
          edges {
            score
            node { code name nameZh city { code name } productsConnection { edges { properties { capacity } node { code name } } } }
          }
        }
      }`,
    variables: (s) => ({ text: s.searchText }),
    canon: (data) =>
      hitLines(
        arr(obj(obj(data).enterprisesByName).edges).map((x) => {
          const e = obj(x.node);
          return {
            score: x.score,
            e,
            city: obj(arr(e.city)[0]),
            products: arr(obj(e.productsConnection).edges).map((y) => ({ ...obj(y.node), capacity: obj(y.properties).capacity })),
          };
        }),
      ),
  },
  raw: {
    cypher: `
      CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: ${SEARCH_FIRST}}) YIELD node AS n, score
      RETURN score, n:Enterprise AS enterprise, n.code AS code, n.name AS name, n.nameZh AS nameZh,
        CASE WHEN n:Enterprise THEN [(n)-[:LOCATED_IN]->(c:Region) | {code: c.code, name: c.name}][0] END AS city,
        CASE WHEN n:Enterprise THEN [(n)-[r:PRODUCES]->(p:Product) | {capacity: r.capacity, code: p.code, name: p.name}] END AS products
      ORDER BY score DESC, code`,
    // The text escaped as the service escapes it (the picked word has no Lucene syntax, so it is unchanged).
    params: (s) => ({ query: escapeLucene(s.searchText) }),
    shape: (rows) => rows,
    canon: (data) =>
      hitLines(
        arr(data)
          .filter((h) => h.enterprise === true)
          .map((h) => ({ score: h.score, e: h, city: obj(h.city), products: arr(h.products) })),
      ),
  },
};

// ---------------------------------------------------------------------------------------------- (e)

const nodeIndexes = Array.from({ length: NODES }, (_, i) => i);

const readE: ReadCase = {
  id: "e",
  title: `(e) ${NODES} enterprises by global id`,
  definition: `${NODES} enterprises by global id (\`node(id:)\`, ${NODES} aliases in one document on ours; by code for the other two), each with code, name and city code`,
  ours: {
    query: /* GraphQL */ `
      query ReadE(${nodeIndexes.map((i) => `$id${i}: ID!`).join(", ")}) {
        ${nodeIndexes.map((i) => `n${i}: node(id: $id${i}) { ... on Enterprise { code name city { code } } }`).join("\n        ")}
      }`,
    variables: (s) => Object.fromEntries(s.nodeCodes.map((code, i) => [`id${i}`, globalId("Enterprise", code)])),
    canon: (data) =>
      nodeIndexes.map((i) => {
        const e = obj(obj(data)[`n${i}`]);
        return `enterprise ${str(e.code)} ${str(e.name)} city=${str(obj(e.city).code)}`;
      }),
  },
  neo4jGraphql: {
    query: /* GraphQL */ `
      query ReadE($codes: [String!]!) {
        enterprises(where: { code: { in: $codes } }) {
          code
          name
          city {
            code
          }
        }
      }
    `,
    variables: (s) => ({ codes: s.nodeCodes }),
    canon: (data) =>
      arr(obj(data).enterprises).map((e) => `enterprise ${str(e.code)} ${str(e.name)} city=${str(obj(arr(e.city)[0]).code)}`),
  },
  raw: {
    cypher: `
      UNWIND $codes AS code
      MATCH (e:Enterprise {code: code})
      RETURN e.code AS code, e.name AS name, [(e)-[:LOCATED_IN]->(c:Region) | c.code][0] AS city`,
    params: (s) => ({ codes: s.nodeCodes }),
    shape: (rows) => rows,
    canon: (data) => arr(data).map((e) => `enterprise ${str(e.code)} ${str(e.name)} city=${str(e.city)}`),
  },
};

export const READS: readonly ReadCase[] = [readA, readB, readC, readD, readE];

/**
 * The chain's products with their REQUIRES edges, then each product of the neighbourhood (chain +
 * direct inputs) once; with \`cities\`, also the list of the scope's cities (read once). \`year\` is the
 * year of the derived data to read: the latest the graph holds (0 without years), as the analyses'
 * default.
 */
const derivedHead = (cities = false) => {
  const c = cities ? ", cities" : "";
  return `
  OPTIONAL MATCH (ds:DerivedState {code: 'analytics'})
  WITH last(coalesce(ds.years, [0])) AS year
  MATCH (scope:Region {code: $scope})
  ${cities ? "WITH year, scope, COLLECT { MATCH (scope)<-[:PART_OF*0..3]-(c:Region {kind: 'CITY'}) RETURN c } AS cities" : ""}
  MATCH (:IndustryChain {code: $chain})<-[:IN_CHAIN]-(cp:Product)
  OPTIONAL MATCH (cp)-[r:REQUIRES]->(i:Product)
  WITH year, scope${c}, count(DISTINCT cp) AS products, count(r) AS requiresEdges, collect(DISTINCT cp) + collect(DISTINCT i) AS neighbourhood
  UNWIND neighbourhood AS p
  WITH DISTINCT year, scope${c}, products, requiresEdges, p`;
};

const LOWER_BOUND_HEAD = `
  MATCH (:IndustryChain {code: $chain})<-[:IN_CHAIN]-(p:Product)
  WITH collect(p.code) AS codes, count(p) AS products, sum(COUNT { (p)-[:REQUIRES]-(:Product) }) AS requiresEdges
  MATCH (:Region {code: $scope})<-[:PART_OF*0..]-(c:Region)
  WITH codes, products, requiresEdges, collect(c.code) AS cities
  CALL { WITH codes, cities
    MATCH (p:Product)<-[:PRODUCES]-(e:Enterprise)-[:LOCATED_IN]->(city:Region)
    USING JOIN ON e
    WHERE p.code IN codes AND city.code IN cities
    RETURN count(*) AS producersInScope }`;

/**
 * Lower bounds of an analytics query, each one statement that only reads the chain's subgraph for the
 * scope (a region and everything beneath it) and counts it.
 *
 * - `derived` (the bound the goal uses since the analyses read derived data, src/graph/derived/derived.ts):
 *   the chain's products, their REQUIRES edges, and the `IN_REGION` relationship to the scope region
 *   of every product of the neighbourhood (the chain's products and their direct inputs), with its
 *   producers, demanders and volumes, in the latest year the graph holds. That is what every region-scope analysis must read at least; the
 *   analyses read more (names, stages, the inputs' codes, code lists for the items they return).
 * - `derivedCities`: the same, plus the `IN_REGION` relationships to each city of the scope, with the
 *   delivery breakdown by supplier city, which chainMap and cooperationOpportunities also read.
 * - `structure` (the bound before derived data): the chain's products, the REQUIRES edges into and out
 *   of them, and the producers of those products located in the scope. The producers are found by a
 *   hash join of the products' side and the scope's cities' side on the enterprise (the cheapest plan
 *   measured on the province data set).
 * - `deliveries`: the same, plus the supply links of the chain's products delivered to enterprises in
 *   the scope, with their volume: what local supply shares (LOW_LOCAL_SHARE, shortBoards, chainMap)
 *   and existing links (cooperation) must read on top of the structure. Also a hash join, on the customer.
 *
 * `structure` and `deliveries` read raw data per enterprise, which the analyses no longer do: they
 * are kept as extra columns, comparable with earlier runs.
 */
export const LOWER_BOUNDS = {
  derived: `${derivedHead()}
  OPTIONAL MATCH (p)-[s:IN_REGION]->(scope) WHERE s.year = year
  RETURN products, requiresEdges, count(p) AS neighbourhood, count(s) AS inRegion,
         sum(s.producers) AS producers, sum(s.demanders) AS demanders, sum(s.volume) AS volume, sum(s.localVolume) AS localVolume`,
  derivedCities: `${derivedHead(true)}
  OPTIONAL MATCH (p)-[s:IN_REGION]->(scope) WHERE s.year = year
  WITH products, requiresEdges, p, s, [(p)-[t:IN_REGION]->(c:Region) WHERE t.year = year AND c IN cities | size(coalesce(t.fromCities, []))] AS perCity
  RETURN products, requiresEdges, count(p) AS neighbourhood, count(s) AS inRegion,
         sum(s.producers) AS producers, sum(s.demanders) AS demanders, sum(s.volume) AS volume, sum(s.localVolume) AS localVolume,
         sum(size(perCity)) AS cityStats, sum(reduce(n = 0, x IN perCity | n + x)) AS fromCities`,
  structure: `${LOWER_BOUND_HEAD}
  RETURN products, requiresEdges, producersInScope`,
  deliveries: `${LOWER_BOUND_HEAD}
  CALL { WITH codes, cities
    MATCH ()-[l:SUPPLIES]->(c:Enterprise)-[:LOCATED_IN]->(city:Region)
    USING JOIN ON c
    WHERE l.product IN codes AND city.code IN cities
    RETURN count(l) AS deliveries, sum(l.volume) AS volume }
  RETURN products, requiresEdges, producersInScope, deliveries, volume`,
} as const;
/** The lower bound the goal (analysis ≤ 3 × bound) is checked against. */
export const GOAL_BOUND = "derived" satisfies LowerBound;
export type LowerBound = keyof typeof LOWER_BOUNDS;

/** Sorted canonical lines, and item counts by kind (the first word of each line). */
export function summarize(lines: string[]): { lines: string[]; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const kind = line.split(" ")[0]!;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return { lines: [...lines].sort(), counts };
}
