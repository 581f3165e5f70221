/**
 * Cold shapes (issue 19): the FIRST request of document shapes the service has not seen, where it is
 * slowest, since Neo4j must plan the Cypher it generates for a new shape. Every shape of
 * bench/cold-cases.ts (growing selections on one enterprise, variations of the explorer's examples and
 * of the app's documents) is sent `--sends` times (the first, then repeats) to a freshly started
 * service, and, where @neo4j/graphql can express it, to a freshly started @neo4j/graphql server; before
 * each start `CALL db.clearQueryCaches()` empties Neo4j's query caches, so the shape is new to both the
 * process and Neo4j. Neo4j stays up (its JVM warm); the processes are started as `npm run bench` starts
 * them (bench/processes.ts). Neo4j's query collector (`db.stats.collect('QUERIES')`) gives each
 * request's planning (compile) and execution time per statement. Then the app's first view after a
 * restart is timed apart (bench/app-first-view.ts, on a fresh service with cleared caches).
 *
 *   NEO4J_URI=bolt://127.0.0.1:7699 npm run bench -- --cold-shapes     # the bench graph (README, "Benchmarks")
 *   npm run bench -- --cold-shapes --shandong                           # its own Neo4j with the Shandong seed
 *   npx tsx bench/cold-shapes.ts [options]                              # the same, without run.ts
 *
 * Options:
 *   --shandong [dir]     start a Neo4j of its own (free port) on `dir` (default bench/data/neo4j-shandong),
 *                        seeded with the Shandong seed (SEED=shandong) when empty, and stop it at the end;
 *                        without it, NEO4J_URI (default bolt://127.0.0.1:7687) must hold the data. The
 *                        benchmark clears that Neo4j's query caches before every start: do not point it
 *                        at a Neo4j others are timing.
 *   --sends 3            requests per shape and way (the first, then the repeats)
 *   --shapes a,b         only the shapes whose id starts with one of these (grow, ex-04, app-…)
 *   --skip-neo4j-graphql, --skip-app
 *   --app-rounds 2       rounds of the app's first view (the first is the cold one)
 *   --wait-warm          before the shape, wait until the service has planned its read statements at
 *                        start (its "read statements planned" log line): a settled restart, not a fresh one
 *   --label "…"          a note shown at the top of the results (e.g. "before the planner rewrite")
 *   --out bench/results.cold   where the .md and .json go (path without extension)
 *   --render             only write the .md again from the .json
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import neo4j, { type Driver } from "neo4j-driver";
import { startLocalNeo4j, type LocalNeo4j } from "../src/graph/db/local-neo4j.js";
import { readTemplates } from "../src/graph/planner/roots.js";
import { createLogger } from "../src/logger.js";
import { chromiumAvailable } from "../src/browser/chromium.js";
import {
  COLD_SHAPES,
  COLD_SUBJECT_RULES,
  leafValues,
  pickColdSubjects,
  type ColdShape,
  type ColdSubjects,
} from "./cold-cases.js";
import { graphInfo, machine, serviceCommit, type GraphInfo, type Machine } from "./machine.js";
import { freePort, startChild, type Child } from "./processes.js";
import { BENCH, median, ms, numberArg, parseArgs, percentile, ROOT, sleep, stringArg } from "./util.js";

export const SHAPE_GOAL_MS = 300;
export const P95_GOAL_MS = 500;
/**
 * The planning-time budget of one read statement on a cold plan cache: what a new document can at
 * worst wait for one of the statements it is made of, when the start's warm-up has not planned it.
 */
export const PLAN_BUDGET_MS = 150;
/** Below this many enterprises the graph is taken for the Shandong seed (its goal: every shape ≤ 300 ms). */
const SEED_MAX_ENTERPRISES = 10_000;
/** From this many, the generated province graph (its goal: p95 ≤ 500 ms). */
const BENCH_MIN_ENTERPRISES = 100_000;

export type ColdWay = "ours" | "neo4jGraphql";

/** Neo4j's own figures for the statements one request ran (from the query collector). */
export interface Neo4jTimes {
  statements: number;
  /** Planning: parse, plan and compile, summed over the request's statements. */
  compileMs: number;
  executionMs: number;
  /** Each statement (its first 160 characters), on the first request only. */
  detail?: Array<{ query: string; compileMs: number; executionMs: number }>;
}

export interface Send {
  ms: number;
  status: number;
  error?: string;
  /** The service's own figures for the request (its log): ms and database round trips. */
  serverMs?: number | null;
  dbQueries?: number | null;
  neo4j: Neo4jTimes;
}

export interface WayRun {
  /** From spawning the process until it answered its readiness probe. */
  startMs: number;
  sends: Send[];
  firstMs: number;
  /** Median of the sends after the first. */
  repeatMs: number | null;
  /**
   * The service's planning of its read statements at start (its "read statements planned" log line,
   * when it has one): how long it took, and whether it was done before the first request was sent.
   */
  warm?: { ms: number; doneBeforeFirst: boolean } | null;
  error?: string;
}

