/**
 * Edits, the change feed and the export at scale (issue 21's goals), on whatever graph the bench Neo4j
 * holds, through the service (src/main.ts, SEED=none) started as a child process, over HTTP:
 *
 *   1. edits with an editor key, one request at a time, each kind's first request timed apart:
 *      - adding one supply link (`setSupplyLinks`, one new (supplier, customer, product) with a volume;
 *        the derived data of its product is brought up to date in the same transaction): goal p95 ≤ 100 ms;
 *      - changing an existing link's volume; removing a link (the links step 1 added, so the graph ends
 *        as it began, volumes apart);
 *      - batches of 100 adds (per batch and per item), and the same links removed in batches of 100;
 *   2. the change feed: `graphChanges(first: 1000)` read from the start to the end with its cursor,
 *      `--feed-passes` times: changes/s, pages/s, one page's p50/p95;
 *   3. where the time of an edit goes: a second service with LOG_LEVEL=debug, whose
 *      executor logs each statement's `operation` and `ms`, gets `--breakdown` more adds, volume
 *      changes and removes, and `--breakdown-batches` batches of 100 adds and their removes; its log is
 *      split per request; then the statement that recomputes a product's derived data
 *      (`derived.neighbourhood`, its text from that log) alone, for products of growing size;
 *   4. the export: bench/export.ts, spawned on the same Neo4j (the service stopped): rows/s per file
 *      and in all, and the NDJSON streams';
 *   5. `npm run audit -- verify` against the same Neo4j: its exit status.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7697 npx tsx bench/mutations.ts [--adds 200] [--batches 10] [--feed-passes 5]
 *     [--breakdown 30] [--breakdown-batches 2] [--seed 21] [--key KEY] [--skip-export] [--label "…"]
 *     [--out bench/results.mutations]
 *   npx tsx bench/mutations.ts --render      # only the .md again, from the .json
 *
 * The editor key comes from --key (or BENCH_EDITOR_KEY); without one, the script creates one with
 * `npm run keys -- create --name bench-editor-<time> --role editor`. The service runs with
 * RATE_LIMIT_POINTS=0: a batch of 100 costs 1,000 points, and the default 5,000 an hour would stop the
 * run. Subjects are picked with a seeded generator from the graph as loaded: the customer is a random
 * enterprise that makes a product with inputs; the product, a random input of its products; the
 * supplier, a random maker of that product (any enterprise when none); no such link exists yet.
 * Writes <out>.json and <out>.md.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { graphInfo, machine, serviceCommit } from "./machine.js";
import { freePort, startChild, type Child } from "./processes.js";
import { BENCH, numberArg, parseArgs, percentile, ROOT, sleep, stringArg } from "./util.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const round1 = (x: number) => Math.round(x * 10) / 10;
const GOAL_ADD_P95_MS = 100;
const BATCH = 100;
const FEED_PAGE = 1000;

/** mulberry32: a small seeded generator, so the subjects are the same from run to run on the same graph. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Link {
  supplier: string;
  customer: string;
  product: string;
  volume?: number;
}

interface Timing {
  name: string;
  /** Requests timed after the first. */
  samples: number;
  firstMs: number | null;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
  /** Items per request (a batch: 100), for the per-item figures. */
  items: number;
  goalMs?: number;
  met?: boolean;
}

function summarize(name: string, firstMs: number | null, ms: number[], items = 1, goalMs?: number): Timing {
  const sorted = [...ms].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return {
    name,
    samples: sorted.length,
    firstMs: firstMs === null ? null : round1(firstMs),
    p50Ms: round1(percentile(sorted, 50)),
    p95Ms: round1(p95),
    maxMs: round1(sorted.at(-1) ?? Number.NaN),
    meanMs: round1(sorted.reduce((s, x) => s + x, 0) / sorted.length),
    items,
    ...(goalMs !== undefined && { goalMs, met: p95 <= goalMs }),
  };
}

function describe(t: Timing): string {
  const per = t.items > 1 ? ` (per item p50 ${round1(t.p50Ms / t.items)} ms)` : "";
  return `${t.name}: first ${t.firstMs ?? "–"} ms; then p50 ${t.p50Ms} ms, p95 ${t.p95Ms} ms, max ${t.maxMs} ms over ${t.samples}${per}`;
}

/** Runs a command to its end; its exit status and output. */
function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

