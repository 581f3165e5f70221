import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { derivedDataStale } from "../../errors.js";
import { dependentCounts, requiredBy } from "./dependents.js";
import type { Executor, TxRun } from "../db/executor.js";
import { graphYears, holds } from "../import/years.js";
import { yearValue } from "../vocabulary/yearly.js";

/**
 * Derived analytics data: facts about the whole graph that an analysis would otherwise have to read
 * the whole catalogue (or every delivery of a scope) to know. They are a pure function of the
 * imported graph, recomputed whole after every import (`refreshDerived`), so recomputing twice
 * changes nothing and a failed import is followed by a recomputation of what did land.
 *
 * Each is computed once per year the graph holds (src/graph/import/years.ts), from the nodes and
 * relationships that hold in that year; a timeless graph has one state, year 0.
 *
 * - `Product.dependentCounts[i]`: how many distinct products require it, directly or transitively, in
 *   the i-th year of `DerivedState.years`.
 * - `(:Product)-[:IN_REGION {year}]->(:Region)`, per year, for every region (city, circle, province) where the product
 *   has a producer, a demander or a delivery: the region's `producers` (enterprises located in one
 *   of its cities that make it) and their summed `capacity`, `demanders` (those that make a product requiring it), and the supply
 *   links of the product delivered to its enterprises (`links`, `volume`) and the part of them whose
 *   supplier is located in the region too (`localLinks`, `localVolume`). On a city, `fromCities` and
 *   `fromLinks` break `links` down by the supplier's city.
 * - `(:DerivedState {code: "analytics"})`: `stale` is true from the start of an import until the
 *   recomputation ends; analyses refuse to answer from stale data. `years` lists the years derived
 *   ([0] for a timeless graph), in order; `refreshedAt` (ms since the epoch) changes with every
 *   recomputation, so what is computed from derived data can be cached until it does;
 *   `recomputations` counts them. `leaseOwner` and `leaseUntil` hold the recompute lease while a
 *   process recomputes (`withDerivedLease`).
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
  /** The years derived, ascending ([0]: a timeless graph). */
  years: number[];
  seconds: number;
}

/** The year derived data is kept under for a graph without years. */
export const TIMELESS = 0;

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

/** Who is recomputing, in the lease (`DerivedState.leaseOwner`) and the logs. */
export interface LeaseOptions {
  /** This process, as the lease names it; default host:pid:random. */
  owner?: string;
  /** Called once if another process holds the lease, with its name, before waiting for it. */
  onWait?: (holder: string) => void;
}

/**
 * Recomputes all derived data from the graph as it is, year by year, then marks it fresh. Holds the
 * recompute lease throughout (`withDerivedLease`), so that two processes never recompute at once: one
 * that finds another recomputing waits for it, then recomputes after it.
 */
export async function refreshDerived(executor: Executor, options: LeaseOptions = {}): Promise<DerivedSummary> {
  return withDerivedLease(executor, options, () => recompute(executor));
}

/**
 * What a replica does at start: if the derived data is stale, take the lease (waiting while another
 * replica holds it) and look again, then recompute only if it is still stale. Several replicas that
 * start together on stale data recompute it once; the others wait for that one and find it fresh.
 * Null: nothing was recomputed here.
 */
export async function refreshDerivedIfStale(executor: Executor, options: LeaseOptions = {}): Promise<DerivedSummary | null> {
  if (!(await derivedIsStale(executor))) return null;
  return withDerivedLease(executor, options, async () => ((await derivedIsStale(executor)) ? recompute(executor) : null));
}

/** A lease outlives its holder's last renewal by this long; a holder that died frees it after that. */
export const LEASE_MS = 60_000;
const LEASE_RENEW_MS = LEASE_MS / 4;
const LEASE_POLL_MS = 500;

/**
 * Runs `work` holding the derived data's lease, a lock kept in Neo4j on `DerivedState`
 * (`leaseOwner`, `leaseUntil` in ms since the epoch) so that every process on the database sees it.
 * The lease is renewed while `work` runs and released after it; a process that dies while holding it
 * frees it LEASE_MS after its last renewal. While another process holds it, this one polls.
 */
