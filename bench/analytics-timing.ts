/**
 * Times the analytics queries the way a person at the explorer sends them: one request at a time, for
 * each chain and each scope (city, circle, province), and the raw lower bounds (bench/cases.ts) of the
 * same chain and scope, so each analysis can be divided by its bound. Shared by `npm run bench`
 * (bench/run.ts) and the catalogue-growth benchmark (bench/catalogue.ts).
 */
import type { Driver } from "neo4j-driver";
import { topProducers, type AnalyticsPlan } from "./analytics.js";
import { GOAL_BOUND, LOWER_BOUNDS, type AnalyticsChain, type LowerBound } from "./cases.js";
import { sequential, type LoadResult } from "./load.js";
import { sampled, type Child } from "./processes.js";

export type ScopeKind = "city" | "circle" | "province";
export const SCOPE_KINDS: readonly ScopeKind[] = ["city", "circle", "province"];

/** The latency goal of every analysis at every scope (the issue's: p95 ≤ 1 s). */
export const P95_GOAL_MS = 1000;
/** The goal of an analysis over its lower bound (p50 ÷ p50). */
export const BOUND_GOAL = 3;
/** The growth goal: one chain's analyses differ by at most this factor across catalogue sizes (p50). */
export const GROWTH_GOAL = 1.5;

export interface BoundTiming {
  result?: LoadResult;
  counts?: unknown;
  error?: string;
}

export interface AnalyticsRow {
  chain: string;
  query: string;
  scope: ScopeKind;
  scopeCode: string;
  result?: LoadResult;
  error?: string;
  /** p50 of each lower bound for the chain and scope, and the query's p50 over it. */
  bounds?: Partial<Record<LowerBound, { p50: number; ratioP50: number }>>;
  /** The goal's bound (GOAL_BOUND) p50 and the query's p50 over it. */
  lowerBoundP50?: number;
  ratioP50?: number;
  /** p95 ≤ P95_GOAL_MS, and p50 ÷ goal bound ≤ BOUND_GOAL. */
  meetsP95?: boolean;
  meetsBound?: boolean;
}

export interface AnalyticsTimings {
  goalBound: LowerBound;
  /**
   * The service's floor: one GraphQL request that reads one chain by code (one indexed statement), one
   * request at a time. An analysis makes several such round trips (scope, chain data, lists, entities).
   */
  floor?: LoadResult;
  /** Chain -> scope -> bound -> its timing and counts. */
  lowerBounds: Record<string, Partial<Record<ScopeKind, Partial<Record<LowerBound, BoundTiming>>>>>;
  rows: AnalyticsRow[];
}

export interface SequentialSettings {
  durationS: number;
  minSamples: number;
  maxS: number;
}

export interface AnalyticsTimingOptions {
  driver: Driver;
  database: string | undefined;
  /** The service's GraphQL endpoint. */
  graphqlUrl: string;
  /** The raw endpoint (bench/raw-server.ts), for the lower bounds. */
  rawUrl: string;
  plans: readonly AnalyticsPlan[];
  chains: readonly AnalyticsChain[];
  scopes: Record<ScopeKind, string>;
  settings: SequentialSettings;
  /** The bounds to time; GOAL_BOUND is always timed. Extra bounds may be sampled less (boundSettings). */
  bounds?: readonly LowerBound[];
  boundSettings?: SequentialSettings;
  /** The service's process: its CPU time per request is measured, and its RSS sampled. */
  service?: Child;
  onRssSample?: (maxKb: number) => void;
  log: (line: string) => void;
}

/** The service's smallest request that reaches the database: one chain by code. */
export const FLOOR_QUERY = "query Floor($chain: String!) { chain(code: $chain) { code name } }";

