import { Writable } from "node:stream";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthenticator } from "../../src/auth/authenticate.js";
import { loadAuthConfig } from "../../src/auth/config.js";
import { ApiKeyStore, parseKey } from "../../src/auth/keys.js";
import { Executor, type Params } from "../../src/graph/db/executor.js";
import { createLogger, type Logger } from "../../src/logger.js";
import type { AppOptions } from "../../src/server/app.js";
import { operationId, PersistedOperations } from "../../src/server/persisted.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { logger, setupGraph } from "../support/graph.js";
import { serveApp, type Served } from "../support/serve.js";

const g = setupGraph(SHANDONG_SEED);

type Options = Omit<AppOptions, "schema" | "executor" | "logger" | "ping" | "httpServer"> & {
  env?: Record<string, string>;
  executor?: Executor;
  logger?: Logger;
};

/** The real HTTP app on a free port, with the real authenticator against the test database. */
function serve(options: Options = {}): Promise<Served> {
  const { env = {}, executor = g.executor, logger: log = logger, ...rest } = options;
  return serveApp({
    executor,
    logger: log,
    authenticator: createAuthenticator({ executor, config: loadAuthConfig(env), logger: log }),
    ...rest,
  });
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions: Record<string, unknown> & { code: string } }>;
  extensions?: {
    cost?: { requested: number; actual: number; limit: number };
    rateLimit?: { cost: number; limit: number; remaining: number; resetAt: string };
  };
}

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: GraphQLBody;
}

async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: GraphQLBody = {};
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    // Left empty: the tests that care assert on `text` and the content type.
  }
  return { status: res.status, headers: res.headers, text, body };
}

function post(server: Served, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(payload),
  });
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const codes = (reply: Reply) => reply.body.errors?.map((e) => e.extensions.code);

/** A reply is JSON in the GraphQL error shape, and shows no stack trace or file path. */
function expectCleanError(reply: Reply, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
  expect(codes(reply)).toEqual([code]);
  expect(reply.text).not.toMatch(/<html|<pre|\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d/i);
}

/** The probe: `suppliers` nested 12 levels deep. */
const twelveLevels = (() => {
  let inner = "code";
  for (let i = 0; i < 12; i += 1) inner = `code suppliers(first: 2) { nodes { supplier { ${inner} } } }`;
  return `{ enterprise(code: "E-INSPUR-EI") { ${inner} } }`;
})();

describe("clean errors for requests that are not GraphQL", () => {
  for (const production of [false, true]) {
    describe(production ? "in production" : "in development", () => {
      let server: Served;
      beforeAll(async () => {
        server = await serve({ production, limits: { maxBodyBytes: 10_000 } });
      });
      afterAll(() => server.close());

      it("answers a malformed JSON body with BAD_REQUEST", async () => {
        const reply = await send(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"query": "{ __typename }"',
        });
        expectCleanError(reply, 400, "BAD_REQUEST");
      });

      it("answers a query that is not a string, and a body that is not an object, with BAD_REQUEST", async () => {
        expectCleanError(await post(server, { query: 42 }), 400, "BAD_REQUEST");
        expectCleanError(await post(server, { query: "{ __typename }", variables: [1] }), 400, "BAD_REQUEST");
        expectCleanError(await post(server, "a string"), 400, "BAD_REQUEST");
        expectCleanError(await post(server, {}), 400, "BAD_REQUEST");
      });

      it("answers a wrong content type with UNSUPPORTED_MEDIA_TYPE", async () => {
        const reply = await send(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ query: "{ __typename }" }),
        });
        expectCleanError(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
      });

      it("answers a body over MAX_BODY_BYTES with REQUEST_TOO_LARGE, naming the limit", async () => {
        const reply = await post(server, { query: `{ __typename } # ${"x".repeat(20_000)}` });
        expectCleanError(reply, 413, "REQUEST_TOO_LARGE");
        expect(reply.body.errors![0]!.message).toMatch(/MAX_BODY_BYTES/);
      });

      it("answers an unknown route with ROUTE_NOT_FOUND and a wrong method with METHOD_NOT_ALLOWED", async () => {
        expectCleanError(await send(`${server.url}/wp-admin/x.php`), 404, "ROUTE_NOT_FOUND");
        expectCleanError(await send(`${server.url}/graphql`, { method: "DELETE" }), 405, "METHOD_NOT_ALLOWED");
      });
    });
  }
});

