import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDriver } from "../../src/graph/db/driver.js";
import { Executor } from "../../src/graph/db/executor.js";
import { loadExamples } from "../../src/server/explorer.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { freePort } from "../../src/graph/db/local-neo4j.js";
import { logger, setupGraph } from "../support/graph.js";
import { serveApp } from "../support/serve.js";
import { CityCountDocument, EnterprisePageDocument, SearchRegionDocument } from "./generated/graphql.js";

const g = setupGraph(SHANDONG_SEED);

const serve = (executor: Executor, ping: () => Promise<void>) => serveApp({ executor, ping });

interface Response<T> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; extensions: { code: string } }> };
}

async function post<T, V>(url: string, document: TypedDocumentNode<T, V> | string, variables?: V): Promise<Response<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: typeof document === "string" ? document : print(document), variables }),
  });
  return { status: res.status, body: (await res.json()) as Response<T>["body"] };
}

describe("the HTTP service on the Shandong graph", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(g.executor, async () => {
      await g.driver.executeQuery("RETURN 1");
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("answers /health and /ready", async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("has the 16 cities of Shandong", async () => {
    const { body } = await post(server.url, CityCountDocument);
    expect(body.errors).toBeUndefined();
    expect(body.data!.regions.totalCount).toBe(16);
  });

  it("finds Jinan by 济南", async () => {
    const { body } = await post(server.url, SearchRegionDocument, { text: "济南" });
    expect(body.data!.regions.nodes).toEqual([{ code: "SD-JINAN", name: "Jinan", nameZh: "济南市", kind: "CITY" }]);
  });

  it("refuses a bad argument with BAD_USER_INPUT", async () => {
    const { body } = await post(server.url, EnterprisePageDocument, { first: 1000 });
    expect(body.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
  });

  it("runs every example operation of the explorer without errors", async () => {
    const examples = loadExamples();
    expect(examples.length).toBeGreaterThanOrEqual(7);
    for (const example of examples) {
      const { body } = await post<unknown, unknown>(
        server.url,
        example.query,
        example.variables ? JSON.parse(example.variables) : undefined,
      );
      expect(body.errors, example.name).toBeUndefined();
      expect(body.data, example.name).toBeTruthy();
    }
  });

  it("sends a browser that opens /graphql to the explorer", async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
  });

  it("serves the explorer page and all its assets itself: nothing is loaded from another host", async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    // GraphiQL's script and style, React, ReactDOM, and the page's own start script and style.
    expect(refs.length).toBe(6);
    for (const ref of refs) {
      expect(ref.startsWith("/explorer/"), ref).toBe(true);
      const asset = await fetch(`${server.url}${ref}`);
      expect(asset.status, ref).toBe(200);
      expect((await asset.text()).length, ref).toBeGreaterThan(ref.includes("page.css") ? 10 : 1000);
    }
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
    // No inline script, so the Content-Security-Policy can forbid them.
    expect(html).not.toMatch(/<script>/);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);
  });
});

describe("when Neo4j is down", () => {
  it("answers /ready with 503 and queries with DATABASE_UNAVAILABLE, without crashing", async () => {
    const driver = createDriver({ uri: `bolt://127.0.0.1:${await freePort()}`, username: "", password: "", logger });
    const executor = new Executor({ driver, logger, timeoutMs: 5_000 });
    const server = await serve(executor, async () => {
      await driver.verifyConnectivity();
    });
    try {
      expect((await fetch(`${server.url}/ready`)).status).toBe(503);
      const { body } = await post(server.url, CityCountDocument);
      expect(body.errors?.[0]?.extensions.code).toBe("DATABASE_UNAVAILABLE");
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
      await driver.close();
    }
  });
});
