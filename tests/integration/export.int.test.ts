import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GraphQLError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDataSet } from "../../src/generate/generate.js";
import { writeYearlyStates } from "../../src/generate/yearly.js";
import type { Executor } from "../../src/graph/db/executor.js";
import { exportDataSet, type ExportOptions, type ExportResult } from "../../src/graph/export/exporter.js";
import { csvLine, openCsv } from "../../src/graph/import/csv.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { FILES } from "../../src/graph/import/spec.js";
import { SHANDONG_SEED, seedIfEmpty } from "../../src/seed.js";
import { logger, resetDatabase, setupGraph } from "../support/graph.js";

/**
 * `exportDataSet` (src/graph/export/exporter.ts) against a real Neo4j: every graph below is imported,
 * dumped, exported, imported again into an emptied database from the export alone, and dumped again;
 * the two dumps must be equal. The dump holds every node and relationship (derived ones included) with
 * every property and its Cypher type, but the import's stamp, which is random per import.
 */
const g = setupGraph();
const base = mkdtempSync(path.join(tmpdir(), "chain-kg-export-"));
let dirs = 0;
const freshDir = (name: string) => path.join(base, `${name}-${++dirs}`);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const ENDPOINT = (v: string) => `labels(${v})[0] + ' ' + coalesce(${v}.code, ${v}.series + '@' + toString(${v}.year))`;
const DATA = (v: string) => `NOT ${v}:DerivedState AND NOT ${v}:AuditRecord AND NOT ${v}:AuditHead AND NOT ${v}:ApiKey`;

/** Numbers to 12 significant digits, in a derived relationship's properties. */
const approximate = (value: unknown): unknown =>
  typeof value === "number" ? Number(value.toPrecision(12)) : Array.isArray(value) ? value.map(approximate) : value;

/**
 * Every data node and relationship with its properties and their types, as sorted lines; then the
 * derived `IN_REGION` relationships (src/graph/derived/derived.ts), whose sums of capacities and
 * volumes are recomputed on import in the order Neo4j stores the links, so that floating-point sums
 * of the same values may differ in their last digits: they are compared to 12 significant digits.
 */
async function dump(executor: Executor): Promise<string[]> {
  const rows = await executor.read<{ what: string; derived: boolean; props: Record<string, unknown>; types: string[] }>(
    "test.export.dump",
    `MATCH (n) WHERE ${DATA("n")}
     RETURN labels(n)[0] AS what, false AS derived, properties(n) AS props, [k IN keys(n) | k + ': ' + valueType(n[k])] AS types
     UNION ALL
     MATCH (a)-[r]->(b) WHERE ${DATA("a")} AND ${DATA("b")}
     RETURN ${ENDPOINT("a")} + ' -' + type(r) + '-> ' + ${ENDPOINT("b")} AS what, type(r) = 'IN_REGION' AS derived,
            properties(r) AS props, [k IN keys(r) | k + ': ' + valueType(r[k])] AS types`,
  );
  return rows
    .map(({ what, derived, props, types }) => {
      const keys = Object.keys(props)
        .filter((k) => k !== "importStamp")
        .sort();
      const kept = types.filter((t) => !t.startsWith("importStamp:")).sort();
      const value = (k: string) => (derived ? approximate(props[k]) : props[k]);
      return `${what} ${JSON.stringify(keys.map((k) => [k, value(k)]))} ${kept.join(", ")}`;
    })
    .sort();
}

/** The files of a folder, by name, as text. */
const files = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));

/** Exports each of `years` (undefined: the default) into a folder of its own. */
async function exportEach(years: ReadonlyArray<number | undefined>, options: ExportOptions = {}) {
  const out: Array<{ dir: string; result: ExportResult }> = [];
  for (const year of years) {
    const dir = freshDir(`y${year ?? "default"}`);
    out.push({ dir, result: await exportDataSet(g.executor, dir, { ...options, ...(year !== undefined && { year }) }) });
  }
  return out;
}

/**
 * The round trip: dump what `load` imported, export it (each of `years` with `--year`, or the whole
 * timeless graph), import the exports into an emptied database in the same way, dump again.
 */
async function roundTrip(load: () => Promise<void>, years: readonly number[] | null) {
  await resetDatabase(g.executor);
  await load();
  const before = await dump(g.executor);
  const exports = await exportEach(years ?? [undefined]);
  await resetDatabase(g.executor);
  for (const [i, { dir }] of exports.entries()) {
    await importDataSet(g.executor, dir, years ? { year: years[i]! } : {});
  }
  return { before, after: await dump(g.executor), exports };
}