export async function withDerivedLease<T>(executor: Executor, options: LeaseOptions, work: () => Promise<T>): Promise<T> {
  const owner = options.owner ?? defaultOwner();
  let told = false;
  for (;;) {
    const holder = await takeLease(executor, owner);
    if (holder === owner) break;
    if (!told) options.onWait?.(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
  }
  const renew = setInterval(() => {
    void executor
      .write(
        "derived.lease.renew",
        `MATCH (d:DerivedState {code: $key}) WHERE d.leaseOwner = $owner SET d.leaseUntil = timestamp() + $ms`,
        { key: DERIVED_STATE_KEY, owner, ms: LEASE_MS },
      )
      .catch(() => undefined);
  }, LEASE_RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await executor
      .write(
        "derived.lease.release",
        `MATCH (d:DerivedState {code: $key}) WHERE d.leaseOwner = $owner REMOVE d.leaseOwner, d.leaseUntil`,
        { key: DERIVED_STATE_KEY, owner },
      )
      .catch(() => undefined);
  }
}

/**
 * Takes the lease if it is free (or expired, or already ours) and returns who holds it now. The first
 * statement locks the node; the second reads it under that lock, so two processes cannot both find it free.
 */
async function takeLease(executor: Executor, owner: string): Promise<string> {
  return executor.transaction("derived.lease", async (run) => {
    await run("derived.lease.lock", `MERGE (d:DerivedState {code: $key}) SET d.leaseCheckedAt = timestamp()`, {
      key: DERIVED_STATE_KEY,
    });
    const [row] = await run<{ holder: string }>(
      "derived.lease.take",
      `MATCH (d:DerivedState {code: $key})
       WITH d, d.leaseOwner IS NULL OR d.leaseUntil < timestamp() OR d.leaseOwner = $owner AS free
       SET d.leaseOwner = CASE WHEN free THEN $owner ELSE d.leaseOwner END,
           d.leaseUntil = CASE WHEN free THEN timestamp() + $ms ELSE d.leaseUntil END
       RETURN d.leaseOwner AS holder`,
      { key: DERIVED_STATE_KEY, owner, ms: LEASE_MS },
    );
    return String(row!.holder);
  });
}

function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/**
 * In a mutation's transaction, before it changes anything: waits for a recomputation's `markDerivedStale`
 * in flight (it locks the same node), and refuses with DERIVED_DATA_STALE while the derived data is
 * stale, since a recomputation under way would not see the change's delta update. Locking
 * `DerivedState` also makes `markDerivedStale` wait for mutations in flight, so a recomputation
 * reads the graph with their changes in it.
 */
export async function holdFreshDerived(run: TxRun): Promise<void> {
  const [row] = await run<{ stale: boolean | null }>(
    "derived.hold",
    `OPTIONAL MATCH (d:DerivedState {code: $key}) SET d.stale = d.stale RETURN d.stale AS stale`,
    { key: DERIVED_STATE_KEY },
  );
  if (row?.stale === true) throw derivedDataStale();
}

async function recompute(executor: Executor): Promise<DerivedSummary> {
  const started = performance.now();
  await markDerivedStale(executor);
  const found = await graphYears(executor);
  const years = found.length > 0 ? found : [TIMELESS];
  await deleteAll(executor);
  const perProduct = new Map<string, number[]>();
  let inRegion = 0;
  let products = 0;
  for (const [at, y] of years.entries()) {
    const year = y === TIMELESS ? null : y;
    const edges = await executor.read<ProductRow>("derived.products", PRODUCTS, { year });
    products = Math.max(products, edges.length);
    const graph = requiredBy(edges);
    const counts = dependentCounts(graph);
    for (const p of edges) {
      let list = perProduct.get(p.code);
      if (!list) perProduct.set(p.code, (list = years.map(() => 0)));
      list[at] = counts[graph.ids.get(p.code)!]!;
    }
    const ancestors = await cityAncestors(executor.read.bind(executor), year);
    let pending: RegionStats[] = [];
    const flush = async () => {
      for (let i = 0; i < pending.length; i += WRITE_BATCH) {
        await executor.write("derived.inRegion", WRITE_IN_REGION, { rows: pending.slice(i, i + WRITE_BATCH), year: y });
      }
      inRegion += pending.length;
      pending = [];
    };
    for (const batch of batches(edges)) {
      const rows = await executor.read<NeighbourhoodRow>("derived.neighbourhood", NEIGHBOURHOOD, { codes: batch, year });
      pending.push(...rollUp(rows, ancestors));
      if (pending.length >= WRITE_BATCH) await flush();
    }
    await flush();
  }
  const rows = [...perProduct].map(([code, counts]) => ({ code, counts }));
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    await executor.write(
      "derived.dependents",
      "UNWIND $rows AS row MATCH (p:Product {code: row.code}) SET p.dependentCounts = row.counts REMOVE p.dependentCount",
      { rows: rows.slice(i, i + WRITE_BATCH) },
    );
  }
  // Products that hold in no year derived (none today: a sweep removes them) keep no stale counts.
  await executor.write(
    "derived.dependents.clear",
    "MATCH (p:Product) WHERE p.dependentCounts IS NOT NULL AND NOT p.code IN $codes REMOVE p.dependentCounts",
    { codes: [...perProduct.keys()] },
  );

  await executor.write(
    "derived.fresh",
    `MERGE (d:DerivedState {code: $key})
     SET d.stale = false, d.products = $products, d.years = [y IN $years | toInteger(y)], d.refreshedAt = timestamp(),
         d.recomputations = coalesce(d.recomputations, 0) + 1`,
    { key: DERIVED_STATE_KEY, products, years },
  );
  executor.yearsChanged();
  return { products, inRegion, years, seconds: (performance.now() - started) / 1000 };
}

