/**
 * `npm run bench`: the three-way read comparison, the analytics against their lower bounds, the
 * service's peak RSS, the query plans of the hot queries, and (optionally) the import benchmark.
 * See README.md, "Benchmarks". Writes bench/results.md and bench/results.json.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7699 npm run bench [-- options]
 *
 * Options:
 *   --duration 10              seconds of timed load per read and way (after --warmup)
 *   --warmup 2                 untimed seconds of the same load before each timed run
 *   --connections 8            concurrent connections for the reads (one request in flight each)
 *   --analytics-duration 10    seconds per analytics query and scope (one request at a time)
 *   --analytics-min-samples 5  at least this many requests per analytics query and scope
 *   --analytics-max 120        stop one analytics case after this many seconds, whatever the samples
 *   --log-level warn           LOG_LEVEL of the service while it is timed
 *   --import <folder>          first run the import benchmark on <folder> (EMPTIES the database; with
 *                              --wipe when it holds data); see bench/import.ts
 *   --reads a,b,c,d,e          which reads to time (`none`: only the analytics)
 *   --skip-analytics, --skip-profile
 *   --out bench/results        where results.md and results.json go (path without extension)
 *   --cold-shapes              run only the cold-shapes benchmark instead (bench/cold-shapes.ts, its own options)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { discoverAnalytics, topProducers } from "./analytics.js";
import { timeAnalytics, type AnalyticsTimings, type ScopeKind } from "./analytics-timing.js";
import { LOWER_BOUNDS, READS, summarize, type AnalyticsChain, type ReadCase, type Subjects } from "./cases.js";
import { IMPORT_RESULTS, runImportBench, type ImportBenchResult } from "./import.js";
import { loadTest, type LoadResult } from "./load.js";
import { graphInfo, machine, serviceCommit } from "./machine.js";
import { freePort, sampled, startChild, type Child } from "./processes.js";
import { captureStatements, profile, type PlanReport } from "./profile.js";
import type { CatalogueResults } from "./catalogue.js";
import { runColdShapes } from "./cold-shapes.js";
import { renderCatalogue, renderMarkdown } from "./report.js";
import { pickSubjects, SUBJECT_RULES } from "./subjects.js";
import { BENCH, mib, numberArg, parseArgs, ROOT, stringArg } from "./util.js";

export type Way = "ours" | "raw" | "neo4jGraphql";
export const WAYS: readonly Way[] = ["ours", "raw", "neo4jGraphql"];

export interface ReadResult {
  id: string;
  title: string;
  definition: string;
  equivalence: { ok: boolean; counts: Record<Way, Record<string, number>>; differences: string[] };
  ways: Record<Way, LoadResult>;
  /** Database round trips the service made for one request of this read (from its debug log). */
  oursRoundTrips: number | null;
  oursOverRawP50: number;
  oursOverNeo4jGraphqlRps: number;
  /** The service's server CPU ms per request over the raw endpoint's (null when either was not measured). */
  oursOverRawCpu: number | null;
}

