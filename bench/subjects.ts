/**
 * Picks the benchmark's subjects from the data, deterministically (ties broken by code), so every run
 * on the same data set reads the same things.
 */
import type { Driver } from "neo4j-driver";
import { SUPPLIERS, type Subjects } from "./cases.js";

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
  chain:
    "of the chains with a product MISSING in that city (demanded there, made by no firm there), the one whose products have the most PRODUCES edges",
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
  const chain = await one<{ code: string; missing: number }>(
    driver,
    database,
    `MATCH (city:Region {code: $city})
     MATCH (ch:IndustryChain)<-[:IN_CHAIN]-(p:Product)
     WITH ch, p,
       CASE WHEN NOT EXISTS { (p)<-[:PRODUCES]-(:Enterprise)-[:LOCATED_IN]->(city) }
             AND EXISTS { (p)<-[:REQUIRES]-(:Product)<-[:PRODUCES]-(:Enterprise)-[:LOCATED_IN]->(city) }
            THEN 1 ELSE 0 END AS missing
     WITH ch, sum(missing) AS missing, sum(COUNT { (p)<-[:PRODUCES]-(:Enterprise) }) AS producers
     RETURN ch.code AS code, missing ORDER BY missing > 0 DESC, producers DESC, code LIMIT 1`,
    { city: city.code },
  );
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
    enterprise: enterprise.code,
    enterpriseSuppliers: Number(enterprise.n),
    city: city.code,
    cityEnterprises: Number(city.n),
    product: product.code,
    productProducers: Number(product.n),
    chain: chain.code,
    chainMissingInCity: Number(chain.missing),
    circle: circle.code,
    province: province.code,
  };
}