async function postJson(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Times the lower bounds, then every plan × chain × scope. */
export async function timeAnalytics(options: AnalyticsTimingOptions): Promise<AnalyticsTimings> {
  const { log } = options;
  const bounds = [GOAL_BOUND, ...(options.bounds ?? Object.keys(LOWER_BOUNDS)).filter((b) => b !== GOAL_BOUND)] as LowerBound[];
  const timings: AnalyticsTimings = { goalBound: GOAL_BOUND, lowerBounds: {}, rows: [] };
  if (options.chains[0]) {
    const body = JSON.stringify({ query: FLOOR_QUERY, variables: { chain: options.chains[0].code } });
    timings.floor = await sequential({ url: options.graphqlUrl, body }, options.settings);
    log(
      `  floor (one chain by code through the service): p50 ${timings.floor.p50.toFixed(1)} ms  p95 ${timings.floor.p95.toFixed(1)}`,
    );
  }
  for (const chain of options.chains) {
    const perChain: AnalyticsTimings["lowerBounds"][string] = (timings.lowerBounds[chain.code] = {});
    for (const scope of SCOPE_KINDS) {
      const code = options.scopes[scope];
      const perScope: Partial<Record<LowerBound, BoundTiming>> = (perChain[scope] = {});
      for (const bound of bounds) {
        const url = `${options.rawUrl}/lower/${bound}`;
        const settings = bound === GOAL_BOUND ? options.settings : (options.boundSettings ?? options.settings);
        try {
          const body = JSON.stringify({ params: { chain: chain.code, scope: code } });
          const first = await postJson(url, JSON.parse(body));
          if (first.status !== 200) throw new Error(`HTTP ${first.status}: ${JSON.stringify(first.json).slice(0, 300)}`);
          const result = await sequential({ url, body }, settings);
          perScope[bound] = { result, counts: first.json.data };
          log(
            `  bound ${bound.padEnd(13)} ${chain.code} ${scope.padEnd(8)} p50 ${result.p50.toFixed(1)} ms ${JSON.stringify(first.json.data)}`,
          );
        } catch (error) {
          perScope[bound] = { error: String(error) };
          log(`  bound ${bound} ${chain.code} ${scope}: ${String(error)}`);
        }
      }
    }
    for (const plan of options.plans) {
      for (const scope of SCOPE_KINDS) timings.rows.push(await timeOne(options, plan, chain.code, scope, perChain[scope]!));
    }
  }
  return timings;
}

async function timeOne(
  options: AnalyticsTimingOptions,
  plan: AnalyticsPlan,
  chain: string,
  scope: ScopeKind,
  bounds: Partial<Record<LowerBound, BoundTiming>>,
): Promise<AnalyticsRow> {
  const code = options.scopes[scope];
  const row: AnalyticsRow = { chain, query: plan.name, scope, scopeCode: code };
  const variables: Record<string, unknown> = { chain, scope: { region: code } };
  if (plan.needsWithout) variables.without = await topProducers(options.driver, options.database, chain, code);
  const body = JSON.stringify({ query: plan.query, variables });
  const first = await postJson(options.graphqlUrl, JSON.parse(body));
  if (first.json.errors || first.status !== 200) {
    row.error = JSON.stringify(first.json.errors ?? first.json).slice(0, 300);
    options.log(`  ${plan.name} ${chain} ${scope}: error ${row.error}`);
    return row;
  }
  const run = () => sequential({ url: options.graphqlUrl, body }, options.settings);
  let value: LoadResult;
  if (options.service) {
    const s = await sampled(options.service, run);
    options.onRssSample?.(s.maxKb);
    value = s.value;
    value.serverCpuMsPerRequest = s.cpuMs !== null && value.requests ? s.cpuMs / value.requests : null;
  } else {
    value = await run();
  }
  row.result = value;
  row.bounds = {};
  for (const [bound, timing] of Object.entries(bounds) as Array<[LowerBound, BoundTiming]>) {
    if (timing.result) row.bounds[bound] = { p50: timing.result.p50, ratioP50: value.p50 / timing.result.p50 };
  }
  row.lowerBoundP50 = row.bounds[GOAL_BOUND]?.p50;
  row.ratioP50 = row.bounds[GOAL_BOUND]?.ratioP50;
  row.meetsP95 = value.p95 <= P95_GOAL_MS;
  row.meetsBound = row.ratioP50 === undefined ? undefined : row.ratioP50 <= BOUND_GOAL;
  const extra = Object.entries(row.bounds)
    .filter(([b]) => b !== GOAL_BOUND)
    .map(([b, x]) => `${b} ×${x.ratioP50.toFixed(1)}`)
    .join(", ");
  options.log(
    `  ${plan.name.padEnd(26)} ${chain} ${scope.padEnd(8)} p50 ${value.p50.toFixed(1)} ms  p95 ${value.p95.toFixed(1)}  ` +
      `×${row.ratioP50?.toFixed(1) ?? "?"} of ${GOAL_BOUND}${extra ? ` (${extra})` : ""}  (${value.requests} samples)`,
  );
  return row;
}
