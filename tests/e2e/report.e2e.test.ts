import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthenticator } from "../../src/auth/authenticate.js";
import { loadAuthConfig } from "../../src/auth/config.js";
import { ApiKeyStore } from "../../src/auth/keys.js";
import type { RateLimitConfig } from "../../src/config.js";
import { REPORT_POINTS } from "../../src/server/report-route.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { logger, setupGraph } from "../support/graph.js";
import { externalReferences } from "../support/report-page.js";
import { serveApp, type Served } from "../support/serve.js";

/** `GET /report` through the real HTTP app, its authentication and rate limits, on the Shandong graph. */
const g = setupGraph(SHANDONG_SEED);

function serve(env: Record<string, string> = {}, rateLimit?: RateLimitConfig): Promise<Served> {
  return serveApp({
    executor: g.executor,
    authenticator: createAuthenticator({ executor: g.executor, config: loadAuthConfig(env), logger }),
    ...(rateLimit ? { rateLimit } : {}),
  });
}

interface Reply {
  status: number;
  type: string;
  text: string;
  headers: Headers;
  code: string | undefined;
}

async function get(server: Served, query: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${server.url}/report?${query}`, { headers });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, type: res.headers.get("content-type") ?? "", text, headers: res.headers, code };
}

describe("GET /report", () => {
  let open: Served;
  beforeAll(async () => {
    open = await serve();
  });
  afterAll(async () => {
    await open.close();
  });

  it("answers the report's HTML, self-contained, and charges its fixed points", async () => {
    const reply = await get(open, "region=SD-JINAN&year=2025&chain=BIGDATA&lang=zh");
    expect(reply.status, reply.text).toBe(200);
    expect(reply.type).toMatch(/^text\/html/);
    expect(reply.text).toContain("<h1>济南市产业链发展地图（2025年）</h1>");
    expect(reply.text).toContain('data-chain="BIGDATA"');
    expect(reply.text).not.toContain('data-chain="MFG"');
    expect(externalReferences(reply.text)).toEqual([]);
    expect(reply.text).not.toMatch(/<script/i);
    expect(Number(reply.headers.get("x-ratelimit-limit")) - Number(reply.headers.get("x-ratelimit-remaining"))).toBe(
      REPORT_POINTS,
    );
  });

  it("answers in English, for every chain when none is given", async () => {
    const reply = await get(open, "region=SD&year=2025&lang=en");
    expect(reply.status, reply.text).toBe(200);
    expect(reply.text).toContain("<h1>Shandong Province: industrial-chain development map 2025</h1>");
    for (const chain of ["BIGDATA", "MAR", "MCI", "MED", "MFG", "NE"]) expect(reply.text).toContain(`data-chain="${chain}"`);
  });

  it.each([
    ["year=2025", "region"],
    ["region=SD&year=20x5", "year"],
    ["region=SD&year=25", "year"],
    ["region=SD&year=2025&lang=fr", "lang"],
    ["region=SD&year=2025&chain=%20%3Cb%3E", "chain"],
    ["region=SD&region=SD-JINAN&year=2025", "region"],
  ])("refuses ?%s with 400 BAD_USER_INPUT naming %s", async (query, field) => {
    const reply = await get(open, query);
    expect(reply.status).toBe(400);
    expect(reply.type).toMatch(/^application\/json/);
    expect(reply.code).toBe("BAD_USER_INPUT");
    expect((JSON.parse(reply.text) as { errors: Array<{ extensions: { field: string } }> }).errors[0]!.extensions.field).toBe(
      field,
    );
  });

  it("refuses an unknown parameter", async () => {
    const reply = await get(open, "region=SD&year=2025&colour=red");
    expect([reply.status, reply.code]).toEqual([400, "BAD_USER_INPUT"]);
  });

  it("answers an unknown region or chain with 404 NOT_FOUND naming it", async () => {
    const region = await get(open, "region=XX-NOWHERE&year=2025");
    expect([region.status, region.code]).toEqual([404, "NOT_FOUND"]);
    expect(region.text).toContain('Unknown region \\"XX-NOWHERE\\"');
    const chain = await get(open, "region=SD&year=2025&chain=NOPE");
    expect([chain.status, chain.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("GET /report's guards", () => {
  it("answers 401 UNAUTHENTICATED without a key when ANONYMOUS_ACCESS=none, and the report with one", async () => {
    const closed = await serve({ ANONYMOUS_ACCESS: "none" });
    try {
      const refused = await get(closed, "region=SD-JINAN&year=2025&chain=BIGDATA");
      expect([refused.status, refused.code]).toEqual([401, "UNAUTHENTICATED"]);
      expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
      // Credentials come first: even bad parameters get 401 from a caller without them.
      expect((await get(closed, "year=nope")).status).toBe(401);
      const { key } = await new ApiKeyStore(g.executor).createKey({ name: "report-reader", role: "reader" });
      const admitted = await get(closed, "region=SD-JINAN&year=2025&chain=BIGDATA", { authorization: `Bearer ${key}` });
      expect(admitted.status, admitted.text).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it("answers 429 RATE_LIMITED once fewer points are left than a report costs", async () => {
    const limited = await serve({}, { points: REPORT_POINTS + 100, windowSeconds: 3600 });
    try {
      expect((await get(limited, "region=SD-JINAN&year=2025&chain=BIGDATA")).status).toBe(200);
      const refused = await get(limited, "region=SD-JINAN&year=2025&chain=BIGDATA");
      expect([refused.status, refused.code]).toEqual([429, "RATE_LIMITED"]);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
