import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthenticator } from "../../src/auth/authenticate.js";
import { loadAuthConfig } from "../../src/auth/config.js";
import { ApiKeyStore } from "../../src/auth/keys.js";
import { Metrics, metricsHandler } from "../../src/server/metrics.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { logger, setupGraph } from "../support/graph.js";
import { serveApp, type Served } from "../support/serve.js";

/**
 * GET /metrics (src/server/metrics.ts): what an operator reads. Requests are counted by operation and
 * code (refusals before Apollo too), statements by kind, sessions return to zero, the derived data's age
 * and the plan warmer are there; on the service's port only an admin key reads them, and the
 * METRICS_PORT handler serves them without credentials.
 */
const g = setupGraph(SHANDONG_SEED);

describe("metrics", () => {
  let served: Served;
  let metrics: Metrics;
  let admin = "";
  let reader = "";
  let authenticator: ReturnType<typeof createAuthenticator>;
  beforeAll(async () => {
    const keys = new ApiKeyStore(g.executor);
    admin = (await keys.createKey({ name: "metrics-admin", role: "admin" })).key;
    reader = (await keys.createKey({ name: "metrics-reader", role: "reader" })).key;
    // As src/main.ts: the scrape reads through the unobserved executor, requests through the observed one.
    metrics = new Metrics(() => g.executor);
    const executor = g.executor.withObserver(metrics);
    served = await serveApp({
      executor,
      metrics,
      metricsRoute: true,
      maxQueryNodes: 1_000,
      authenticator: (authenticator = createAuthenticator({ executor, config: loadAuthConfig({}), logger })),
    });
  });
  afterAll(async () => {
    await served.close();
  });

  const post = (query: string, headers: Record<string, string> = {}, operationName?: string) =>
    fetch(`${served.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, operationName }),
    });
  const scrape = async (key = admin) => {
    const res = await fetch(`${served.url}/metrics`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
  };
  /** The value of one sample, by its name and labels as printed. */
  const value = (text: string, sample: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
    return line === undefined ? undefined : Number(line.slice(sample.length + 1));
  };

  it("counts requests by operation and code, refusals, and times statements by kind", async () => {
    expect(
      (await post("query Cities { regions(first: 3) { totalCount nodes { code parent { code } } } }", {}, "Cities")).status,
    ).toBe(200);
    expect(
      (await post("query Cities { regions(first: 3) { totalCount nodes { code parent { code } } } }", {}, "Cities")).status,
    ).toBe(200);
    await post("query Bad { enterprises(first: 1000) { totalCount } }", {}, "Bad");
    await post(
      "query Costly { enterprises(first: 100) { nodes { customers(first: 100) { nodes { customer { code } } } } } }",
      {},
      "Costly",
    );
    expect((await post("{ regions(first: 1) { totalCount } }", { authorization: "Bearer ckg_nope" })).status).toBe(401);

    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toContain("text/plain");
    expect(value(text, 'graphql_requests_total{operation="Cities",code="OK"}')).toBe(2);
    expect(value(text, 'graphql_requests_total{operation="Bad",code="BAD_USER_INPUT"}')).toBe(1);
    expect(value(text, 'graphql_requests_total{operation="Costly",code="QUERY_TOO_COSTLY"}')).toBe(1);
    expect(value(text, 'graphql_requests_total{operation="anonymous",code="UNAUTHENTICATED"}')).toBe(1);
    expect(value(text, 'graphql_refusals_total{code="QUERY_TOO_COSTLY"}')).toBe(1);
    expect(value(text, 'graphql_request_duration_seconds_count{operation="Cities"}')).toBe(2);
    // The root statement and the wave of its nested field, by kind.
    expect(value(text, 'neo4j_statement_duration_seconds_count{kind="Region.plannedPage",outcome="ok"}')).toBe(2);
    expect(value(text, 'neo4j_statement_duration_seconds_count{kind="plan.Region.parent",outcome="ok"}')).toBe(2);
    // Every session opened has been closed once the key's last use is written (in the background); nothing waits.
    await authenticator.settle();
    const settled = await metrics.text();
    expect(value(settled, "neo4j_sessions_in_use")).toBe(0);
    expect(value(settled, "neo4j_sessions_waiting")).toBe(0);
    // The seed's derived data was computed when the graph was loaded, a moment ago.
    const age = value(text, "derived_data_age_seconds");
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(3_600);
    expect(text).toMatch(/^plan_warmer_pending_statements \d+$/m);
    // The process defaults.
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it("on the service's port, only an admin key reads them", async () => {
    expect((await fetch(`${served.url}/metrics`)).status).toBe(401);
    expect((await scrape(reader)).status).toBe(403);
  });

  it("the METRICS_PORT handler serves them without credentials, and nothing else", async () => {
    const server = createServer(metricsHandler(metrics));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("graphql_requests_total");
      expect((await fetch(`${url}/graphql`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
