import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAuthenticator } from "../../src/auth/authenticate.js";
import { loadAuthConfig } from "../../src/auth/config.js";
import { ApiKeyStore } from "../../src/auth/keys.js";
import { createDriver } from "../../src/graph/db/driver.js";
import { Executor } from "../../src/graph/db/executor.js";
import { exportDataSet } from "../../src/graph/export/exporter.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { authenticate } from "../../src/server/access.js";
import { exportRoute } from "../../src/server/export-route.js";
import { RateLimits } from "../../src/server/rate-limit.js";
import { logger, setupGraph } from "../support/graph.js";
import { serveApp, type Served } from "../support/serve.js";

/**
 * `GET /export/<name>.ndjson` through the real HTTP app, its authentication and rate limits, on the
 * three hand-made years of tests/fixtures/export-years (README.md there says what each year holds).
 */
const g = setupGraph();
const YEARS = [2023, 2024, 2025];
const tmp = mkdtempSync(path.join(tmpdir(), "chain-kg-export-e2e-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(async () => {
  for (const y of YEARS) await importDataSet(g.executor, `tests/fixtures/export-years/${y}`, { year: y });
}, 120_000);

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The lines as JSON. */
  records: Array<Record<string, unknown>>;
  code: string | undefined;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  const records = text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const errors = records.at(-1)?.errors as Array<{ extensions: { code: string } }> | undefined;
  return { status: res.status, headers: res.headers, text, records, code: errors?.[0]?.extensions.code };
}

const codes = (reply: Reply, key = "code") => reply.records.map((r) => r[key]);

function serve(env: Record<string, string> = {}, points = 0): Promise<Served> {
  return serveApp({
    executor: g.executor,
    authenticator: createAuthenticator({ executor: g.executor, config: loadAuthConfig(env), logger }),
    rateLimit: { points, windowSeconds: 3600 },
  });
}