export interface ShapeResult {
  id: string;
  group: ColdShape["group"];
  title: string;
  ours: WayRun | null;
  neo4jGraphql: WayRun | null;
  /** Why @neo4j/graphql does not run the shape (it cannot express it, or it was skipped). */
  neo4jGraphqlNot?: string;
  /** Why the shape was left out altogether (a subject the graph lacks). */
  skipped?: string;
  /** The two first answers have the same leaf values (null: not compared). */
  sameData: boolean | null;
  differences: string[];
}

export interface AppFirstView {
  skipped?: string;
  chain?: string;
  region?: string;
  rounds?: Array<{ round: number; mapMs: number; tablesMs: number; drawn: number; topDrawn: boolean; consoleErrors: number }>;
  /** Neo4j's planning of the distinct statements the view ran, at their first run; and in all. */
  neo4j?: { statements: number; distinct: number; firstCompileMs: number; compileMs: number; executionMs: number };
  startMs?: number;
}

export interface ColdResults {
  label: string | null;
  machine: Machine;
  machineAtEnd: { loadAverage: number[] };
  graph: GraphInfo;
  graphKind: "shandong" | "bench" | "other";
  commit: string;
  versions: Record<string, string>;
  settings: Record<string, unknown>;
  subjects: ColdSubjects;
  subjectRules: typeof COLD_SUBJECT_RULES;
  shapes: ShapeResult[];
  totals: {
    shapes: number;
    oursFirstMs: number;
    oursRepeatMs: number;
    /** Over the shapes both ways ran. */
    both: {
      shapes: number;
      oursFirstMs: number;
      oursRepeatMs: number;
      neo4jGraphqlFirstMs: number;
      neo4jGraphqlRepeatMs: number;
    };
    oursFirstP95Ms: number;
    oursFirstMaxMs: number;
    oursFirstCompileMs: number;
  };
  goals: Array<{ goal: string; value: string; met: boolean; applies: boolean }>;
  app: AppFirstView;
  /** Neo4j's planning of every read statement (src/graph/planner/roots.ts, readTemplates) on a cold cache. */
  planning?: StatementPlanning;
}

export interface StatementPlanning {
  statements: number;
  totalMs: number;
  p95Ms: number;
  maxMs: number;
  /** The slowest five, slowest first. */
  slowest: Array<{ operation: string; variant: string; ms: number }>;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const round1 = (x: number) => Math.round(x * 10) / 10;

// ------------------------------------------------------------------------------ Neo4j's query collector

interface Invocation {
  query: string;
  startMs: number;
  compileMs: number;
  executionMs: number;
}

/** Neo4j's query caches and its query collector, on the benchmark's Neo4j. */
class Neo4jProbe {
  constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
  ) {}

  private run(cypher: string) {
    return this.driver.executeQuery(cypher, {}, { database: this.database });
  }

  async clearCaches(): Promise<void> {
    await this.run("CALL db.clearQueryCaches()");
  }

  /** Starts collecting every query anew (what ran before is dropped). */
  async collect(): Promise<void> {
    await this.run("CALL db.stats.stop('QUERIES')").catch(() => undefined);
    await this.run("CALL db.stats.clear('QUERIES')");
    await this.run("CALL db.stats.collect('QUERIES', {durationSeconds: 3600})");
  }

  /** The invocations collected since `collect`, oldest first; stops the collector. */
  async collected(): Promise<Invocation[]> {
    const { records } = await this.run("CALL db.stats.retrieve('QUERIES') YIELD data RETURN data");
    await this.run("CALL db.stats.stop('QUERIES')").catch(() => undefined);
    const out: Invocation[] = [];
    for (const record of records) {
      const data = record.get("data") as {
        query: string;
        invocations?: Array<{ startTimestampMillis: number; elapsedCompileTimeInUs: number; elapsedExecutionTimeInUs: number }>;
      };
      if (data.query.startsWith("CALL db.stats") || data.query.startsWith("CALL db.clearQueryCaches")) continue;
      for (const i of data.invocations ?? [])
        out.push({
          query: data.query,
          startMs: Number(i.startTimestampMillis),
          compileMs: Number(i.elapsedCompileTimeInUs) / 1000,
          executionMs: Number(i.elapsedExecutionTimeInUs) / 1000,
        });
    }
    return out.sort((a, b) => a.startMs - b.startMs);
  }
}

const times = (invocations: Invocation[]): Neo4jTimes => ({
  statements: invocations.length,
  compileMs: round1(sum(invocations.map((i) => i.compileMs))),
  executionMs: round1(sum(invocations.map((i) => i.executionMs))),
});

/**
 * Plans every statement a planned read is made of (readTemplates: each field statement and each
 * lookup's root statement), once each on a cold plan cache, and reads each one's compile time from
 * Neo4j's query collector: the budget a new document's statements are held to.
 */
