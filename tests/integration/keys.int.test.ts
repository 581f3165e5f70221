import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { GraphQLError } from "graphql";
import { describe, expect, inject, it } from "vitest";
import { createAuthenticator, type Authenticator } from "../../src/auth/authenticate.js";
import { loadAuthConfig } from "../../src/auth/config.js";
import { ApiKeyStore } from "../../src/auth/keys.js";
import { createDriver } from "../../src/graph/db/driver.js";
import { Executor } from "../../src/graph/db/executor.js";
import { freePort } from "../../src/graph/db/local-neo4j.js";
import { logger, setupGraph } from "../support/graph.js";

const graph = setupGraph();
const run = promisify(execFile);

function authenticator(env: Record<string, string> = {}): Authenticator {
  return createAuthenticator({ executor: graph.executor, config: loadAuthConfig(env), logger });
}

/** The error `promise` rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<GraphQLError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

async function storedNode(name: string): Promise<Record<string, unknown>> {
  const [row] = await graph.executor.read<{ props: Record<string, unknown> }>(
    "test.apiKey",
    "MATCH (k:ApiKey {name: $name}) RETURN properties(k) AS props",
    { name },
  );
  expect(row).toBeDefined();
  return row!.props;
}

describe("API keys", () => {
  it("stores only a SHA-256 hash of the key, never the key or its secret", async () => {
    const store = new ApiKeyStore(graph.executor);
    const { key, record } = await store.createKey({ name: "hash-check", role: "editor" });
    expect(key).toMatch(/^ckg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`ckg_${record.keyId}_`)).toBe(true);
    const secret = key.slice(`ckg_${record.keyId}_`.length);

    const props = await storedNode("hash-check");
    expect(Object.keys(props).sort()).toEqual(["createdAt", "hash", "keyId", "name", "role"]);
    expect(props.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(props.hash).toBe(createHash("sha256").update(key).digest("hex"));
    for (const value of Object.values(props)) {
      expect(String(value)).not.toContain(secret);
      expect(String(value)).not.toContain(key);
    }
    expect(await store.verifyKey(key)).toEqual(record);
    expect(record).toMatchObject({ name: "hash-check", role: "editor", lastUsedAt: null, revokedAt: null });
  });

  it("refuses a key with a wrong secret, an unknown id or a bad shape", async () => {
    const store = new ApiKeyStore(graph.executor);
    const { key } = await store.createKey({ name: "wrong-secret", role: "reader" });
    const last = key.at(-1) === "A" ? "B" : "A";
    expect(await store.verifyKey(key.slice(0, -1) + last)).toBeNull();
    expect(await store.verifyKey(`ckg_0000000000000000_${key.slice(-43)}`)).toBeNull();
    expect(await store.verifyKey("ckg_short")).toBeNull();
  });

  it("keeps names unique and validates name and role", async () => {
    const store = new ApiKeyStore(graph.executor);
    await store.createKey({ name: "unique", role: "reader" });
    const taken = await rejection(store.createKey({ name: "unique", role: "admin" }));
    expect(taken.extensions.code).toBe("BAD_USER_INPUT");
    expect(taken.message).toMatch(/"unique" already exists/);
    expect((await storedNode("unique")).role).toBe("reader");
    // Two creates of one name at once: the constraint lets exactly one through.
    const both = await Promise.allSettled([
      store.createKey({ name: "race", role: "reader" }),
      store.createKey({ name: "race", role: "reader" }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);

    expect((await rejection(store.createKey({ name: "bad name!", role: "reader" }))).extensions.field).toBe("name");
    expect((await rejection(store.createKey({ name: "", role: "reader" }))).extensions.code).toBe("BAD_USER_INPUT");
    expect((await rejection(store.createKey({ name: "ok", role: "owner" }))).extensions.field).toBe("role");
  });

  it("lists keys without hashes", async () => {
    const store = new ApiKeyStore(graph.executor);
    const { record } = await store.createKey({ name: "listed", role: "admin" });
    const keys = await store.listKeys();
    expect(keys).toContainEqual(record);
    for (const k of keys) {
      expect(Object.keys(k).sort()).toEqual(["createdAt", "keyId", "lastUsedAt", "name", "revokedAt", "role"]);
    }
  });

  it("sets lastUsedAt when a key is used, at most once per interval", async () => {
    const store = new ApiKeyStore(graph.executor);
    const { key } = await store.createKey({ name: "used", role: "reader" });
    await store.verifyKey(key);
    await store.settle();
    const first = (await store.listKeys()).find((k) => k.name === "used")!.lastUsedAt;
    expect(first).not.toBeNull();
    expect(Date.now() - Date.parse(first!)).toBeLessThan(60_000);
    await store.verifyKey(key);
    await store.settle();
    expect((await store.listKeys()).find((k) => k.name === "used")!.lastUsedAt).toBe(first);
  });
});

describe("authenticate", () => {
  it("turns a key into its viewer, and refuses it on the very next request after revoke", async () => {
    const auth = authenticator();
    const { key, record } = await auth.keys.createKey({ name: "revoked-next", role: "editor" });
    expect(await auth.authenticate(`Bearer ${key}`, "10.0.0.1")).toEqual({
      kind: "key",
      id: `key:${record.keyId}`,
      name: "revoked-next",
      role: "editor",
    });
    // The scheme is case-insensitive (RFC 7235).
    expect((await auth.authenticate(`bearer ${key}`, "10.0.0.1")).role).toBe("editor");

    const { alreadyRevoked } = await new ApiKeyStore(graph.executor).revokeKey("revoked-next");
    expect(alreadyRevoked).toBe(false);
    const error = await rejection(auth.authenticate(`Bearer ${key}`, "10.0.0.1"));
    expect(error.extensions.code).toBe("UNAUTHENTICATED");
    expect(error.message).toMatch(/revoked/);
    expect(error.message).not.toContain(key);
    await auth.settle();

    const again = await new ApiKeyStore(graph.executor).revokeKey("revoked-next");
    expect(again.alreadyRevoked).toBe(true);
    expect(again.record.revokedAt).not.toBeNull();
    expect((await rejection(new ApiKeyStore(graph.executor).revokeKey("no-such-key"))).extensions.code).toBe("NOT_FOUND");
  });

  it("takes a checked key on trust for KEY_CACHE_MS: revoked elsewhere, it passes until then; revoked here, never", async () => {
    const cacheMs = 1_500;
    const auth = createAuthenticator({ executor: graph.executor, config: loadAuthConfig({}), logger, keyCacheMs: cacheMs });
    const { key: elsewhere } = await auth.keys.createKey({ name: "cached-elsewhere", role: "reader" });
    const { key: here } = await auth.keys.createKey({ name: "cached-here", role: "reader" });
    const checkedAt = Date.now();
    for (const key of [elsewhere, here]) expect((await auth.authenticate(`Bearer ${key}`, "10.0.0.1")).role).toBe("reader");

    // Cached: no statement reads the key again while it is trusted.
    const reads: string[] = [];
    const counting = createAuthenticator({
      executor: graph.executor.withObserver({
        statement: (kind) => void reads.push(kind),
        sessions: () => {},
        waiting: () => {},
      }),
      config: loadAuthConfig({}),
      logger,
      keyCacheMs: 60_000,
    });
    await counting.authenticate(`Bearer ${here}`, "10.0.0.1");
    await counting.authenticate(`Bearer ${here}`, "10.0.0.1");
    await counting.settle();
    expect(reads.filter((r) => r === "apiKey.lookup")).toHaveLength(1);

    // Revoked through another store (another replica, the CLI), without a channel between them: this
    // one still admits it, until cacheMs after it last looked the key up.
    await new ApiKeyStore(graph.executor).revokeKey("cached-elsewhere");
    expect((await auth.authenticate(`Bearer ${elsewhere}`, "10.0.0.1")).role).toBe("reader");
    expect(Date.now() - checkedAt).toBeLessThan(cacheMs);
    await new Promise((resolve) => setTimeout(resolve, cacheMs - (Date.now() - checkedAt) + 50));
    expect((await rejection(auth.authenticate(`Bearer ${elsewhere}`, "10.0.0.1"))).message).toMatch(/revoked/);

    // Revoked through this store: refused on the very next request.
    await auth.keys.revokeKey("cached-here");
    expect((await rejection(auth.authenticate(`Bearer ${here}`, "10.0.0.1"))).message).toMatch(/revoked/);
    await auth.settle();
  });

  it("lets a request without credentials read, or refuses it, as ANONYMOUS_ACCESS says", async () => {
    expect(await authenticator().authenticate(undefined, "192.0.2.7")).toEqual({
      kind: "anonymous",
      id: "ip:192.0.2.7",
      name: "anonymous",
      role: "reader",
    });
    const error = await rejection(authenticator({ ANONYMOUS_ACCESS: "none" }).authenticate(undefined, "192.0.2.7"));
    expect(error.extensions.code).toBe("UNAUTHENTICATED");
    expect(error.message).toMatch(/Authorization: Bearer <key>/);
  });

  it.each([
    ["a garbage bearer value", "Bearer garbage", /neither an API key/],
    ["an unknown key", "Bearer ckg_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", /not valid/],
    ["a malformed key", "Bearer ckg_123_abc", /malformed/],
    ["another scheme", "Basic dXNlcjpwYXNz", /Unsupported Authorization scheme/],
    ["a bearer without a credential", "Bearer ", /malformed/],
    ["an empty header", "", /Unsupported/],
    ["a JWT when none are accepted", "Bearer aaa.bbb.ccc", /does not accept JWTs/],
  ])("refuses %s with UNAUTHENTICATED, even with anonymous access on", async (_, header, message) => {
    const error = await rejection(authenticator({ ANONYMOUS_ACCESS: "read" }).authenticate(header, "10.0.0.2"));
    expect(error.extensions.code).toBe("UNAUTHENTICATED");
    expect(error.message).toMatch(message);
  });

  it("reports a database outage while checking a key as DATABASE_UNAVAILABLE", async () => {
    const { key } = await new ApiKeyStore(graph.executor).createKey({ name: "outage", role: "reader" });
    const driver = createDriver({ uri: `bolt://127.0.0.1:${await freePort()}`, username: "", password: "", logger });
    try {
      const executor = new Executor({ driver, logger, timeoutMs: 2_000 });
      const auth = createAuthenticator({ executor, config: loadAuthConfig({}), logger });
      const error = await rejection(auth.authenticate(`Bearer ${key}`, "10.0.0.3"));
      expect(error.extensions.code).toBe("DATABASE_UNAVAILABLE");
    } finally {
      await driver.close();
    }
  });
});

describe("keys CLI", () => {
  it("creates a key that verifies, printing it alone on the last line; lists and revokes it", async () => {
    const env = {
      ...process.env,
      NEO4J_URI: inject("neo4jUri"),
      NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD ?? "",
      LOG_LEVEL: "warn",
    };
    const cli = (...args: string[]) => run("npx", ["tsx", "src/cli/keys.ts", ...args], { env });

    const created = await cli("create", "--name", "from-cli", "--role", "admin");
    const lines = created.stdout.trimEnd().split("\n");
    const key = lines.at(-1)!;
    expect(key).toMatch(/^ckg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(lines.at(-2)).toMatch(/warning: .*shown only this once/);
    expect(created.stdout.split(key)).toHaveLength(2);
    expect(await new ApiKeyStore(graph.executor).verifyKey(key)).toMatchObject({ name: "from-cli", role: "admin" });

    const listed = await cli("list");
    expect(listed.stdout).toMatch(/^name\s+role\s+id\s+created\s+last used\s+revoked$/m);
    expect(listed.stdout).toMatch(/^from-cli\s+admin\s+[0-9a-f]{16}\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ/m);
    expect(listed.stdout).not.toContain(key);

    expect((await cli("revoke", "from-cli")).stdout).toMatch(/revoked API key "from-cli"/);
    expect(await new ApiKeyStore(graph.executor).verifyKey(key)).toBeNull();

    const taken = await cli("create", "--name", "from-cli", "--role", "reader").catch((e: { code: number; stderr: string }) => e);
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists/) });
    const usage = await cli("create", "--name", "x", "--role", "owner").catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringMatching(/role must be one of reader, editor, admin/) });
  });
});
