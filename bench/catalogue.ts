/**
 * Catalogue growth: are the analyses flat in the size of the product catalogue? For each catalogue
 * size, the same enterprises and supply links (same seed) over a catalogue of N products: generate the
 * set (or reuse bench/data/catalogue-<N> when its manifest matches), import it into the bench Neo4j
 * (THIS EMPTIES IT: --wipe is required when it holds data), start the service as `npm run bench` does,
 * and time every analysis on the chain closest to 60 products at city, circle and province scope, with
 * their lower bounds, and PROFILEs the statements of each of those requests. The largest size also
 * times the largest chain (and PROFILEs its cases that miss a goal), `search` and
 * `products(filter: {text})`, and runs the import benchmark (our importer against the bare loader,
 * bench/import.ts).
 *
 *   NEO4J_URI=bolt://127.0.0.1:7699 npx tsx bench/catalogue.ts --sizes 1000,10000,100000 \
 *     --enterprises 100000 --links 1000000 --seed 42 --wipe
 *
 * Options (defaults in brackets):
 *   --sizes 1000,10000,100000   catalogue sizes (products), in the order run; the largest gets the extras
 *   --enterprises 100000 --links 1000000 --seed 42   the rest of the data set, the same for every size
 *   --wipe                      allow emptying a database that holds data
 *   --data bench/data           where the catalogue-<N> folders live
 *   --samples 10 --duration 2 --max 45   per analytics case: at least this many samples and seconds,
 *                               at most this many seconds (one request at a time, after one untimed)
 *   --bound-samples 5 --bound-max 30     the same for the extra lower bounds (the goal's bound uses --samples)
 *   --search-samples 30 --search-duration 10 --connections 8   search and products(filter: {text}):
 *                               sequential samples, then seconds under load of that many connections
 *   --batch 5000                import batch size
 *   --skip-import-bench         the largest size is imported by our importer alone (no bare loader run)
 *   --use-loaded                do not generate or import: time the graph as loaded (one size only)
 *   --log-level warn            the service's LOG_LEVEL while timed
 *   --out bench/results.catalogue   results (.json); results.md is re-rendered in the same folder, from
 *                               these and the folder's results.json (`npm run bench`)
 *
 * Writes bench/results.catalogue.json after every size, and bench/results.md (bench/report.ts) at the end.
 */
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import neo4j, { type Driver } from "neo4j-driver";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/graph/db/database.js";
import { importDataSet } from "../src/graph/import/importer.js";
import { createLogger } from "../src/logger.js";
import { discoverAnalytics, topProducers, type AnalyticsPlan } from "./analytics.js";
import {
  BOUND_GOAL,
  GROWTH_GOAL,
  P95_GOAL_MS,
  timeAnalytics,
  type AnalyticsRow,
  type AnalyticsTimings,
  type ScopeKind,
} from "./analytics-timing.js";
import type { AnalyticsSubjects } from "./cases.js";
import { runImportBench, wipe, type ImportBenchResult } from "./import.js";
import { graphInfo, machine, serviceCommit, type GraphInfo, type Machine } from "./machine.js";
import { freePort, sampled, startChild, type Child } from "./processes.js";
import { profile, statementsIn, type PlanReport } from "./profile.js";
import { writeReport } from "./report.js";
import { pickAnalyticsSubjects, SUBJECT_RULES } from "./subjects.js";
import { textWords, timeText, type TextCase } from "./text-search.js";
import { BENCH, mib, numberArg, parseArgs, ROOT, stringArg } from "./util.js";

export interface Manifest {
  products: number;
  enterprises: number;
  links: number;
  seed: number;
  /** sha256 of the generator's sources (src/generate/*.ts): a changed generator means a new data set. */
  generator: string;
  generatedAt: string;
  seconds: number;
}

/** A plain import (sizes other than the largest): our importer into an empty database. */
export interface PlainImport {
  seconds: number;
  rowsPerSecond: number;
  totalRows: number;
  validationSeconds: number;
  derivedSeconds: number;
  derived: { products: number; inRegion: number };
}