async function statementPlanning(probe: Neo4jProbe, driver: Driver, database: string | undefined): Promise<StatementPlanning> {
  const templates = readTemplates(null);
  await probe.clearCaches();
  await probe.collect();
  for (const t of templates) await driver.executeQuery(t.cypher, t.params, { database, routing: neo4j.routing.READ });
  const invocations = await probe.collected();
  const compile = new Map<string, number>();
  for (const i of invocations) if (!compile.has(i.query)) compile.set(i.query, i.compileMs);
  const rows = templates.map((t) => ({
    operation: t.operation,
    variant: t.variant,
    ms: round1(compile.get(t.cypher) ?? Number.NaN),
  }));
  const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
  return {
    statements: rows.length,
    totalMs: round1(sum(sorted)),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1) ?? Number.NaN,
    slowest: [...rows].sort((a, b) => b.ms - a.ms).slice(0, 5),
  };
}

// ------------------------------------------------------------------------------ one shape, one way

interface Started {
  child: Child;
  graphqlUrl: string;
  startMs: number;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> | null; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  const elapsed = performance.now() - started;
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: reported as an error below
  }
  return { status: res.status, json, ms: elapsed };
}

/** The service's "graphql request" log lines, in order: its ms and round trips per request. */
function requestLines(logFile: string): Array<{ ms: number | null; dbQueries: number | null }> {
  if (!existsSync(logFile)) return [];
  const out: Array<{ ms: number | null; dbQueries: number | null }> = [];
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (!line.includes('"graphql request"')) continue;
    try {
      const entry = JSON.parse(line) as { ms?: number; dbQueries?: number };
      out.push({ ms: entry.ms ?? null, dbQueries: entry.dbQueries ?? null });
    } catch {
      // a partial line
    }
  }
  return out;
}

interface Harness {
  probe: Neo4jProbe;
  start: (way: ColdWay, name: string) => Promise<Started>;
  sends: number;
  /** Wait for the service's "read statements planned" before the shape (--wait-warm). */
  waitWarm: boolean;
}

const WARM_LINE = '"read statements planned"';

/** The service's log line saying it has planned its read statements at start: when, and how long it took. */
function warmLine(logFile: string): { time: number; ms: number } | null {
  if (!existsSync(logFile)) return null;
  const line = readFileSync(logFile, "utf8")
    .split("\n")
    .find((l) => l.includes(WARM_LINE));
  if (!line) return null;
  try {
    const entry = JSON.parse(line) as { time: number; ms: number };
    return { time: entry.time, ms: entry.ms };
  } catch {
    return null;
  }
}

/** Clears Neo4j's query caches, starts a fresh process, sends the shape `sends` times, stops it. */
/** `runWay`, with a failure (a process that would not start, a lost connection) recorded as the way's error. */
async function tryWay(
  h: Harness,
  way: ColdWay,
  shape: ColdShape,
  subjects: ColdSubjects,
): Promise<{ run: WayRun; firstData: unknown }> {
  try {
    return await runWay(h, way, shape, subjects);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { run: { startMs: 0, sends: [], firstMs: Number.NaN, repeatMs: null, error: message }, firstData: null };
  }
}

async function runWay(
  h: Harness,
  way: ColdWay,
  shape: ColdShape,
  subjects: ColdSubjects,
): Promise<{ run: WayRun; firstData: unknown }> {
  const spec = way === "ours" ? shape.ours : shape.neo4jGraphql;
  if (!("query" in spec)) throw new Error(`${shape.id}: no ${way} document`);
  await h.probe.clearCaches();
  const started = await h.start(way, `${shape.id}.${way}`);
  try {
    // One trivial request first, untimed, on both ways (the @neo4j/graphql server's readiness probe is
    // one already): what is timed is the shape, not the process's very first GraphQL request.
    await post(started.graphqlUrl, { query: "{ __typename }" });
    if (way === "ours" && h.waitWarm) {
      const deadline = Date.now() + 120_000;
      while (!warmLine(started.child.logFile) && Date.now() < deadline) await sleep(100);
    }
    await h.probe.collect();
    const windows: Array<{ from: number; to: number }> = [];
    const raw: Array<{ ms: number; status: number; error?: string }> = [];
    let firstData: unknown = null;
    for (let i = 0; i < h.sends; i++) {
      const from = Date.now();
      const res = await post(started.graphqlUrl, { query: spec.query, variables: spec.variables(subjects) });
      windows.push({ from, to: Date.now() });
      const errors = res.json?.errors;
      const error =
        res.status !== 200 || errors || !res.json?.data
          ? `HTTP ${res.status} ${JSON.stringify(errors ?? res.json).slice(0, 300)}`
          : undefined;
      if (i === 0) firstData = res.json?.data ?? null;
      raw.push({ ms: res.ms, status: res.status, ...(error && { error }) });
    }
    const invocations = await h.probe.collected();
    await started.child.stop();
    const lines = way === "ours" ? requestLines(started.child.logFile).slice(1) : [];
    const warm = way === "ours" ? warmLine(started.child.logFile) : null;
    const sends: Send[] = raw.map((r, i) => {
      const w = windows[i]!;
      // Neo4j's and this process's clocks are the same machine's; a millisecond of slack either side.
      const mine = invocations.filter((x) => x.startMs >= w.from - 1 && x.startMs <= w.to + 1);
      return {
        ms: round1(r.ms),
        status: r.status,
        ...(r.error && { error: r.error }),
        ...(way === "ours" && { serverMs: lines[i]?.ms ?? null, dbQueries: lines[i]?.dbQueries ?? null }),
        neo4j: {
          ...times(mine),
          ...(i === 0 && {
            detail: mine.map((x) => ({
              query: x.query.replace(/\s+/g, " ").slice(0, 160),
              compileMs: round1(x.compileMs),
              executionMs: round1(x.executionMs),
            })),
          }),
        },
      };
    });
    const error = sends.find((s) => s.error)?.error;
    return {
      run: {
        startMs: Math.round(started.startMs),
        sends,
        firstMs: sends[0]!.ms,
        repeatMs: median(sends.slice(1).map((s) => s.ms)),
        ...(way === "ours" && { warm: warm && { ms: warm.ms, doneBeforeFirst: warm.time <= windows[0]!.from } }),
        ...(error && { error }),
      },
      firstData,
    };
  } finally {
    await started.child.stop();
  }
}

