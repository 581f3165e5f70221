/**
 * Import benchmark: the service's importer against a bare `UNWIND $rows MERGE` loader of the same rows.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7699 npx tsx bench/import.ts <data-set folder> [--wipe] [--batch 5000] [--out file.json]
 *
 * THIS EMPTIES THE DATABASE. It refuses to start on a database that holds data unless --wipe is given.
 * Steps, each into an empty database:
 *   1. the bare loader (written here: per file, batches of the same size, one transaction per batch;
 *      nodes by MERGE on code, then relationships by MATCH + MERGE; no validation, no clean-up of stale
 *      relationships), then the graph is counted and wiped;
 *   2. our importer, `importDataSet` from src/graph/import/importer.ts (validation of the whole folder
 *      first, then its writes, then the recomputation of the derived analytics data, src/graph/derived/derived.ts),
 *      then the graph is counted and left in place.
 * Both figures are rows per second over the same rows; the ratio is our seconds ÷ bare seconds, derived
 * data included (the goal: within 1.5); the validation and derived seconds are reported apart too.
 * The graphs are compared without the derived data, which the bare loader does not write. Results go to
 * bench/results.import.json (`--out` elsewhere), which `npm run bench` includes.
 */
import { createReadStream, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/graph/db/database.js";
import { importDataSet } from "../src/graph/import/importer.js";
import { extraValue, FILES } from "../src/graph/import/spec.js";
import { rowMapper } from "../src/graph/import/write.js";
import { createLogger } from "../src/logger.js";
import { BENCH, numberArg, parseArgs, stringArg } from "./util.js";

export const IMPORT_RESULTS = path.join(BENCH, "results.import.json");

/** The service's own driver (root neo4j-driver), as openDatabase returns it. */
type Driver = Awaited<ReturnType<typeof openDatabase>>["driver"];
type Cells = Record<string, string>;
type Row = Record<string, unknown>;

export interface GraphCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export interface ImportBenchResult {
  date: string;
  folder: string;
  neo4jUri: string;
  batchSize: number;
  rows: Record<string, number>;
  totalRows: number;
  ours: {
    seconds: number;
    rowsPerSecond: number;
    fileSeconds?: Record<string, number>;
    /** Of `seconds`: the validation pass, and the recomputation of the derived analytics data after the writes. */
    validationSeconds?: number;
    derivedSeconds?: number;
    /** Derived data written: products counted, IN_REGION relationships. */
    derived?: { products: number; inRegion: number };
  };
  bare: { seconds: number; rowsPerSecond: number; fileSeconds?: Record<string, number> };
  /** ours seconds ÷ bare seconds. */
  ratio: number;
  goal: number;
  /** Same node and relationship counts per label and type, derived data (DERIVED) left out of ours. */
  sameGraph: boolean;
  graph: { ours: GraphCounts; bare: GraphCounts };
}

// ------------------------------------------------------------------------------------ bare loader

const node = (label: string) => `UNWIND $rows AS row MERGE (n:${label} {code: row.code}) SET n += row.props`;
const rel = (from: string, key: string, type: string, to: string) =>
  `UNWIND $rows AS row UNWIND row.${key} AS target
   MATCH (a:${from} {code: row.code}) MATCH (b:${to} {code: target}) MERGE (a)-[:${type}]->(b)`;

/** The bare loader's own statements per file; rows come from the importer's `rowMapper`, so both load the same rows. */
interface BareFile {
  statements: string[];
  second?: string[];
}

function bareFiles(hasIndustries: boolean): Record<string, BareFile> {
  return {
    "regions.csv": {
      statements: [node("Region")],
      second: [rel("Region", "parent", "PART_OF", "Region")],
    },
    "industries.csv": { statements: [node("Industry")] },
    "chains.csv": {
      statements: [
        node("IndustryChain"),
        ...(hasIndustries
          ? []
          : [
              `UNWIND $rows AS row UNWIND row.industry AS label
               MERGE (i:Industry {code: label}) ON CREATE SET i.name = label, i.searchText = toLower(label)`,
            ]),
        rel("IndustryChain", "industry", "OF_INDUSTRY", "Industry"),
      ],
    },
    "products.csv": {
      statements: [node("Product"), rel("Product", "chain", "IN_CHAIN", "IndustryChain")],
    },
    "product_inputs.csv": {
      statements: [
        `UNWIND $rows AS row MATCH (p:Product {code: row.product}) MATCH (i:Product {code: row.input})
         MERGE (p)-[r:REQUIRES]->(i) SET r += row.props`,
      ],
    },
    "clusters.csv": {
      statements: [
        node("Cluster"),
        rel("Cluster", "city", "LOCATED_IN", "Region"),
        rel("Cluster", "focus", "FOCUSES_ON", "IndustryChain"),
      ],
    },
    "enterprises.csv": {
      statements: [
        node("Enterprise"),
        rel("Enterprise", "city", "LOCATED_IN", "Region"),
        rel("Enterprise", "cluster", "MEMBER_OF", "Cluster"),
      ],
    },
    "produces.csv": {
      statements: [
        `UNWIND $rows AS row MATCH (e:Enterprise {code: row.enterprise}) MATCH (p:Product {code: row.product})
         MERGE (e)-[r:PRODUCES]->(p) SET r += row.props`,
      ],
    },
    "supply_links.csv": {
      statements: [
        `UNWIND $rows AS row MATCH (s:Enterprise {code: row.supplier}) MATCH (c:Enterprise {code: row.customer})
         MERGE (s)-[r:SUPPLIES {product: row.product}]->(c) SET r += row.props`,
      ],
    },
    "plans.csv": {
      statements: [node("Plan"), rel("Plan", "region", "ISSUED_FOR", "Region")],
    },
    "plan_items.csv": {
      statements: [
        node("PlanItem"),
        `UNWIND $rows AS row MATCH (i:PlanItem {code: row.code}) MATCH (p:Plan {code: row.plan[0]}) MERGE (p)-[:HAS_ITEM]->(i)`,
        rel("PlanItem", "chains", "CONCERNS", "IndustryChain"),
        rel("PlanItem", "regions", "CONCERNS", "Region"),
        rel("PlanItem", "industries", "CONCERNS", "Industry"),
      ],
    },
  };
}

/** Loads the folder with the bare loader; returns rows per file. */
export async function bareLoad(
  driver: Driver,
  database: string | undefined,
  folder: string,
  batchSize: number,
  seconds: Record<string, number> = {},
): Promise<Record<string, number>> {
  const table = bareFiles(existsSync(path.join(folder, "industries.csv")));
  const written: Record<string, number> = {};
  for (const [file, spec] of Object.entries(table)) {
    const full = path.join(folder, file);
    if (!existsSync(full)) continue;
    const toRow = rowMapper(file);
    const columns = new Set(FILES.find((f) => f.file === file)!.columns.map((c) => c.name));
    const fileStarted = performance.now();
    for (const statements of spec.second ? [spec.statements, spec.second] : [spec.statements]) {
      let batch: Row[] = [];
      let count = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const session = driver.session({ database });
        try {
          const rows = batch;
          await session.executeWrite(async (tx) => {
            for (const cypher of statements) await tx.run(cypher, { rows });
          });
        } finally {
          await session.close();
        }
        count += batch.length;
        batch = [];
      };
      const parser = createReadStream(full).pipe(parse({ bom: true, columns: true, skip_empty_lines: true, trim: true }));
      for await (const cells of parser as AsyncIterable<Cells>) {
        const extras: Record<string, string | number> = {};
        for (const [key, value] of Object.entries(cells)) if (!columns.has(key) && value) extras[key] = extraValue(value);
        batch.push(toRow(cells, extras));
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      written[file] = count;
    }
    seconds[file] = (performance.now() - fileStarted) / 1000;
  }
  return written;
}

// ------------------------------------------------------------------------------------ helpers

export async function countGraph(driver: Driver, database: string | undefined): Promise<GraphCounts> {
  const q = async (cypher: string) => (await driver.executeQuery(cypher, {}, { database })).records;
  const nodes: Record<string, number> = {};
  for (const r of await q("CALL db.labels() YIELD label RETURN label ORDER BY label")) {
    const label = String(r.get("label"));
    const n = Number((await q(`MATCH (n:\`${label}\`) RETURN count(n) AS n`))[0]!.get("n"));
    if (n > 0) nodes[label] = n;
  }
  const relationships: Record<string, number> = {};
  for (const r of await q(
    "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType",
  )) {
    const type = String(r.get("relationshipType"));
    const n = Number((await q(`MATCH ()-[r:\`${type}\`]->() RETURN count(r) AS n`))[0]!.get("n"));
    if (n > 0) relationships[type] = n;
  }
  return { nodes, relationships };
}

export async function wipe(driver: Driver, database: string | undefined): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS");
  } finally {
    await session.close();
  }
}

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

