import neo4j from "neo4j-driver";
import { inject } from "vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentLimits } from "../../src/config.js";
import { Executor, type QueryStats } from "../../src/graph/db/executor.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { logger, setupGraph } from "../support/graph.js";
import { serveApp } from "../support/serve.js";

const g = setupGraph(SHANDONG_SEED);

/** An executor that remembers the round trips of the last request it served. */
class CountingExecutor extends Executor {
  last: QueryStats | undefined;
  override forRequest(stats: QueryStats, maxSessions: number): Executor {
    this.last = stats;
    return super.forRequest(stats, maxSessions);
  }
}

async function serve(
  executor: Executor,
  options: { maxQueryNodes?: number; maxRequestSessions?: number; limits?: Partial<DocumentLimits> } = {},
) {
  const served = await serveApp({ executor, ...options });
  return { url: `${served.url}/graphql`, close: served.close };
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions: Record<string, unknown> & { code: string } }>;
  extensions?: { cost?: { requested: number; actual: number; limit: number } };
}

async function post(url: string, query: string): Promise<{ status: number; body: Body; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as Body;
  return { status: res.status, body, ms: performance.now() - started };
}

/** The probe: `suppliers(first: 100)` nested 4 levels under one enterprise. */
const FOUR_LEVELS = `{ enterprise(code: "E-INSPUR-EI") { suppliers(first: 100) { nodes { supplier { suppliers(first: 100) { nodes {
  supplier { suppliers(first: 100) { nodes { supplier { suppliers(first: 100) { nodes { volume supplier { code } } } } } } } } } } } } } }`;

const aliasedShortBoards = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: shortBoards(chain: "BIGDATA", scope: {region: "SD-JINAN"}) { score }`).join(" ")} }`;

describe("a request's cost is known and bounded before it runs", () => {
  let executor: CountingExecutor;
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    executor = new CountingExecutor({ driver: g.driver, logger, timeoutMs: 30_000 });
    server = await serve(executor);
  });
  afterAll(async () => {
    await server.close();
  });

  it("refuses the 4-level nested query without touching the database, in under 100 ms", async () => {
    await post(server.url, `{ regions(first: 1) { nodes { code } } }`); // warm the schema and the server
    const { status, body, ms } = await post(server.url, FOUR_LEVELS);
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions.code).toBe("QUERY_TOO_COSTLY");
    expect(body.errors![0]!.extensions.cost).toEqual({ requested: 100 + 100 ** 2 + 100 ** 3 + 100 ** 4, limit: 50_000 });
    expect(body.errors![0]!.message).toMatch(/MAX_QUERY_NODES/);
    expect(executor.last!.queries).toBe(0);
    expect(ms).toBeLessThan(100);
  });

  it("reports the requested and actual node counts on every response", async () => {
    const { body } = await post(server.url, `{ regions(first: 5, filter: {kind: CITY}) { nodes { code children { code } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.cost).toEqual({ requested: 5 + 5 * 20, actual: 5, limit: 50_000 });
  });

  it("refuses the issue's 200 aliased analyses by their tokens, before parsing", async () => {
    executor.last = undefined;
    const { status, body } = await post(server.url, aliasedShortBoards(200));
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.extensions.code)).toEqual(["TOO_MANY_TOKENS"]);
    expect(body.errors![0]!.extensions.limit).toEqual({ name: "MAX_TOKENS", value: 2_000 });
    // Refused before Apollo: no request context, so no executor, was even made.
    expect(executor.last).toBeUndefined();
  });

  it("refuses 40 aliased analyses with TOO_MANY_ALIASES, before they are even parsed by Apollo", async () => {
    executor.last = undefined;
    const { status, body } = await post(server.url, aliasedShortBoards(40));
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.extensions.code)).toEqual(["TOO_MANY_ALIASES"]);
    expect(body.errors![0]!.extensions.limit).toEqual({ name: "MAX_ALIASES", value: 30 });
    expect(body.errors![0]!.message).toMatch(/MAX_ALIASES/);
    // Refused before Apollo: no request context, so no executor, was even made.
    expect(executor.last).toBeUndefined();
  });

  it("refuses them with QUERY_TOO_COSTLY when the alias limit allows them", async () => {
    const wide = await serve(executor, { limits: { maxAliases: 500, maxTokens: 10_000 } });
    try {
      const { body } = await post(wide.url, aliasedShortBoards(200));
      expect(body.errors?.map((e) => e.extensions.code)).toEqual(["QUERY_TOO_COSTLY"]);
      expect(executor.last!.queries).toBe(0);
    } finally {
      await wide.close();
    }
  });
});

describe("one request cannot starve the others", () => {
  it("runs many aliased analyses through a bounded number of sessions while another client is served", async () => {
    const executor = new CountingExecutor({ driver: g.driver, logger, timeoutMs: 30_000 });
    const server = await serve(executor, { maxQueryNodes: 10_000_000, maxRequestSessions: 2, limits: { maxAliases: 100 } });
    try {
      const big = post(server.url, aliasedShortBoards(60));
      const small = await post(server.url, `{ region(code: "SD-JINAN") { code } }`);
      expect(small.body.errors).toBeUndefined();
      expect(small.body.data).toEqual({ region: { code: "SD-JINAN" } });
      const { body } = await big;
      expect(body.errors).toBeUndefined();
      expect(Object.keys(body.data!)).toHaveLength(60);
    } finally {
      await server.close();
    }
  });

  it("answers DATABASE_BUSY, retryable, when no connection comes free in time", async () => {
    const driver = neo4j.driver(inject("neo4jUri"), undefined, {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 1,
      connectionAcquisitionTimeout: 300,
    });
    const holder = driver.session();
    const tx = await holder.beginTransaction(); // takes the pool's only connection
    const server = await serve(new Executor({ driver, logger, timeoutMs: 30_000 }));
    try {
      const { body } = await post(server.url, `{ region(code: "SD-JINAN") { code } }`);
      expect(body.errors?.[0]?.extensions.code).toBe("DATABASE_BUSY");
      expect(body.errors?.[0]?.extensions.retryable).toBe(true);
    } finally {
      await tx.rollback();
      await holder.close();
      await server.close();
      await driver.close();
    }
  });
});
