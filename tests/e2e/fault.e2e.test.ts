import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startLocalNeo4j, type LocalNeo4j } from "../../src/graph/db/local-neo4j.js";
import { logger } from "../support/graph.js";
import { startService, type Service } from "../support/service.js";

/**
 * The database dies under load and comes back: the real service (its own process, its own Neo4j)
 * answers every request with data or DATABASE_UNAVAILABLE within QUERY_TIMEOUT_MS, says so on
 * /ready, recovers by itself, and keeps its memory.
 */
const QUERY_TIMEOUT_MS = 3_000;
/** Above QUERY_TIMEOUT_MS: what the service needs after the deadline to write the answer, on a busy test machine. */
const MARGIN_MS = 750;
const CLIENTS = 8;
const WARM_UP_MS = 10_000;
/** From the end of the warm-up: kill Neo4j after this long; restart it OUTAGE_MS after the kill. */
const KILL_AFTER_MS = 8_000;
const OUTAGE_MS = 5_000;
/**
 * A restarted Neo4j is slow for some seconds (cold JVM, page cache and plan cache; the service calls
 * that recovering and answers DATABASE_UNAVAILABLE). From this long after it is back every request
 * must succeed, until the clients stop AFTER_RESTART_MS after it is back.
 */
const RECOVERED_AFTER_MS = 12_000;
const AFTER_RESTART_MS = 20_000;
/** The service's RSS is the median of its samples over this long, at the end of the warm-up and of the run. */
const RSS_WINDOW_MS = 4_000;

/** Reads of several kinds: a page, planned nested reads, and two analyses (examples/*.graphql). */
function example(file: string): { query: string; variables: Record<string, unknown> } {
  const text = readFileSync(path.resolve("examples", file), "utf8");
  const variables = /^# variables: (.*)$/m.exec(text)?.[1];
  return { query: text, variables: variables ? (JSON.parse(variables) as Record<string, unknown>) : {} };
}
const MIX = [
  { query: "{ regions(first: 5) { nodes { code } } }", variables: {} },
  { query: '{ shortBoards(chain: "BIGDATA", scope: {region: "SD-JINAN"}) { product { code } } }', variables: {} },
  example("03-chain.graphql"),
  example("04-enterprise.graphql"),
  example("12-target-firms.graphql"),
];

interface Answer {
  /** Which of MIX. */
  query: number;
  /** Since the run's start, in ms. */
  at: number;
  ms: number;
  status: number;
  codes: string[];
  data: boolean;
  failure?: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ok = (a: Answer) => a.status === 200 && a.data && a.codes.length === 0;
const unavailable = (a: Answer) => a.codes.length > 0 && a.codes.every((c) => c === "DATABASE_UNAVAILABLE");

async function ask(url: string, i: number, t0: number): Promise<Answer> {
  const at = performance.now() - t0;
  try {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(MIX[i % MIX.length]),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    return {
      query: i % MIX.length,
      at,
      ms: performance.now() - t0 - at,
      status: res.status,
      codes: (body.errors ?? []).map((e) => e.extensions?.code ?? "(none)"),
      data: body.data !== undefined && body.data !== null,
    };
  } catch (error) {
    return {
      query: i % MIX.length,
      at,
      ms: performance.now() - t0 - at,
      status: 0,
      codes: ["(no answer)"],
      data: false,
      failure: String(error),
    };
  }
}

/** `CLIENTS` clients, each sending one request after another until `stop()` says so. */
async function load(url: string, t0: number, stop: () => boolean): Promise<Answer[]> {
  const answers: Answer[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; !stop(); i += 1) answers.push(await ask(url, i, t0));
    }),
  );
  return answers;
}