/** Every product holding in \`$year\`: its inputs (for the dependents walk) and its supply links' count (for batching). */
const PRODUCTS = `MATCH (p:Product) WHERE ${holds("p")}
RETURN p.code AS code,
       COLLECT { MATCH (p)-[r:REQUIRES]->(i:Product) WHERE ${holds("r", "i")} RETURN i.code } AS inputCodes,
       COUNT { MATCH ()-[l:SUPPLIES]->() WHERE l.product = p.code } AS links`;

interface ProductRow {
  code: string;
  inputCodes: string[];
  links: number;
}

/**
 * Brings the derived data of \`products\` up to date in every year derived, inside the transaction of
 * a change (src/graph/mutate) that touched only them: their \`IN_REGION\` relationships are computed
 * again as \`refreshDerived\` computes them. With \`dependents\` (the change touched \`REQUIRES\`, or a
 * product's years), every product's dependent counts are computed again too, and written where they
 * changed. Marks the derived data refreshed, so what was computed from it is computed again.
 */
export async function refreshProducts(
  run: TxRun,
  products: readonly string[],
  dependents: boolean,
  links: readonly LinkChange[] = [],
): Promise<void> {
  const [state] = await run<{ years: number[] | null }>(
    "derived.state",
    "MATCH (d:DerivedState {code: $key}) RETURN d.years AS years",
    { key: DERIVED_STATE_KEY },
  );
  // No derived data yet (an empty graph): the first import computes it whole.
  if (!state?.years) return;
  const years = state.years.map(Number);
  const codes = [...new Set(products)];
  const counts = new Map<string, number[]>();
  for (const [at, y] of years.entries()) {
    const year = y === TIMELESS ? null : y;
    if (codes.length > 0) {
      await run("derived.products.delete", "MATCH (p:Product)-[s:IN_REGION {year: $year}]->() WHERE p.code IN $codes DELETE s", {
        codes,
        year: y,
      });
      const held = await run<{ code: string }>(
        "derived.products.held",
        `MATCH (p:Product) WHERE p.code IN $codes AND ${holds("p")} RETURN p.code AS code`,
        { codes, year },
      );
      const rows = await run<NeighbourhoodRow>("derived.neighbourhood", NEIGHBOURHOOD, { codes: held.map((r) => r.code), year });
      const stats = rollUp(rows, await cityAncestors(run, year));
      if (stats.length > 0) await run("derived.inRegion", WRITE_IN_REGION, { rows: stats, year: y });
    }
    if (links.length > 0) await adjustForLinks(run, links, y, year);
    if (!dependents) continue;
    const edges = await run<ProductRow>("derived.products", PRODUCTS, { year });
    const graph = requiredBy(edges);
    const found = dependentCounts(graph);
    for (const p of edges) {
      let list = counts.get(p.code);
      if (!list) counts.set(p.code, (list = years.map(() => 0)));
      list[at] = found[graph.ids.get(p.code)!]!;
    }
  }
  if (dependents) {
    // Products holding in no year keep no counts; a product that stopped holding in a year counts 0 there.
    const stored = await run<{ code: string; counts: number[] }>(
      "derived.dependents.stored",
      "MATCH (p:Product) WHERE p.dependentCounts IS NOT NULL RETURN p.code AS code, p.dependentCounts AS counts",
    );
    const changed: Array<{ code: string; counts: number[] | null }> = [];
    const before = new Map(stored.map((r) => [r.code, r.counts.map(Number)]));
    for (const [code, list] of counts) if (String(before.get(code)) !== String(list)) changed.push({ code, counts: list });
    for (const code of before.keys()) if (!counts.has(code)) changed.push({ code, counts: null });
    if (changed.length > 0)
      await run(
        "derived.dependents",
        "UNWIND $rows AS row MATCH (p:Product {code: row.code}) SET p.dependentCounts = row.counts",
        { rows: changed },
      );
  }
  await run("derived.touched", "MATCH (d:DerivedState {code: $key}) SET d.refreshedAt = timestamp()", { key: DERIVED_STATE_KEY });
}