/** The subjects: new links to add, existing links whose volume changes. */
async function pickSubjects(
  driver: Driver,
  database: string | undefined,
  seed: number,
  adds: number,
  volumes: number,
): Promise<{ adds: Link[]; volumes: Link[] }> {
  const q = async <T>(cypher: string, params: Record<string, unknown> = {}) =>
    (await driver.executeQuery(cypher, params, { database, routing: "READ" })).records.map((r) => r.toObject() as T);
  const inputs = new Map<string, string[]>();
  for (const r of await q<{ code: string; inputs: string[] }>(
    "MATCH (p:Product) RETURN p.code AS code, [(p)-[:REQUIRES]->(i:Product) | i.code] AS inputs ORDER BY code",
  ))
    inputs.set(r.code, [...r.inputs].sort());
  const makers = new Map<string, string[]>();
  const firms: Array<{ code: string; products: string[] }> = [];
  for (const r of await q<{ code: string; products: string[] }>(
    "MATCH (e:Enterprise) RETURN e.code AS code, [(e)-[:PRODUCES]->(p:Product) | p.code] AS products ORDER BY code",
  )) {
    const products = [...r.products].sort();
    firms.push({ code: r.code, products });
    for (const p of products) {
      let list = makers.get(p);
      if (!list) makers.set(p, (list = []));
      list.push(r.code);
    }
  }
  const customers = firms.filter((f) => f.products.some((p) => (inputs.get(p) ?? []).length > 0));
  log(`subjects from ${firms.length} enterprises, ${customers.length} of them making a product with inputs`);
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const seen = new Set<string>();
  const out: Link[] = [];
  while (out.length < adds) {
    const candidates: Link[] = [];
    for (let i = 0; i < (adds - out.length) * 2 + 10; i++) {
      const customer = pick(customers);
      const wanted = [...new Set(customer.products.flatMap((p) => inputs.get(p) ?? []))].sort();
      const product = pick(wanted);
      const supplier = pick(makers.get(product)?.filter((c) => c !== customer.code) ?? []) ?? pick(firms).code;
      const key = `${supplier}>${customer.code}:${product}`;
      if (supplier === customer.code || seen.has(key)) continue;
      seen.add(key);
      candidates.push({ supplier, customer: customer.code, product, volume: Math.round(10 + random() * 990) });
    }
    const taken = new Set(
      (
        await q<{ key: string }>(
          `UNWIND $links AS l
           MATCH (:Enterprise {code: l.supplier})-[r:SUPPLIES {product: l.product}]->(:Enterprise {code: l.customer})
           RETURN DISTINCT l.supplier + '>' + l.customer + ':' + l.product AS key`,
          { links: candidates },
        )
      ).map((r) => r.key),
    );
    for (const c of candidates) if (!taken.has(`${c.supplier}>${c.customer}:${c.product}`) && out.length < adds) out.push(c);
  }
  // Existing links for the volume changes: a random supplier's links, one of them at random.
  const changed: Link[] = [];
  const used = new Set<string>();
  while (changed.length < volumes) {
    const suppliers = Array.from({ length: (volumes - changed.length) * 2 }, () => pick(firms).code);
    const rows = await q<{ supplier: string; links: Array<{ customer: string; product: string; volume: number | null }> }>(
      `UNWIND $codes AS code
       MATCH (a:Enterprise {code: code})
       RETURN code AS supplier, COLLECT { MATCH (a)-[r:SUPPLIES]->(b:Enterprise)
         RETURN {customer: b.code, product: r.product, volume: r.volume} AS l ORDER BY b.code, r.product } AS links`,
      { codes: suppliers },
    );
    for (const r of rows) {
      if (r.links.length === 0 || changed.length >= volumes) continue;
      const l = pick(r.links);
      const key = `${r.supplier}>${l.customer}:${l.product}`;
      if (used.has(key) || seen.has(key)) continue;
      used.add(key);
      const old = Number(l.volume ?? 100);
      changed.push({ supplier: r.supplier, customer: l.customer, product: l.product, volume: Math.round(old * 1.1) + 1 });
    }
  }
  return { adds: out, volumes: changed };
}

const SET_LINKS = `mutation($input: [SupplyLinkInput!]!) { setSupplyLinks(input: $input) { changes { seq element after } } }`;
const FEED = `query($after: String) { graphChanges(first: ${FEED_PAGE}, after: $after) {
  nodes { seq at operation element subjects year after } pageInfo { endCursor hasNextPage } } }`;

interface Post {
  ms: number;
  data: unknown;
}