// ------------------------------------------------------------------------------ the app's first view

async function appFirstView(h: Harness, subjects: ColdSubjects, rounds: number, logDir: string): Promise<AppFirstView> {
  if (!chromiumAvailable()) return { skipped: "no Chromium (apt-get install chromium fonts-noto-cjk, or CHROMIUM_PATH)" };
  await h.probe.clearCaches();
  const started = await h.start("ours", "app-first-view.ours");
  const out = path.join(logDir, "app-first-view.json");
  rmSync(out, { force: true });
  try {
    await h.probe.collect();
    const args = ["--url", started.child.url, "--chain", subjects.chain, "--regions", subjects.city, "--rounds", String(rounds)];
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "bench/app-first-view.ts", ...args, "--out", out], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "inherit"],
      });
      child.once("exit", resolve);
    });
    const invocations = await h.probe.collected();
    if (code !== 0 || !existsSync(out)) return { skipped: `bench/app-first-view.ts exited with code ${code}` };
    const result = JSON.parse(readFileSync(out, "utf8")) as { results: NonNullable<AppFirstView["rounds"]> };
    const firsts = new Map<string, Invocation>();
    for (const i of invocations) if (!firsts.has(i.query)) firsts.set(i.query, i);
    return {
      chain: subjects.chain,
      region: subjects.city,
      startMs: Math.round(started.startMs),
      rounds: result.results.map(({ round, mapMs, tablesMs, drawn, topDrawn, consoleErrors }) => ({
        round,
        mapMs,
        tablesMs,
        drawn,
        topDrawn,
        consoleErrors,
      })),
      neo4j: {
        ...times(invocations),
        distinct: firsts.size,
        firstCompileMs: round1(sum([...firsts.values()].map((i) => i.compileMs))),
      },
    };
  } finally {
    await started.child.stop();
  }
}

// ------------------------------------------------------------------------------ main

