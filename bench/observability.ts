/**
 * What the metrics and the traces cost (issue 22's goal: the metrics, with traces off, keep read (a)
 * at ≥ 95% of its req/s without them). On whatever graph the bench Neo4j holds, the service
 * (src/main.ts, SEED=none, RATE_LIMIT_POINTS=0) is started as a child process in four ways, side by
 * side, and loaded with read (a) (bench/cases.ts) over HTTP by autocannon:
 *
 *   - `none`: METRICS=off, no traces: the baseline;
 *   - `metrics`: the default, metrics on (every request and statement counted), traces off;
 *   - `traces`: metrics on, and traces exported over OTLP/HTTP (OTEL_EXPORTER_OTLP_ENDPOINT) to a sink
 *     in this process that answers 200 and keeps only counts, every request sampled (the SDK's default);
 *   - `control`: `none` again, in a process of its own: how far two identical services differ (the noise).
 *
 * Beside them, the metrics' own work per request is measured in this process, without I/O (metricsWorkUs).
 *
 * The four processes run side by side, one loaded at a time: after an untimed warm-up of each, the
 * ways take turns for `--rounds` rounds, the order rotating from round to round, so that drift in the
 * machine and in Neo4j's caches falls on all of them alike. Each way's req/s is the median of its rounds;
 * the goal is checked on the median of its rounds' ratios to the same round's baseline.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7697 npx tsx bench/observability.ts [--rounds 40] [--duration 3] [--warmup 15]
 *     [--connections 8] [--out bench/results.observability]
 *   npx tsx bench/observability.ts --render      # only the .md again, from the .json
 *
 * Writes <out>.json and <out>.md.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import neo4j from "neo4j-driver";
import { READS } from "./cases.js";
import { loadTest, type LoadResult } from "./load.js";
import { graphInfo, machine, serviceCommit, type GraphInfo, type Machine } from "./machine.js";
import { freePort, sampled, startChild } from "./processes.js";
import { pickSubjects } from "./subjects.js";
import { BENCH, median, numberArg, parseArgs, stringArg } from "./util.js";
import { Metrics } from "../src/server/metrics.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
/** `control` is `none` again, a second process: how far two identical services' figures differ (the noise). */
const WAYS = ["none", "metrics", "traces", "control"] as const;
type Way = (typeof WAYS)[number];
/** Statements one read (a) runs (bench/results.md: its round trips), for the in-process measure. */
const STATEMENTS_A = 2;
/** The goal: with metrics on and traces off, at least this share of the baseline's req/s. */
const GOAL_RATIO = 0.95;

/**
 * The metrics' own work for one request of read (a), in this process, without I/O: what the service
 * does per request when metrics are on (the request counted and timed, each statement timed, the
 * sessions counted), `iterations` times; µs per request.
 */
function metricsWorkUs(statementsPerRequest: number, iterations = 200_000): number {
  const metrics = new Metrics();
  const once = () => {
    metrics.sessions(1);
    for (let s = 0; s < statementsPerRequest; s++) metrics.statement(`plan.Enterprise.field${s}`, 0.004, false);
    metrics.sessions(-1);
    metrics.request("ReadA", "OK", 0.05);
  };
  for (let i = 0; i < 20_000; i++) once();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) once();
  return ((performance.now() - started) * 1000) / iterations;
}

interface Round {
  round: number;
  way: Way;
  result: LoadResult;
}

interface Results {
  label: string;
  at: string;
  machine: Machine;
  graph: GraphInfo;
  commit: string;
  settings: { rounds: number; durationS: number; warmupS: number; connections: number; enterprise: string };
  rounds: Round[];
  /** Per way: the median of its rounds' req/s and p50/p95, and its share of the baseline's req/s. */
  summary: Record<
    Way,
    { rps: number; p50: number; p95: number; cpuMsPerRequest: number | null; ofBaseline: number; pairedOfBaseline: number }
  >;
  spansExported: number;
  /** The metrics' own work per request (metricsWorkUs), and the statements per read (a) it assumed. */
  metricsWork: { usPerRequest: number; statementsPerRequest: number };
  goalMet: boolean;
}

/** Every way has its rounds, so its medians are numbers. */
const mid = (values: readonly number[]) => median(values) ?? Number.NaN;