describe("GET /export/*.ndjson", () => {
  let open: Served;
  beforeAll(async () => {
    open = await serve({}, 5000);
  });
  afterAll(async () => {
    await open.close();
  });

  it("streams the latest year's enterprises, one JSON record a line, and names the year", async () => {
    const reply = await get(`${open.url}/export/enterprises.ndjson`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(reply.headers.get("x-export-year")).toBe("2025");
    expect(reply.text.endsWith("\n")).toBe(true);
    expect(codes(reply)).toEqual(["F1", "F2", "F3", "F4", "F5"]);
    expect(reply.records[0]).toEqual({
      code: "F1",
      name: "Firm One, Bicycles (renamed)",
      nameZh: "一号自行车公司",
      city: "Z",
      cluster: null,
      products: [
        { product: "BIKE", capacity: 600 },
        { product: "EBIKE", capacity: 60 },
      ],
      attributes: { employees: 140, note: 'quoted "name", comma', source: "illustrative" },
    });
    expect(reply.records[2]).toMatchObject({ code: "F3", cluster: "CL1", attributes: { employees: 55, note: "多行\n备注" } });
    // Ten points per page of up to 1,000 rows: this was one page.
    expect(Number(reply.headers.get("x-ratelimit-limit")) - Number(reply.headers.get("x-ratelimit-remaining"))).toBe(10);
  });

  it("streams products and supply links, with the year's chain, inputs and volumes", async () => {
    const products = await get(`${open.url}/export/products.ndjson`);
    expect(products.records.find((p) => p.code === "MOTOR")).toEqual({
      code: "MOTOR",
      name: "Electric motor",
      nameZh: "电机",
      chain: "EBIKE",
      stage: "MIDSTREAM",
      inputs: [],
      attributes: { source: "illustrative" },
    });
    expect(products.records.find((p) => p.code === "EBIKE")).toMatchObject({ inputs: ["FRAME", "MOTOR"] });
    const links = await get(`${open.url}/export/supply-links.ndjson`);
    expect(links.records.map((l) => `${l.supplier}>${l.customer} ${l.product} ${l.volume}`)).toEqual([
      "F2>F1 FRAME 90",
      "F3>F1 FRAME 20",
      "F3>F1 STEEL 6",
      "F3>F2 STEEL null",
      "F4>F1 MOTOR 11",
      "F5>F1 FRAME 7.5",
    ]);
    expect(links.records[4]!.attributes).toEqual({ source: "contract, 2025" });
  });

  it("reads the state of ?year=, as the CSV export does", async () => {
    const enterprises = await get(`${open.url}/export/enterprises.ndjson?year=2024`);
    expect(enterprises.headers.get("x-export-year")).toBe("2024");
    expect(codes(enterprises)).toEqual(["F1", "F3", "F5"]);
    expect(enterprises.records[0]).toMatchObject({ city: "Z", products: [{ product: "BIKE", capacity: null }] });
    expect(enterprises.records[1]).toMatchObject({
      products: [
        { product: "FRAME", capacity: 40 },
        { product: "STEEL", capacity: 2500 },
      ],
    });
    const products = await get(`${open.url}/export/products.ndjson?year=2024`);
    expect(products.records.find((p) => p.code === "MOTOR")).toMatchObject({ chain: "BIKE", name: "Electric motor" });
    expect(codes(products)).not.toContain("EBIKE");
    for (const year of YEARS) {
      const links = await get(`${open.url}/export/supply-links.ndjson?year=${year}`);
      const csv = await exportDataSet(g.executor, path.join(tmp, String(year)), { year });
      expect(links.records.length).toBe(csv.files.find((f) => f.file === "supply_links.csv")!.rows);
    }
    const y2023 = await get(`${open.url}/export/supply-links.ndjson?year=2023`);
    expect(y2023.records.map((l) => `${l.supplier}>${l.customer} ${l.product} ${l.volume}`)).toEqual([
      "F2>F1 FRAME 80",
      "F3>F2 STEEL 300",
      "F4>F1 MOTOR 10",
    ]);
  });

  it.each([
    ["year=20x5", "year must be a year of four digits"],
    ["year=25", "year must be a year of four digits"],
    ["year=2024&year=2025", "year must be given once"],
    ["year=2022", "The graph holds no data for 2022; it holds 2023, 2024, 2025"],
    ["colour=red", 'Unknown parameter "colour"'],
  ])("refuses ?%s with 400 BAD_USER_INPUT", async (query, message) => {
    const reply = await get(`${open.url}/export/enterprises.ndjson?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(reply.code).toBe("BAD_USER_INPUT");
    expect((reply.records[0]!.errors as Array<{ message: string }>)[0]!.message).toContain(message);
  });
});

describe("GET /export/*.ndjson's guards", () => {
  it("answers 401 UNAUTHENTICATED without a key when ANONYMOUS_ACCESS=none, a bad key always, and the export with a key", async () => {
    const closed = await serve({ ANONYMOUS_ACCESS: "none" });
    try {
      for (const name of ["enterprises", "products", "supply-links"]) {
        const refused = await get(`${closed.url}/export/${name}.ndjson`);
        expect([refused.status, refused.code]).toEqual([401, "UNAUTHENTICATED"]);
        expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
      // Credentials come first: even a bad year gets 401 from a caller without them.
      expect((await get(`${closed.url}/export/enterprises.ndjson?year=nope`)).status).toBe(401);
      const { key } = await new ApiKeyStore(g.executor).createKey({ name: "export-reader", role: "reader" });
      const admitted = await get(`${closed.url}/export/supply-links.ndjson`, { authorization: `Bearer ${key}` });
      expect(admitted.status, admitted.text).toBe(200);
      expect(admitted.records).toHaveLength(6);
    } finally {
      await closed.close();
    }
    const open = await serve();
    try {
      const bad = await get(`${open.url}/export/enterprises.ndjson`, { authorization: "Bearer ckg_nope_nope" });
      expect([bad.status, bad.code]).toEqual([401, "UNAUTHENTICATED"]);
    } finally {
      await open.close();
    }
  });

  it("answers 429 RATE_LIMITED before the stream once fewer points are left than a page costs", async () => {
    const limited = await serve({}, 25);
    try {
      expect((await get(`${limited.url}/export/enterprises.ndjson`)).status).toBe(200);
      const second = await get(`${limited.url}/export/products.ndjson`);
      expect([second.status, second.headers.get("x-ratelimit-remaining")]).toEqual([200, "5"]);
      const refused = await get(`${limited.url}/export/supply-links.ndjson`);
      expect([refused.status, refused.code]).toEqual([429, "RATE_LIMITED"]);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

/**
 * The route alone on a bare app, with pages of two rows, so a small graph has several: a stream cut
 * short by the rate limit, or by a database outage mid-stream, ends with one error line in the
 * service's shape, and the process goes on serving.
 */
describe("an export cut short", () => {
  /** A TCP proxy to the test Neo4j that can be cut: an outage the driver sees as a real one. */
  let proxy: TcpServer;
  let proxyPort = 0;
  const sockets = new Set<Socket>();
  let down = false;
  /** Called with the Bolt bytes clients send; the outage test cuts the proxy on its second page's statement. */
  let watch: (chunk: Buffer) => void = () => undefined;

  beforeAll(async () => {
    const target = new URL(inject("neo4jUri"));
    proxy = createTcpServer((client) => {
      if (down) {
        client.destroy();
        return;
      }
      const upstream = connect(Number(target.port), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
        s.on("error", () => undefined);
      }
      client.on("data", (chunk) => watch(chunk));
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyPort = (proxy.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => proxy.close(resolve));
  });

  async function routeApp(executor: Executor, points: number): Promise<{ url: string; server: Server }> {
    const app = express();
    const authenticator = createAuthenticator({ executor: g.executor, config: loadAuthConfig({}), logger });
    const limits = new RateLimits({ points, windowSeconds: 3600 });
    app.get(
      "/export/enterprises.ndjson",
      authenticate(authenticator),
      exportRoute("enterprises", { executor, logger, limits, maxSessions: 2, pageRows: 2 }),
    );
    const server = createHttpServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  }

  it("ends with a RATE_LIMITED line when the points run out between pages", async () => {
    // Pages of two rows cost 1 point each: two points buy two pages of the five enterprises.
    const { url, server } = await routeApp(g.executor, 2);
    try {
      const reply = await get(`${url}/export/enterprises.ndjson?year=2025`);
      expect(reply.status).toBe(200);
      expect(codes(reply).slice(0, 4)).toEqual(["F1", "F2", "F3", "F4"]);
      expect(reply.records).toHaveLength(5);
      expect(reply.code).toBe("RATE_LIMITED");
    } finally {
      server.close();
    }
  });

  it("ends with a DATABASE_UNAVAILABLE line when the database goes away mid-stream, and serves on", async () => {
    const driver = createDriver({
      uri: `bolt://127.0.0.1:${proxyPort}`,
      username: "neo4j",
      password: process.env.TEST_NEO4J_PASSWORD ?? "",
      logger,
    });
    // A short deadline per page, so the outage is given up on quickly.
    const executor = new Executor({ driver, logger, timeoutMs: 2_000 });
    const { url, server } = await routeApp(executor, 0);
    try {
      const complete = await get(`${url}/export/enterprises.ndjson`);
      expect(codes(complete)).toEqual(["F1", "F2", "F3", "F4", "F5"]);

      let pages = 0;
      watch = (chunk) => {
        // Each page's statement is tagged with its operation (transaction metadata): cut before the second.
        if (!chunk.includes("export.Enterprise")) return;
        pages += 1;
        if (pages === 2) {
          down = true;
          for (const s of sockets) s.destroy();
        }
      };
      const cut = await get(`${url}/export/enterprises.ndjson`);
      expect(cut.status).toBe(200);
      expect(codes(cut).slice(0, 2)).toEqual(["F1", "F2"]);
      expect(cut.records).toHaveLength(3);
      expect(cut.code).toBe("DATABASE_UNAVAILABLE");

      // Still serving: a 503 while the database is away, the whole export once it is back.
      const away = await get(`${url}/export/enterprises.ndjson`);
      expect([away.status, away.code]).toEqual([503, "DATABASE_UNAVAILABLE"]);
      watch = () => undefined;
      down = false;
      const back = await get(`${url}/export/enterprises.ndjson`);
      expect(codes(back)).toEqual(["F1", "F2", "F3", "F4", "F5"]);
    } finally {
      watch = () => undefined;
      down = false;
      server.close();
      await driver.close();
    }
  }, 60_000);
});