function packageVersion(name: string): string {
  for (const base of [path.join(BENCH, "node_modules"), path.join(ROOT, "node_modules")]) {
    const file = path.join(base, name, "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "?";
}

/** Seeds an empty Neo4j with the Shandong seed by starting the service once with SEED=shandong. */
async function seedShandong(uri: string, logDir: string): Promise<void> {
  log("empty database: seeding it with the Shandong seed (the service with SEED=shandong, once)");
  const child = await startChild({
    name: "seed-shandong",
    script: "src/main.ts",
    env: { ...process.env, NEO4J_URI: uri, SEED: "shandong", LOG_LEVEL: "info" },
    port: await freePort(),
    ready: { path: "/ready" },
    logDir,
    timeoutMs: 900_000,
  });
  await child.stop();
}

export async function runColdShapes(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  const sends = numberArg(args, "sends", 3);
  const appRounds = numberArg(args, "app-rounds", 2);
  const label = stringArg(args, "label") ?? null;
  const out = path.resolve(ROOT, stringArg(args, "out") ?? "bench/results.cold");
  const only = stringArg(args, "shapes")?.split(",");
  const shapes = COLD_SHAPES.filter((s) => !only || only.some((prefix) => s.id.startsWith(prefix)));
  if (args.has("render")) {
    writeFileSync(`${out}.md`, renderCold(JSON.parse(readFileSync(`${out}.json`, "utf8")) as ColdResults));
    log(`written ${path.relative(process.cwd(), out)}.md from its .json`);
    return;
  }
  const logDir = path.join(BENCH, "data", "logs", "cold");
  mkdirSync(logDir, { recursive: true });

  let local: LocalNeo4j | undefined;
  let neo4jUri = process.env.NEO4J_URI || "bolt://127.0.0.1:7687";
  const database = process.env.NEO4J_DATABASE || undefined;
  if (args.has("shandong")) {
    const raw = args.get("shandong");
    const dir = path.resolve(ROOT, typeof raw === "string" ? raw : "bench/data/neo4j-shandong");
    local = await startLocalNeo4j({
      dir,
      port: await freePort(),
      pageCacheMb: Number(process.env.LOCAL_NEO4J_PAGECACHE_MB ?? 512),
      heapMb: Number(process.env.LOCAL_NEO4J_HEAP_MB ?? 1024),
      logger: createLogger("warn"),
      startTimeoutMs: 300_000,
    });
    neo4jUri = local.uri;
    log(`a Neo4j of its own at ${neo4jUri} on ${path.relative(ROOT, dir)}`);
  }
  const password = process.env.NEO4J_PASSWORD;
  const auth = password ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", password) : undefined;
  const driver = neo4j.driver(neo4jUri, auth, { disableLosslessIntegers: true });
  try {
    await driver.verifyConnectivity({ database });
    if (local) {
      const { records } = await driver.executeQuery("MATCH (e:Enterprise) RETURN count(e) AS n", {}, { database });
      if (Number(records[0]!.get("n")) === 0) await seedShandong(neo4jUri, logDir);
    }
    const startedAt = machine();
    const graph = await graphInfo(driver, database);
    const enterprises = graph.nodes.Enterprise ?? 0;
    if (!enterprises)
      throw new Error(`no enterprises at ${neo4jUri}: load a data set first (README, "Benchmarks"), or pass --shandong`);
    const graphKind = enterprises < SEED_MAX_ENTERPRISES ? "shandong" : enterprises >= BENCH_MIN_ENTERPRISES ? "bench" : "other";
    log(
      `graph at ${neo4jUri}: ${graph.totalNodes} nodes, ${graph.totalRelationships} relationships (${graph.neo4j}); ${graphKind}`,
    );
    const subjects = await pickColdSubjects(driver, database);
    log(`subjects: ${JSON.stringify(subjects)}`);

    // The same environment as `npm run bench` gives its servers.
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NEO4J_URI: neo4jUri,
      SEED: "none",
      RATE_LIMIT_POINTS: "0",
      MAX_ALIASES: "60",
      LOG_LEVEL: "info",
    };
    const probe = new Neo4jProbe(driver, database);
    const harness: Harness = {
      probe,
      sends,
      waitWarm: args.has("wait-warm"),
      start: async (way, name) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await startOnce(way, name);
          } catch (error) {
            // A process killed from outside (another benchmark's clean-up, say) is started once more.
            if (attempt === 2) throw error;
            log(`  ${name}: ${error instanceof Error ? error.message : String(error)}; starting it again`);
            await probe.clearCaches();
          }
        }
      },
    };
    const startOnce = async (way: ColdWay, name: string): Promise<Started> => {
      const t = performance.now();
      const child =
        way === "ours"
          ? await startChild({
              name,
              script: "src/main.ts",
              env: childEnv,
              port: await freePort(),
              ready: { path: "/ready" },
              logDir,
            })
          : await startChild({
              name,
              script: "bench/neo4j-graphql-server.ts",
              env: childEnv,
              port: await freePort(),
              ready: { path: "/", method: "POST", body: JSON.stringify({ query: "{ __typename }" }) },
              logDir,
            });
      return { child, graphqlUrl: way === "ours" ? `${child.url}/graphql` : child.url, startMs: performance.now() - t };
    };

    const results: ShapeResult[] = [];
    for (const shape of shapes) {
      const result: ShapeResult = {
        id: shape.id,
        group: shape.group,
        title: shape.title,
        ours: null,
        neo4jGraphql: null,
        sameData: null,
        differences: [],
      };
      results.push(result);
      const missing = shape.needs?.(subjects);
      if (missing) {
        result.skipped = missing;
        log(`${shape.id}: left out (${missing})`);
        continue;
      }
      const ours = await tryWay(harness, "ours", shape, subjects);
      result.ours = ours.run;
      let line = `${shape.id.padEnd(16)} ours first ${ms(ours.run.firstMs).padStart(5)} ms, repeat ${ms(ours.run.repeatMs).padStart(5)}  (planning ${ms(ours.run.sends[0]?.neo4j.compileMs)} ms in ${ours.run.sends[0]?.neo4j.statements ?? "–"} statements)`;
      if (!("query" in shape.neo4jGraphql)) {
        result.neo4jGraphqlNot = `cannot express: ${shape.neo4jGraphql.cannot}`;
      } else if (args.has("skip-neo4j-graphql")) {
        result.neo4jGraphqlNot = "skipped (--skip-neo4j-graphql)";
      } else {
        const theirs = await tryWay(harness, "neo4jGraphql", shape, subjects);
        result.neo4jGraphql = theirs.run;
        if (!ours.run.error && !theirs.run.error) {
          const a = leafValues(ours.firstData);
          const b = leafValues(theirs.firstData);
          const onlyOurs = a.filter((x) => !b.includes(x));
          const onlyTheirs = b.filter((x) => !a.includes(x));
          result.sameData = a.length === b.length && onlyOurs.length === 0 && onlyTheirs.length === 0;
          if (!result.sameData)
            result.differences = [
              `${a.length} values on ours, ${b.length} on @neo4j/graphql`,
              ...onlyOurs.slice(0, 3).map((x) => `only ours: ${x}`),
              ...onlyTheirs.slice(0, 3).map((x) => `only @neo4j/graphql: ${x}`),
            ];
        }
        line += ` | @neo4j/graphql first ${ms(theirs.run.firstMs).padStart(5)} ms, repeat ${ms(theirs.run.repeatMs).padStart(5)}  (planning ${ms(theirs.run.sends[0]?.neo4j.compileMs)} ms)`;
        line += result.sameData === null ? "" : result.sameData ? "  same data" : "  DIFFERENT DATA";
      }
      log(line);
      for (const e of [ours.run.error, result.neo4jGraphql?.error]) if (e) log(`  error: ${e}`);
      for (const d of result.differences) log(`  ${d}`);
    }

    const app = args.has("skip-app")
      ? { skipped: "skipped (--skip-app)" }
      : await appFirstView(harness, subjects, appRounds, logDir);
    if (app.rounds)
      log(
        `app first view: ${app.rounds.map((r) => `round ${r.round + 1} map ${r.mapMs} ms, tables ${r.tablesMs} ms`).join("; ")}`,
      );
    else log(`app first view: ${app.skipped}`);

    const planned = await statementPlanning(harness.probe, driver, database);
    log(
      `statement planning: ${planned.statements} read statements, ${ms(planned.totalMs)} ms in all, p95 ${ms(planned.p95Ms)} ms, ` +
        `slowest ${planned.slowest.map((x) => `${x.operation} (${x.variant}) ${ms(x.ms)} ms`).join(", ")}`,
    );

    const ran = results.filter((r) => r.ours && !r.ours.error);
    const both = ran.filter((r) => r.neo4jGraphql && !r.neo4jGraphql.error);
    const firsts = ran.map((r) => r.ours!.firstMs).sort((a, b) => a - b);
    const totals: ColdResults["totals"] = {
      shapes: ran.length,
      oursFirstMs: round1(sum(firsts)),
      oursRepeatMs: round1(sum(ran.map((r) => r.ours!.repeatMs ?? 0))),
      both: {
        shapes: both.length,
        oursFirstMs: round1(sum(both.map((r) => r.ours!.firstMs))),
        oursRepeatMs: round1(sum(both.map((r) => r.ours!.repeatMs ?? 0))),
        neo4jGraphqlFirstMs: round1(sum(both.map((r) => r.neo4jGraphql!.firstMs))),
        neo4jGraphqlRepeatMs: round1(sum(both.map((r) => r.neo4jGraphql!.repeatMs ?? 0))),
      },
      oursFirstP95Ms: percentile(firsts, 95),
      oursFirstMaxMs: firsts.at(-1) ?? Number.NaN,
      oursFirstCompileMs: round1(sum(ran.map((r) => r.ours!.sends[0]!.neo4j.compileMs))),
    };
    const failed = results.filter((r) => r.ours?.error).length;
    const over = ran.filter((r) => r.ours!.firstMs > SHAPE_GOAL_MS);
    const goals: ColdResults["goals"] = [
      {
        goal: `ours ≤ @neo4j/graphql in total, first requests (the ${both.length} shapes both ran)`,
        value: `${ms(totals.both.oursFirstMs)} vs ${ms(totals.both.neo4jGraphqlFirstMs)} ms`,
        met: both.length > 0 && totals.both.oursFirstMs <= totals.both.neo4jGraphqlFirstMs,
        applies: true,
      },
      {
        goal: `every shape's first request ≤ ${SHAPE_GOAL_MS} ms (Shandong graph)`,
        value: `${ran.length - over.length} of ${ran.length}${failed ? ` (${failed} failed)` : ""}; slowest ${ms(totals.oursFirstMaxMs)} ms`,
        met: over.length === 0 && failed === 0,
        applies: graphKind === "shandong",
      },
      {
        goal: `p95 of the first requests ≤ ${P95_GOAL_MS} ms (100k-enterprise graph)`,
        value: `${ms(totals.oursFirstP95Ms)} ms`,
        met: totals.oursFirstP95Ms <= P95_GOAL_MS && failed === 0,
        applies: graphKind === "bench",
      },
      {
        goal: `every read statement plans in ≤ ${PLAN_BUDGET_MS} ms on a cold plan cache (the ${planned.statements} of readTemplates)`,
        value: `slowest ${ms(planned.maxMs)} ms, p95 ${ms(planned.p95Ms)} ms, ${ms(planned.totalMs)} ms in all`,
        met: planned.maxMs <= PLAN_BUDGET_MS,
        applies: true,
      },
    ];

    const cold: ColdResults = {
      label,
      machine: startedAt,
      machineAtEnd: { loadAverage: machine().loadAverage },
      graph,
      graphKind,
      commit: serviceCommit(),
      versions: {
        node: process.version,
        "@neo4j/graphql": packageVersion("@neo4j/graphql"),
        "@apollo/server": packageVersion("@apollo/server"),
        "neo4j-driver": packageVersion("neo4j-driver"),
      },
      settings: {
        neo4jUri,
        ownNeo4j: Boolean(local),
        sends,
        appRounds,
        waitWarm: args.has("wait-warm"),
        shapes: only ?? "all",
        freshness:
          "each shape and way on a freshly started process (the service: src/main.ts, SEED=none, LOG_LEVEL=info; @neo4j/graphql: " +
          "bench/neo4j-graphql-server.ts), CALL db.clearQueryCaches() before each start, Neo4j itself kept running; one untimed " +
          "`{ __typename }` request before the shape",
        neo4jTimes:
          "Neo4j's query collector (db.stats.collect('QUERIES')): compile and execution time of each statement, by start time",
      },
      subjects,
      subjectRules: COLD_SUBJECT_RULES,
      shapes: results,
      totals,
      goals,
      app,
      planning: planned,
    };
    writeFileSync(`${out}.json`, `${JSON.stringify(cold, null, 2)}\n`);
    writeFileSync(`${out}.md`, renderCold(cold));
    log(`\nwritten ${path.relative(process.cwd(), out)}.md and .json`);
  } finally {
    await driver.close();
    await local?.stop();
  }
}

