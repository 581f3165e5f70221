import type { Executor } from "../../src/graph/db/executor.js";

/** A sum of capacities or volumes to 12 significant digits (see `derivedDump`). */
const sum = (value: unknown) => Number(Number(value ?? 0).toPrecision(12));

/**
 * The derived data (src/graph/derived/derived.ts) as sorted text lines: every `IN_REGION` with its
 * counts, and every product's dependent counts. Capacities and volumes are floating-point sums, whose
 * last digits depend on the order of their terms, and neither Neo4j's order of a product's links nor a
 * change's adjustment (adding and taking away) fixes it: they are compared to 12 significant digits;
 * every count exactly.
 */
export async function derivedDump(executor: Executor): Promise<string[]> {
  const rows = await executor.read<{ p: string; r: string; s: Record<string, unknown> }>(
    "test.derived",
    "MATCH (p:Product)-[s:IN_REGION]->(r:Region) RETURN p.code AS p, r.code AS r, properties(s) AS s",
  );
  const counts = await executor.read<{ p: string; counts: number[] }>(
    "test.dependents",
    "MATCH (p:Product) WHERE p.dependentCounts IS NOT NULL RETURN p.code AS p, p.dependentCounts AS counts",
  );
  return [
    ...rows.map(({ p, r, s }) =>
      [
        p,
        r,
        s.year,
        s.producers,
        sum(s.capacity),
        s.demanders,
        s.links,
        sum(s.volume),
        s.localLinks,
        sum(s.localVolume),
        JSON.stringify(s.fromCities ?? null),
        JSON.stringify(s.fromLinks ?? null),
      ].join(" "),
    ),
    ...counts.map(({ p, counts }) => `${p} dependents ${counts.join(",")}`),
  ].sort();
}
