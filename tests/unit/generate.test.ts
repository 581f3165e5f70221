import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDataSet, type Summary } from "../../src/generate/generate.js";
import { UsageError, main, parseArgs } from "../../src/generate/cli.js";
import { formatProblem, validateDataSet } from "../../src/graph/import/validate.js";

// ---------------------------------------------------------------------------------------------
// A small RFC 4180 reader, independent of the generator's writer.

type Row = Record<string, string> & { __line: string };

function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function readTable(dir: string, file: string): Promise<{ header: string[]; rows: Row[] }> {
  const [header, ...body] = parseCsv(await readFile(join(dir, file), "utf8"));
  expect(header, `${file} has a header`).toBeDefined();
  const long = body.findIndex((cells) => cells.length > header!.length);
  expect(long, `${file}:${long + 2} has more cells than the header`).toBe(-1);
  const rows = body.map((cells, i) => {
    const row = { __line: `${file}:${i + 2}` } as Row;
    header!.forEach((name, k) => (row[name] = cells[k] ?? ""));
    return row;
  });
  return { header: header!, rows };
}

async function hashFolder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of (await readdir(dir)).sort()) {
    out[file] = createHash("sha256")
      .update(await readFile(join(dir, file)))
      .digest("hex");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The documented format (docs/data-format.md): columns, required cells (marked *), enums.

const SPEC: Record<string, { columns: string[]; required: string[]; named?: boolean }> = {
  "regions.csv": { columns: ["id", "name", "name_zh", "kind", "parent_id"], required: ["id", "kind"], named: true },
  "industries.csv": { columns: ["id", "name", "name_zh"], required: ["id"], named: true },
  "chains.csv": { columns: ["id", "name", "name_zh", "industry"], required: ["id"], named: true },
  "products.csv": {
    columns: ["id", "chain_id", "name", "name_zh", "stage"],
    required: ["id", "chain_id", "stage"],
    named: true,
  },
  "product_inputs.csv": { columns: ["product_id", "input_id"], required: ["product_id", "input_id"] },
  "clusters.csv": { columns: ["id", "name", "name_zh", "city_id", "focus"], required: ["id", "city_id"], named: true },
  "enterprises.csv": {
    columns: ["id", "name", "name_zh", "city_id", "cluster_id"],
    required: ["id", "city_id"],
    named: true,
  },
  "produces.csv": { columns: ["enterprise_id", "product_id", "capacity"], required: ["enterprise_id", "product_id"] },
  "supply_links.csv": {
    columns: ["supplier_id", "customer_id", "product_id", "volume"],
    required: ["supplier_id", "customer_id", "product_id"],
  },
};
const RESERVED = new Set(["code", "name", "nameZh", "kind", "stage", "industry", "capacity", "volume", "product", "searchText"]);
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

type DataSet = Record<string, { header: string[]; rows: Row[] }>;

async function readDataSet(dir: string): Promise<DataSet> {
  const data: DataSet = {};
  for (const file of Object.keys(SPEC)) data[file] = await readTable(dir, file);
  return data;
}

/**
 * Every rule of docs/data-format.md, plus the generator's own promises (a `source` cell, suppliers make
 * what they supply, no repeated rows). Returns the problems as `file:line: message` strings.
 */
function formatProblems(data: DataSet): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok && problems.length < 50) problems.push(message);
  };
  const uniqueIds = (file: string): Map<string, Row> => {
    const byId = new Map<string, Row>();
    for (const row of data[file]!.rows) {
      check(!byId.has(row.id!), `${row.__line}: duplicate id ${row.id}`);
      byId.set(row.id!, row);
    }
    check(byId.size > 0, `${file}: no rows`);
    return byId;
  };
  const number = (cell: string | undefined, where: string): void => {
    check(cell === "" || (NUMBER.test(cell!) && Number(cell) >= 0), `${where}: not a non-negative number: ${cell}`);
  };

  for (const [file, spec] of Object.entries(SPEC)) {
    const { header, rows } = data[file]!;
    for (const column of spec.columns) check(header.includes(column), `${file}: missing column ${column}`);
    for (const column of header) {
      if (spec.columns.includes(column)) continue;
      check(/^[A-Za-z_][A-Za-z0-9_]*$/.test(column), `${file}: bad extra column name ${column}`);
      check(!RESERVED.has(column), `${file}: extra column ${column} shadows a reserved property`);
    }
    check(header.includes("source"), `${file}: no source column`);
    for (const row of rows) {
      for (const column of spec.required) check(row[column] !== "", `${row.__line}: ${column} is required`);
      if (spec.named) check(row.name !== "" || row.name_zh !== "", `${row.__line}: no name`);
      check(row.source === "synthetic", `${row.__line}: source is ${row.source}`);
    }
  }

  const regions = uniqueIds("regions.csv");
  for (const r of regions.values()) {
    const parent = regions.get(r.parent_id!)?.kind;
    if (r.kind === "PROVINCE") check(r.parent_id === "", `${r.__line}: a province has no parent`);
    else if (r.kind === "CIRCLE") check(parent === "PROVINCE", `${r.__line}: a circle's parent is a province`);
    else if (r.kind === "CITY") check(parent === "CIRCLE" || parent === "PROVINCE", `${r.__line}: city parent`);
    else check(false, `${r.__line}: bad kind ${r.kind}`);
  }
  const isCity = (id: string): boolean => regions.get(id)?.kind === "CITY";

  const industries = uniqueIds("industries.csv");
  const chains = uniqueIds("chains.csv");
  for (const c of chains.values()) check(industries.has(c.industry!), `${c.__line}: unknown industry ${c.industry}`);

  const products = uniqueIds("products.csv");
  for (const p of products.values()) {
    check(chains.has(p.chain_id!), `${p.__line}: unknown chain_id ${p.chain_id}`);
    check(["UPSTREAM", "MIDSTREAM", "DOWNSTREAM"].includes(p.stage!), `${p.__line}: bad stage ${p.stage}`);
  }

  const inputPairs = new Set<string>();
  for (const r of data["product_inputs.csv"]!.rows) {
    check(products.has(r.product_id!), `${r.__line}: unknown product_id ${r.product_id}`);
    check(products.has(r.input_id!), `${r.__line}: unknown input_id ${r.input_id}`);
    check(r.product_id !== r.input_id, `${r.__line}: a product may not require itself`);
    check(!inputPairs.has(`${r.product_id}>${r.input_id}`), `${r.__line}: repeated input`);
    inputPairs.add(`${r.product_id}>${r.input_id}`);
  }

  const clusters = uniqueIds("clusters.csv");
  for (const c of clusters.values()) {
    check(isCity(c.city_id!), `${c.__line}: city_id ${c.city_id} is not a CITY`);
    for (const chain of c.focus!.split(";").filter(Boolean)) check(chains.has(chain), `${c.__line}: focus ${chain}`);
  }

  const enterprises = uniqueIds("enterprises.csv");
  for (const e of enterprises.values()) {
    check(isCity(e.city_id!), `${e.__line}: city_id ${e.city_id} is not a CITY`);
    if (e.cluster_id) {
      check(clusters.get(e.cluster_id)?.city_id === e.city_id, `${e.__line}: cluster not in the enterprise's city`);
    }
    number(e.employees, e.__line);
  }

  const makes = new Set<string>();
  for (const r of data["produces.csv"]!.rows) {
    check(enterprises.has(r.enterprise_id!), `${r.__line}: unknown enterprise_id ${r.enterprise_id}`);
    check(products.has(r.product_id!), `${r.__line}: unknown product_id ${r.product_id}`);
    number(r.capacity, r.__line);
    const key = `${r.enterprise_id}|${r.product_id}`;
    check(!makes.has(key), `${r.__line}: repeated produces row`);
    makes.add(key);
  }

  const triples = new Set<string>();
  for (const r of data["supply_links.csv"]!.rows) {
    check(enterprises.has(r.supplier_id!), `${r.__line}: unknown supplier_id ${r.supplier_id}`);
    check(enterprises.has(r.customer_id!), `${r.__line}: unknown customer_id ${r.customer_id}`);
    check(products.has(r.product_id!), `${r.__line}: unknown product_id ${r.product_id}`);
    check(r.supplier_id !== r.customer_id, `${r.__line}: a firm may not supply itself`);
    check(makes.has(`${r.supplier_id}|${r.product_id}`), `${r.__line}: the supplier does not make ${r.product_id}`);
    number(r.volume, r.__line);
    const triple = `${r.supplier_id}|${r.customer_id}|${r.product_id}`;
    check(!triples.has(triple), `${r.__line}: repeated (supplier, customer, product)`);
    triples.add(triple);
  }
  return problems;
}

