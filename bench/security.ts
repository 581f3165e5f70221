/**
 * What the guards of issue 9 cost a request: the service in production mode on the Shandong graph,
 * timed three ways in one run, so the ratios compare like with like on this noisy machine:
 * - `open`: anonymous, rate limits off (RATE_LIMIT_POINTS=0); credentials, document limits and cost
 *   are still checked, as they are on every request;
 * - `limited`: anonymous, rate limits on (a budget too large to run out);
 * - `keyed`: rate limits on, with an API key, which is looked up in Neo4j on every request.
 * Each is timed one request at a time (latency) and with 8 connections (throughput), for a small
 * lookup and for an analysis, in two alternating rounds.
 *
 *   npx tsx bench/security.ts [--seconds 8] [--out bench/results.security.json]
 *
 * It starts its own Neo4j (the project's launcher) in a temporary directory and removes it after.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApiKeyStore } from "../src/auth/keys.js";
import { createDriver } from "../src/graph/db/driver.js";
import { Executor } from "../src/graph/db/executor.js";
import { importDataSet } from "../src/graph/import/importer.js";
import { startLocalNeo4j } from "../src/graph/db/local-neo4j.js";
import { migrate } from "../src/graph/db/migrations.js";
import { createLogger } from "../src/logger.js";
import { SHANDONG_SEED } from "../src/seed.js";
import { loadTest, sequential, type LoadResult } from "./load.js";
import { machine, serviceCommit } from "./machine.js";
import { freePort, startChild, type Child } from "./processes.js";
import { BENCH, fixed, numberArg, parseArgs, stringArg } from "./util.js";

const QUERIES = {
  lookup: `{ region(code: "SD-JINAN") { code name nameZh } }`,
  analysis: `{ shortBoards(chain: "BIGDATA", scope: {region: "SD-JINAN"}, first: 5) { product { code } kinds score reasons(lang: ZH) } }`,
};
type QueryName = keyof typeof QUERIES;
type Variant = "open" | "limited" | "keyed";
const VARIANTS: readonly Variant[] = ["open", "limited", "keyed"];

interface Row {
  variant: Variant;
  query: QueryName;
  round: number;
  sequential: LoadResult;
  concurrent: LoadResult;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const seconds = numberArg(args, "seconds", 8);
  const out = stringArg(args, "out") ?? path.join(BENCH, "results.security.json");
  const logger = createLogger("warn");
  const dir = mkdtempSync(path.join(tmpdir(), "chain-kg-bench-security-"));
  const children: Child[] = [];
  const neo4j = await startLocalNeo4j({ dir, port: await freePort(), pageCacheMb: 256, heapMb: 1024, logger });
  try {
    const driver = createDriver({ uri: neo4j.uri, username: "", password: "", logger });
    const executor = new Executor({ driver, logger, timeoutMs: 120_000 });
    await migrate(executor);
    await importDataSet(executor, SHANDONG_SEED);
    const { key } = await new ApiKeyStore(executor).createKey({ name: "bench", role: "reader" });
    await driver.close();

    const base = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: "", SEED: "none", NODE_ENV: "production" };
    const logDir = path.join(BENCH, "data", "logs");
    const start = async (name: string, env: NodeJS.ProcessEnv) => {
      const child = await startChild({
        name,
        script: "src/main.ts",
        env,
        port: await freePort(),
        ready: { path: "/ready" },
        logDir,
      });
      children.push(child);
      return child;
    };
    const open = await start("security-open", { ...base, RATE_LIMIT_POINTS: "0", LOG_LEVEL: "warn" });
    const limited = await start("security-limited", { ...base, RATE_LIMIT_POINTS: "1000000000", LOG_LEVEL: "warn" });
    const targets: Record<Variant, { child: Child; headers: Record<string, string> }> = {
      open: { child: open, headers: {} },
      limited: { child: limited, headers: {} },
      keyed: { child: limited, headers: { authorization: `Bearer ${key}` } },
    };

    const target = (variant: Variant, query: QueryName) => ({
      url: `${targets[variant].child.url}/graphql`,
      body: JSON.stringify({ query: QUERIES[query] }),
      headers: targets[variant].headers,
    });
    // Untimed: JIT, plans and pools warm up in every variant before the first timed run.
    for (const variant of VARIANTS) {
      for (const query of Object.keys(QUERIES) as QueryName[]) {
        await loadTest(target(variant, query), { connections: 8, durationS: 3, warmupS: 0 });
      }
    }
    const rows: Row[] = [];
    for (const round of [1, 2]) {
      for (const query of Object.keys(QUERIES) as QueryName[]) {
        for (const variant of round === 1 ? VARIANTS : [...VARIANTS].reverse()) {
          const seq = await sequential(target(variant, query), { durationS: seconds / 2, minSamples: 200, maxS: seconds * 4 });
          const con = await loadTest(target(variant, query), { connections: 8, durationS: seconds, warmupS: 1 });
          if (seq.errors || seq.badBodies || con.errors || con.badBodies) {
            throw new Error(
              `${variant}/${query}: ${seq.errors + con.errors} errors, ${seq.badBodies + con.badBodies} bad bodies`,
            );
          }
          rows.push({ variant, query, round, sequential: seq, concurrent: con });
          console.log(
            `round ${round} ${query.padEnd(8)} ${variant.padEnd(7)} p50 ${fixed(seq.p50)} ms  p95 ${fixed(seq.p95)} ms  ` +
              `8 conns: ${fixed(con.rps, 0)} req/s, p50 ${fixed(con.p50)} ms`,
          );
        }
      }
    }

    // Per query and variant: the better of the two rounds (the machine's noise only ever slows a run).
    const best = (variant: Variant, query: QueryName) => {
      const mine = rows.filter((r) => r.variant === variant && r.query === query);
      return {
        p50: Math.min(...mine.map((r) => r.sequential.p50)),
        rps: Math.max(...mine.map((r) => r.concurrent.rps)),
      };
    };
    const summary = (Object.keys(QUERIES) as QueryName[]).map((query) => {
      const o = best("open", query);
      const l = best("limited", query);
      const k = best("keyed", query);
      return {
        query,
        p50: { open: o.p50, limited: l.p50, keyed: k.p50 },
        rps: { open: o.rps, limited: l.rps, keyed: k.rps },
        limitedOverOpenP50: l.p50 / o.p50,
        keyedOverOpenP50: k.p50 / o.p50,
        openOverLimitedRps: o.rps / l.rps,
        openOverKeyedRps: o.rps / k.rps,
      };
    });
    console.log("\n| query | p50 open / limited / keyed (ms) | ratio limited, keyed | req/s open / limited / keyed |");
    console.log("|---|---|---|---|");
    for (const s of summary) {
      console.log(
        `| ${s.query} | ${fixed(s.p50.open)} / ${fixed(s.p50.limited)} / ${fixed(s.p50.keyed)} | ` +
          `${fixed(s.limitedOverOpenP50)}, ${fixed(s.keyedOverOpenP50)} | ${fixed(s.rps.open, 0)} / ${fixed(s.rps.limited, 0)} / ${fixed(s.rps.keyed, 0)} |`,
      );
    }
    writeFileSync(
      out,
      `${JSON.stringify({ commit: serviceCommit(), machine: machine(), seconds, queries: QUERIES, rows, summary }, null, 2)}\n`,
    );
    console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
  } finally {
    for (const child of children) await child.stop();
    await neo4j.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
