import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { shortBoards } from "../../src/analytics/index.js";
import { generateDataSet } from "../../src/generate/generate.js";
import {
  derivedIsStale,
  refreshDerived,
  refreshDerivedIfStale,
  withDerivedLease,
  type RegionStats,
} from "../../src/graph/derived/derived.js";
import type { Executor } from "../../src/graph/db/executor.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { resetDatabase, setupGraph } from "../support/graph.js";

/**
 * The derived analytics data (src/graph/derived/derived.ts) against a direct computation on the graph: every
 * product's dependents by a variable-length walk, and every region's producers, demanders and
 * deliveries by testing each enterprise's city against the region's cities.
 */
const g = setupGraph();
const out = mkdtempSync(path.join(tmpdir(), "chain-kg-derived-"));

beforeAll(async () => {
  await generateDataSet({ enterprises: 1000, links: 6000, seed: 7, out });
  await importDataSet(g.executor, out);
});

/** An `IN_REGION` relationship without its breakdown by supplier city. */
type Stat = Omit<RegionStats, "fromCities" | "fromLinks">;

const DIRECT = `
MATCH (r:Region)
CALL { WITH r MATCH (r)<-[:PART_OF*0..3]-(c:Region {kind: 'CITY'}) RETURN collect(DISTINCT c.code) AS cities }
MATCH (p:Product)
WITH r, cities, p,
  size(COLLECT { MATCH (p)<-[:PRODUCES]-(e:Enterprise)-[:LOCATED_IN]->(c:Region) WHERE c.code IN cities RETURN DISTINCT e }) AS producers,
  reduce(v = 0.0, x IN COLLECT {
    MATCH (p)<-[m:PRODUCES]-(:Enterprise)-[:LOCATED_IN]->(c:Region) WHERE c.code IN cities RETURN coalesce(m.capacity, 0.0)
  } | v + x) AS capacity,
  size(COLLECT { MATCH (p)<-[:REQUIRES]-(:Product)<-[:PRODUCES]-(e:Enterprise)-[:LOCATED_IN]->(c:Region) WHERE c.code IN cities RETURN DISTINCT e }) AS demanders,
  COLLECT {
    MATCH (s:Enterprise)-[l:SUPPLIES]->(:Enterprise)-[:LOCATED_IN]->(c:Region)
    WHERE l.product = p.code AND c.code IN cities
    RETURN {volume: coalesce(l.volume, 0), local: EXISTS { (s)-[:LOCATED_IN]->(sc:Region) WHERE sc.code IN cities }} AS link
  } AS links
WHERE producers > 0 OR demanders > 0 OR size(links) > 0
RETURN p.code AS product, r.code AS region, producers, capacity, demanders, size(links) AS links,
  reduce(v = 0.0, l IN links | v + l.volume) AS volume,
  size([l IN links WHERE l.local]) AS localLinks,
  reduce(v = 0.0, l IN links | v + CASE WHEN l.local THEN l.volume ELSE 0 END) AS localVolume
ORDER BY product, region
`;

const DERIVED = `
MATCH (p:Product)-[s:IN_REGION]->(r:Region)
RETURN p.code AS product, r.code AS region, s.producers AS producers, s.capacity AS capacity, s.demanders AS demanders, s.links AS links,
  s.volume AS volume, s.localLinks AS localLinks, s.localVolume AS localVolume
ORDER BY product, region
`;

const DEPENDENTS = {
  direct: `MATCH (p:Product)
    RETURN p.code AS code, size(COLLECT { MATCH (p)<-[:REQUIRES*1..]-(q:Product) WHERE q <> p RETURN DISTINCT q }) AS n ORDER BY code`,
  derived: "MATCH (p:Product) RETURN p.code AS code, p.dependentCounts[0] AS n ORDER BY code",
};

async function expectConsistent(executor: Executor) {
  const round = (rows: Stat[]) =>
    rows.map((r) => ({
      ...r,
      capacity: Math.round(r.capacity * 1e6),
      volume: Math.round(r.volume * 1e6),
      localVolume: Math.round(r.localVolume * 1e6),
    }));
  const direct = round(await executor.read<Stat>("test.direct", DIRECT));
  const derived = round(await executor.read<Stat>("test.derived", DERIVED));
  expect(derived.length).toBe(direct.length);
  expect(derived).toEqual(direct);
  expect(await executor.read("test", DEPENDENTS.derived)).toEqual(await executor.read("test", DEPENDENTS.direct));
  expect(await derivedIsStale(executor)).toBe(false);
}

