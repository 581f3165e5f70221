import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ApiKeyStore } from "../../src/auth/keys.js";
import { DERIVED_STATE_KEY, markDerivedStale, withDerivedLease } from "../../src/graph/derived/derived.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { setupGraph } from "../support/graph.js";
import { startRedis, type TestRedis } from "../support/redis.js";
import { startService, type Service } from "../support/service.js";

/**
 * Two service processes on one Neo4j and one Redis (RATE_LIMIT_STORE), as replicas behind a load
 * balancer run: they start together on stale derived data and recompute it once; a client alternating
 * between them spends one rate-limit budget; a key revoked through one is refused by the other at once,
 * although each takes a checked key on trust for ten minutes (KEY_CACHE_MS); and when Redis goes away
 * they go on serving.
 */
const g = setupGraph(SHANDONG_SEED);
const POINTS = 60;

interface Reply {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions: { code: string } }> };
}

async function post(service: Service, query: string, key?: string): Promise<Reply> {
  const res = await fetch(`${service.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key && { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Reply["body"] };
}

async function derivedState(): Promise<{ stale: boolean; recomputations: number }> {
  const [row] = await g.executor.read<{ stale: boolean; recomputations: number | null }>(
    "test.derivedState",
    "MATCH (d:DerivedState {code: $key}) RETURN d.stale AS stale, d.recomputations AS recomputations",
    { key: DERIVED_STATE_KEY },
  );
  return { stale: row!.stale, recomputations: Number(row!.recomputations ?? 0) };
}

const RECOMPUTED = '"msg":"derived analytics data recomputed"';
const WAITED = '"msg":"derived analytics data recomputed by another process"';
const WAITING = "another process is recomputing it: waiting";

describe("two replicas on one Neo4j and one Redis", () => {
  let redis: TestRedis | undefined;
  let a: Service | undefined;
  let b: Service | undefined;
  let before: { stale: boolean; recomputations: number };
  let whileHeld: { stale: boolean; recomputations: number };
  let admin = "";
  const listeners: Array<(text: string) => void> = [];

  beforeAll(async () => {
    redis = await startRedis();
    admin = (await new ApiKeyStore(g.executor).createKey({ name: "replicas-admin", role: "admin" })).key;
    before = await derivedState();

    // A third process (this test) holds the recompute lease while the derived data is stale, so that
    // both replicas find it taken and wait; once it is let go, they race for it.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let took!: () => void;
    const taken = new Promise<void>((resolve) => (took = resolve));
    const holding = withDerivedLease(g.executor, { owner: "replicas-test" }, async () => {
      took();
      await released;
    });
    await taken;
    await markDerivedStale(g.executor);

    const outputs = ["", ""];
    const bothWaiting = new Promise<void>((resolve) => {
      const check = () => outputs.every((o) => o.includes(WAITING)) && resolve();
      listeners[0] = (text) => ((outputs[0] += text), check());
      listeners[1] = (text) => ((outputs[1] += text), check());
    });
    const env = {
      NEO4J_URI: inject("neo4jUri"),
      NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD ?? "",
      SEED: "none",
      LOG_LEVEL: "info",
      RATE_LIMIT_STORE: redis.url,
      RATE_LIMIT_POINTS: String(POINTS),
      KEY_CACHE_MS: "600000",
    };
    const starting = [0, 1].map((i) => startService(env, 170_000, "src/main.ts", (text) => listeners[i]!(text)));
    // Whatever happens, the lease is let go and both starts are awaited, so that no process is left behind.
    const settled = Promise.allSettled(starting);
    try {
      await Promise.race([
        bothWaiting,
        settled.then(() => Promise.reject(new Error("a replica started while the lease was held"))),
      ]);
      whileHeld = await derivedState();
    } finally {
      release();
      await holding;
    }
    const [first, second] = await settled;
    if (first.status === "fulfilled") a = first.value;
    if (second.status === "fulfilled") b = second.value;
    if (first.status === "rejected") throw first.reason;
    if (second.status === "rejected") throw second.reason;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it("starts both on stale derived data, and recomputes it once", async () => {
    // While the lease was held, both waited and nothing was recomputed.
    expect(whileHeld).toEqual({ stale: true, recomputations: before.recomputations });
    const after = await derivedState();
    expect(after).toEqual({ stale: false, recomputations: before.recomputations + 1 });
    const said = [a!.output(), b!.output()].map((o) => ({ recomputed: o.includes(RECOMPUTED), waited: o.includes(WAITED) }));
    expect(said.filter((s) => s.recomputed)).toHaveLength(1);
    expect(said.filter((s) => s.waited)).toHaveLength(1);
    // Both answer analyses from the fresh data.
    for (const service of [a!, b!]) {
      const reply = await post(
        service,
        `{ shortBoards(chain: "BIGDATA", scope: { region: "SD-JINAN" }, first: 3) { product { code } score } }`,
        admin,
      );
      expect(reply.body.errors, JSON.stringify(reply.body.errors)).toBeUndefined();
      expect(reply.body.data!.shortBoards).toHaveLength(3);
    }
  });

  it("spends one rate-limit budget across both replicas", async () => {
    const { key } = await new ApiKeyStore(g.executor).createKey({ name: "replicas-budget", role: "reader" });
    const remaining: number[] = [];
    for (let i = 0; i < POINTS; i++) {
      const reply = await post(i % 2 === 0 ? a! : b!, "{ viewer { name } }", key);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      remaining.push(Number(reply.headers.get("x-ratelimit-remaining")));
    }
    // Each request cost 1 point, whichever replica answered it.
    expect(remaining).toEqual(Array.from({ length: POINTS }, (_, i) => POINTS - 1 - i));
    for (const service of [a!, b!]) {
      const refused = await post(service, "{ viewer { name } }", key);
      expect(refused.status).toBe(429);
      expect(refused.body.errors![0]!.extensions.code).toBe("RATE_LIMITED");
    }
  });

  it("refuses on the other replica, at once, a key revoked through one", async () => {
    const { key } = await new ApiKeyStore(g.executor).createKey({ name: "replicas-revoked", role: "reader" });
    // Both have checked it, and would take it on trust for KEY_CACHE_MS (ten minutes).
    for (const service of [a!, b!]) expect((await post(service, "{ viewer { name } }", key)).status).toBe(200);

    const revoked = await post(a!, `mutation { revokeApiKey(name: "replicas-revoked") { name revokedAt } }`, admin);
    expect(revoked.body.errors, JSON.stringify(revoked.body.errors)).toBeUndefined();
    expect((revoked.body.data!.revokeApiKey as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect((await post(a!, "{ viewer { name } }", key)).status).toBe(401);

    // The other replica hears it on the revocation channel: well within a second, not ten minutes.
    const until = Date.now() + 2_000;
    let status = 0;
    while (Date.now() < until) {
      status = (await post(b!, "{ viewer { name } }", key)).status;
      if (status === 401) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
    const reply = await post(b!, "{ viewer { name } }", key);
    expect(reply.body.errors![0]!.extensions.code).toBe("UNAUTHENTICATED");
    expect(reply.body.errors![0]!.message).toMatch(/revoked/);
  });

  it("lets only admins create and revoke keys", async () => {
    const { key } = await new ApiKeyStore(g.executor).createKey({ name: "replicas-editor", role: "editor" });
    const created = await post(
      b!,
      `mutation { createApiKey(name: "replicas-made", role: READER) { key apiKey { name role } } }`,
      admin,
    );
    expect(created.body.errors, JSON.stringify(created.body.errors)).toBeUndefined();
    const made = created.body.data!.createApiKey as { key: string; apiKey: { name: string; role: string } };
    expect(made.apiKey).toEqual({ name: "replicas-made", role: "READER" });
    // The key works at once, on either replica.
    expect((await post(a!, "{ viewer { name role } }", made.key)).body.data).toEqual({
      viewer: { name: "replicas-made", role: "READER" },
    });
    for (const mutation of [
      `mutation { revokeApiKey(name: "replicas-made") { name } }`,
      `mutation { createApiKey(name: "x", role: ADMIN) { key } }`,
    ]) {
      const refused = await post(a!, mutation, key);
      expect(refused.body.errors![0]!.extensions.code).toBe("FORBIDDEN");
    }
    const missing = await post(a!, `mutation { revokeApiKey(name: "no-such-key") { name } }`, admin);
    expect(missing.body.errors![0]!.extensions.code).toBe("NOT_FOUND");
  });

  it("goes on serving when Redis goes away, counting per process", async () => {
    await redis!.stop();
    const { key } = await new ApiKeyStore(g.executor).createKey({ name: "replicas-no-redis", role: "reader" });
    for (const service of [a!, b!]) {
      const reply = await post(service, "{ viewer { name } }", key);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.data).toEqual({ viewer: { name: "replicas-no-redis" } });
      // Each replica's own count: the first request on each leaves POINTS - 1.
      expect(Number(reply.headers.get("x-ratelimit-remaining"))).toBe(POINTS - 1);
    }
    // ioredis reports the lost connection once its first reconnection fails: the logs say so.
    const until = Date.now() + 10_000;
    while (Date.now() < until && !(a!.output().includes("redis unreachable") && b!.output().includes("redis unreachable"))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(a!.output()).toContain("redis unreachable");
    expect(b!.output()).toContain("redis unreachable");
  });
});