// ------------------------------------------------------------------------------ results.cold.md

const yes = (ok: boolean) => (ok ? "yes" : "**no**");

function planning(run: WayRun | null): string {
  if (!run) return "–";
  const n = run.sends[0]?.neo4j;
  if (!n) return "–";
  return `${ms(n.compileMs)} / ${ms(n.executionMs)} (${n.statements})`;
}

export function renderCold(r: ColdResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push("# Cold shapes: the first request of a document shape", "");
  if (r.label) out.push(`**${r.label}.**`, "");
  out.push(
    `Run of \`npm run bench -- --cold-shapes\` on ${m.date.slice(0, 10)} (${m.date}), service at commit ${r.commit}. ` +
      'Regenerate with the commands in README.md, "Benchmarks". Other work shared the CPU during the run, so absolute figures are noisy.',
    "",
  );
  out.push("| | |", "|---|---|");
  out.push(
    `| cores, load average at start / end | ${m.nproc} (${m.cpu}), ${m.loadAverage.join(", ")} / ${r.machineAtEnd.loadAverage.join(", ")} |`,
  );
  out.push(
    `| Neo4j | ${r.graph.neo4j} at \`${String(r.settings.neo4jUri)}\`${r.settings.ownNeo4j ? " (started by the benchmark)" : ""} |`,
  );
  out.push(
    `| graph | ${r.graphKind === "shandong" ? "the Shandong seed" : r.graphKind === "bench" ? "the generated province graph" : "a graph"}: ` +
      `${r.graph.totalNodes.toLocaleString("en-US")} nodes (${(r.graph.nodes.Enterprise ?? 0).toLocaleString("en-US")} enterprises), ` +
      `${r.graph.totalRelationships.toLocaleString("en-US")} relationships |`,
  );
  out.push(
    `| versions | ${Object.entries(r.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")} |`,
  );
  out.push(
    `| subjects | ${Object.entries(r.subjects)
      .map(([k, v]) => `${k} \`${String(v)}\``)
      .join(", ")} (rules in bench/cold-cases.ts) |`,
  );
  out.push("");
  out.push(
    `Each shape is sent ${String(r.settings.sends)} times to a freshly started process of each way: **first** is the first request's time ` +
      "(client side, loopback), **repeat** the median of the others. `CALL db.clearQueryCaches()` runs before every start, so each shape " +
      "is new to the process and to Neo4j's plan cache; Neo4j itself stays up. Each process answers one untimed `{ __typename }` first. " +
      "**Neo4j planning / execution** is Neo4j's own compile and execution time of the first request's statements (summed; the number of " +
      "statements in brackets), from its query collector; an analysis runs some of its statements in parallel, so their sum " +
      "can exceed the request's time. **Same data**: the two first answers hold the same leaf values.",
    "",
  );
  out.push(
    "| shape | ours first | ours repeat | ours Neo4j planning / execution, ms | @neo4j/graphql first | its repeat | its Neo4j planning / execution, ms | same data |",
    "|---|--:|--:|---|--:|--:|---|---|",
  );
  for (const s of r.shapes) {
    const title = `\`${s.id}\` ${s.title}`;
    if (s.skipped) {
      out.push(`| ${title} | left out: ${s.skipped} | | | | | | |`);
      continue;
    }
    const o = s.ours;
    const t = s.neo4jGraphql;
    const first = (w: WayRun | null) => (w ? (w.error ? `error` : ms(w.firstMs)) : "–");
    const theirs = t ? `${first(t)} | ${ms(t.repeatMs)} | ${planning(t)}` : `${s.neo4jGraphqlNot ?? "–"} | | `;
    const over = o && !o.error && r.graphKind === "shandong" && o.firstMs > SHAPE_GOAL_MS;
    out.push(
      `| ${title} | ${over ? `**${first(o)}**` : first(o)} | ${ms(o?.repeatMs)} | ${planning(o)} | ${theirs} | ${s.sameData === null ? "–" : yes(s.sameData)} |`,
    );
  }
  const tt = r.totals;
  out.push(
    `| **total**, all ${tt.shapes} shapes | ${ms(tt.oursFirstMs)} | ${ms(tt.oursRepeatMs)} | ${ms(tt.oursFirstCompileMs)} planning | | | | |`,
    `| **total**, the ${tt.both.shapes} shapes both ran | ${ms(tt.both.oursFirstMs)} | ${ms(tt.both.oursRepeatMs)} | | ${ms(tt.both.neo4jGraphqlFirstMs)} | ${ms(tt.both.neo4jGraphqlRepeatMs)} | | |`,
  );
  out.push("");
  const errors = r.shapes.flatMap((s) =>
    [
      s.ours?.error && `- \`${s.id}\` ours: ${s.ours.error}`,
      s.neo4jGraphql?.error && `- \`${s.id}\` @neo4j/graphql: ${s.neo4jGraphql.error}`,
      ...s.differences.map((d) => `- \`${s.id}\` ${d}`),
    ].filter(Boolean),
  );
  if (errors.length) out.push("Errors and differences:", "", ...(errors as string[]), "");
  const startOurs = median(r.shapes.flatMap((s) => (s.ours ? [s.ours.startMs] : [])));
  const startTheirs = median(r.shapes.flatMap((s) => (s.neo4jGraphql ? [s.neo4jGraphql.startMs] : [])));
  const trips = r.shapes.flatMap((s) => (s.ours?.sends[0]?.dbQueries ? [s.ours.sends[0].dbQueries] : []));
  const oursRuns = r.shapes.flatMap((s) => (s.ours && !s.ours.error ? [s.ours] : []));
  const warms = oursRuns.flatMap((o) => (o.warm ? [o.warm] : []));
  const warmNote =
    ` ${warms.length} of ${oursRuns.length} service processes logged "read statements planned" (the planning of its read ` +
    `statements at start, by a service that does so) before they were stopped` +
    (warms.length
      ? `, in a median ${ms(median(warms.map((w) => w.ms)))} ms, ${warms.filter((w) => w.doneBeforeFirst).length} of them before the first request`
      : "") +
    ` (${r.settings.waitWarm ? "waited for: --wait-warm" : "not waited for"}; what it plans while a request runs counts in that request's planning above).`;
  out.push(
    `Process start to ready, median: ours ${ms(startOurs)} ms, @neo4j/graphql ${ms(startTheirs)} ms. ` +
      `Our database round trips per first request: ${trips.length ? `${Math.min(...trips)} to ${Math.max(...trips)}` : "–"}.` +
      warmNote,
    "",
  );

  out.push("## Goals", "", "| goal | here | met | applies to this graph |", "|---|---|---|---|");
  for (const g of r.goals) out.push(`| ${g.goal} | ${g.value} | ${yes(g.met)} | ${g.applies ? "yes" : "no"} |`);
  out.push("");

  if (r.planning) {
    const p = r.planning;
    out.push(
      "## Planning each read statement",
      "",
      `Every statement a planned read is made of (\`readTemplates\` in src/graph/planner/roots.ts: ${p.statements} field statements ` +
        "and lookup roots), each run once on a cold plan cache (`CALL db.clearQueryCaches()` first), with Neo4j's compile time from " +
        `its query collector: ${ms(p.totalMs)} ms in all, p95 ${ms(p.p95Ms)} ms, slowest ${ms(p.maxMs)} ms ` +
        `(budget ${PLAN_BUDGET_MS} ms each). The slowest:`,
      "",
      "| statement | variant | planning, ms |",
      "|---|---|--:|",
      ...p.slowest.map((x) => `| ${x.operation} | ${x.variant || "–"} | ${ms(x.ms)} |`),
      "",
    );
  }

  out.push("## The app's first view after a restart", "");
  const a = r.app;
  if (a.rounds) {
    out.push(
      `bench/app-first-view.ts on a freshly started service (query caches cleared before it started; started in ${ms(a.startMs)} ms), ` +
        `\`/app/?chain=${a.chain}&region=${a.region}\` in Chromium, ${a.rounds.length} rounds of a fresh page each: the first is the cold one. ` +
        "Map: until the chain map is drawn with its top short board marked; tables: until the target-firm table holds its rows.",
      "",
      "| round | map, ms | tables, ms | products drawn | top short board drawn | console errors |",
      "|--:|--:|--:|--:|---|--:|",
    );
    for (const x of a.rounds)
      out.push(`| ${x.round + 1} | ${x.mapMs} | ${x.tablesMs} | ${x.drawn} | ${yes(x.topDrawn)} | ${x.consoleErrors} |`);
    if (a.neo4j)
      out.push(
        "",
        `Neo4j during the view: ${a.neo4j.statements} statements (${a.neo4j.distinct} distinct), planning ${ms(a.neo4j.compileMs)} ms ` +
          `(${ms(a.neo4j.firstCompileMs)} ms at the first run of each distinct statement), execution ${ms(a.neo4j.executionMs)} ms.`,
      );
  } else {
    out.push(`Not timed: ${a.skipped}.`);
  }
  out.push("");
  return out.join("\n");
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  runColdShapes(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      log(`cold shapes failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