/** An OTLP/HTTP receiver that accepts every export and counts the requests and bytes. */
async function traceSink(): Promise<{ url: string; exports: () => number; close: () => Promise<void> }> {
  let exports = 0;
  const server: Server = createServer((req, res) => {
    req.on("data", () => undefined);
    req.on("end", () => {
      if (req.url?.startsWith("/v1/traces")) exports += 1;
      res.writeHead(200, { "content-type": "application/x-protobuf" });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => exports,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function render(r: Results): string {
  const rows = WAYS.map((w) => {
    const s = r.summary[w];
    return `| ${w} | ${s.rps.toFixed(1)} | ${(s.pairedOfBaseline * 100).toFixed(1)}% | ${(s.ofBaseline * 100).toFixed(1)}% | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.cpuMsPerRequest === null ? "–" : s.cpuMsPerRequest.toFixed(2)} |`;
  });
  const perRound = r.rounds.map(
    (x) =>
      `| ${x.round} | ${x.way} | ${x.result.rps.toFixed(1)} | ${x.result.p50.toFixed(1)} | ${x.result.p95.toFixed(1)} | ${x.result.errors + x.result.badBodies} |`,
  );
  return `# What the metrics and the traces cost: read (a)

${r.label}

- When: ${r.at}; service commit ${r.commit}.
- Machine: ${r.machine.nproc} × ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, load average at start ${r.machine.loadAverage.join(" / ")}.
- Graph (${r.graph.neo4j}): ${(r.graph.nodes.Enterprise ?? 0).toLocaleString("en")} enterprises, ${(r.graph.nodes.Product ?? 0).toLocaleString("en")} products, ${(r.graph.relationships.SUPPLIES ?? 0).toLocaleString("en")} supply links.
- Read (a): ${READS[0]!.definition}; enterprise \`${r.settings.enterprise}\`.
- Load: autocannon, ${r.settings.connections} connections, ${r.settings.durationS} s timed, in each of ${r.settings.rounds} rounds per way, after ${r.settings.warmupS} s of untimed load on each; the four services run side by side, one loaded at a time, in an order that rotates from round to round.
- Ways: \`none\` = METRICS=off, no traces (the baseline); \`metrics\` = the default (metrics on, traces off); \`traces\` = metrics on and every request traced, exported over OTLP/HTTP to a sink in the bench process (${r.spansExported.toLocaleString("en")} exports received); \`control\` = \`none\` again, a second process.

| way | req/s (median of rounds) | of the baseline (median of rounds' ratios) | of the baseline (ratio of medians) | p50 ms | p95 ms | server CPU ms per request |
|---|---|---|---|---|---|---|
${rows.join("\n")}

**Goal** (metrics on, traces off: at least ${GOAL_RATIO * 100}% of the baseline's req/s): ${r.goalMet ? "met" : "not met"} by this run (${(r.summary.metrics.pairedOfBaseline * 100).toFixed(1)}%, the median of the rounds' ratios). \`control\` is the baseline again, in a second process: its ${(r.summary.control.pairedOfBaseline * 100).toFixed(1)}% is how far two identical services differ in this run.

The metrics' own work, measured apart in the bench process (no I/O: the request counted and timed, ${r.metricsWork.statementsPerRequest} statements timed, the sessions counted, as for one read (a)): **${r.metricsWork.usPerRequest.toFixed(2)} µs per request**, ${((r.metricsWork.usPerRequest / 1000 / (r.summary.none.cpuMsPerRequest ?? NaN)) * 100).toFixed(2)}% of the ${(r.summary.none.cpuMsPerRequest ?? NaN).toFixed(2)} ms of server CPU a read (a) takes without metrics.

Every round:

| round | way | req/s | p50 ms | p95 ms | errors |
|---|---|---|---|---|---|
${perRound.join("\n")}
`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const out = stringArg(args, "out") ?? path.join(BENCH, "results.observability");
  if (args.has("render")) {
    const r = JSON.parse(readFileSync(`${out}.json`, "utf8")) as Results;
    writeFileSync(`${out}.md`, render(r));
    return;
  }
  const neo4jUri = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7697";
  const rounds = numberArg(args, "rounds", 40);
  const durationS = numberArg(args, "duration", 3);
  const warmupS = numberArg(args, "warmup", 15);
  const connections = numberArg(args, "connections", 8);
  const driver = neo4j.driver(
    neo4jUri,
    neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""),
  );
  const database = process.env.NEO4J_DATABASE;
  const host = machine();
  const graph = await graphInfo(driver, database);
  const subjects = await pickSubjects(driver, database);
  await driver.close();
  const readA = READS.find((r) => r.id === "a")!;
  const body = JSON.stringify({ query: readA.ours.query, variables: readA.ours.variables(subjects) });
  const sink = await traceSink();
  const logDir = path.join(tmpdir(), `chain-kg-bench-observability-${Date.now()}`);
  const env = (way: Way): NodeJS.ProcessEnv => {
    const base: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: neo4jUri, SEED: "none", RATE_LIMIT_POINTS: "0" };
    for (const key of Object.keys(base)) if (key.startsWith("OTEL_")) delete base[key];
    if (way === "none" || way === "control") return { ...base, METRICS: "off" };
    if (way === "metrics") return { ...base, METRICS: "on" };
    return { ...base, METRICS: "on", OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf" };
  };

  // The services run side by side (only one is loaded at a time), so that each round's
  // measurements are minutes apart at most, and the order rotates from round to round: drift in the
  // machine and in Neo4j's caches falls on all of them alike.
  const children = await Promise.all(
    WAYS.map(async (way) =>
      startChild({
        name: `service-${way}`,
        script: "src/main.ts",
        env: env(way),
        port: await freePort(),
        ready: { path: "/ready" },
        logDir,
        timeoutMs: 600_000,
      }),
    ),
  );
  const done: Round[] = [];
  try {
    const targetOf = (i: number) => ({ url: `${children[i]!.url}/graphql`, body });
    // Untimed: Neo4j's page cache and each process's JIT warm up on the same read.
    for (const [i] of WAYS.entries()) await loadTest(targetOf(i), { connections, durationS: warmupS, warmupS: 0 });
    for (let round = 1; round <= rounds; round++) {
      for (let k = 0; k < WAYS.length; k++) {
        const i = (round - 1 + k) % WAYS.length;
        const way = WAYS[i]!;
        const { value, cpuMs } = await sampled(children[i]!, () => loadTest(targetOf(i), { connections, durationS, warmupS: 0 }));
        value.serverCpuMsPerRequest = cpuMs !== null && value.requests ? cpuMs / value.requests : null;
        if (value.errors + value.badBodies > 0)
          throw new Error(`${way}: ${value.errors} errors, ${value.badBodies} bad bodies; see ${logDir}`);
        done.push({ round, way, result: value });
        log(
          `round ${round} ${way}: ${value.rps.toFixed(1)} req/s, p50 ${value.p50.toFixed(1)} ms, p95 ${value.p95.toFixed(1)} ms`,
        );
      }
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
  await sink.close();

  const of = (way: Way) => done.filter((d) => d.way === way).map((d) => d.result);
  const baseline = mid(of("none").map((r) => r.rps));
  // Each round's req/s over the same round's baseline: the pairs are measured minutes apart at most.
  const paired = (way: Way) =>
    mid(
      done
        .filter((d) => d.way === way)
        .map((d) => d.result.rps / done.find((b) => b.round === d.round && b.way === "none")!.result.rps),
    );
  const summary = Object.fromEntries(
    WAYS.map((way) => {
      const results = of(way);
      const cpu = results.map((r) => r.serverCpuMsPerRequest).filter((c): c is number => c !== null && c !== undefined);
      const rps = mid(results.map((r) => r.rps));
      return [
        way,
        {
          rps,
          p50: mid(results.map((r) => r.p50)),
          p95: mid(results.map((r) => r.p95)),
          cpuMsPerRequest: median(cpu),
          ofBaseline: rps / baseline,
          pairedOfBaseline: paired(way),
        },
      ];
    }),
  ) as Results["summary"];
  const results: Results = {
    label: stringArg(args, "label") ?? "",
    at: new Date().toISOString(),
    machine: host,
    graph,
    commit: serviceCommit(),
    settings: { rounds, durationS, warmupS, connections, enterprise: subjects.enterprise },
    rounds: done,
    summary,
    spansExported: sink.exports(),
    metricsWork: { usPerRequest: metricsWorkUs(STATEMENTS_A), statementsPerRequest: STATEMENTS_A },
    goalMet: summary.metrics.pairedOfBaseline >= GOAL_RATIO,
  };
  writeFileSync(`${out}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${out}.md`, render(results));
  log(
    `of the baseline (median of the rounds' ratios): metrics ${(summary.metrics.pairedOfBaseline * 100).toFixed(1)}%, traces ${(summary.traces.pairedOfBaseline * 100).toFixed(1)}%, control ${(summary.control.pairedOfBaseline * 100).toFixed(1)}%; the metrics' own work ${results.metricsWork.usPerRequest.toFixed(2)} µs per request`,
  );
}

await main();