/** Where the time of one analysis request goes: the statements the service ran for it, PROFILEd. */
export interface Breakdown {
  chain: string;
  query: string;
  scope: ScopeKind;
  /** The request's time as the service logged it, and the sum of its statements' times. */
  requestMs: number | null;
  statementsMs: number;
  statements: Array<{ operation: string; ms: number | null; rows: number | null; plan: PlanReport }>;
}

export interface CatalogueSize {
  products: number;
  folder: string;
  manifest: Manifest | null;
  generated: "generated" | "reused" | "loaded";
  graph: GraphInfo;
  /** The largest size: the import benchmark (ours, derived data included, against the bare loader). */
  importBench?: ImportBenchResult;
  import?: PlainImport;
  subjects: AnalyticsSubjects;
  analytics: AnalyticsTimings & {
    chains: AnalyticsSubjects["chains"];
    scopes: Record<ScopeKind, string>;
    missing: Record<string, string>;
  };
  text?: TextCase[];
  breakdowns?: Breakdown[];
  servicePeakRssMiB: number | null;
  finishedAt: string;
}

export interface CatalogueResults {
  machine: Machine;
  machineAtEnd?: { loadAverage: number[] };
  versions: Record<string, string>;
  settings: Record<string, unknown>;
  subjectRules: typeof SUBJECT_RULES;
  goals: { p95Ms: number; bound: number; growth: number };
  sizes: CatalogueSize[];
  minutes?: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();
const stamp = () => `[${((performance.now() - started) / 60_000).toFixed(1)} min]`;

function generatorHash(): string {
  const dir = path.join(ROOT, "src", "generate");
  const hash = createHash("sha256");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    hash.update(file).update(readFileSync(path.join(dir, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

const MANIFEST = "bench-manifest.json";
const DATA_FILES = [
  "regions.csv",
  "chains.csv",
  "products.csv",
  "product_inputs.csv",
  "enterprises.csv",
  "produces.csv",
  "supply_links.csv",
];

/** Generates the data set into `folder` unless it already holds one generated with the same options and generator. */
async function ensureDataSet(
  folder: string,
  wanted: Omit<Manifest, "generatedAt" | "seconds">,
): Promise<{ manifest: Manifest; reused: boolean }> {
  const file = path.join(folder, MANIFEST);
  if (existsSync(file) && DATA_FILES.every((f) => existsSync(path.join(folder, f)))) {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    const same = (Object.keys(wanted) as Array<keyof typeof wanted>).every((k) => manifest[k] === wanted[k]);
    if (same) return { manifest, reused: true };
    log(`${folder}: its manifest does not match (${JSON.stringify(manifest)}); generating again`);
  }
  const t0 = performance.now();
  const args = [
    "--import",
    "tsx",
    "src/generate/cli.ts",
    ...["--enterprises", String(wanted.enterprises), "--links", String(wanted.links), "--seed", String(wanted.seed)],
    ...["--products", String(wanted.products), "--out", folder],
  ];
  log(`${stamp()} generating: npm run generate -- ${args.slice(3).join(" ")}`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`the generator exited with code ${code}`);
  const manifest: Manifest = { ...wanted, generatedAt: new Date().toISOString(), seconds: (performance.now() - t0) / 1000 };
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, reused: false };
}

async function nodeCount(driver: Driver, database: string | undefined): Promise<number> {
  const { records } = await driver.executeQuery("MATCH (n) RETURN count(n) AS n", {}, { database });
  return Number(records[0]!.get("n"));
}

/** Our importer alone into an emptied database. */
async function plainImport(folder: string, batchSize: number): Promise<PlainImport> {
  const config = loadConfig();
  const db = await openDatabase(config, createLogger("warn"));
  try {
    const { records } = await db.driver.executeQuery("MATCH (n) RETURN count(n) AS n", {}, { database: config.neo4jDatabase });
    const existing = Number(records[0]!.get("n"));
    if (existing > 0) {
      log(`${stamp()} wiping ${existing} nodes …`);
      await wipe(db.driver, config.neo4jDatabase);
    }
    log(`${stamp()} importing ${folder} (our importer) …`);
    const result = await importDataSet(db.executor, folder, { batchSize });
    const totalRows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    log(
      `  ${totalRows} rows in ${result.seconds.toFixed(1)} s, of which validation ${result.validationSeconds.toFixed(1)} s, ` +
        `derived data ${result.derived.seconds.toFixed(1)} s (${result.derived.inRegion} IN_REGION)`,
    );
    return {
      seconds: result.seconds,
      rowsPerSecond: totalRows / result.seconds,
      totalRows,
      validationSeconds: result.validationSeconds,
      derivedSeconds: result.derived.seconds,
      derived: { products: result.derived.products, inRegion: result.derived.inRegion },
    };
  } finally {
    await db.close();
  }
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200 || json.errors)
    throw new Error(`HTTP ${res.status}: ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
  return json;
}

/**
 * Runs each case twice more on a debug-level service (a warm-up, then the one broken down) and
 * PROFILEs the statements the service logged for the second. Statements are logged as each ends and
 * the request's own line last, so the second request's statements are the lines between the two
 * request lines.
 */
async function breakdowns(
  debug: Child,
  driver: Driver,
  database: string | undefined,
  plans: readonly AnalyticsPlan[],
  cases: readonly AnalyticsRow[],
  scopes: Record<ScopeKind, string>,
): Promise<Breakdown[]> {
  const out: Breakdown[] = [];
  for (const row of cases) {
    try {
      const plan = plans.find((p) => p.name === row.query)!;
      const variables: Record<string, unknown> = { chain: row.chain, scope: { region: scopes[row.scope] } };
      if (plan.needsWithout) variables.without = await topProducers(driver, database, row.chain, scopes[row.scope]);
      const before = statSync(debug.logFile).size;
      await postJson(`${debug.url}/graphql`, { query: plan.query, variables }); // warm-up
      await postJson(`${debug.url}/graphql`, { query: plan.query, variables });
      // pino writes asynchronously: wait until both requests' lines are there.
      let lines: string[] = [];
      for (let i = 0; i < 100; i++) {
        lines = readFileSync(debug.logFile).subarray(before).toString("utf8").split("\n");
        if (lines.filter((l) => l.includes('"graphql request"')).length >= 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const ends = lines.flatMap((l, i) => (l.includes('"graphql request"') ? [i] : []));
      if (ends.length < 2) throw new Error("the debug log does not show both requests");
      const request = (JSON.parse(lines[ends[1]!]!) as { ms?: number }).ms ?? null;
      const statements = [];
      for (const st of statementsIn(lines.slice(ends[0]! + 1, ends[1]).join("\n"))) {
        statements.push({
          operation: st.operation,
          ms: st.ms ?? null,
          rows: st.rows ?? null,
          plan: await profile(driver, database, "ours", st),
        });
      }
      const statementsMs = statements.reduce((a, st) => a + (st.ms ?? 0), 0);
      log(
        `  ${row.query} ${row.chain} ${row.scope}: request ${request ?? "?"} ms; ` +
          statements.map((st) => `${st.operation} ${st.ms} ms ${st.plan.dbHits} db hits`).join("; "),
      );
      out.push({ chain: row.chain, query: row.query, scope: row.scope, requestMs: request, statementsMs, statements });
    } catch (error) {
      log(`  ${row.query} ${row.chain} ${row.scope}: no breakdown (${String(error)})`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const sizes = (stringArg(args, "sizes") ?? "1000,10000,100000").split(",").map((x) => Number(x.replace(/_/g, "")));
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error("--sizes needs product counts of at least 100");
  const enterprises = numberArg(args, "enterprises", 100_000);
  const links = numberArg(args, "links", 1_000_000);
  const seed = args.has("seed") ? Number(args.get("seed")) : 42;
  const dataDir = path.resolve(ROOT, stringArg(args, "data") ?? "bench/data");
  const settings = {
    durationS: numberArg(args, "duration", 2),
    minSamples: numberArg(args, "samples", 10),
    maxS: numberArg(args, "max", 45),
  };
  const boundSettings = { durationS: 0, minSamples: numberArg(args, "bound-samples", 5), maxS: numberArg(args, "bound-max", 30) };
  const text = {
    samples: numberArg(args, "search-samples", 30),
    durationS: numberArg(args, "search-duration", 10),
    connections: numberArg(args, "connections", 8),
  };
  const batchSize = numberArg(args, "batch", 5000);
  const useLoaded = args.has("use-loaded");
  if (useLoaded && sizes.length !== 1) throw new Error("--use-loaded times the graph as loaded: give one size");
  const serviceLogLevel = stringArg(args, "log-level") ?? "warn";
  const out = path.resolve(ROOT, stringArg(args, "out") ?? "bench/results.catalogue");
  const largestSize = Math.max(...sizes);

  const neo4jUri = process.env.NEO4J_URI || "bolt://127.0.0.1:7687";
  process.env.NEO4J_URI = neo4jUri; // the in-process importer reads it through loadConfig
  const database = process.env.NEO4J_DATABASE || undefined;
  const password = process.env.NEO4J_PASSWORD;
  const auth = password ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", password) : undefined;
  const driver = neo4j.driver(neo4jUri, auth, { disableLosslessIntegers: true });
  const children: Child[] = [];
  try {
    await driver.verifyConnectivity({ database });
    const existing = await nodeCount(driver, database);
    if (!useLoaded && existing > 0 && !args.has("wipe")) {
      throw new Error(
        `the database at ${neo4jUri} holds ${existing} nodes; the catalogue benchmark empties it: pass --wipe to allow that`,
      );
    }
    const results: CatalogueResults = {
      machine: machine(),
      versions: { service: serviceCommit(), node: process.version, generator: generatorHash() },
      settings: {
        neo4jUri,
        sizes,
        enterprises,
        links,
        seed,
        analytics: settings,
        extraBounds: boundSettings,
        text,
        batchSize,
        serviceLogLevel,
        useLoaded,
      },
      subjectRules: SUBJECT_RULES,
      goals: { p95Ms: P95_GOAL_MS, bound: BOUND_GOAL, growth: GROWTH_GOAL },
      sizes: [],
    };
    log(
      `machine: ${results.machine.nproc} cores, ${results.machine.memoryGiB} GiB, load ${results.machine.loadAverage.join(" ")}`,
    );
    const logDir = path.join(BENCH, "data", "logs");
    // The benchmark is one client sending thousands of requests: rate limits off, so it measures the
    // service rather than its budget; the other checks (credentials, document limits) still run on every request.
    const childEnv: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: neo4jUri, SEED: "none", RATE_LIMIT_POINTS: "0" };
    const start = async (name: string, script: string, env: NodeJS.ProcessEnv, ready: string) => {
      const child = await startChild({
        name,
        script,
        env,
        port: await freePort(),
        ready: { path: ready },
        logDir,
        timeoutMs: 600_000,
      });
      children.push(child);
      return child;
    };
    const stop = async (child: Child) => {
      await child.stop();
      children.splice(children.indexOf(child), 1);
    };

    for (const products of sizes) {
      const folder = path.join(dataDir, `catalogue-${products}`);
      log(`\n${stamp()} ===== catalogue of ${products} products (${folder})`);
      let manifest: Manifest | null = null;
      let generated: CatalogueSize["generated"] = "loaded";
      let importBench: ImportBenchResult | undefined;
      let plain: PlainImport | undefined;
      if (!useLoaded) {
        const ensured = await ensureDataSet(folder, {
          products,
          enterprises,
          links,
          seed,
          generator: results.versions.generator!,
        });
        manifest = ensured.manifest;
        generated = ensured.reused ? "reused" : "generated";
        if (products === largestSize && !args.has("skip-import-bench")) {
          log(`${stamp()} import benchmark (bare loader, then our importer; each into an empty database)`);
          importBench = await runImportBench(folder, {
            wipe: true,
            batchSize,
            log,
            out: path.join(folder, "results.import.json"),
          });
        } else {
          plain = await plainImport(folder, batchSize);
        }
      }
      const graph = await graphInfo(driver, database);
      if (graph.nodes.Product !== products) log(`  note: the graph holds ${graph.nodes.Product ?? 0} products, not ${products}`);
      const subjects = await pickAnalyticsSubjects(driver, database);
      if (products !== largestSize) subjects.chains = subjects.chains.filter((c) => c.roles.includes("about60"));
      log(`${stamp()} subjects: ${JSON.stringify(subjects)}`);

      const ours = await start("service", "src/main.ts", { ...childEnv, LOG_LEVEL: serviceLogLevel }, "/ready");
      const raw = await start("raw-server", "bench/raw-server.ts", childEnv, "/health");
      const discovery = await discoverAnalytics(`${ours.url}/graphql`);
      const scopes = { city: subjects.city, circle: subjects.circle, province: subjects.province };
      const timings = await timeAnalytics({
        driver,
        database,
        graphqlUrl: `${ours.url}/graphql`,
        rawUrl: raw.url,
        plans: discovery.available,
        chains: subjects.chains,
        scopes,
        settings,
        boundSettings,
        service: ours,
        log,
      });
      let textCases: TextCase[] | undefined;
      if (products === largestSize) {
        log(`${stamp()} search and products(filter: {text})`);
        const words = await textWords(driver, database);
        textCases = (await sampled(ours, () => timeText(`${ours.url}/graphql`, words, text))).value;
      }
      const servicePeakRssMiB = mib(ours.memory()?.peakKb);
      await stop(raw);
      await stop(ours);

      // Every case of the ~60-product chain at every size (to compare the sizes statement by statement),
      // and the other chains' cases that miss a goal.
      let found: Breakdown[] | undefined;
      const about60 = subjects.chains.find((c) => c.roles.includes("about60"))?.code;
      const cases = timings.rows.filter((r) => r.result && (r.chain === about60 || !r.meetsP95 || r.meetsBound === false));
      if (cases.length) {
        log(`${stamp()} where the time goes: ${cases.length} case(s), on a LOG_LEVEL=debug service`);
        const debug = await start("service-debug", "src/main.ts", { ...childEnv, LOG_LEVEL: "debug" }, "/ready");
        try {
          found = await breakdowns(debug, driver, database, discovery.available, cases, scopes);
        } finally {
          await stop(debug);
        }
      }

      results.sizes.push({
        products,
        folder: path.relative(ROOT, folder),
        manifest,
        generated,
        graph,
        ...(importBench && { importBench }),
        ...(plain && { import: plain }),
        subjects,
        analytics: { ...timings, chains: subjects.chains, scopes, missing: discovery.missing },
        ...(textCases && { text: textCases }),
        ...(found && { breakdowns: found }),
        servicePeakRssMiB,
        finishedAt: new Date().toISOString(),
      });
      results.machineAtEnd = { loadAverage: machine().loadAverage };
      results.minutes = (performance.now() - started) / 60_000;
      writeFileSync(`${out}.json`, `${JSON.stringify(results, null, 2)}\n`);
      log(`${stamp()} written ${path.relative(process.cwd(), out)}.json`);
    }
    const md = writeReport(path.dirname(out), `${out}.json`);
    log(`${stamp()} written ${path.relative(process.cwd(), md)}`);
  } finally {
    for (const child of [...children]) await child.stop().catch(() => undefined);
    await driver.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      log(`catalogue benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