/** What our importer writes on top of the data set: derived analytics data (src/graph/derived/derived.ts). */
export const DERIVED = { labels: ["DerivedState"], relationships: ["IN_REGION"] };

/** The counts without the derived data, to compare our graph with the bare loader's. */
export function withoutDerived(counts: GraphCounts): GraphCounts {
  const drop = (record: Record<string, number>, keys: string[]) =>
    Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));
  return { nodes: drop(counts.nodes, DERIVED.labels), relationships: drop(counts.relationships, DERIVED.relationships) };
}

// ------------------------------------------------------------------------------------ benchmark

export async function runImportBench(
  folder: string,
  options: { wipe: boolean; batchSize: number; log?: (line: string) => void; out?: string },
): Promise<ImportBenchResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const config = loadConfig();
  if (!config.neo4jUri) throw new Error("set NEO4J_URI to the Neo4j to benchmark the import on (its data is wiped)");
  const db = await openDatabase(config, createLogger("warn"));
  const database = config.neo4jDatabase;
  try {
    const existing = Number(
      (await db.driver.executeQuery("MATCH (n) RETURN count(n) AS n", {}, { database })).records[0]!.get("n"),
    );
    if (existing > 0 && !options.wipe) {
      throw new Error(
        `the database at ${db.uri} holds ${existing} nodes; the import benchmark empties it: pass --wipe to allow that`,
      );
    }
    if (existing > 0) {
      log(`wiping ${existing} nodes at ${db.uri} …`);
      await wipe(db.driver, database);
    }

    log(`bare UNWIND … MERGE loader: ${folder} (batches of ${options.batchSize}) …`);
    let started = performance.now();
    const bareFileSeconds: Record<string, number> = {};
    const bareRows = await bareLoad(db.driver, database, folder, options.batchSize, bareFileSeconds);
    const bareSeconds = (performance.now() - started) / 1000;
    log(`  ${total(bareRows)} rows in ${bareSeconds.toFixed(1)} s (${Math.round(total(bareRows) / bareSeconds)} rows/s)`);
    const bareGraph = await countGraph(db.driver, database);
    log("wiping …");
    await wipe(db.driver, database);

    log(`our importer (importDataSet): ${folder} …`);
    started = performance.now();
    // Per-file seconds of our writes (the validation pass comes first and is counted under "validate").
    const oursFileSeconds: Record<string, number> = {};
    let mark = performance.now();
    let current = "validate";
    const ours = await importDataSet(db.executor, folder, {
      batchSize: options.batchSize,
      onProgress: ({ file }) => {
        if (file === current) return;
        const now = performance.now();
        oursFileSeconds[current] = (oursFileSeconds[current] ?? 0) + (now - mark) / 1000;
        // The first batch of a file is already written when it reports: charge it to that file.
        mark = now;
        current = file;
      },
    });
    // The last file's share ends where the derived recomputation starts, which has its own time.
    oursFileSeconds[current] = (oursFileSeconds[current] ?? 0) + (performance.now() - mark) / 1000 - ours.derived.seconds;
    oursFileSeconds.derived = ours.derived.seconds;
    const oursSeconds = (performance.now() - started) / 1000;
    log(
      `  ${total(ours.rows)} rows in ${oursSeconds.toFixed(1)} s (${Math.round(total(ours.rows) / oursSeconds)} rows/s), ` +
        `of which validation ${ours.validationSeconds.toFixed(1)} s and derived data ${ours.derived.seconds.toFixed(1)} s`,
    );
    const oursGraph = await countGraph(db.driver, database);

    const totalRows = total(ours.rows);
    const result: ImportBenchResult = {
      date: new Date().toISOString(),
      folder: path.relative(process.cwd(), path.resolve(folder)) || ".",
      neo4jUri: db.uri,
      batchSize: options.batchSize,
      rows: ours.rows,
      totalRows,
      ours: {
        seconds: oursSeconds,
        rowsPerSecond: totalRows / oursSeconds,
        fileSeconds: oursFileSeconds,
        validationSeconds: ours.validationSeconds,
        derivedSeconds: ours.derived.seconds,
        derived: { products: ours.derived.products, inRegion: ours.derived.inRegion },
      },
      bare: { seconds: bareSeconds, rowsPerSecond: total(bareRows) / bareSeconds, fileSeconds: bareFileSeconds },
      ratio: oursSeconds / bareSeconds,
      goal: 1.5,
      sameGraph: JSON.stringify(withoutDerived(oursGraph)) === JSON.stringify(bareGraph) && total(bareRows) === totalRows,
      graph: { ours: oursGraph, bare: bareGraph },
    };
    const out = options.out ?? IMPORT_RESULTS;
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    log(
      `ours ÷ bare = ${result.ratio.toFixed(2)} (goal ≤ ${result.goal}); same graph: ${result.sameGraph}; written ${path.relative(process.cwd(), out)}`,
    );
    return result;
  } finally {
    await db.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const [folder, ...rest] = process.argv.slice(2);
  if (!folder || folder.startsWith("--")) {
    process.stderr.write(
      "usage: NEO4J_URI=bolt://… npx tsx bench/import.ts <data-set folder> [--wipe] [--batch 5000] [--out results.import.json]\n",
    );
    process.exit(2);
  }
  const args = parseArgs(rest);
  const out = stringArg(args, "out");
  runImportBench(folder, {
    wipe: args.has("wipe"),
    batchSize: numberArg(args, "batch", 5000),
    ...(out !== undefined && { out: path.resolve(out) }),
  }).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`import benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