describe("derived analytics data on a generated graph (1,000 enterprises, 6,000 links)", () => {
  it("equals a direct computation after an import", async () => {
    const [{ n }] = (await g.executor.read<{ n: number }>("test", DERIVED.replace(/RETURN[\s\S]*/, "RETURN count(*) AS n"))) as [
      { n: number },
    ];
    expect(n).toBeGreaterThan(1000);
    await expectConsistent(g.executor);
  });

  it("is recomputed idempotently", async () => {
    const before = await g.executor.read("test.derived", DERIVED);
    const summary = await refreshDerived(g.executor);
    expect(summary.inRegion).toBe(before.length);
    expect(await g.executor.read("test.derived", DERIVED)).toEqual(before);
  });

  it("is consistent again after an import whose writes failed half-way", async () => {
    await resetDatabase(g.executor);
    let writes = 0;
    // Everything up to the first batch of supply links lands, then the database "goes away" for the importer.
    const failing = new Proxy(g.executor, {
      get(target, key, receiver) {
        if (key === "writeAll") {
          return async (...args: Parameters<Executor["writeAll"]>) => {
            if (args[1].some((s) => s.cypher.includes("SUPPLIES")) && ++writes > 1) throw new Error("simulated outage");
            return target.writeAll(...args);
          };
        }
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    await expect(importDataSet(failing, out)).rejects.toThrow("simulated outage");
    expect(writes).toBe(2);
    const [{ n }] = (await g.executor.read<{ n: number }>("test", "MATCH ()-[l:SUPPLIES]->() RETURN count(l) AS n")) as [
      { n: number },
    ];
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(6000);
    await expectConsistent(g.executor);
  });

  it("recomputes under a lease: two recomputations never overlap, and a dead holder's lease is taken after it expires", async () => {
    const spans: Array<{ owner: string; from: number; to: number }> = [];
    const waited: string[] = [];
    const work = (owner: string) =>
      withDerivedLease(g.executor, { owner, onWait: (holder) => waited.push(`${owner} waits for ${holder}`) }, async () => {
        const from = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 400));
        spans.push({ owner, from, to: performance.now() });
      });
    await Promise.all([work("one"), work("two")]);
    spans.sort((a, b) => a.from - b.from);
    expect(spans).toHaveLength(2);
    expect(spans[1]!.from).toBeGreaterThanOrEqual(spans[0]!.to);
    expect(waited).toEqual([`${spans[1]!.owner} waits for ${spans[0]!.owner}`]);

    // A process that died holding the lease: it is free once leaseUntil has passed.
    await g.executor.write("test", "MATCH (d:DerivedState) SET d.leaseOwner = 'dead', d.leaseUntil = timestamp() + 700");
    const started = performance.now();
    const seen: string[] = [];
    await withDerivedLease(g.executor, { owner: "heir", onWait: (holder) => seen.push(holder) }, async () => undefined);
    expect(seen).toEqual(["dead"]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    const [state] = await g.executor.read<{ owner: string | null }>(
      "test",
      "MATCH (d:DerivedState) RETURN d.leaseOwner AS owner",
    );
    expect(state!.owner).toBeNull();
  });

  it("recomputes at start only if still stale once the lease is taken", async () => {
    const [{ n: before }] = await g.executor.read<{ n: number }>("test", "MATCH (d:DerivedState) RETURN d.recomputations AS n");
    expect(await refreshDerivedIfStale(g.executor)).toBeNull();
    await g.executor.write("test", "MATCH (d:DerivedState) SET d.stale = true");
    const [first, second] = await Promise.all([refreshDerivedIfStale(g.executor), refreshDerivedIfStale(g.executor)]);
    expect([first, second].filter((r) => r !== null)).toHaveLength(1);
    const [{ n: after }] = await g.executor.read<{ n: number }>("test", "MATCH (d:DerivedState) RETURN d.recomputations AS n");
    expect(Number(after)).toBe(Number(before) + 1);
    await expectConsistent(g.executor);
  });

  it("refuses analyses while stale, with a retryable code", async () => {
    await importDataSet(g.executor, out);
    await g.executor.write("test", "MATCH (d:DerivedState) SET d.stale = true");
    const error = await shortBoards(g.executor, { chain: "GCH01", scope: { region: "SD" } }).then(
      () => undefined,
      (e: { extensions?: Record<string, unknown> }) => e.extensions,
    );
    expect(error).toEqual({ code: "DERIVED_DATA_STALE", retryable: true });
    await refreshDerived(g.executor);
    await expectConsistent(g.executor);
    expect(await shortBoards(g.executor, { chain: "GCH01", scope: { region: "SD" } })).toBeInstanceOf(Array);
  });
});
