/**
 * Load generation. Reads: autocannon on loopback, a fixed number of connections (each with one
 * request in flight) for a fixed duration, after an untimed warm-up of the same request. Every
 * response time is kept, so p50/p95/p99 are exact (nearest rank), not histogram buckets.
 * Analytics: one request at a time (the latency a person at the explorer sees), for at least a
 * duration and a number of samples.
 */
import autocannon from "autocannon";
import { percentile } from "./util.js";

export interface LoadResult {
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Non-2xx responses, socket errors and timeouts. */
  errors: number;
  /** 2xx responses whose body held a GraphQL `errors` entry or no `data`. */
  badBodies: number;
  bytesPerResponse: number;
  /** CPU time the server process used per request during the timed window (set by the caller). */
  serverCpuMsPerRequest?: number | null;
}

export interface Target {
  url: string;
  body: string;
  /** Sent besides `content-type` (e.g. `authorization`). */
  headers?: Record<string, string>;
}

/** A 2xx GraphQL/JSON body that holds data and no errors. */
export const goodBody = (body: string) => !body.includes('"errors"') && body.includes('"data"');

function summarize(
  latencies: number[],
  connections: number,
  durationS: number,
  errors: number,
  badBodies: number,
  bytes: number,
): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    connections,
    durationS,
    requests: sorted.length,
    rps: sorted.length / durationS,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    errors,
    badBodies,
    bytesPerResponse: sorted.length ? bytes / sorted.length : 0,
  };
}

function cannon(target: Target, connections: number, durationS: number, record: boolean) {
  const latencies: number[] = [];
  let non2xx = 0;
  let bytes = 0;
  return new Promise<{ latencies: number[]; non2xx: number; bytes: number; result: autocannon.Result }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: "POST",
        headers: { "content-type": "application/json", ...target.headers },
        body: target.body,
        connections,
        pipelining: 1,
        duration: durationS,
        timeout: 60,
        verifyBody: (body) => goodBody(String(body ?? "")),
      },
      (error, result) => (error ? reject(error) : resolve({ latencies, non2xx, bytes, result })),
    );
    if (record) {
      instance.on("response", (_client, statusCode, resBytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) {
          latencies.push(responseTime);
          bytes += resBytes;
        } else {
          non2xx += 1;
        }
      });
    }
  });
}

/** Warm-up (untimed), then the timed run. */
export async function loadTest(
  target: Target,
  options: { connections: number; durationS: number; warmupS: number },
): Promise<LoadResult> {
  if (options.warmupS > 0) await cannon(target, options.connections, options.warmupS, false);
  const run = await cannon(target, options.connections, options.durationS, true);
  const errors = run.non2xx + run.result.errors + run.result.timeouts;
  // autocannon counts a mismatch for every body verifyBody refused (2xx with GraphQL errors).
  const badBodies = run.result.mismatches ?? 0;
  return summarize(run.latencies, options.connections, run.result.duration, errors, badBodies, run.bytes);
}

/** One request at a time until both `durationS` has passed and `minSamples` were taken (after one untimed request). */
export async function sequential(
  target: Target,
  options: { durationS: number; minSamples: number; maxS: number },
): Promise<LoadResult> {
  const post = async () => {
    const res = await fetch(target.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...target.headers },
      body: target.body,
    });
    const text = await res.text();
    return { ok: res.status >= 200 && res.status < 300, good: goodBody(text), bytes: Buffer.byteLength(text) };
  };
  await post();
  const latencies: number[] = [];
  let errors = 0;
  let badBodies = 0;
  let bytes = 0;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  while ((elapsed() < options.durationS || latencies.length < options.minSamples) && elapsed() < options.maxS) {
    const t0 = performance.now();
    const r = await post();
    const took = performance.now() - t0;
    if (!r.ok) errors += 1;
    else {
      if (!r.good) badBodies += 1;
      latencies.push(took);
      bytes += r.bytes;
    }
  }
  return summarize(latencies, 1, elapsed(), errors, badBodies, bytes);
}