/**
 * A supply link changed (added, removed, its years or volume), and nothing else about its product's
 * neighbourhood: its properties before and after (null: it did not, or no longer does, exist).
 */
export interface LinkChange {
  product: string;
  supplier: string;
  customer: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What one supply link adds to its product's `IN_REGION` in a year: held or not, and its volume then. */
function linkShare(props: Record<string, unknown> | null, year: number | null): { n: number; volume: number } {
  if (!props) return { n: 0, volume: 0 };
  const years = props.years as number[] | null | undefined;
  if (year !== null && years !== null && years !== undefined && !years.includes(year)) return { n: 0, volume: 0 };
  const value = year === null || years === null || years === undefined ? props.volume : props[`volume_${year}`];
  return { n: 1, volume: Number(value ?? 0) };
}

/**
 * Adjusts the product's `IN_REGION` of year `y` by what each link's change adds or takes away,
 * instead of reading its whole neighbourhood again: the customer's city and the regions above it
 * count the link and its volume (and, where the supplier's city lies in them too, as local), and the
 * customer's city counts it under the supplier's city. This is what `rollUp` sums for the link,
 * so the result is the full recomputation's (the property test compares them), but for the last
 * digits of the volumes: floating-point sums depend on the order of their terms, and Neo4j's order of
 * a product's links is not fixed either (two imports of one data set differ there too). A relationship left
 * with no producer, demander or link goes, as the full recomputation would not make it.
 */
async function adjustForLinks(run: TxRun, links: readonly LinkChange[], y: number, year: number | null): Promise<void> {
  const ancestors = await cityAncestors(run, year);
  const above = (city: string) => ancestors.get(city) ?? [city];
  for (const link of links) {
    const before = linkShare(link.before, year);
    const after = linkShare(link.after, year);
    const dn = after.n - before.n;
    const dv = after.volume - before.volume;
    if (dn === 0 && dv === 0) continue;
    // The ends' cities in the year, as NEIGHBOURHOOD reads them (no city, or an end not holding: no share).
    const pairs = await run<{ from: string; to: string }>(
      "derived.link.cities",
      `MATCH (p:Product {code: $product}) WHERE ${holds("p")}
       MATCH (s:Enterprise {code: $supplier}) WHERE ${holds("s")}
       MATCH (c:Enterprise {code: $customer}) WHERE ${holds("c")}
       MATCH (s)-[sa:LOCATED_IN]->(sc:Region) WHERE ${holds("sa", "sc")}
       MATCH (c)-[ca:LOCATED_IN]->(cc:Region) WHERE ${holds("ca", "cc")}
       RETURN sc.code AS from, cc.code AS to`,
      { product: link.product, supplier: link.supplier, customer: link.customer, year },
    );
    for (const { from, to } of pairs) {
      const regions = above(to);
      const local = new Set(above(from));
      const rows = await run<{ region: string; props: Record<string, unknown> | null }>(
        "derived.link.read",
        `UNWIND $regions AS code MATCH (r:Region {code: code})
         OPTIONAL MATCH (:Product {code: $product})-[s:IN_REGION {year: $y}]->(r)
         RETURN code AS region, properties(s) AS props`,
        { regions, product: link.product, y },
      );
      const set: Array<{ region: string; props: Record<string, unknown> }> = [];
      const gone: string[] = [];
      for (const { region, props } of rows) {
        const city = region === to;
        const s: Record<string, unknown> = props
          ? { ...props }
          : { producers: 0, capacity: 0, demanders: 0, links: 0, volume: 0, localLinks: 0, localVolume: 0 };
        delete s.year;
        s.links = Number(s.links) + dn;
        s.volume = Number(s.volume) + dv;
        if (local.has(region)) {
          s.localLinks = Number(s.localLinks) + dn;
          s.localVolume = Number(s.localVolume) + dv;
        }
        if (city) {
          const counts = new Map<string, number>();
          const cities = (s.fromCities as string[] | null) ?? [];
          cities.forEach((c, i) => counts.set(c, Number((s.fromLinks as number[])[i])));
          counts.set(from, (counts.get(from) ?? 0) + dn);
          const order = [...counts].filter(([, n]) => n > 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));
          s.fromCities = order.map(([c]) => c);
          s.fromLinks = order.map(([, n]) => n);
        }
        if (Number(s.producers) === 0 && Number(s.demanders) === 0 && Number(s.links) === 0) gone.push(region);
        else set.push({ region, props: s });
      }
      await run(
        "derived.link.write",
        `MATCH (p:Product {code: $product})
         CALL {
           WITH p
           UNWIND $gone AS code
           MATCH (p)-[s:IN_REGION {year: $y}]->(:Region {code: code}) DELETE s
         }
         CALL {
           WITH p
           UNWIND $set AS row
           MATCH (r:Region {code: row.region})
           MERGE (p)-[s:IN_REGION {year: $y}]->(r)
           SET s = row.props, s.year = toInteger($y)
         }`,
        { product: link.product, gone, set, y },
      );
    }
  }
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

/** City code -> the codes of the regions it lies in (itself included) in \`year\`, as analysis scopes see them. */
async function cityAncestors(read: TxRun, year: number | null): Promise<Map<string, string[]>> {
  const rows = await read<{ city: string; regions: string[] }>(
    "derived.cities",
    `MATCH (city:Region {kind: 'CITY'}) WHERE ${holds("city")}
     RETURN city.code AS city, COLLECT {
       MATCH (city)-[up:PART_OF*0..3]->(r:Region)
       WHERE ${holds("r")} AND all(x IN up WHERE $year IS NULL OR x.years IS NULL OR $year IN x.years)
       RETURN DISTINCT r.code
     } AS regions`,
    { year },
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
  MATCH (p)<-[m:PRODUCES]-(e:Enterprise)-[at:LOCATED_IN]->(city:Region)
  WHERE ${holds("m", "e", "at", "city")}
  RETURN 'P' AS kind, city.code AS city, null AS fromCity, count(DISTINCT e) AS n, sum(coalesce(${yearValue("m", "capacity")}, 0.0)) AS volume
  UNION ALL
  WITH p
  MATCH (p)<-[need:REQUIRES]-(q:Product)<-[m:PRODUCES]-(e:Enterprise)-[at:LOCATED_IN]->(city:Region)
  WHERE ${holds("need", "q", "m", "e", "at", "city")}
  RETURN 'D' AS kind, city.code AS city, null AS fromCity, count(DISTINCT e) AS n, 0.0 AS volume
  UNION ALL
  WITH p
  MATCH (s:Enterprise)-[l:SUPPLIES]->(c:Enterprise)
  WHERE l.product = p.code AND ${holds("l", "s", "c")}
  MATCH (s)-[sa:LOCATED_IN]->(sc:Region) WHERE ${holds("sa", "sc")}
  MATCH (c)-[ca:LOCATED_IN]->(cc:Region) WHERE ${holds("ca", "cc")}
  RETURN 'L' AS kind, cc.code AS city, sc.code AS fromCity, count(l) AS n, sum(coalesce(${yearValue("l", "volume")}, 0)) AS volume
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
  /** The producers' capacities of the product, summed (a missing capacity counts 0). */
  capacity: number;
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
SET s = row {.producers, .capacity, .demanders, .links, .volume, .localLinks, .localVolume, .fromCities, .fromLinks}, s.year = toInteger($year)
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
        capacity: 0,
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
        if (row.kind === "P") {
          s.producers += n;
          s.capacity += Number(row.volume);
        } else s.demanders += n;
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
