import { describe, expect, it } from "vitest";
import { createDriver } from "../../src/graph/db/driver.js";
import { Executor, type QueryStats } from "../../src/graph/db/executor.js";
import { freePort } from "../../src/graph/db/local-neo4j.js";
import { logger, setupGraph } from "../support/graph.js";

const g = setupGraph();

/** Runs for many seconds in Neo4j (100M rows, none kept) unless it is cancelled; no APOC needed. */
const SLOW = "UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n";

const codeOf = (error: unknown) => (error as { extensions?: { code?: unknown } }).extensions?.code;

/** The transactions Neo4j is running for `operation` (the executor tags each with its operation name). */
async function running(operation: string): Promise<number> {
  const rows = await g.executor.read<{ n: number }>(
    "test.show-transactions",
    "SHOW TRANSACTIONS YIELD metaData WHERE metaData.operation = $operation RETURN count(*) AS n",
    { operation },
  );
  return rows[0]!.n;
}

async function failure(work: Promise<unknown>): Promise<{ code: unknown; ms: number }> {
  const started = performance.now();
  try {
    await work;
  } catch (error) {
    return { code: codeOf(error), ms: performance.now() - started };
  }
  throw new Error("expected the statement to fail");
}

describe("a request's deadline (QUERY_TIMEOUT_MS) holds in Neo4j too", () => {
  it("stops a slow statement at the deadline with QUERY_TIMEOUT, and Neo4j no longer runs it", async () => {
    await running("test.deadline.slow"); // compiled once, so that it answers within the 300 ms below
    const base = new Executor({ driver: g.driver, logger, timeoutMs: 300 });
    const request = base.forRequest({ queries: 0 }, 4);
    const outcome = failure(request.read("test.deadline.slow", SLOW));
    await new Promise((r) => setTimeout(r, 150));
    expect(await running("test.deadline.slow")).toBe(1); // it really runs in Neo4j
    const { code, ms } = await outcome;
    expect(code).toBe("QUERY_TIMEOUT");
    expect(ms).toBeGreaterThan(250);
    expect(ms).toBeLessThan(500);
    // The session's RESET terminates it; give Neo4j a moment to notice.
    let left = await running("test.deadline.slow");
    for (let i = 0; left > 0 && i < 20; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      left = await running("test.deadline.slow");
    }
    expect(left).toBe(0);
  });

  it("the deadline is the request's, not each statement's: a statement started late gets only the time left", async () => {
    const base = new Executor({ driver: g.driver, logger, timeoutMs: 400 });
    const request = base.forRequest({ queries: 0 }, 4);
    await new Promise((r) => setTimeout(r, 250));
    const { code, ms } = await failure(request.read("test.deadline.second", SLOW));
    expect(code).toBe("QUERY_TIMEOUT");
    expect(ms).toBeLessThan(300);
  });

  it("starts no statement after the deadline", async () => {
    const stats: QueryStats = { queries: 0 };
    const request = new Executor({ driver: g.driver, logger, timeoutMs: 100 }).forRequest(stats, 4);
    await new Promise((r) => setTimeout(r, 120));
    const { code, ms } = await failure(request.read("test.deadline.late", "RETURN 1 AS n"));
    expect(code).toBe("QUERY_TIMEOUT");
    expect(ms).toBeLessThan(20);
    expect(stats.queries).toBe(0);
  });

  it("answers fast statements as before, and an optional timeout overrides QUERY_TIMEOUT_MS", async () => {
    const request = new Executor({ driver: g.driver, logger, timeoutMs: 100 }).forRequest({ queries: 0 }, 4, 5_000);
    await new Promise((r) => setTimeout(r, 120));
    expect(await request.read("test.deadline.fast", "RETURN 1 AS n")).toEqual([{ n: 1 }]);
  });

  it("reports DATABASE_UNAVAILABLE, within the deadline, when the database cannot be reached", async () => {
    const driver = createDriver({ uri: `bolt://127.0.0.1:${await freePort()}`, username: "", password: "", logger });
    try {
      const request = new Executor({ driver, logger, timeoutMs: 1_000 }).forRequest({ queries: 0 }, 4);
      const { code, ms } = await failure(request.read("test.deadline.unreachable", "RETURN 1"));
      expect(code).toBe("DATABASE_UNAVAILABLE");
      expect(ms).toBeLessThan(1_100);
      // A later statement of the same request, after the deadline, is also the database's fault.
      await new Promise((r) => setTimeout(r, Math.max(0, 1_050 - ms)));
      expect((await failure(request.read("test.deadline.unreachable", "RETURN 1"))).code).toBe("DATABASE_UNAVAILABLE");
    } finally {
      await driver.close();
    }
  });
});