function checkFormat(data: DataSet): void {
  expect(formatProblems(data)).toEqual([]);
}

interface Planted {
  gaps: Array<{
    kind: "MISSING" | "SINGLE_SOURCE";
    city_id: string;
    chain_id: string;
    product_id: string;
    local_producers: number;
    producer_id: string | null;
    local_consumers: number;
    province_producers: number;
  }>;
  cycles: string[][];
  top_customers: Array<{ id: string; links: number; suppliers: number }>;
}

function checkPlanted(data: DataSet, planted: Planted): void {
  const cityOf = new Map(data["enterprises.csv"]!.rows.map((e) => [e.id!, e.city_id!]));
  const requires = new Map<string, string[]>();
  for (const r of data["product_inputs.csv"]!.rows) {
    requires.set(r.input_id!, [...(requires.get(r.input_id!) ?? []), r.product_id!]);
  }
  const inputPairs = new Set(data["product_inputs.csv"]!.rows.map((r) => `${r.product_id}>${r.input_id}`));
  expect(planted.gaps.length).toBeGreaterThanOrEqual(2);
  for (const gap of planted.gaps) {
    const makers = data["produces.csv"]!.rows.filter((r) => r.product_id === gap.product_id);
    const local = makers.filter((r) => cityOf.get(r.enterprise_id!) === gap.city_id);
    const elsewhere = makers.filter((r) => cityOf.get(r.enterprise_id!) !== gap.city_id);
    const needs = new Set(requires.get(gap.product_id) ?? []);
    const consumers = new Set(
      data["produces.csv"]!.rows.filter((r) => needs.has(r.product_id!) && cityOf.get(r.enterprise_id!) === gap.city_id).map(
        (r) => r.enterprise_id,
      ),
    );
    const what = `${gap.kind} ${gap.product_id} in ${gap.city_id}`;
    expect(local.length, what).toBe(gap.kind === "MISSING" ? 0 : 1);
    expect(gap.local_producers, what).toBe(local.length);
    if (gap.kind === "SINGLE_SOURCE") expect(local[0]!.enterprise_id, what).toBe(gap.producer_id);
    expect(consumers.size, `${what}: local firms need it`).toBeGreaterThan(0);
    expect(gap.local_consumers, what).toBe(consumers.size);
    expect(elsewhere.length, `${what}: made elsewhere`).toBeGreaterThan(0);
    expect(gap.province_producers, what).toBe(makers.length);
  }
  expect(planted.cycles.length).toBeGreaterThan(0);
  for (const cycle of planted.cycles) {
    expect(cycle[0]).toBe(cycle[cycle.length - 1]);
    for (let i = 0; i + 1 < cycle.length; i++)
      expect(inputPairs.has(`${cycle[i]}>${cycle[i + 1]}`), cycle.join(" > ")).toBe(true);
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

// ---------------------------------------------------------------------------------------------

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "generate-test-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("generateDataSet", () => {
  it("writes byte-identical files for the same options", async () => {
    const a = join(root, "same-a");
    const b = join(root, "same-b");
    await generateDataSet({ enterprises: 300, links: 2000, seed: 7, out: a });
    await generateDataSet({ enterprises: 300, links: 2000, seed: 7, out: b });
    const hashA = await hashFolder(a);
    expect(Object.keys(hashA)).toContain("supply_links.csv");
    expect(Object.keys(hashA)).toContain("planted.json");
    expect(await hashFolder(b)).toEqual(hashA);
  });

  it("writes different data for a different seed", async () => {
    const a = join(root, "seed-1");
    const b = join(root, "seed-2");
    await generateDataSet({ enterprises: 300, links: 2000, seed: 1, out: a });
    await generateDataSet({ enterprises: 300, links: 2000, seed: 2, out: b });
    const [hashA, hashB] = [await hashFolder(a), await hashFolder(b)];
    expect(hashA["regions.csv"]).toBe(hashB["regions.csv"]); // the geography is fixed
    for (const file of ["products.csv", "enterprises.csv", "produces.csv", "supply_links.csv"]) {
      expect(hashA[file], file).not.toBe(hashB[file]);
    }
  });

  describe("a small data set (300 enterprises, 2000 links)", () => {
    let dir: string;
    let summary: Summary;
    let data: DataSet;
    beforeAll(async () => {
      dir = join(root, "small");
      summary = await generateDataSet({ enterprises: 300, links: 2000, seed: 42, out: dir });
      data = await readDataSet(dir);
    });

    it("reports the rows it wrote", () => {
      const rows = Object.fromEntries(summary.files.map((f) => [f.file, f.rows]));
      expect(rows["enterprises.csv"]).toBe(300);
      expect(rows["supply_links.csv"]).toBe(2000);
      expect(rows["regions.csv"]).toBe(1 + 3 + 16);
      expect(rows["chains.csv"]).toBe(10);
      for (const [file, { rows: body }] of Object.entries(data)) expect(rows[file], file).toBe(body.length);
    });

    it("follows every rule of docs/data-format.md", () => {
      checkFormat(data);
    });

    it("is byte for byte what the generator wrote before --products existed", async () => {
      // Hashes of this run (300 enterprises, 2000 links, seed 42, default chains) from commit abab66b.
      // The benchmarks and the tests' known answers rely on the default output; change these only on
      // purpose, together with whatever depends on the data.
      expect(await hashFolder(dir)).toEqual({
        "chains.csv": "705b8651d824a8b8c698f06acfe72d02bc7a9ca527c124d69fd52fee76c97ea9",
        "clusters.csv": "af337c5be478b99efc8cd22f691eda9259c8cee0e4dfb91f2f41088feb05243c",
        "enterprises.csv": "0381a3313fc1da157e7930c55bc00adae990a7e293b43b5f2abd55a07677c877",
        "industries.csv": "602db50cfb0f698a3c8b422e7bc54e173c46e1888ae858bac0b7044cc640d35e",
        "planted.json": "30631a65ad132fb30a34f3c96d882c936facca54845052af3464f765b4f19876",
        "produces.csv": "46cf98960cc7d6833f4dcc6bc6f57be1d714591dc9a31689550be6420bffe306",
        "product_inputs.csv": "54d200725fd7dee8cea4e47bce5992f8630fd62881bdb00691cf97f78f471c5b",
        "products.csv": "41ff67df6115f2f189ab739108643eb3e4fd81543c70cf63afab7621465814b4",
        "regions.csv": "6cdaa24c63ebb6d8ed318cbf0ef212305266d724a00e5184af8a415cffb004a9",
        "supply_links.csv": "45b0a5a3ac76c292a979f80de886a378e010ba7aed5ce48cd3304dbb47ce7dc3",
      });
    });

    it("has the Shandong regions and 20-60 products per chain", () => {
      const regions = data["regions.csv"]!.rows;
      expect(regions.filter((r) => r.kind === "CITY")).toHaveLength(16);
      expect(regions.find((r) => r.id === "SD-QINGDAO")).toMatchObject({
        name_zh: "青岛市",
        parent_id: "SD-C-JIAODONG",
      });
      expect(regions.find((r) => r.id === "SD-HEZE")).toMatchObject({ parent_id: "SD-C-LUNAN" });
      const perChain = new Map<string, number>();
      for (const p of data["products.csv"]!.rows) perChain.set(p.chain_id!, (perChain.get(p.chain_id!) ?? 0) + 1);
      for (const [chain, count] of perChain) {
        expect(count, chain).toBeGreaterThanOrEqual(20);
        expect(count, chain).toBeLessThanOrEqual(60);
      }
      const stageOf = new Map(data["products.csv"]!.rows.map((p) => [p.id!, p.stage!]));
      const chainOf = new Map(data["products.csv"]!.rows.map((p) => [p.id!, p.chain_id!]));
      const inputs = data["product_inputs.csv"]!.rows;
      expect(inputs.some((r) => chainOf.get(r.product_id!) !== chainOf.get(r.input_id!))).toBe(true);
      const within = inputs.filter((r) => chainOf.get(r.product_id!) === chainOf.get(r.input_id!));
      for (const r of within.filter((x) => stageOf.get(x.product_id!) === "MIDSTREAM")) {
        expect(stageOf.get(r.input_id!), r.__line).toBe("UPSTREAM");
      }
    });

    it("passes the importer's own validation", async () => {
      const result = await validateDataSet(dir);
      expect(result.problems.map(formatProblem)).toEqual([]);
      expect(result.rows["supply_links.csv"]).toBe(2000);
    });

    it("plants the gaps it reports in planted.json", async () => {
      const planted = JSON.parse(await readFile(join(dir, "planted.json"), "utf8")) as Planted;
      checkPlanted(data, planted);
      expect(planted.gaps.some((g) => g.kind === "MISSING")).toBe(true);
      expect(planted.gaps.some((g) => g.kind === "SINGLE_SOURCE")).toBe(true);
    });
  });

  describe("a medium data set (5000 enterprises, 40000 links)", () => {
    let data: DataSet;
    let planted: Planted;
    let circleOf: Map<string, string>;
    beforeAll(async () => {
      const dir = join(root, "medium");
      await generateDataSet({ enterprises: 5000, links: 40000, seed: 3, out: dir, chains: 8 });
      data = await readDataSet(dir);
      planted = JSON.parse(await readFile(join(dir, "planted.json"), "utf8")) as Planted;
      const parent = new Map(data["regions.csv"]!.rows.map((r) => [r.id!, r.parent_id!]));
      circleOf = new Map(data["enterprises.csv"]!.rows.map((e) => [e.id!, parent.get(e.city_id!)!]));
    });

    it("is valid and plants its gaps", () => {
      checkFormat(data);
      checkPlanted(data, planted);
    });

    it("makes local firms buy a missing input from other cities, a single-source one from its one maker", () => {
      const cityOf = new Map(data["enterprises.csv"]!.rows.map((e) => [e.id!, e.city_id!]));
      for (const gap of planted.gaps) {
        const bought = data["supply_links.csv"]!.rows.filter(
          (l) => l.product_id === gap.product_id && cityOf.get(l.customer_id!) === gap.city_id,
        );
        const what = `${gap.kind} ${gap.product_id} in ${gap.city_id}`;
        expect(bought.length, `${what}: local firms buy it`).toBeGreaterThan(0);
        const localSuppliers = new Set(
          bought.filter((l) => cityOf.get(l.supplier_id!) === gap.city_id).map((l) => l.supplier_id),
        );
        // MISSING: nobody local; SINGLE_SOURCE: at most the one local maker.
        const allowed = gap.kind === "MISSING" ? [] : [gap.producer_id];
        for (const supplier of localSuppliers) expect(allowed, `${what}: local supplier`).toContain(supplier);
      }
    });

    it("keeps most links local", () => {
      const cityOf = new Map(data["enterprises.csv"]!.rows.map((e) => [e.id!, e.city_id!]));
      const links = data["supply_links.csv"]!.rows;
      const sameCity = links.filter((l) => cityOf.get(l.supplier_id!) === cityOf.get(l.customer_id!)).length;
      const sameCircle = links.filter((l) => circleOf.get(l.supplier_id!) === circleOf.get(l.customer_id!)).length;
      expect(sameCity / links.length).toBeGreaterThan(0.35);
      expect(sameCircle / links.length).toBeGreaterThan(0.7);
    });

    it("mostly buys inputs of what the customer makes", () => {
      const makes = new Map<string, string[]>();
      for (const r of data["produces.csv"]!.rows)
        makes.set(r.enterprise_id!, [...(makes.get(r.enterprise_id!) ?? []), r.product_id!]);
      const inputPairs = new Set(data["product_inputs.csv"]!.rows.map((r) => `${r.product_id}>${r.input_id}`));
      const links = data["supply_links.csv"]!.rows;
      const asInput = links.filter((l) => (makes.get(l.customer_id!) ?? []).some((p) => inputPairs.has(`${p}>${l.product_id}`)));
      expect(asInput.length / links.length).toBeGreaterThan(0.6);
    });

    it("has heavy-tailed customer in-degrees", () => {
      const inDegree = new Map<string, number>();
      for (const l of data["supply_links.csv"]!.rows) inDegree.set(l.customer_id!, (inDegree.get(l.customer_id!) ?? 0) + 1);
      const degrees = [...inDegree.values()].sort((a, b) => a - b);
      const median = quantile(degrees, 0.5);
      const max = degrees[degrees.length - 1]!;
      expect(median).toBeLessThanOrEqual(10);
      expect(max).toBeGreaterThanOrEqual(10 * median);
      expect(max).toBeGreaterThanOrEqual(100);
    });

    it("puts enterprises unevenly across cities, the big four largest", () => {
      const perCity = new Map<string, number>();
      for (const e of data["enterprises.csv"]!.rows) perCity.set(e.city_id!, (perCity.get(e.city_id!) ?? 0) + 1);
      const ranked = [...perCity.entries()].sort((a, b) => b[1] - a[1]).map(([city]) => city);
      expect(new Set(ranked.slice(0, 4))).toEqual(new Set(["SD-JINAN", "SD-QINGDAO", "SD-YANTAI", "SD-WEIFANG"]));
      expect(data["enterprises.csv"]!.rows.filter((e) => e.cluster_id).length).toBeGreaterThan(500);
    });
  });

  describe("a real-scale catalogue (--products 3000, 1500 enterprises, 12000 links)", () => {
    let dir: string;
    let summary: Summary;
    let data: DataSet;
    beforeAll(async () => {
      dir = join(root, "catalogue");
      summary = await generateDataSet({ enterprises: 1500, links: 12_000, seed: 11, out: dir, products: 3000 });
      data = await readDataSet(dir);
    });

    it("writes the catalogue it reports: 3000 products over 6 chains, 1800 requires", () => {
      const rows = Object.fromEntries(summary.files.map((f) => [f.file, f.rows]));
      expect(rows["products.csv"]).toBe(3000);
      expect(rows["product_inputs.csv"]).toBe(1800);
      expect(rows["chains.csv"]).toBe(6);
      expect(summary.chains).toBe(6);
      const c = summary.catalogue!;
      expect(c).toMatchObject({ products: 3000, requires: 1800, largestChain: { id: "GCH01", products: 1800 } });
      expect(c.smallestChain).toEqual({ id: "GCH02", products: 60 });
      expect(c.produces).toBe(rows["produces.csv"]);
      expect(c.noProducers).toBeGreaterThan(0); // many products have no maker …
      expect(c.maxProducers).toBeGreaterThanOrEqual(20); // … and a few have many
      const perChain = new Map<string, number>();
      for (const p of data["products.csv"]!.rows) perChain.set(p.chain_id!, (perChain.get(p.chain_id!) ?? 0) + 1);
      expect(perChain.get("GCH01")).toBe(1800);
      expect(perChain.get("GCH02")).toBe(60);
    });

    it("follows every rule of docs/data-format.md and passes the importer's validation", async () => {
      checkFormat(data);
      const result = await validateDataSet(dir);
      expect(result.problems.map(formatProblem)).toEqual([]);
    });

    it("plants its gaps and cycles, and reports the catalogue's shape in planted.json", async () => {
      const planted = JSON.parse(await readFile(join(dir, "planted.json"), "utf8")) as Planted & {
        products: number;
        catalogue: { largest_chain: { id: string }; smallest_chain: { id: string }; max_dependents: number };
      };
      checkPlanted(data, planted);
      expect(planted.products).toBe(3000);
      expect(planted.catalogue.largest_chain.id).toBe("GCH01");
      expect(planted.catalogue.smallest_chain.id).toBe("GCH02");
      expect(planted.catalogue.max_dependents).toBe(summary.catalogue!.maxDependents);
    });

    it("spreads producers over the whole catalogue, every chain made by someone", () => {
      const chainOf = new Map(data["products.csv"]!.rows.map((p) => [p.id!, p.chain_id!]));
      const chainsMade = new Set(data["produces.csv"]!.rows.map((r) => chainOf.get(r.product_id!)));
      expect(chainsMade.size).toBe(6);
      const made = new Set(data["produces.csv"]!.rows.map((r) => r.product_id));
      expect(made.size).toBeGreaterThan(600);
    });

    it("is byte-identical for the same options", async () => {
      const again = join(root, "catalogue-again");
      await generateDataSet({ enterprises: 1500, links: 12_000, seed: 11, out: again, products: 3000 });
      expect(await hashFolder(again)).toEqual(await hashFolder(dir));
    });
  });

  it("rejects impossible options", async () => {
    await expect(generateDataSet({ enterprises: 0, links: 0, seed: 1, out: join(root, "x") })).rejects.toThrow(/enterprises/);
    await expect(generateDataSet({ enterprises: 3, links: 7, seed: 1, out: join(root, "x") })).rejects.toThrow(/links/);
    await expect(generateDataSet({ enterprises: 3, links: 1, seed: -1, out: join(root, "x") })).rejects.toThrow(/seed/);
    await expect(generateDataSet({ enterprises: 3, links: 1, seed: 1, chains: 0, out: join(root, "x") })).rejects.toThrow(
      /chains/,
    );
    for (const products of [99, 1_000_001, 2.5]) {
      await expect(generateDataSet({ enterprises: 3, links: 1, seed: 1, products, out: join(root, "x") })).rejects.toThrow(
        /products must be an integer from 100 to 1000000/,
      );
    }
    await expect(
      generateDataSet({ enterprises: 3, links: 1, seed: 1, products: 100, chains: 40, out: join(root, "x") }),
    ).rejects.toThrow(/at least 3 per chain/);
  });

  it("fills a tiny data set completely without repeats", async () => {
    const dir = join(root, "tiny");
    await generateDataSet({ enterprises: 6, links: 30, seed: 5, out: dir, chains: 2 });
    const data = await readDataSet(dir);
    checkFormat(data);
    expect(data["supply_links.csv"]!.rows).toHaveLength(30);
  });
});

