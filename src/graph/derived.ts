import { dependentCounts, requiredBy } from "../analytics/dependents.js";
import type { Executor } from "./executor.js";

/**
 * Derived analytics data: facts about the whole graph that an analysis would otherwise have to read
 * the whole catalogue (or every delivery of a scope) to know. They are a pure function of the
 * imported graph, recomputed whole after every import (`refreshDerived`), so recomputing twice
 * changes nothing and a failed import is followed by a recomputation of what did land.
 *
 * - `Product.dependentCount`: how many distinct products require it, directly or transitively.
 * - `(:Product)-[:IN_REGION]->(:Region)`, for every region (city, circle, province) where the product
 *   has a producer, a demander or a delivery: the region's `producers` (enterprises located in one
 *   of its cities that make it), `demanders` (those that make a product requiring it), and the supply
 *   links of the product delivered to its enterprises (`links`, `volume`) and the part of them whose
 *   supplier is located in the region too (`localLinks`, `localVolume`). On a city, `fromCities` and
 *   `fromLinks` break `links` down by the supplier's city.
 * - `(:DerivedState {code: "analytics"})`: `stale` is true from the start of an import until the
 *   recomputation ends; analyses refuse to answer from stale data.
 *
 * Every enterprise is located in exactly one city, so a region's counts are the sums of its cities'.
 */
export const DERIVED_STATE_KEY = "analytics";

/** Products per statement when reading their neighbourhoods, at most. */
const BATCH = 2_000;
/** Supply links per statement when reading neighbourhoods, at most (one product's links are never split). */
const LINKS_PER_BATCH = 50_000;
/** Rows per write statement. */
const WRITE_BATCH = 10_000;

export interface DerivedSummary {
  products: number;
  inRegion: number;
  seconds: number;
}

/** Marks the derived data stale: call before writing anything to the graph. */
export async function markDerivedStale(executor: Executor): Promise<void> {
  await executor.write("derived.stale", `MERGE (d:DerivedState {code: $key}) SET d.stale = true`, {
    key: DERIVED_STATE_KEY,
  });
}

/** Whether derived data is missing or stale while the graph holds products. */
export async function derivedIsStale(executor: Executor): Promise<boolean> {
  const [row] = await executor.read<{ stale: boolean }>(
    "derived.check",
    `OPTIONAL MATCH (d:DerivedState {code: $key})
     RETURN CASE WHEN d IS NULL THEN EXISTS { MATCH (:Product) } ELSE d.stale END AS stale`,
    { key: DERIVED_STATE_KEY },
  );
  return row?.stale ?? false;
}

/** Recomputes all derived data from the graph as it is, then marks it fresh. */
export async function refreshDerived(executor: Executor): Promise<DerivedSummary> {
  const started = performance.now();
  await markDerivedStale(executor);
  const edges = await executor.read<{ code: string; inputCodes: string[]; links: number }>(
    "derived.products",
    `MATCH (p:Product)
     RETURN p.code AS code, COLLECT { MATCH (p)-[:REQUIRES]->(i:Product) RETURN i.code } AS inputCodes,
            COUNT { MATCH ()-[l:SUPPLIES]->() WHERE l.product = p.code } AS links`,
  );
  const graph = requiredBy(edges);
  const counts = dependentCounts(graph);
  for (let i = 0; i < edges.length; i += WRITE_BATCH) {
    const rows = edges.slice(i, i + WRITE_BATCH).map((p) => ({ code: p.code, n: counts[graph.ids.get(p.code)!]! }));
    await executor.write(
      "derived.dependents",
      "UNWIND $rows AS row MATCH (p:Product {code: row.code}) SET p.dependentCount = row.n",
      { rows },
    );
  }

  await deleteAll(executor);
  const ancestors = await cityAncestors(executor);
  let inRegion = 0;
  let pending: RegionStats[] = [];
  const flush = async () => {
    for (let i = 0; i < pending.length; i += WRITE_BATCH) {
      await executor.write("derived.inRegion", WRITE_IN_REGION, { rows: pending.slice(i, i + WRITE_BATCH) });
    }
    inRegion += pending.length;
    pending = [];
  };
  const codes = edges.map((p) => p.code);
  for (const batch of batches(edges)) {
    const rows = await executor.read<NeighbourhoodRow>("derived.neighbourhood", NEIGHBOURHOOD, { codes: batch });
    pending.push(...rollUp(rows, ancestors));
    if (pending.length >= WRITE_BATCH) await flush();
  }
  await flush();

  await executor.write("derived.fresh", `MERGE (d:DerivedState {code: $key}) SET d.stale = false, d.products = $products`, {
    key: DERIVED_STATE_KEY,
    products: codes.length,
  });
  return { products: codes.length, inRegion, seconds: (performance.now() - started) / 1000 };
}

