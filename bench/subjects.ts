/**
 * Picks the benchmark's subjects from the data, deterministically (ties broken by code), so every run
 * on the same data set reads the same things.
 */
import type { Driver } from "neo4j-driver";
import { NODES, SEARCH_FIRST, SUPPLIERS, type AnalyticsChain, type AnalyticsSubjects, type Subjects } from "./cases.js";

/** The chain size the goals name ("a ~60-product chain"). */
export const SMALL_CHAIN_PRODUCTS = 60;

async function one<T>(
  driver: Driver,
  database: string | undefined,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<T> {
  const { records } = await driver.executeQuery(cypher, params, { database, routing: "READ" });
  if (records.length === 0) throw new Error(`no subject found by: ${cypher.trim().split("\n")[0]}`);
  return records[0]!.toObject() as T;
}

export const SUBJECT_RULES = {
  enterprise: `the enterprise with the most incoming supply links among those with at most ${SUPPLIERS} (one page holds all of them)`,
  city: "the city with the most enterprises",
  product: "the product with the most producers",
  searchText:
    `the word (letters only) in the English names of the most enterprises, among the words whose search (the \`entity_names\` index, best first) ` +
    `has enterprises as its first ${SEARCH_FIRST} hits and a lower score for the hit after them (or no hit after them), so that every way's ` +
    `first ${SEARCH_FIRST} enterprise hits are the same, whatever it does with other labels and with ties`,
  nodeCodes: `spread evenly over all enterprises in code order: of the N codes in order, the one at (0-based) position ⌊i·N/${NODES}⌋ for i = 0…${NODES - 1}`,
  chainAbout60: `the chain whose number of products is closest to ${SMALL_CHAIN_PRODUCTS} (ties: the larger, then by code)`,
  chainLargest: "the chain with the most products (ties by code)",
  circle: "the circle of that city",
  province: "the province above that city",
};

export async function pickSubjects(driver: Driver, database: string | undefined): Promise<Subjects> {
  const enterprise = await one<{ code: string; n: number }>(
    driver,
    database,
    `MATCH (e:Enterprise)
     WITH e.code AS code, COUNT { (e)<-[:SUPPLIES]-(:Enterprise) } AS n
     WHERE 0 < n <= $max
     RETURN code, n ORDER BY n DESC, code LIMIT 1`,
    { max: SUPPLIERS },
  );
  const city = await one<{ code: string; n: number }>(
    driver,
    database,
    `MATCH (c:Region {kind: 'CITY'})
     RETURN c.code AS code, COUNT { (c)<-[:LOCATED_IN]-(:Enterprise) } AS n ORDER BY n DESC, code LIMIT 1`,
  );
  const product = await one<{ code: string; n: number }>(
    driver,
    database,
    `MATCH (p:Product)
     RETURN p.code AS code, COUNT { (p)<-[:PRODUCES]-(:Enterprise) } AS n ORDER BY n DESC, code LIMIT 1`,
  );
  // (d) Words split on spaces; a candidate's search fetches one hit more than the read, to see past its last.
  const search = await one<{ word: string; n: number; hits: number }>(
    driver,
    database,
    `MATCH (e:Enterprise)
     UNWIND split(e.name, ' ') AS word
     WITH word, count(DISTINCT e) AS n WHERE word =~ '[A-Za-z]+'
     CALL { WITH word
       CALL db.index.fulltext.queryNodes('entity_names', word, {limit: ${SEARCH_FIRST + 1}}) YIELD node, score
       RETURN collect({enterprise: node:Enterprise, score: score}) AS hits }
     WITH word, n, hits
     WHERE size(hits) > 0 AND all(h IN hits[0..${SEARCH_FIRST}] WHERE h.enterprise)
       AND (size(hits) <= ${SEARCH_FIRST} OR hits[${SEARCH_FIRST - 1}].score > hits[${SEARCH_FIRST}].score)
     RETURN word, n, size(hits[0..${SEARCH_FIRST}]) AS hits ORDER BY n DESC, word LIMIT 1`,
  );
  const nodes = await one<{ codes: string[] }>(
    driver,
    database,
    `MATCH (e:Enterprise) WITH e.code AS code ORDER BY code
     WITH collect(code) AS codes WHERE size(codes) >= ${NODES}
     RETURN [i IN range(0, ${NODES - 1}) | codes[i * size(codes) / ${NODES}]] AS codes`,
  );
  const analytics = await pickAnalyticsSubjects(driver, database, city);
  return {
    enterprise: enterprise.code,
    enterpriseSuppliers: Number(enterprise.n),
    product: product.code,
    productProducers: Number(product.n),
    searchText: search.word,
    searchTextEnterprises: Number(search.n),
    searchHits: Number(search.hits),
    nodeCodes: nodes.codes,
    ...analytics,
  };
}

/**
 * The analytics subjects alone (cheap: it reads no enterprise name and no search index): the chain
 * closest to 60 products and the largest chain (one entry when the same chain is both), the city with
 * the most enterprises (or `city` when already picked), its circle and its province.
 */
export async function pickAnalyticsSubjects(
  driver: Driver,
  database: string | undefined,
  picked?: { code: string; n: number },
): Promise<AnalyticsSubjects> {
  const city =
    picked ??
    (await one<{ code: string; n: number }>(
      driver,
      database,
      `MATCH (c:Region {kind: 'CITY'})
       RETURN c.code AS code, COUNT { (c)<-[:LOCATED_IN]-(:Enterprise) } AS n ORDER BY n DESC, code LIMIT 1`,
    ));
  const { records } = await driver.executeQuery(
    `MATCH (ch:IndustryChain)
     RETURN ch.code AS code, COUNT { (ch)<-[:IN_CHAIN]-(:Product) } AS products ORDER BY code`,
    {},
    { database, routing: "READ" },
  );
  const sizes = records.map((r) => ({ code: String(r.get("code")), products: Number(r.get("products")) }));
  if (sizes.length === 0) throw new Error("no industrial chain in the database");
  const about60 = [...sizes].sort(
    (a, b) =>
      Math.abs(a.products - SMALL_CHAIN_PRODUCTS) - Math.abs(b.products - SMALL_CHAIN_PRODUCTS) ||
      b.products - a.products ||
      a.code.localeCompare(b.code),
  )[0]!;
  const largest = [...sizes].sort((a, b) => b.products - a.products || a.code.localeCompare(b.code))[0]!;
  const chains: AnalyticsChain[] = [];
  for (const [role, c] of [
    ["about60", about60],
    ["largest", largest],
  ] as const) {
    const known = chains.find((x) => x.code === c.code);
    if (known) {
      known.roles.push(role);
      continue;
    }
    // Descriptive only: MISSING products as shortBoards defines them (demanded in the city, made by no firm there).
    const missing = await one<{ missing: number }>(
      driver,
      database,
      `MATCH (city:Region {code: $city})
       MATCH (:IndustryChain {code: $chain})<-[:IN_CHAIN]-(p:Product)
       WHERE NOT EXISTS { (p)<-[:PRODUCES]-(:Enterprise)-[:LOCATED_IN]->(city) }
         AND EXISTS { (p)<-[:REQUIRES]-(:Product)<-[:PRODUCES]-(:Enterprise)-[:LOCATED_IN]->(city) }
       RETURN count(p) AS missing`,
      { city: city.code, chain: c.code },
    );
    chains.push({ roles: [role], code: c.code, products: c.products, missingInCity: Number(missing.missing) });
  }
  const circle = await one<{ code: string }>(
    driver,
    database,
    `MATCH (:Region {code: $city})-[:PART_OF*1..]->(c:Region {kind: 'CIRCLE'}) RETURN c.code AS code ORDER BY code LIMIT 1`,
    { city: city.code },
  ).catch(() => ({ code: city.code }));
  const province = await one<{ code: string }>(
    driver,
    database,
    `MATCH (:Region {code: $city})-[:PART_OF*1..]->(p:Region {kind: 'PROVINCE'}) RETURN p.code AS code ORDER BY code LIMIT 1`,
    { city: city.code },
  );
  return {
    chains,
    chainCount: sizes.length,
    city: city.code,
    cityEnterprises: Number(city.n),
    circle: circle.code,
    province: province.code,
  };
}