describe("cli", () => {
  it("parses flags", () => {
    expect(parseArgs(["--enterprises", "100", "--links=1_000", "--seed", "42", "--out", "/tmp/x"])).toEqual({
      enterprises: 100,
      links: 1000,
      seed: 42,
      out: "/tmp/x",
    });
    expect(parseArgs(["--enterprises", "1", "--links", "0", "--seed", "0", "--out", "o", "--chains", "3"])?.chains).toBe(3);
    expect(parseArgs(["--enterprises", "1", "--links", "0", "--seed", "0", "--out", "o", "--products", "100_000"])).toEqual({
      enterprises: 1,
      links: 0,
      seed: 0,
      out: "o",
      products: 100_000,
    });
    expect(parseArgs(["--help"])).toBeNull();
  });

  it("rejects bad flags with a clear message", async () => {
    const bad: Array<[string[], RegExp]> = [
      [["--enterprises", "100", "--links", "10", "--seed", "1"], /--out is required/],
      [["--enterprises", "1e5", "--links", "10", "--seed", "1", "--out", "o"], /--enterprises must be a non-negative integer/],
      [["--enterprises", "-5", "--links", "10", "--seed", "1", "--out", "o"], /--enterprises needs a value|non-negative/],
      [["--enterprises", "5", "--links", "10", "--seed", "1", "--out", "o", "--color"], /unknown flag --color/],
      [["--enterprises", "5", "--links", "10", "--seed", "1", "--out"], /--out needs a value/],
      [["--enterprises", "5", "--enterprises", "6", "--links", "1", "--seed", "1", "--out", "o"], /given twice/],
      [["stray"], /unexpected argument/],
    ];
    for (const [argv, message] of bad) expect(() => parseArgs(argv), argv.join(" ")).toThrow(message);
    expect(() => parseArgs([])).toThrow(UsageError);

    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(await main(["--enterprises", "5"])).toBe(2);
      expect(await main(["--enterprises", "5", "--links", "99", "--seed", "1", "--out", join(root, "cli")])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join("")).toMatch(/--links is required/);
    expect(stderr.join("")).toMatch(/links must be an integer from 0 to 20/);
  });
});