/** Groups products so that each statement reads a bounded number of them and of their supply links. */
function batches(products: ReadonlyArray<{ code: string; links: number }>): string[][] {
  const out: string[][] = [];
  let batch: string[] = [];
  let links = 0;
  for (const p of products) {
    if (batch.length > 0 && (batch.length >= BATCH || links + Number(p.links) > LINKS_PER_BATCH)) {
      out.push(batch);
      batch = [];
      links = 0;
    }
    batch.push(p.code);
    links += Number(p.links);
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

async function deleteAll(executor: Executor): Promise<void> {
  for (;;) {
    const [row] = await executor.write<{ n: number }>(
      "derived.delete",
      "MATCH (:Product)-[s:IN_REGION]->(:Region) WITH s LIMIT 50000 DELETE s RETURN count(*) AS n",
    );
    if (!row || Number(row.n) === 0) return;
  }
}

/** City code -> the codes of the regions it lies in (itself included), as analysis scopes see them. */
async function cityAncestors(executor: Executor): Promise<Map<string, string[]>> {
  const rows = await executor.read<{ city: string; regions: string[] }>(
    "derived.cities",
    `MATCH (city:Region {kind: 'CITY'})
     RETURN city.code AS city, COLLECT { MATCH (city)-[:PART_OF*0..3]->(r:Region) RETURN DISTINCT r.code } AS regions`,
  );
  return new Map(rows.map((r) => [r.city, r.regions]));
}

/**
 * One product's neighbourhood by city: producers, demanders (producers of the products requiring
 * it), and deliveries by (customer city, supplier city). Producers and demanders come from
 * `PRODUCES`; deliveries from the `supplies_product` index.
 */
const NEIGHBOURHOOD = `
UNWIND $codes AS code
MATCH (p:Product {code: code})
CALL {
  WITH p
  MATCH (p)<-[:PRODUCES]-(e:Enterprise)-[:LOCATED_IN]->(city:Region)
  RETURN 'P' AS kind, city.code AS city, null AS fromCity, count(DISTINCT e) AS n, 0.0 AS volume
  UNION ALL
  WITH p
  MATCH (p)<-[:REQUIRES]-(:Product)<-[:PRODUCES]-(e:Enterprise)-[:LOCATED_IN]->(city:Region)
  RETURN 'D' AS kind, city.code AS city, null AS fromCity, count(DISTINCT e) AS n, 0.0 AS volume
  UNION ALL
  WITH p
  MATCH (s:Enterprise)-[l:SUPPLIES]->(c:Enterprise)
  WHERE l.product = p.code
  MATCH (s)-[:LOCATED_IN]->(sc:Region)
  MATCH (c)-[:LOCATED_IN]->(cc:Region)
  RETURN 'L' AS kind, cc.code AS city, sc.code AS fromCity, count(l) AS n, sum(coalesce(l.volume, 0)) AS volume
}
RETURN p.code AS product, kind, city, fromCity, n, volume
`;

interface NeighbourhoodRow {
  product: string;
  kind: "P" | "D" | "L";
  city: string;
  fromCity: string | null;
  n: number;
  volume: number;
}

/** One `IN_REGION` relationship to write. */
export interface RegionStats {
  product: string;
  region: string;
  producers: number;
  demanders: number;
  links: number;
  volume: number;
  localLinks: number;
  localVolume: number;
  fromCities: string[] | null;
  fromLinks: number[] | null;
}

const WRITE_IN_REGION = `
UNWIND $rows AS row
MATCH (p:Product {code: row.product})
MATCH (r:Region {code: row.region})
CREATE (p)-[s:IN_REGION]->(r)
SET s = row {.producers, .demanders, .links, .volume, .localLinks, .localVolume, .fromCities, .fromLinks}
`;

/** Rolls city rows up to every region above each city. Pure. */
export function rollUp(rows: readonly NeighbourhoodRow[], ancestors: ReadonlyMap<string, readonly string[]>): RegionStats[] {
  const out = new Map<string, RegionStats>();
  const stats = (product: string, region: string, city: boolean): RegionStats => {
    const key = `${product}\u0000${region}`;
    let s = out.get(key);
    if (!s) {
      s = {
        product,
        region,
        producers: 0,
        demanders: 0,
        links: 0,
        volume: 0,
        localLinks: 0,
        localVolume: 0,
        fromCities: city ? [] : null,
        fromLinks: city ? [] : null,
      };
      out.set(key, s);
    }
    return s;
  };
  const above = (city: string) => ancestors.get(city) ?? [city];
  for (const row of rows) {
    const n = Number(row.n);
    if (row.kind === "L") {
      const from = new Set(row.fromCity === null ? [] : above(row.fromCity));
      const city = stats(row.product, row.city, true);
      const at = city.fromCities!.indexOf(row.fromCity!);
      if (at >= 0) city.fromLinks![at]! += n;
      else {
        city.fromCities!.push(row.fromCity!);
        city.fromLinks!.push(n);
      }
      for (const region of above(row.city)) {
        const s = stats(row.product, region, region === row.city);
        s.links += n;
        s.volume += Number(row.volume);
        if (from.has(region)) {
          s.localLinks += n;
          s.localVolume += Number(row.volume);
        }
      }
    } else {
      for (const region of above(row.city)) {
        const s = stats(row.product, region, region === row.city);
        if (row.kind === "P") s.producers += n;
        else s.demanders += n;
      }
    }
  }
  // Same graph, same relationships: the supplier cities in code order, whatever order rows came in.
  for (const s of out.values()) {
    if (!s.fromCities || s.fromCities.length < 2) continue;
    const order = s.fromCities.map((c, i) => [c, s.fromLinks![i]!] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    s.fromCities = order.map(([c]) => c);
    s.fromLinks = order.map(([, n]) => n);
  }
  return [...out.values()];
}