describe("the service under load while Neo4j is killed and restarted", () => {
  let dir: string | undefined;
  let neo4j: LocalNeo4j | undefined;
  let service: Service | undefined;
  let port = 0;
  const startNeo4j = () => startLocalNeo4j({ dir: dir!, port, pageCacheMb: 128, heapMb: 512, logger });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "chain-kg-fault-"));
    port = await freePort();
    neo4j = await startNeo4j();
    service = await startService({
      NEO4J_URI: neo4j.uri,
      NEO4J_PASSWORD: "",
      NODE_ENV: "production",
      QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
      SEED: "shandong",
      LOG_LEVEL: "warn",
      // 8 clients for half a minute would spend an anonymous caller's hourly points; this test is about the database.
      RATE_LIMIT_POINTS: "0",
      // A heap cap, as a deployment sets one for its memory budget. Uncapped on this 24 GiB machine,
      // V8 lets garbage pile up to ~150 MB between major collections and grows its committed heap for
      // a minute or more under load (measured: RSS 166 → 278 MB in 120 s of load with no outage, while
      // the live heap after every mark-compact stayed at 37 MB), so RSS would measure V8's laziness, not
      // a leak. Capped, RSS settles within the warm-up (173 → 190 MB over 120 s), and a leak would show
      // as growth, or as the service dying of an out-of-memory error.
      NODE_OPTIONS: "--max-old-space-size=96",
    });
  });

  afterAll(async () => {
    await service?.stop();
    await neo4j?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "answers data or DATABASE_UNAVAILABLE in time, reports the outage on /ready, recovers, and keeps its memory",
    { timeout: 170_000 },
    async () => {
      const url = service!.url;
      // Warm-up: JIT, schema, plans and the driver's pool settle before the memory baseline. On a cold
      // database 8 clients at once can pass the 3 s deadline while Neo4j compiles the plans: one at a time first.
      let t0 = performance.now();
      for (let i = 0; i < MIX.length; i += 1) {
        for (let attempt = 0; attempt < 3 && !ok(await ask(url, i, t0)); attempt += 1);
      }
      // The loaded warm-up, and its memory samples, last WARM_UP_MS however long the first answers took.
      t0 = performance.now();
      const warmRss: number[] = [];
      const warmSampler = setInterval(() => {
        if (performance.now() - t0 > WARM_UP_MS - RSS_WINDOW_MS) warmRss.push(service!.rssKb());
      }, 250);
      const warm = await load(url, t0, () => performance.now() - t0 > WARM_UP_MS);
      clearInterval(warmSampler);
      expect(
        warm.filter((a) => !ok(a)),
        "every warm-up request succeeds",
      ).toEqual([]);
      const rssStart = median(warmRss);

      t0 = performance.now();
      const now = () => performance.now() - t0;
      const marks = { killed: Infinity, restarting: Infinity, restarted: Infinity };
      let done = false;
      const ready: Array<{ at: number; status: number }> = [];
      const readyPoller = (async () => {
        while (!done) {
          const at = now();
          const status = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(10_000) }).then(
            (r) => r.status,
            () => 0,
          );
          ready.push({ at, status });
          await new Promise((r) => setTimeout(r, 250));
        }
      })();
      const rss: Array<[number, number]> = [];
      const rssSampler = setInterval(() => rss.push([now(), service!.rssKb()]), 250);
      const chaos = (async () => {
        await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
        await neo4j!.kill();
        marks.killed = now();
        await new Promise((r) => setTimeout(r, OUTAGE_MS));
        marks.restarting = now();
        neo4j = await startNeo4j();
        marks.restarted = now();
      })();
      const answers = await load(url, t0, () => now() > marks.restarted + AFTER_RESTART_MS);
      done = true;
      clearInterval(rssSampler);
      await Promise.all([chaos, readyPoller]);
      const rssEnd = median(rss.filter(([at]) => at > marks.restarted + AFTER_RESTART_MS - RSS_WINDOW_MS).map(([, kb]) => kb));

      const bad = answers.filter((a) => !ok(a) && !unavailable(a));
      const slowest = Math.max(...answers.map((a) => a.ms));
      const during = answers.filter((a) => a.at > marks.killed && a.at < marks.restarting);
      const after = answers.filter((a) => a.at > marks.restarted + RECOVERED_AFTER_MS);
      const counts: Record<string, number> = {};
      for (const a of answers) counts[ok(a) ? "data" : a.codes.join(",")] = (counts[ok(a) ? "data" : a.codes.join(",")] ?? 0) + 1;
      const summary = {
        requests: answers.length,
        counts,
        slowestMs: Math.round(slowest),
        marks: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, Math.round(v)])),
        failedDuringOutage: during.filter((a) => !ok(a)).length,
        ofDuringOutage: during.length,
        afterRestart: after.length,
        rssKb: { start: rssStart, end: rssEnd, change: `${(((rssEnd - rssStart) / rssStart) * 100).toFixed(1)} %` },
      };
      process.stdout.write(`fault test: ${JSON.stringify(summary)}\n`);

      expect(bad.slice(0, 5), `only data or DATABASE_UNAVAILABLE\n${service!.output()}`).toEqual([]);
      expect(slowest, "no answer takes longer than QUERY_TIMEOUT_MS and a margin").toBeLessThan(QUERY_TIMEOUT_MS + MARGIN_MS);
      expect(summary.failedDuringOutage, "requests fail while Neo4j is down").toBeGreaterThan(0);
      expect(after.length, "requests were made after the restart").toBeGreaterThan(50);
      expect(
        after.filter((a) => !ok(a)),
        "every request after the restart succeeds",
      ).toEqual([]);
      const readyDuring = ready.filter((r) => r.at > marks.killed && r.at < marks.restarting).map((r) => r.status);
      expect(readyDuring.length).toBeGreaterThan(3);
      expect(new Set(readyDuring), "/ready is 503 while Neo4j is down").toEqual(new Set([503]));
      expect(
        ready.filter((r) => r.at > marks.restarted + 1_000).map((r) => r.status),
        "/ready is 200 after",
      ).not.toContain(503);
      expect(ready.at(-1)?.status).toBe(200);
      expect(Math.abs(rssEnd - rssStart) / rssStart, "RSS within 20 % of the warmed-up baseline").toBeLessThan(0.2);
    },
  );
});