function poster(service: Child, key: string | null) {
  return async (query: string, variables: Record<string, unknown>): Promise<Post> => {
    const started = performance.now();
    const res = await fetch(`${service.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key && { authorization: `Bearer ${key}` }) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string }> };
    const ms = performance.now() - started;
    if (body.errors?.length) throw new Error(`${body.errors[0]!.message} (${query.slice(0, 80)})`);
    return { ms, data: body.data };
  };
}

const chunks = (links: Link[], item: (l: Link) => Record<string, unknown>) =>
  Array.from({ length: Math.ceil(links.length / BATCH) }, (_, i) => links.slice(i * BATCH, (i + 1) * BATCH).map(item));
const addItem = (l: Link) => ({ supplier: l.supplier, customer: l.customer, product: l.product, volume: l.volume });
const removeItem = (l: Link) => ({ supplier: l.supplier, customer: l.customer, product: l.product, remove: true });

interface Statement {
  operation: string;
  ms: number;
}

/** The executor's debug lines ("cypher", with operation and ms) written since `from` bytes into the log. */
function statementsSince(file: string, from: number): Statement[] {
  const buf = readFileSync(file);
  const statements: Statement[] = [];
  for (const line of buf.subarray(from).toString("utf8").split("\n")) {
    if (!line.includes('"msg":"cypher"')) continue;
    try {
      const entry = JSON.parse(line) as { operation?: string; ms?: number };
      if (entry.operation !== undefined && typeof entry.ms === "number")
        statements.push({ operation: entry.operation, ms: entry.ms });
    } catch {
      // a line cut short: ignored
    }
  }
  return statements;
}

interface BreakdownRow {
  operation: string;
  /** Statements of that operation per request. */
  perRequest: number;
  /** Median over the requests of the operation's summed ms in a request. */
  p50Ms: number;
  meanMs: number;
  /** Its share of the mean transaction time. */
  share: number;
}

interface Breakdown {
  kind: string;
  requests: number;
  httpP50Ms: number;
  httpMeanMs: number;
  /** The write transaction, as the executor logs it (`mutation.setSupplyLinks`): its statements and the commit. */
  transactionP50Ms: number;
  transactionMeanMs: number;
  /** The sum of the transaction's statements, mean. */
  statementsMeanMs: number;
  rows: BreakdownRow[];
  /** Statements outside the transaction (reads of the payload, the years), mean ms per request. */
  outsideMeanMs: number;
  outside: string[];
}

async function breakdown(
  kind: string,
  service: Child,
  post: (q: string, v: Record<string, unknown>) => Promise<Post>,
  inputs: Array<Array<Record<string, unknown>>>,
): Promise<Breakdown> {
  const offset = statSync(service.logFile).size;
  const http: number[] = [];
  for (const input of inputs) http.push((await post(SET_LINKS, { input })).ms);
  const TX = "mutation.setSupplyLinks";
  // The log is written asynchronously: wait until every request's transaction line is in it.
  let statements: Statement[] = [];
  for (let waited = 0; ; waited += 100) {
    statements = statementsSince(service.logFile, offset);
    if (statements.filter((x) => x.operation === TX).length >= inputs.length) break;
    if (waited > 10_000) throw new Error(`the debug log holds fewer transactions than the ${inputs.length} requests sent`);
    await sleep(100);
  }
  await sleep(200);
  statements = statementsSince(service.logFile, offset);
  // Each transaction's statements are logged as they end, then the transaction's own line: they are
  // those from its first statement (the trail's lock) up to that line. The other lines (the key's
  // lookup, the years, the payload's read) are outside it; requests run one at a time, so the log
  // splits at the transaction lines (a request's payload read is counted with the next request:
  // the means are the same).
  const split: Array<{ inside: Statement[]; tx: number; outside: Statement[] }> = [];
  let from = 0;
  for (let i = 0; i < statements.length; i++) {
    if (statements[i]!.operation !== TX) continue;
    const segment = statements.slice(from, i);
    const start = segment.findIndex((x) => x.operation === "audit.lock");
    if (start < 0) throw new Error("a transaction without the trail's lock in the debug log");
    split.push({ inside: segment.slice(start), tx: statements[i]!.ms, outside: segment.slice(0, start) });
    from = i + 1;
  }
  split.at(-1)!.outside.push(...statements.slice(from));
  const operations = [...new Set(split.flatMap((r) => r.inside.map((s) => s.operation)))];
  const tx = split.map((r) => r.tx);
  const txMean = tx.reduce((a, x) => a + x, 0) / tx.length;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const rows: BreakdownRow[] = operations.map((operation) => {
    const mine = split.map((r) => r.inside.filter((s) => s.operation === operation));
    const sums = mine.map((ss) => ss.reduce((a, s) => a + s.ms, 0));
    const mean = sums.reduce((a, x) => a + x, 0) / sums.length;
    return {
      operation,
      perRequest: round1(mine.reduce((a, ss) => a + ss.length, 0) / mine.length),
      p50Ms: round1(percentile(sorted(sums), 50)),
      meanMs: round1(mean),
      share: Math.round((mean / txMean) * 1000) / 1000,
    };
  });
  rows.sort((a, b) => b.meanMs - a.meanMs);
  const outsideOps = [...new Set(split.flatMap((r) => r.outside.map((s) => s.operation)))];
  const outsideMs = split.map((r) => r.outside.reduce((a, s) => a + s.ms, 0));
  const result: Breakdown = {
    kind,
    requests: split.length,
    httpP50Ms: round1(percentile(sorted(http), 50)),
    httpMeanMs: round1(http.reduce((a, x) => a + x, 0) / http.length),
    transactionP50Ms: round1(percentile(sorted(tx), 50)),
    transactionMeanMs: round1(txMean),
    statementsMeanMs: round1(rows.reduce((a, r) => a + r.meanMs, 0)),
    rows,
    outsideMeanMs: round1(outsideMs.reduce((a, x) => a + x, 0) / outsideMs.length),
    outside: outsideOps,
  };
  log(
    `breakdown of ${kind} (${result.requests} requests, LOG_LEVEL=debug): HTTP p50 ${result.httpP50Ms} ms, transaction p50 ${result.transactionP50Ms} ms`,
  );
  for (const r of rows.slice(0, 8))
    log(`  ${r.operation.padEnd(28)} ×${r.perRequest} p50 ${r.p50Ms} ms mean ${r.meanMs} ms (${Math.round(r.share * 100)}%)`);
  return result;
}

/** The first statement of `operation` in a debug log, with its Cypher text and parameters. */
function firstStatement(file: string, operation: string): { cypher: string; params: Record<string, unknown> } | null {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.includes(`"operation":"${operation}"`)) continue;
    try {
      const entry = JSON.parse(line) as { cypher?: string; params?: Record<string, unknown> };
      if (entry.cypher) return { cypher: entry.cypher, params: entry.params ?? {} };
    } catch {
      // a line cut short: ignored
    }
  }
  return null;
}

interface SizeRow {
  quantile: string;
  product: string;
  links: number;
  samples: number;
  p50Ms: number;
  maxMs: number;
}

/**
 * What the recomputation of one product's derived data costs by the product's size: the statement
 * `derived.neighbourhood` as the service sent it (its text from the debug log), run alone through the
 * driver, read-only, for the products at quantiles of their supply-link counts.
 */
async function neighbourhoodBySize(
  driver: Driver,
  database: string | undefined,
  statement: { cypher: string; params: Record<string, unknown> },
  links: ReadonlyMap<string, number>,
  reps: number,
): Promise<SizeRow[]> {
  const byLinks = [...links].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const at = (q: number) => byLinks[Math.min(byLinks.length - 1, Math.floor(q * (byLinks.length - 1)))]!;
  const picks: Array<[string, [string, number]]> = [
    ["min", at(0)],
    ["p25", at(0.25)],
    ["median", at(0.5)],
    ["p75", at(0.75)],
    ["p90", at(0.9)],
    ["p95", at(0.95)],
    ["max", at(1)],
  ];
  const rows: SizeRow[] = [];
  for (const [quantile, [product, n]] of picks) {
    const params = { ...statement.params, codes: [product] };
    await driver.executeQuery(statement.cypher, params, { database, routing: "READ" });
    const ms: number[] = [];
    for (let i = 0; i < reps; i++) {
      const started = performance.now();
      await driver.executeQuery(statement.cypher, params, { database, routing: "READ" });
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    rows.push({ quantile, product, links: n, samples: reps, p50Ms: round1(percentile(ms, 50)), maxMs: round1(ms.at(-1)!) });
    log(`  neighbourhood of ${product} (${quantile}, ${n} links): p50 ${rows.at(-1)!.p50Ms} ms`);
  }
  return rows;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const adds = numberArg(args, "adds", 200);
  const batches = numberArg(args, "batches", 10);
  const feedPasses = numberArg(args, "feed-passes", 5);
  const breakdownN = numberArg(args, "breakdown", 30);
  const breakdownBatches = numberArg(args, "breakdown-batches", 2);
  const seed = numberArg(args, "seed", 21);
  const skipExport = args.has("skip-export");
  const label = stringArg(args, "label");
  const out = path.resolve(ROOT, stringArg(args, "out") ?? "bench/results.mutations");
  if (args.has("render")) {
    writeFileSync(`${out}.md`, render(JSON.parse(readFileSync(`${out}.json`, "utf8")) as Parameters<typeof render>[0]));
    log(`written ${path.relative(process.cwd(), out)}.md from its .json`);
    return;
  }
  const uri = process.env.NEO4J_URI || "bolt://127.0.0.1:7687";
  const database = process.env.NEO4J_DATABASE || undefined;
  const password = process.env.NEO4J_PASSWORD;
  const driver = neo4j.driver(uri, password ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", password) : undefined, {
    disableLosslessIntegers: true,
  });
  const startedAt = machine();
  const env = { ...process.env, NEO4J_URI: uri };
  try {
    const graph = await graphInfo(driver, database);
    log(`graph: ${graph.totalNodes} nodes, ${graph.totalRelationships} relationships (${graph.neo4j})`);
    const [state] = (
      await driver.executeQuery(
        "OPTIONAL MATCH (d:DerivedState {code: 'analytics'}) OPTIONAL MATCH (h:AuditHead {id: 'audit'}) RETURN d.years AS years, d.stale AS stale, h.seq AS seq",
        {},
        { database },
      )
    ).records.map((r) => r.toObject() as { years: number[] | null; stale: boolean | null; seq: number | null });
    if (state?.stale !== false) throw new Error("the derived data is missing or stale: import the data set first");
    const trailBefore = state.seq ?? 0;
    const singleCount = adds + 1;
    const batchBreakdownCount = breakdownN > 0 ? breakdownBatches * BATCH : 0;
    const subjects = await pickSubjects(
      driver,
      database,
      seed,
      singleCount + batches * BATCH + breakdownN + batchBreakdownCount,
      singleCount + breakdownN,
    );
    const single = subjects.adds.slice(0, singleCount);
    const batched = subjects.adds.slice(singleCount, singleCount + batches * BATCH);
    const forBreakdown = subjects.adds.slice(singleCount + batches * BATCH, singleCount + batches * BATCH + breakdownN);
    const batchBreakdown = subjects.adds.slice(singleCount + batches * BATCH + breakdownN);
    const volumeLinks = subjects.volumes.slice(0, singleCount);
    const volumeBreakdown = subjects.volumes.slice(singleCount);
    log(`picked ${subjects.adds.length} new links and ${subjects.volumes.length} existing ones (seed ${seed})`);
    // Each product's supply links: the recomputation of a product's derived data reads them all.
    const productLinks = new Map(
      (
        await driver.executeQuery(
          "MATCH (p:Product) RETURN p.code AS code, COUNT { MATCH ()-[l:SUPPLIES]->() WHERE l.product = p.code } AS links",
          {},
          { database, routing: "READ" },
        )
      ).records.map((r) => [String(r.get("code")), Number(r.get("links"))] as const),
    );
    const spread = (codes: string[]) => {
      const xs = codes.map((c) => productLinks.get(c) ?? 0).sort((a, b) => a - b);
      return { p50: percentile(xs, 50), p95: percentile(xs, 95), max: xs.at(-1) ?? 0 };
    };
    const touched = {
      catalogue: spread([...productLinks.keys()]),
      adds: spread(single.map((l) => l.product)),
      volumes: spread(volumeLinks.map((l) => l.product)),
    };
    log(
      `supply links per product: catalogue ${JSON.stringify(touched.catalogue)}, the adds' products ${JSON.stringify(touched.adds)}`,
    );

    let key = stringArg(args, "key") ?? process.env.BENCH_EDITOR_KEY ?? null;
    let keyName = "given";
    if (!key) {
      keyName = `bench-editor-${Date.now()}`;
      const made = await runCommand(
        "npm",
        ["run", "--silent", "keys", "--", "create", "--name", keyName, "--role", "editor"],
        env,
      );
      if (made.code !== 0) throw new Error(`npm run keys failed: ${made.stderr || made.stdout}`);
      key = made.stdout.trim().split("\n").at(-1)!.trim();
      log(`created editor key ${keyName}`);
    }

    // Neo4j's plan cache emptied, so the first edit is planned as on a fresh deployment (the bench Neo4j is ours alone).
    await driver.executeQuery("CALL db.clearQueryCaches()", {}, { database });
    const serviceEnv = (level: string) => ({ ...env, SEED: "none", LOG_LEVEL: level, RATE_LIMIT_POINTS: "0" });
    const logDir = path.join(BENCH, "data", "logs");
    // 1. The edits, then 2. the feed, on a service logging at warn.
    const service = await startChild({
      name: "service-mutations",
      script: "src/main.ts",
      env: serviceEnv("warn"),
      port: await freePort(),
      ready: { path: "/ready" },
      logDir,
      timeoutMs: 300_000,
    });
    let edits: Timing[];
    let feed: Record<string, unknown>;
    let servicePeakRssMiB: number | null;
    try {
      const post = poster(service, key);
      await post("{ __typename }", {});
      const sequence = async (name: string, items: Array<Array<Record<string, unknown>>>, goalMs?: number) => {
        const first = await post(SET_LINKS, { input: items[0] });
        const ms: number[] = [];
        for (const input of items.slice(1)) ms.push((await post(SET_LINKS, { input })).ms);
        const t = summarize(name, first.ms, ms, items[0]!.length, goalMs);
        log(describe(t));
        return t;
      };
      edits = [
        await sequence(
          "add one supply link",
          single.map((l) => [addItem(l)]),
          GOAL_ADD_P95_MS,
        ),
        await sequence(
          "change an existing link's volume",
          volumeLinks.map((l) => [addItem(l)]),
        ),
        await sequence(
          "remove a link",
          single.map((l) => [removeItem(l)]),
        ),
      ];
      // Batches: the first batch is timed apart only if there are enough for samples after it.
      const timeBatches = async (name: string, items: Array<Array<Record<string, unknown>>>) => {
        const ms: number[] = [];
        for (const input of items) ms.push((await post(SET_LINKS, { input })).ms);
        const t = summarize(name, ms[0]!, ms.length > 1 ? ms.slice(1) : ms, BATCH);
        log(describe(t));
        return t;
      };
      edits.push(await timeBatches(`add ${BATCH} supply links in one batch`, chunks(batched, addItem)));
      edits.push(await timeBatches(`remove ${BATCH} supply links in one batch`, chunks(batched, removeItem)));

      // 2. The feed, read anonymously (any reader may), from the start to the end, feedPasses times.
      const reader = poster(service, null);
      const pageMs: number[] = [];
      const passes: Array<{ changes: number; pages: number; seconds: number }> = [];
      let lastSeq = 0;
      for (let pass = 0; pass < feedPasses; pass++) {
        let after: string | null = null;
        let changes = 0;
        let pages = 0;
        const started = performance.now();
        for (;;) {
          const r = await reader(FEED, { after });
          const page = (
            r.data as {
              graphChanges: { nodes: Array<{ seq: number }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
            }
          ).graphChanges;
          pageMs.push(r.ms);
          pages += 1;
          for (const n of page.nodes) {
            if (n.seq !== changes + 1) throw new Error(`the feed skipped from ${changes} to ${n.seq}`);
            changes += 1;
          }
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        lastSeq = changes;
        passes.push({ changes, pages, seconds: (performance.now() - started) / 1000 });
      }
      const totalChanges = passes.reduce((a, p) => a + p.changes, 0);
      const totalPages = passes.reduce((a, p) => a + p.pages, 0);
      const totalSeconds = passes.reduce((a, p) => a + p.seconds, 0);
      const sortedPages = [...pageMs].sort((a, b) => a - b);
      feed = {
        pageSize: FEED_PAGE,
        passes: passes.map((p) => ({ ...p, seconds: Math.round(p.seconds * 1000) / 1000 })),
        changesPerPass: lastSeq,
        changesPerSecond: Math.round(totalChanges / totalSeconds),
        pagesPerSecond: round1(totalPages / totalSeconds),
        pageP50Ms: round1(percentile(sortedPages, 50)),
        pageP95Ms: round1(percentile(sortedPages, 95)),
        pageMaxMs: round1(sortedPages.at(-1)!),
        pages: totalPages,
      };
      log(
        `feed: ${lastSeq} changes in ${passes[0]!.pages} pages a pass, ${feedPasses} passes: ${String(feed.changesPerSecond)} changes/s, ${String(feed.pagesPerSecond)} pages/s; page p50 ${String(feed.pageP50Ms)} ms, p95 ${String(feed.pageP95Ms)} ms`,
      );
      const rss = service.memory();
      servicePeakRssMiB = rss ? round1(rss.peakKb / 1024) : null;
    } finally {
      await service.stop();
    }

    // 3. Where the time of one edit goes, from a debug-level service's log.
    const breakdowns: Breakdown[] = [];
    let breakdownError: string | null = null;
    if (breakdownN > 0)
      try {
        const debug = await startChild({
          name: "service-mutations-debug",
          script: "src/main.ts",
          env: serviceEnv("debug"),
          port: await freePort(),
          ready: { path: "/ready" },
          logDir,
          timeoutMs: 300_000,
        });
        try {
          const post = poster(debug, key);
          await post("{ __typename }", {});
          // One untimed add first: the process's first mutation.
          await post(SET_LINKS, { input: [addItem(forBreakdown[0]!)] });
          const rest = forBreakdown.slice(1);
          const one = (item: (l: Link) => Record<string, unknown>, links: Link[]) => links.map((l) => [item(l)]);
          breakdowns.push(await breakdown("add one supply link", debug, post, one(addItem, rest)));
          breakdowns.push(await breakdown("change an existing link's volume", debug, post, one(addItem, volumeBreakdown)));
          breakdowns.push(await breakdown("remove a link", debug, post, one(removeItem, forBreakdown)));
          if (batchBreakdown.length > 0) {
            breakdowns.push(
              await breakdown(`add ${BATCH} supply links in one batch`, debug, post, chunks(batchBreakdown, addItem)),
            );
            breakdowns.push(
              await breakdown(`remove ${BATCH} supply links in one batch`, debug, post, chunks(batchBreakdown, removeItem)),
            );
          }
        } finally {
          await debug.stop();
        }
      } catch (error) {
        // The edits' and the feed's figures are kept; the breakdown's failure is reported with them.
        breakdownError = error instanceof Error ? error.message : String(error);
        log(`breakdown failed: ${breakdownError}`);
      }

    // 3b. The recomputation of one product by its size, from the statement the debug service sent.
    let bySize: SizeRow[] = [];
    const debugLog = path.join(logDir, "service-mutations-debug.log");
    const statement = breakdownN > 0 && !breakdownError ? firstStatement(debugLog, "derived.neighbourhood") : null;
    if (statement) {
      log("derived.neighbourhood alone, by the product's supply links:");
      bySize = await neighbourhoodBySize(driver, database, statement, productLinks, 5);
    }

    // 4. The export, the service stopped.
    let exported: unknown = null;
    if (!skipExport) {
      const dir = mkdtempSync(path.join(tmpdir(), "chain-kg-bench-mutations-"));
      const json = path.join(dir, "export.json");
      try {
        log("export: bench/export.ts …");
        const r = await runCommand(process.execPath, ["--import", "tsx", "bench/export.ts", "--json", json], env);
        process.stderr.write(r.stderr);
        if (r.code !== 0) throw new Error(`bench/export.ts exited with ${r.code}`);
        exported = JSON.parse(readFileSync(json, "utf8"));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    // 5. The trail still verifies.
    const verify = await runCommand("npm", ["run", "--silent", "audit", "--", "verify"], env);
    const verified = { exitCode: verify.code, output: (verify.stdout + verify.stderr).trim().split("\n").slice(-3).join("\n") };
    log(`npm run audit -- verify: exit ${verify.code}: ${verified.output}`);
    const [after] = (
      await driver.executeQuery("MATCH (h:AuditHead {id: 'audit'}) RETURN h.seq AS seq", {}, { database })
    ).records.map((r) => r.toObject() as { seq: number });

    const results = {
      ...(label && { label }),
      machine: startedAt,
      machineAtEnd: { loadAverage: machine().loadAverage },
      commit: serviceCommit(),
      neo4jUri: uri,
      graph,
      years: (state.years ?? []).filter((y) => y !== 0),
      settings: {
        adds,
        batches,
        batchSize: BATCH,
        feedPasses,
        breakdown: breakdownN,
        breakdownBatches,
        seed,
        key: keyName,
        rateLimitPoints: 0,
      },
      trail: { before: trailBefore, after: after?.seq ?? null },
      edits,
      feed,
      breakdowns,
      breakdownError,
      productLinks: touched,
      neighbourhoodBySize: bySize,
      export: exported,
      auditVerify: verified,
      servicePeakRssMiB,
      goals: {
        addP95: { goalMs: GOAL_ADD_P95_MS, p95Ms: edits[0]!.p95Ms, met: edits[0]!.met ?? false },
        auditVerifies: verify.code === 0,
      },
    };
    writeFileSync(`${out}.json`, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(`${out}.md`, render(results));
    log(`written ${path.relative(process.cwd(), out)}.md and .json`);
  } finally {
    await driver.close();
  }
}

interface ExportFigures {
  year: number | null;
  export: {
    files: Array<{ name: string; rows: number; seconds: number; rowsPerSecond: number }>;
    total: { rows: number; seconds: number; rowsPerSecond: number };
    peakMb: number;
  };
  streams: { streams: Array<{ name: string; rows: number; seconds: number; rowsPerSecond: number }>; peakMb: number };
}

function render(r: {
  machine: ReturnType<typeof machine>;
  machineAtEnd: { loadAverage: number[] };
  commit: string;
  graph: Awaited<ReturnType<typeof graphInfo>>;
  years: number[];
  settings: Record<string, unknown>;
  trail: { before: number; after: number | null };
  edits: Timing[];
  feed: Record<string, unknown>;
  breakdowns: Breakdown[];
  breakdownError?: string | null;
  productLinks?: Record<"catalogue" | "adds" | "volumes", { p50: number; p95: number; max: number }>;
  neighbourhoodBySize?: SizeRow[];
  label?: string;
  export: unknown;
  auditVerify: { exitCode: number | null; output: string };
  servicePeakRssMiB: number | null;
  goals: { addP95: { goalMs: number; p95Ms: number; met: boolean } };
}): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const e = r.export as ExportFigures | null;
  const f = r.feed as {
    changesPerPass: number;
    passes: Array<{ pages: number }>;
    changesPerSecond: number;
    pagesPerSecond: number;
    pageP50Ms: number;
    pageP95Ms: number;
    pageMaxMs: number;
    pages: number;
  };
  const lines = [
    "# Edits, the change feed and the export at scale",
    "",
    ...(r.label ? [`> ${r.label}`, ""] : []),
    `Run of \`npx tsx bench/mutations.ts\` on ${r.machine.date.slice(0, 10)} (${r.machine.date}), service at commit ${r.commit}; ` +
      `${r.machine.nproc} cores (${r.machine.cpu}), load average ${r.machine.loadAverage.join(", ")} at the start and ${r.machineAtEnd.loadAverage.join(", ")} at the end ` +
      "(other work shared the machine: absolute times are noisy, medians steadier than maxima).",
    "",
    `Graph: ${r.graph.neo4j}, ${n(r.graph.totalNodes)} nodes (${n(r.graph.nodes.Enterprise ?? 0)} enterprises, ${n(r.graph.nodes.Product ?? 0)} products), ` +
      `${n(r.graph.totalRelationships)} relationships at the start (${n(r.graph.relationships.SUPPLIES ?? 0)} supply links); ` +
      `${r.years.length > 0 ? `years ${r.years.join(", ")}` : "no years (one timeless state)"}. The audit trail held ${n(r.trail.before)} record(s) before the run and ${n(r.trail.after ?? 0)} after.`,
    "",
    "## Edits",
    "",
    "Through the service (src/main.ts, SEED=none, LOG_LEVEL=warn, RATE_LIMIT_POINTS=0) over HTTP with an editor key, one request at a time, " +
      "each `setSupplyLinks` selecting `changes { seq element after }`. Each request is one transaction: the trail's lock, the reads and checks, " +
      "the write, the derived data of the link's product (its `IN_REGION` relationships) and the audit record. " +
      "The first request of each kind is timed apart (`first`; for the first add, also the service process's first mutation and Neo4j's first plans of its statements, the plan cache emptied with `db.clearQueryCaches()` before the service started); the samples follow it. " +
      "New links: a random customer that makes a product with inputs, one of those inputs, a random maker of it as supplier, a volume (seeded). " +
      "Volume changes: a random existing link of a random supplier. Removes: the links the single adds made; the batch removes: those the batches made.",
    "",
    "| edit | first ms | samples | p50 ms | p95 ms | max ms | mean ms | per item p50 ms | goal | met |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ...r.edits.map(
      (t) =>
        `| ${t.name} | ${t.firstMs ?? "–"} | ${t.samples} | ${t.p50Ms} | ${t.p95Ms} | ${t.maxMs} | ${t.meanMs} | ${t.items > 1 ? round1(t.p50Ms / t.items) : t.p50Ms} | ` +
        `${t.goalMs !== undefined ? `p95 ≤ ${t.goalMs} ms` : "–"} | ${t.met === undefined ? "–" : t.met ? "yes" : "**no**"} |`,
    ),
    "",
    `Goal: adding one supply link, p95 ≤ ${r.goals.addP95.goalMs} ms: **${r.goals.addP95.met ? "met" : "not met"}** (p95 ${r.goals.addP95.p95Ms} ms).`,
    "",
  ];
  if (r.breakdowns.length > 0) {
    lines.push(
      "## Where the time of one edit goes",
      "",
      "A second service process with LOG_LEVEL=debug (its executor logs every statement's `operation` and `ms`; logging every statement with its parameters costs time of its own, " +
        "so these requests are slower than the table's) got more single edits after one untimed add, then batches of 100; its log is split per request. " +
        "`transaction` is the executor's own line for the write transaction (`mutation.setSupplyLinks`): its statements and the commit. " +
        "Per operation: statements per request, the median and mean over the requests of their summed ms, and the mean's share of the mean transaction.",
      "",
    );
    for (const b of r.breakdowns) {
      lines.push(
        `### ${b.kind} (${b.requests} requests)`,
        "",
        `HTTP p50 ${b.httpP50Ms} ms (mean ${b.httpMeanMs}); transaction p50 ${b.transactionP50Ms} ms (mean ${b.transactionMeanMs}), of which its statements ${b.statementsMeanMs} ms mean` +
          ` and the rest (commit, the driver's round trips between statements) ${round1(b.transactionMeanMs - b.statementsMeanMs)} ms; statements outside it ${b.outsideMeanMs} ms mean${b.outside.length ? ` (${b.outside.join(", ")})` : ""}.`,
        "",
        "| operation | per request | p50 ms | mean ms | share of transaction |",
        "|---|--:|--:|--:|--:|",
        ...b.rows.map(
          (x) => `| \`${x.operation}\` | ${x.perRequest} | ${x.p50Ms} | ${x.meanMs} | ${Math.round(x.share * 100)}% |`,
        ),
        "",
      );
    }
  }
  if (r.breakdownError) lines.push(`The breakdown failed: ${r.breakdownError}.`, "");
  if (r.neighbourhoodBySize && r.neighbourhoodBySize.length > 0) {
    const pl = r.productLinks!;
    lines.push(
      "### The recomputation of one product, by its size",
      "",
      "`derived.neighbourhood` reads every supply link of the product (with both ends' cities), its producers and its demanders, " +
        "whatever the change. Here the statement as the service sent it (its text from the debug log), run alone through the driver " +
        "(read-only, one warm-up, then 5 runs) for the products at quantiles of their supply-link counts. " +
        `Supply links per product: the catalogue's p50 ${n(pl.catalogue.p50)}, p95 ${n(pl.catalogue.p95)}, max ${n(pl.catalogue.max)}; ` +
        `the products the single adds touched p50 ${n(pl.adds.p50)}, p95 ${n(pl.adds.p95)}, max ${n(pl.adds.max)} ` +
        `(inputs many products require are bought more); the volume changes' p50 ${n(pl.volumes.p50)}, p95 ${n(pl.volumes.p95)}.`,
      "",
      "| product (quantile by links) | supply links | p50 ms | max ms |",
      "|---|--:|--:|--:|",
      ...r.neighbourhoodBySize.map((x) => `| ${x.product} (${x.quantile}) | ${n(x.links)} | ${x.p50Ms} | ${x.maxMs} |`),
      "",
    );
  }
  lines.push(
    "## The change feed",
    "",
    `\`graphChanges(first: ${String((r.feed as { pageSize: number }).pageSize)}, after:)\` read anonymously from the start to the end with its cursor (nodes: seq, at, operation, element, subjects, year, after; no \`totalCount\`), ` +
      `after the edits above: ${n(f.changesPerPass)} changes in ${f.passes[0]?.pages ?? 0} pages a pass, ${f.passes.length} passes.`,
    "",
    "| changes/s | pages/s | page p50 ms | page p95 ms | page max ms | pages timed |",
    "|--:|--:|--:|--:|--:|--:|",
    `| ${n(f.changesPerSecond)} | ${f.pagesPerSecond} | ${f.pageP50Ms} | ${f.pageP95Ms} | ${f.pageMaxMs} | ${f.pages} |`,
    "",
  );
  if (e) {
    lines.push(
      "## The export",
      "",
      `\`bench/export.ts\` on the same graph after the edits (the service stopped): the data-set export (\`exportDataSet\`, what \`npm run export\` runs) of ${e.year === null ? "the whole (timeless) graph" : `the state of ${e.year}`}, ` +
        `then the NDJSON routes' reads and serialisation without HTTP. Peak memory of the exporting process: ${e.export.peakMb} MB, then ${e.streams.peakMb} MB.`,
      "",
      "| file | rows | seconds | rows/s |",
      "|---|--:|--:|--:|",
      ...e.export.files.map((x) => `| ${x.name} | ${n(x.rows)} | ${x.seconds} | ${n(x.rowsPerSecond)} |`),
      `| **all files** | ${n(e.export.total.rows)} | ${e.export.total.seconds} | ${n(e.export.total.rowsPerSecond)} |`,
      ...e.streams.streams.map((x) => `| ${x.name} (route's read) | ${n(x.rows)} | ${x.seconds} | ${n(x.rowsPerSecond)} |`),
      "",
    );
  }
  lines.push(
    "## The audit trail afterwards",
    "",
    `\`npm run audit -- verify\` against the bench Neo4j after the run: exit ${String(r.auditVerify.exitCode)} (${r.auditVerify.exitCode === 0 ? "verified" : "**NOT verified**"}): \`${r.auditVerify.output.replace(/\n/g, " / ")}\`.`,
    "",
    `The timed service's peak RSS: ${String(r.servicePeakRssMiB)} MiB.`,
    "",
  );
  return lines.join("\n");
}

await main();