describe("export round trips", () => {
  it("the Shandong seed, timeless: import, export, import gives the same graph", async () => {
    const { before, after, exports } = await roundTrip(
      () => importDataSet(g.executor, SHANDONG_SEED).then(() => undefined),
      null,
    );
    expect(after).toEqual(before);
    const { result, dir } = exports[0]!;
    expect(result.year).toBeNull();
    expect(result.latest).toBe(false);
    expect(result.files.map((f) => f.file)).toEqual(FILES.map((f) => f.file));
    expect(result.skipped).toEqual([]);
    const rows = Object.fromEntries(result.files.map((f) => [f.file, f.rows]));
    expect(rows).toMatchObject({ "regions.csv": 20, "enterprises.csv": 108, "supply_links.csv": 137, "indicators.csv": 2 });
    expect(result.files.find((f) => f.file === "enterprises.csv")!.extras).toEqual(["description", "source", "stock_code"]);
    for (const f of result.files) expect(f.omitted).toEqual([]);
    // Deterministic, and the same whatever the page size: tiny pages cross every kind of page boundary.
    const again = freshDir("again");
    await exportDataSet(g.executor, again, { pageRows: 2 });
    expect(files(again)).toEqual(files(dir));
  }, 180_000);

  it("the Shandong seed as the service loads it, 2021 and 2024: each year's export imported with --year", async () => {
    const { before, after, exports } = await roundTrip(() => seedIfEmpty(g.executor, "shandong", logger), [2021, 2024]);
    expect(before.some((line) => line.includes('"years",[2024]'))).toBe(true);
    expect(after).toEqual(before);
    const enterprises = exports.map((e) => e.result.files.find((f) => f.file === "enterprises.csv")!.rows);
    expect(enterprises[1]! - enterprises[0]!).toBeGreaterThan(0);
  }, 240_000);

  it("three hand-made years full of quoting, numbers, holes and per-year values (tests/fixtures/export-years)", async () => {
    const years = [2023, 2024, 2025];
    const load = async () => {
      for (const y of years) await importDataSet(g.executor, `tests/fixtures/export-years/${y}`, { year: y });
    };
    const { before, after, exports } = await roundTrip(load, years);
    expect(after).toEqual(before);
    const [y2023, y2024] = exports.map((e) => e.dir);
    // No industries.csv: BIKE's free labels make the industries again, as they were made.
    for (const { result } of exports) expect(result.skipped.map((s) => s.file)).toEqual(["industries.csv"]);
    const text = files(y2023!);
    expect(text["product_inputs.csv"]).toBe(
      "product_id,input_id,share\nBIKE,FRAME,1000000000000000000000\nBIKE,MOTOR,0.5\nFRAME,STEEL,0.0000001\n",
    );
    expect(text["regions.csv"]).toContain('P,"Province P, the first",P省,PROVINCE,,,"He said ""hello""\nand went on"');
    expect(text["chains.csv"]).toContain("BIKE,Bicycles,自行车,Manufacturing,illustrative");
    // 2024: the year's capacities (empty where the year gave none), F1 in Z, no region Y nor its indicator.
    const produces = files(y2024!)["produces.csv"]!;
    expect(produces).toContain("F1,BIKE,,annual report");
    expect(produces).toContain("F3,STEEL,2500,illustrative");
    expect(files(y2024!)["enterprises.csv"]).toContain(
      'F1,"Firm One, Bicycles (renamed)",一号自行车公司,Z,,140,"quoted ""name"", comma",illustrative',
    );
    expect(files(y2024!)["regions.csv"]).not.toMatch(/^Y,/m);
    expect(files(y2024!)["indicators.csv"]).not.toMatch(/^Y,/m);
    // The latest year's text when it names the year's industries, else the year's industries.
    expect(files(y2024!)["chains.csv"]).toContain("BIKE,Bicycles,自行车,Manufacturing; Transport,illustrative");
  }, 180_000);

  it("a generated province in three years, with per-year capacities and volumes", async () => {
    const from = freshDir("generated");
    await generateDataSet({ enterprises: 400, links: 1600, seed: 11, out: from });
    const years = [2023, 2024, 2025];
    const states = await writeYearlyStates({ from, out: freshDir("generated-years"), years });
    // The generator copies capacities and volumes into every year: make them differ, and leave some out.
    for (const { year, dir } of states) {
      await vary(path.join(dir, "produces.csv"), "capacity", year);
      await vary(path.join(dir, "supply_links.csv"), "volume", year);
    }
    const load = async () => {
      for (const s of states) await importDataSet(g.executor, s.dir, { year: s.year });
    };
    const { before, after } = await roundTrip(load, years);
    expect(before.some((line) => line.includes('"capacity_2023"'))).toBe(true);
    expect(before.some((line) => line.includes('"volume_2024"'))).toBe(true);
    expect(after).toEqual(before);
  }, 300_000);

  it.each(["tests/fixtures/mini", "tests/fixtures/monitoring-indicators", "tests/fixtures/analytics-bike"])(
    "the fixture %s",
    async (folder) => {
      const { before, after } = await roundTrip(() => importDataSet(g.executor, folder).then(() => undefined), null);
      expect(after).toEqual(before);
    },
    120_000,
  );

  it("the fixture tests/fixtures/monitoring-years, two years", async () => {
    const load = async () => {
      for (const y of [2023, 2024]) await importDataSet(g.executor, `tests/fixtures/monitoring-years/${y}`, { year: y });
    };
    const { before, after } = await roundTrip(load, [2023, 2024]);
    expect(after).toEqual(before);
  }, 120_000);
});