describe("document limits, checked before anything runs", () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve();
  });
  afterAll(() => server.close());

  it("refuses the issue's 12-level nesting with QUERY_TOO_DEEP, naming MAX_DEPTH", async () => {
    const reply = await post(server, { query: twelveLevels });
    expectCleanError(reply, 400, "QUERY_TOO_DEEP");
    expect(reply.body.errors![0]!.extensions.limit).toEqual({ name: "MAX_DEPTH", value: 15 });
    expect(reply.body.errors![0]!.message).toMatch(/deeper than the limit of 15 \(MAX_DEPTH\)/);
  });

  it("refuses more than MAX_DIRECTIVES directives with TOO_MANY_DIRECTIVES", async () => {
    const reply = await post(server, { query: `{ __typename ${"@include(if: true) ".repeat(51)}}` });
    expectCleanError(reply, 400, "TOO_MANY_DIRECTIVES");
    expect(reply.body.errors![0]!.extensions.limit).toEqual({ name: "MAX_DIRECTIVES", value: 50 });
  });

  it("refuses a document over MAX_DOCUMENT_BYTES with DOCUMENT_TOO_LARGE", async () => {
    const reply = await post(server, { query: `{ __typename } # ${"长".repeat(7_000)}` });
    expectCleanError(reply, 400, "DOCUMENT_TOO_LARGE");
    expect(reply.body.errors![0]!.message).toMatch(/21\d{3} bytes, more than the limit of 20000 \(MAX_DOCUMENT_BYTES\)/);
  });

  it("runs a batch of up to MAX_BATCH operations and refuses a longer one with BATCH_TOO_LARGE", async () => {
    const op = { query: `{ region(code: "SD-JINAN") { code } }` };
    const ok = await post(server, [op, op]);
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.text) as GraphQLBody[]).map((r) => r.data)).toEqual([
      { region: { code: "SD-JINAN" } },
      { region: { code: "SD-JINAN" } },
    ]);
    const reply = await post(
      server,
      Array.from({ length: 6 }, () => op),
    );
    expectCleanError(reply, 400, "BATCH_TOO_LARGE");
    expect(reply.body.errors![0]!.extensions.limit).toEqual({ name: "MAX_BATCH", value: 5 });
  });
});

describe("identity and roles", () => {
  let keys: ApiKeyStore;
  let reader: string;
  let admin: string;
  let open: Served;
  let closed: Served;
  const lines: string[] = [];
  beforeAll(async () => {
    keys = new ApiKeyStore(g.executor);
    reader = (await keys.createKey({ name: "sec-reader", role: "reader" })).key;
    admin = (await keys.createKey({ name: "sec-admin", role: "admin" })).key;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
        done();
      },
    });
    open = await serve({ logger: createLogger("info", sink), production: true });
    closed = await serve({ env: { ANONYMOUS_ACCESS: "none" } });
  });
  afterAll(async () => {
    await open.close();
    await closed.close();
  });

  const viewer = `{ viewer { kind name role } }`;

  it("lets anonymous callers read by default, and names a key's caller", async () => {
    expect((await post(open, { query: viewer })).body.data).toEqual({
      viewer: { kind: "ANONYMOUS", name: "anonymous", role: "READER" },
    });
    expect((await post(open, { query: viewer }, bearer(reader))).body.data).toEqual({
      viewer: { kind: "KEY", name: "sec-reader", role: "READER" },
    });
  });

  it("answers credentials that are not valid with 401 UNAUTHENTICATED, even when anonymous callers may read", async () => {
    const forged = `${reader.slice(0, -4)}AAAA`;
    for (const authorization of [`Bearer ${forged}`, "Bearer ckg_nope", "Basic dXNlcjpwYXNz"]) {
      const reply = await post(open, { query: viewer }, { authorization });
      expectCleanError(reply, 401, "UNAUTHENTICATED");
      expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(reply.text).not.toContain(forged);
    }
  });

  it("refuses a request without credentials when ANONYMOUS_ACCESS=none, and admits a key", async () => {
    const reply = await post(closed, { query: viewer });
    expectCleanError(reply, 401, "UNAUTHENTICATED");
    expect(reply.body.errors![0]!.message).toMatch(/Authorization: Bearer/);
    expect((await post(closed, { query: viewer }, bearer(reader))).body.data).toEqual({
      viewer: { kind: "KEY", name: "sec-reader", role: "READER" },
    });
  });

  it("refuses a revoked key at once", async () => {
    const { key } = await keys.createKey({ name: "sec-revoked", role: "reader" });
    expect((await post(closed, { query: viewer }, bearer(key))).status).toBe(200);
    await keys.revokeKey("sec-revoked");
    const reply = await post(closed, { query: viewer }, bearer(key));
    expectCleanError(reply, 401, "UNAUTHENTICATED");
    expect(reply.body.errors![0]!.message).toMatch(/revoked/);
  });

  it("answers a field a role lacks with FORBIDDEN, naming the role it needs", async () => {
    const query = `{ apiKeys { name role } }`;
    for (const headers of [{}, bearer(reader)]) {
      const reply = await post(open, { query }, headers);
      expect(codes(reply)).toEqual(["FORBIDDEN"]);
      expect(reply.body.errors![0]!.message).toMatch(/needs the admin role/);
    }
    const reply = await post(open, { query: `{ apiKeys { name role revokedAt } }` }, bearer(admin));
    expect(reply.body.errors).toBeUndefined();
    const names = (reply.body.data!.apiKeys as Array<{ name: string }>).map((k) => k.name);
    expect(names).toEqual(expect.arrayContaining(["sec-admin", "sec-reader"]));
  });

  it("logs the viewer's id, never its key", async () => {
    await post(open, { query: viewer }, bearer(reader));
    // parseKey, not split("_"): a base64url secret may itself hold "_".
    const { keyId, secret } = parseKey(reader)!;
    const logged = lines.filter((l) => l.includes(`"viewer":"key:${keyId}"`));
    expect(logged.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(secret);
    expect(lines.join("\n")).not.toContain(parseKey(admin)!.secret);
  });

  it("in production, lets only admins introspect", async () => {
    const query = `{ __schema { queryType { name } } }`;
    for (const headers of [{}, bearer(reader)]) {
      const reply = await post(open, { query }, headers);
      expectCleanError(reply, 403, "FORBIDDEN");
      expect(reply.body.errors![0]!.message).toMatch(/admin key may introspect/);
    }
    const reply = await post(open, { query }, bearer(admin));
    expect(reply.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    // A __typename is not introspection.
    expect((await post(open, { query: `{ __typename }` })).body.data).toEqual({ __typename: "Query" });
  });
});