export interface Results {
  machine: ReturnType<typeof machine>;
  machineAtEnd: { loadAverage: number[] };
  graph: Awaited<ReturnType<typeof graphInfo>>;
  versions: Record<string, string>;
  settings: Record<string, unknown>;
  subjects: Subjects;
  subjectRules: typeof SUBJECT_RULES;
  reads: ReadResult[];
  analytics: {
    available: boolean;
    skipped?: boolean;
    missing: Record<string, string>;
    chains: AnalyticsChain[];
    scopes: Record<ScopeKind, string>;
  } & Partial<AnalyticsTimings>;
  resources: Record<
    string,
    {
      peakRssMiB: number | null;
      maxSampledRssMiB: number | null;
      peakRssAfterReadsMiB?: number | null;
      /** VmHWM right after each read's timed run of the service. */
      peakRssAfterReadMiB?: Record<string, number | null>;
    }
  >;
  import: ImportBenchResult | null;
  plans: PlanReport[];
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function packageVersion(name: string): string {
  for (const base of [path.join(BENCH, "node_modules"), path.join(ROOT, "node_modules")]) {
    const file = path.join(base, name, "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "?";
}

async function postJson(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The URL and body of one read for one way. */
function target(read: ReadCase, way: Way, urls: Record<Way, string>, subjects: Subjects) {
  if (way === "raw") return { url: `${urls.raw}/read/${read.id}`, body: JSON.stringify({ params: read.raw.params(subjects) }) };
  const spec = way === "ours" ? read.ours : read.neo4jGraphql;
  return { url: urls[way], body: JSON.stringify({ query: spec.query, variables: spec.variables(subjects) }) };
}

async function answer(read: ReadCase, way: Way, urls: Record<Way, string>, subjects: Subjects): Promise<string[]> {
  const t = target(read, way, urls, subjects);
  const { status, json } = await postJson(t.url, JSON.parse(t.body));
  if (status !== 200 || json.errors || json.error)
    throw new Error(`${way} ${read.id}: HTTP ${status} ${JSON.stringify(json.errors ?? json.error).slice(0, 500)}`);
  const canon = way === "ours" ? read.ours.canon : way === "raw" ? read.raw.canon : read.neo4jGraphql.canon;
  return canon(json.data);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const durationS = numberArg(args, "duration", 10);
  const warmupS = args.has("warmup") ? Number(args.get("warmup")) : 2;
  const connections = numberArg(args, "connections", 8);
  const analyticsDurationS = numberArg(args, "analytics-duration", durationS);
  const analyticsMinSamples = numberArg(args, "analytics-min-samples", 5);
  const analyticsMaxS = numberArg(args, "analytics-max", 120);
  const serviceLogLevel = stringArg(args, "log-level") ?? "warn";
  const out = path.resolve(ROOT, stringArg(args, "out") ?? "bench/results");
  const importFolder = stringArg(args, "import");
  const readIds = (stringArg(args, "reads") ?? READS.map((r) => r.id).join(",")).split(",");
  const selectedReads = READS.filter((r) => readIds.includes(r.id));

  const neo4jUri = process.env.NEO4J_URI || "bolt://127.0.0.1:7687";
  const database = process.env.NEO4J_DATABASE || undefined;
  const password = process.env.NEO4J_PASSWORD;
  const auth = password ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", password) : undefined;

  let importResult: ImportBenchResult | null = null;
  if (importFolder) {
    process.env.NEO4J_URI = neo4jUri;
    importResult = await runImportBench(importFolder, { wipe: args.has("wipe"), batchSize: numberArg(args, "batch", 5000), log });
  } else if (existsSync(IMPORT_RESULTS)) {
    importResult = JSON.parse(readFileSync(IMPORT_RESULTS, "utf8")) as ImportBenchResult;
    log(`including the import benchmark of ${importResult.date} from ${path.relative(ROOT, IMPORT_RESULTS)}`);
  }

  const driver: Driver = neo4j.driver(neo4jUri, auth, { disableLosslessIntegers: true });
  const children: Child[] = [];
  try {
    await driver.verifyConnectivity({ database });
    const started = machine();
    const commit = serviceCommit();
    log(`machine: ${started.nproc} cores, ${started.memoryGiB} GiB, load ${started.loadAverage.join(" ")}`);
    const graph = await graphInfo(driver, database);
    if (!graph.nodes.Enterprise)
      throw new Error(`no enterprises at ${neo4jUri}: generate and import a data set first (README, "Benchmarks")`);
    log(`graph at ${neo4jUri}: ${graph.totalNodes} nodes, ${graph.totalRelationships} relationships (${graph.neo4j})`);
    const subjects = await pickSubjects(driver, database);
    log(`subjects: ${JSON.stringify(subjects)}`);

    const logDir = path.join(BENCH, "data", "logs");
    // The benchmark is one client sending thousands of requests: rate limits off, so it measures the
    // service rather than its budget; the other checks (credentials, document limits) still run on every request.
    // Read (e) asks for 50 entities by id in one document of 50 aliases: above the service's default
    // MAX_ALIASES (30, SECURITY.md), so the service under test allows it, as a deployment would for such a client.
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NEO4J_URI: neo4jUri,
      SEED: "none",
      RATE_LIMIT_POINTS: "0",
      MAX_ALIASES: "60",
    };
    const startOurs = async (name: string, logLevel: string) => {
      const child = await startChild({
        name,
        script: "src/main.ts",
        env: { ...childEnv, LOG_LEVEL: logLevel },
        port: await freePort(),
        ready: { path: "/ready" },
        logDir,
      });
      children.push(child);
      return child;
    };
    const raw = await startChild({
      name: "raw-server",
      script: "bench/raw-server.ts",
      env: childEnv,
      port: await freePort(),
      ready: { path: "/health" },
      logDir,
    });
    children.push(raw);
    const neo = await startChild({
      name: "neo4j-graphql-server",
      script: "bench/neo4j-graphql-server.ts",
      env: childEnv,
      port: await freePort(),
      ready: { path: "/", method: "POST", body: JSON.stringify({ query: "{ __typename }" }) },
      logDir,
    });
    children.push(neo);

    // The service's Cypher for each read, from a debug-level instance, to PROFILE later.
    let captured: ReturnType<typeof captureStatements> = [];
    const roundTrips: Record<string, number | null> = {};
    const discoveredAt = async (ours: Child) => (args.has("skip-analytics") ? null : discoverAnalytics(`${ours.url}/graphql`));
    if (!args.has("skip-profile")) {
      const debug = await startOurs("service-debug", "debug");
      const urls = { ours: `${debug.url}/graphql`, raw: raw.url, neo4jGraphql: neo.url };
      for (const read of selectedReads) await answer(read, "ours", urls, subjects);
      const discovery = await discoveredAt(debug);
      for (const plan of discovery?.available ?? []) {
        const chain = subjects.chains[0]!.code;
        const without = plan.needsWithout ? await topProducers(driver, database, chain, subjects.city) : undefined;
        await postJson(urls.ours, {
          query: plan.query,
          variables: { chain, scope: { region: subjects.city }, without },
        });
      }
      await debug.stop();
      children.splice(children.indexOf(debug), 1);
      captured = captureStatements(debug.logFile);
      // The service logs each request with its number of database round trips; the reads ran first, in order.
      const requests = readFileSync(debug.logFile, "utf8")
        .split("\n")
        .filter((line) => line.includes('"graphql request"'))
        .map((line) => (JSON.parse(line) as { dbQueries?: number }).dbQueries ?? null);
      selectedReads.forEach((read, i) => (roundTrips[read.id] = requests[i] ?? null));
      log(`captured ${captured.length} distinct statements from the service's debug log`);
    }

    const ours = await startOurs("service", serviceLogLevel);
    const urls: Record<Way, string> = { ours: `${ours.url}/graphql`, raw: raw.url, neo4jGraphql: neo.url };
    const byName: Record<Way, Child> = { ours, raw, neo4jGraphql: neo };
    const maxSampledKb: Record<Way, number> = { ours: 0, raw: 0, neo4jGraphql: 0 };
    const peakAfterRead: Record<string, number | null> = {};

    // ---- three-way reads
    const reads: ReadResult[] = [];
    for (const read of selectedReads) {
      log(`\n${read.title}`);
      const lines = {} as Record<Way, string[]>;
      for (const way of WAYS) lines[way] = await answer(read, way, urls, subjects);
      const sums = Object.fromEntries(WAYS.map((w) => [w, summarize(lines[w])])) as Record<Way, ReturnType<typeof summarize>>;
      const differences: string[] = [];
      for (const way of ["ours", "neo4jGraphql"] as const) {
        const a = sums.raw.lines;
        const b = sums[way].lines;
        const onlyRaw = a.filter((x) => !b.includes(x));
        const onlyWay = b.filter((x) => !a.includes(x));
        for (const x of onlyRaw.slice(0, 3)) differences.push(`only raw (vs ${way}): ${x}`);
        for (const x of onlyWay.slice(0, 3)) differences.push(`only ${way}: ${x}`);
        if (a.length !== b.length && !onlyRaw.length && !onlyWay.length)
          differences.push(`${way}: ${b.length} lines, raw: ${a.length}`);
      }
      const equivalence = {
        ok: differences.length === 0,
        counts: Object.fromEntries(WAYS.map((w) => [w, sums[w].counts])) as Record<Way, Record<string, number>>,
        differences,
      };
      log(`  equivalent: ${equivalence.ok} ${JSON.stringify(equivalence.counts.raw)}`);
      for (const d of differences) log(`    ${d}`);

      const ways = {} as Record<Way, LoadResult>;
      for (const way of WAYS) {
        const t = target(read, way, urls, subjects);
        if (warmupS > 0) await loadTest(t, { connections, durationS: warmupS, warmupS: 0 });
        const { value, maxKb, cpuMs } = await sampled(byName[way], () => loadTest(t, { connections, durationS, warmupS: 0 }));
        maxSampledKb[way] = Math.max(maxSampledKb[way], maxKb);
        value.serverCpuMsPerRequest = cpuMs !== null && value.requests ? cpuMs / value.requests : null;
        ways[way] = value;
        if (way === "ours") peakAfterRead[read.id] = mib(ours.memory()?.peakKb);
        log(
          `  ${way.padEnd(13)} p50 ${value.p50.toFixed(1)} ms  p95 ${value.p95.toFixed(1)}  p99 ${value.p99.toFixed(1)}  ${value.rps.toFixed(0)} req/s` +
            `  (${value.requests} requests, ${value.errors} errors, ${value.badBodies} bad bodies, server CPU ${value.serverCpuMsPerRequest?.toFixed(1)} ms/request)`,
        );
      }
      reads.push({
        id: read.id,
        title: read.title,
        definition: read.definition,
        equivalence,
        ways,
        oursRoundTrips: roundTrips[read.id] ?? null,
        oursOverRawP50: ways.ours.p50 / ways.raw.p50,
        oursOverNeo4jGraphqlRps: ways.ours.rps / ways.neo4jGraphql.rps,
        oursOverRawCpu:
          typeof ways.ours.serverCpuMsPerRequest === "number" && ways.raw.serverCpuMsPerRequest
            ? ways.ours.serverCpuMsPerRequest / ways.raw.serverCpuMsPerRequest
            : null,
      });
    }
    const afterReadsKb = ours.memory()?.peakKb ?? null;

    // ---- analytics
    const scopes = { city: subjects.city, circle: subjects.circle, province: subjects.province };
    const analytics: Results["analytics"] = { available: false, missing: {}, chains: subjects.chains, scopes };
    if (args.has("skip-analytics")) {
      analytics.skipped = true;
    } else {
      const discovery = (await discoveredAt(ours))!;
      analytics.missing = discovery.missing;
      analytics.available = discovery.available.length > 0;
      log(
        `\nanalytics on chain(s) ${subjects.chains.map((c) => `${c.code} (${c.roles.join(", ")}, ${c.products} products)`).join(" and ")}: ` +
          `${discovery.available.length ? discovery.available.map((p) => p.name).join(", ") : "not available"}`,
      );
      if (discovery.available.length) {
        Object.assign(
          analytics,
          await timeAnalytics({
            driver,
            database,
            graphqlUrl: urls.ours,
            rawUrl: raw.url,
            plans: discovery.available,
            chains: subjects.chains,
            scopes,
            settings: { durationS: analyticsDurationS, minSamples: analyticsMinSamples, maxS: analyticsMaxS },
            service: ours,
            onRssSample: (kb) => (maxSampledKb.ours = Math.max(maxSampledKb.ours, kb)),
            log,
          }),
        );
      }
    }

    const resources: Results["resources"] = {};
    for (const way of WAYS) {
      const m = byName[way].memory();
      resources[way] = { peakRssMiB: mib(m?.peakKb), maxSampledRssMiB: mib(maxSampledKb[way]) };
    }
    resources.ours!.peakRssAfterReadsMiB = mib(afterReadsKb);
    resources.ours!.peakRssAfterReadMiB = peakAfterRead;
    log(`\npeak RSS (VmHWM) of the service: ${resources.ours!.peakRssMiB} MiB`);

    // ---- query plans
    const plans: PlanReport[] = [];
    if (!args.has("skip-profile")) {
      for (const statement of captured) plans.push(await profile(driver, database, "ours", statement));
      for (const read of selectedReads) {
        plans.push(
          await profile(driver, database, "raw", {
            operation: `raw.${read.id}`,
            cypher: read.raw.cypher,
            params: read.raw.params(subjects),
          }),
        );
      }
      if (analytics.available) {
        for (const [bound, cypher] of Object.entries(LOWER_BOUNDS)) {
          const params = { chain: subjects.chains[0]!.code, scope: subjects.province };
          plans.push(await profile(driver, database, "raw", { operation: `raw.lower.${bound} (province)`, cypher, params }));
        }
      }
      for (const p of plans)
        if (p.scans.length)
          log(
            `  label scan in ${p.source} ${p.operation}: ${p.scans.map((s) => `${s.operator} ${s.details} (${s.rows} rows)`).join("; ")}`,
          );
    }

    const results: Results = {
      machine: started,
      machineAtEnd: { loadAverage: machine().loadAverage },
      graph,
      versions: {
        service: commit,
        node: process.version,
        "@neo4j/graphql": packageVersion("@neo4j/graphql"),
        "@apollo/server": packageVersion("@apollo/server"),
        autocannon: packageVersion("autocannon"),
        "neo4j-driver": packageVersion("neo4j-driver"),
      },
      settings: {
        neo4jUri,
        durationS,
        warmupS,
        connections,
        analyticsDurationS,
        analyticsMinSamples,
        analyticsMaxS,
        serviceLogLevel,
        rawWay:
          "hand-written Cypher via neo4j-driver executeQuery, behind a minimal node:http JSON endpoint in its own process (bench/raw-server.ts)",
        load: "autocannon on loopback from the benchmark process; each server in a child process of its own",
      },
      subjects,
      subjectRules: SUBJECT_RULES,
      reads,
      analytics,
      resources,
      import: importResult,
      plans,
    };
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(`${out}.json`, `${JSON.stringify(results, null, 2)}\n`);
    // The catalogue benchmark's sections (bench/catalogue.ts) follow when its results are next to these.
    const catalogueFile = path.join(path.dirname(out), "results.catalogue.json");
    const catalogue = existsSync(catalogueFile)
      ? `\n${renderCatalogue(JSON.parse(readFileSync(catalogueFile, "utf8")) as CatalogueResults)}`
      : "";
    writeFileSync(`${out}.md`, renderMarkdown(results) + catalogue);
    log(`\nwritten ${path.relative(process.cwd(), out)}.md and .json`);
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await driver.close();
  }
}

// `npm run bench -- --cold-shapes [options]` runs the cold-shapes benchmark alone (bench/cold-shapes.ts).
const coldShapes = process.argv.includes("--cold-shapes");
(coldShapes ? runColdShapes(process.argv.slice(2).filter((a) => a !== "--cold-shapes")) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    log(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