/**
 * Rewrites `column` of a yearly file: each value scaled by its year, one row in seven left empty, and
 * one in eleven a number JavaScript prints with an exponent.
 */
async function vary(file: string, column: string, year: number): Promise<void> {
  const csv = await openCsv(file);
  const lines = [csvLine(csv.header)];
  let i = 0;
  for await (const { cells } of csv.rows) {
    i += 1;
    const value = Number(cells[column] || "1");
    const cell =
      (i + year) % 7 === 0
        ? ""
        : (i + year) % 11 === 0
          ? "0.00000025"
          : String(Math.round(value * (1 + (year - 2020) / 10) * 100) / 100);
    lines.push(csvLine(csv.header.map((h) => (h === column ? cell : cells[h]!))));
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

describe("what the export writes", () => {
  beforeAll(async () => {
    await resetDatabase(g.executor);
    for (const y of [2023, 2024, 2025]) await importDataSet(g.executor, `tests/fixtures/export-years/${y}`, { year: y });
  }, 120_000);

  it("without a year, the latest year of a graph with years, and says so; a year the graph lacks is BAD_USER_INPUT", async () => {
    const [{ result, dir }] = await exportEach([undefined]);
    expect(result).toMatchObject({ year: 2025, years: [2023, 2024, 2025], latest: true });
    const [{ dir: latest }] = await exportEach([2025]);
    expect(files(dir)).toEqual(files(latest));
    const refused = await exportDataSet(g.executor, freshDir("none"), { year: 2022 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    expect((refused as GraphQLError).message).toContain("2023, 2024, 2025");
  });

  it("leaves out bookkeeping, reports properties no column can hold, and writes optional files only with data", async () => {
    await g.executor.write(
      "test.export.bookkeeping",
      `MATCH (e:Enterprise {code: 'F1'}) SET e.version = 3, e.stage = 'odd', e.\`bad name\` = 1
       WITH e MATCH (p:Product {code: 'BIKE'}) SET p.dependentCount = 4`,
    );
    try {
      const dir = freshDir("bookkeeping");
      const result = await exportDataSet(g.executor, dir, { year: 2024 });
      const headers = Object.fromEntries(Object.entries(files(dir)).map(([f, text]) => [f, text.split("\n", 1)[0]]));
      expect(headers["enterprises.csv"]).toBe("id,name,name_zh,city_id,cluster_id,employees,note,source");
      expect(headers["produces.csv"]).toBe("enterprise_id,product_id,capacity,source");
      expect(headers["products.csv"]).toBe("id,chain_id,name,name_zh,stage,source");
      for (const header of Object.values(headers))
        expect(header).not.toMatch(/years|importStamp|searchText|version|dependent|_20\d\d/);
      expect(result.files.find((f) => f.file === "enterprises.csv")!.omitted).toEqual([
        { key: "bad name", reason: "not a valid column name" },
        { key: "stage", reason: "a reserved property" },
      ]);

      // Optional files only when the graph has such data; a stale copy in the folder goes.
      await g.executor.write("test.export.noPlans", "MATCH (n) WHERE n:Plan OR n:PlanItem OR n:Observation DETACH DELETE n");
      const second = await exportDataSet(g.executor, dir, { year: 2024 });
      expect(second.skipped.map((s) => s.file)).toEqual(["industries.csv", "plans.csv", "plan_items.csv", "indicators.csv"]);
      expect(readdirSync(dir).sort()).toEqual(
        FILES.filter((f) => !f.optional)
          .map((f) => f.file)
          .sort(),
      );
    } finally {
      await resetDatabase(g.executor);
      for (const y of [2023, 2024, 2025]) await importDataSet(g.executor, `tests/fixtures/export-years/${y}`, { year: y });
    }
  }, 120_000);
});