describe("production mode", () => {
  let production: Served;
  let development: Served;
  beforeAll(async () => {
    production = await serve({ production: true });
    development = await serve();
  });
  afterAll(async () => {
    await production.close();
    await development.close();
  });

  it("gives no field suggestions", async () => {
    const query = `{ regionz(code: "SD-JINAN") { code } }`;
    const dev = await post(development, { query });
    expect(dev.body.errors![0]!.message).toMatch(/Did you mean "region/);
    const prod = await post(production, { query });
    expect(codes(prod)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(prod.body.errors![0]!.message).toBe('Cannot query field "regionz" on type "Query".');
  });

  it("serves the explorer only when EXPLORER=on", async () => {
    expect((await send(`${development.url}/`)).status).toBe(200);
    expectCleanError(await send(`${production.url}/`), 404, "ROUTE_NOT_FOUND");
    expectCleanError(await send(`${production.url}/explorer/graphiql.js`), 404, "ROUTE_NOT_FOUND");
    const on = await serve({ production: true, explorer: true });
    try {
      expect((await send(`${on.url}/`)).status).toBe(200);
    } finally {
      await on.close();
    }
  });

  it("masks unexpected errors: no message, stack or path of the failure reaches the client", async () => {
    class Broken extends Executor {
      override read<Row>(_operation: string, _cypher: string, _params?: Params): Promise<Row[]> {
        return Promise.reject(new Error("boom at /work/main/src/graph/secret.ts:12 in MATCH (n:Secret)"));
      }
      override readSteps<T>(): Promise<T> {
        return Promise.reject(new Error("boom at /work/main/src/graph/secret.ts:12 in MATCH (n:Secret)"));
      }
      override forRequest(): Executor {
        return this;
      }
    }
    const broken = await serve({ production: true, executor: new Broken({ driver: g.driver, logger, timeoutMs: 5_000 }) });
    try {
      const reply = await post(broken, { query: `{ region(code: "SD-JINAN") { code } }` });
      expect(codes(reply)).toEqual(["INTERNAL_SERVER_ERROR"]);
      expect(reply.body.errors![0]!.message).toBe("Internal server error");
      expect(reply.text).not.toMatch(/boom|secret|MATCH|\/work\//);
    } finally {
      await broken.close();
    }
  });

  it("sends helmet's security headers, and CORS headers only to allowed origins", async () => {
    const server = await serve({ production: true, corsOrigins: ["https://app.example.gov.cn"] });
    try {
      const allowed = await send(`${server.url}/graphql`, {
        method: "OPTIONS",
        headers: { origin: "https://app.example.gov.cn", "access-control-request-method": "POST" },
      });
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example.gov.cn");
      expect(allowed.headers.get("access-control-allow-headers")).toMatch(/authorization/);
      const other = await post(server, { query: `{ __typename }` }, { origin: "https://evil.example.com" });
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      for (const header of ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"]) {
        expect(other.headers.get(header), header).not.toBeNull();
      }
      expect(other.headers.get("x-powered-by")).toBeNull();
    } finally {
      await server.close();
    }
  });
});

describe("rate limits", () => {
  it("charges each request its node count / 100 (at least 1), reports it, and answers a spent budget with 429", async () => {
    const server = await serve({ rateLimit: { points: 12, windowSeconds: 600 } });
    try {
      // 5 cities × (1 + 100 enterprises) = 505 nodes: 5 points.
      const wide = `{ regions(first: 5, filter: {kind: CITY}) { nodes { code enterprises(first: 100) { nodes { code } } } } }`;
      const first = await post(server, { query: wide });
      expect(first.body.extensions?.cost?.requested).toBe(505);
      expect(first.body.extensions?.rateLimit).toMatchObject({ cost: 5, limit: 12, remaining: 7 });
      expect(Date.parse(first.body.extensions!.rateLimit!.resetAt)).toBeGreaterThan(Date.now());
      expect(first.headers.get("x-ratelimit-remaining")).toBe("7");

      const small = await post(server, { query: `{ region(code: "SD-JINAN") { code } }` });
      expect(small.body.extensions?.rateLimit).toMatchObject({ cost: 1, remaining: 6 });
      // A parse error costs 1 too.
      const broken = await post(server, { query: `{ region(` });
      expect(codes(broken)).toEqual(["GRAPHQL_PARSE_FAILED"]);
      expect(broken.body.extensions?.rateLimit).toMatchObject({ cost: 1, remaining: 5 });

      // 5 more points would leave 0; the next wide one is refused without being charged.
      expect((await post(server, { query: wide })).body.extensions?.rateLimit?.remaining).toBe(0);
      const refused = await post(server, { query: wide });
      expectCleanError(refused, 429, "RATE_LIMITED");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(600);
      expect(refused.body.errors![0]!.message).toMatch(/RATE_LIMIT_POINTS/);
      expect(refused.body.errors![0]!.extensions.rateLimit).toMatchObject({ remaining: 0, limit: 12 });

      // A key has its own budget.
      const { key } = await new ApiKeyStore(g.executor).createKey({ name: "sec-rate", role: "reader" });
      const keyed = await post(server, { query: `{ region(code: "SD-JINAN") { code } }` }, bearer(key));
      expect(keyed.status).toBe(200);
      expect(keyed.body.extensions?.rateLimit).toMatchObject({ cost: 1, remaining: 11 });
    } finally {
      await server.close();
    }
  });
});

describe("persisted operations", () => {
  const examples = readdirSync("examples")
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => readFileSync(path.join("examples", f), "utf8"));

  it("the committed manifest holds every example, client document and app operation (run npm run codegen when this fails)", () => {
    const manifest = PersistedOperations.load();
    const documents = ["tests/e2e/documents", "clients/typescript/documents", "web/src/queries"].flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith(".graphql"))
        .map((f) => readFileSync(path.join(dir, f), "utf8")),
    );
    for (const document of [...examples, ...documents]) expect(manifest.document(operationId(document))).toBeDefined();
    expect(manifest.size).toBe(examples.length + documents.length);
  });

  it("with PERSISTED_OPERATIONS=only, runs the manifest's operations by id or by text, and nothing else", async () => {
    const server = await serve({ persistedOperations: "only" });
    try {
      const cities = examples.find((e) => e.includes("query Cities"))!;
      const byId = await post(server, { documentId: `sha256:${operationId(cities)}` });
      expect(byId.body.errors).toBeUndefined();
      expect((byId.body.data!.regions as { totalCount: number }).totalCount).toBe(16);
      // The same document in another layout, without its comments, is the same operation.
      const relaid = cities.replace(/#.*$/gm, "").replace(/\s+/g, " ");
      expect((await post(server, { query: relaid })).body.errors).toBeUndefined();
      // Apollo's persisted-query extension carries the same id.
      const apq = await post(server, { extensions: { persistedQuery: { version: 1, sha256Hash: operationId(cities) } } });
      expect(apq.body.errors).toBeUndefined();

      const other = await post(server, { query: `{ regions(first: 1) { nodes { code } } }` });
      expectCleanError(other, 400, "PERSISTED_OPERATION_NOT_FOUND");
      expect(other.body.errors![0]!.message).toMatch(/PERSISTED_OPERATIONS=only/);
      expectCleanError(await post(server, { documentId: "sha256:0000" }), 400, "PERSISTED_OPERATION_NOT_FOUND");
    } finally {
      await server.close();
    }
  });

  it("without the safelist, an id alone is refused with a code that says so", async () => {
    const server = await serve();
    try {
      const reply = await post(server, { documentId: `sha256:${operationId(examples[0]!)}` });
      expectCleanError(reply, 400, "PERSISTED_OPERATION_NOT_FOUND");
      expect(reply.body.errors![0]!.message).toMatch(/PERSISTED_OPERATIONS=off/);
    } finally {
      await server.close();
    }
  });
});
