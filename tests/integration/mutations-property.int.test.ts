import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDataSet } from "../../src/generate/generate.js";
import { writeYearlyStates } from "../../src/generate/yearly.js";
import { verifyTrail } from "../../src/graph/audit/trail.js";
import { refreshDerived } from "../../src/graph/derived/derived.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { applyChanges, type Change } from "../../src/graph/mutate/apply.js";
import { ENTERPRISE, PRODUCES, PRODUCT, REQUIRES, SUPPLIES } from "../../src/graph/mutate/elements.js";
import { derivedDump } from "../support/derived.js";
import { resetDatabase, setupGraph } from "../support/graph.js";

/**
 * The derived data stays exact after every mutation: random sequences of changes to a generated
 * province with two years, each compared with a full recomputation (refreshDerived) right after it.
 */
const g = setupGraph();
const base = mkdtempSync(path.join(tmpdir(), "chain-kg-mutations-"));
const YEARS = [2024, 2025];

beforeAll(async () => {
  const from = path.join(base, "province");
  await generateDataSet({ enterprises: 300, links: 1200, seed: 11, out: from });
  const states = await writeYearlyStates({ from, out: path.join(base, "years"), years: YEARS });
  await resetDatabase(g.executor);
  for (const state of states) await importDataSet(g.executor, state.dir, { year: state.year });
}, 300_000);

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const codes = async (cypher: string) => (await g.executor.read<{ code: string }>("test.codes", cypher)).map((r) => r.code);

describe("random mutations on a generated province with years", () => {
  it("leave the derived data equal to a full recomputation after each one", async () => {
    const next = random(2026);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const enterprises = await codes("MATCH (e:Enterprise) RETURN e.code AS code ORDER BY code");
    const products = await codes("MATCH (p:Product)<-[:PRODUCES]-() RETURN DISTINCT p.code AS code ORDER BY code");
    const cities = await codes("MATCH (c:Region {kind: 'CITY'}) RETURN c.code AS code ORDER BY code");
    const produces = async () =>
      g.executor.read<{ e: string; p: string }>(
        "test.produces",
        "MATCH (e:Enterprise)-[:PRODUCES]->(p:Product) RETURN e.code AS e, p.code AS p ORDER BY e, p LIMIT 500",
      );
    const links = async () =>
      g.executor.read<{ s: string; c: string; p: string }>(
        "test.links",
        "MATCH (s:Enterprise)-[l:SUPPLIES]->(c:Enterprise) RETURN s.code AS s, c.code AS c, l.product AS p ORDER BY s, c, p LIMIT 500",
      );
    const inputs = async () =>
      g.executor.read<{ p: string; i: string }>(
        "test.inputs",
        "MATCH (p:Product)-[:REQUIRES]->(i:Product) RETURN p.code AS p, i.code AS i ORDER BY p, i LIMIT 500",
      );

    const kinds = [
      "produce",
      "unproduce",
      "link",
      "unlink",
      "volume",
      "move",
      "close",
      "require",
      "unrequire",
      "closeProduct",
    ] as const;
    let applied = 0;
    const refusedCodes = new Set<string>();
    for (let step = 0; step < 24; step++) {
      const kind = pick(kinds);
      const year = pick(YEARS);
      let change: Change;
      switch (kind) {
        case "produce":
          change = {
            rel: PRODUCES,
            input: { enterprise: pick(enterprises), product: pick(products), capacity: Math.round(next() * 1000) },
          };
          break;
        case "unproduce": {
          const r = pick(await produces());
          change = { rel: PRODUCES, input: { enterprise: r.e, product: r.p }, remove: true };
          break;
        }
        case "link":
          change = {
            rel: SUPPLIES,
            input: { supplier: pick(enterprises), customer: pick(enterprises), product: pick(products), volume: 5 },
          };
          break;
        case "unlink":
        case "volume": {
          const r = pick(await links());
          change =
            kind === "unlink"
              ? { rel: SUPPLIES, input: { supplier: r.s, customer: r.c, product: r.p }, remove: true }
              : { rel: SUPPLIES, input: { supplier: r.s, customer: r.c, product: r.p, volume: Math.round(next() * 100) } };
          break;
        }
        case "move":
          change = { node: ENTERPRISE, input: { code: pick(enterprises), city: pick(cities) } };
          break;
        case "close":
          change = { node: ENTERPRISE, input: { code: pick(enterprises) }, close: true };
          break;
        case "require":
          change = { rel: REQUIRES, input: { product: pick(products), input: pick(products) } };
          break;
        case "unrequire": {
          const r = pick(await inputs());
          change = { rel: REQUIRES, input: { product: r.p, input: r.i }, remove: true };
          break;
        }
        case "closeProduct":
          change = { node: PRODUCT, input: { code: pick(products) }, close: true };
          break;
      }
      const what = `step ${step}: ${kind} from ${year} ${JSON.stringify(change.input)}`;
      try {
        await applyChanges(g.executor, [change], {
          operation: kind,
          argument: "input",
          year,
          years: YEARS,
          actor: { viewer: "test", requestId: `step-${step}` },
        });
        applied += 1;
      } catch (error) {
        // A refused change (a firm closed in that year, a self-link) must leave everything as it was.
        refusedCodes.add(String((error as { extensions?: { code?: string } }).extensions?.code));
      }
      const incremental = await derivedDump(g.executor);
      await refreshDerived(g.executor);
      expect(incremental, what).toEqual(await derivedDump(g.executor));
    }
    expect(applied).toBeGreaterThanOrEqual(15);
    expect(
      [...refusedCodes].every((c) => c !== "undefined"),
      [...refusedCodes].join(),
    ).toBe(true);
    expect((await verifyTrail(g.executor)).problems).toEqual([]);
  }, 600_000);
});
