import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse, print } from "graphql";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as generated from "../../clients/typescript/src/generated/graphql.js";
import { ErrorCode as ClientCode } from "../../clients/typescript/src/errors.js";
import { ErrorCode as ServiceCode } from "../../src/errors.js";
import {
  ChainKgClient,
  ChainKgError,
  changes,
  ClientGraphChangesDocument,
  ClientRegionsDocument,
  feedPosition,
  nodes,
  parseRetryAfter,
  retryDelay,
  type ChainKgClientOptions,
} from "../../clients/typescript/src/index.js";

/**
 * The typed client (clients/typescript) against a tiny local HTTP server that answers as the test
 * tells it: persisted-operation ids and the fallback to the text, typed errors, bounded retries that
 * honour Retry-After, cursor pages and the change feed.
 */
interface Seen {
  body: Record<string, unknown>;
  authorization: string | undefined;
}
type Answer = { status?: number; headers?: Record<string, string>; body: unknown };

let url: string;
let seen: Seen[] = [];
let answer: (body: Record<string, unknown>, n: number) => Answer;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let text = "";
  req.on("data", (chunk: Buffer) => (text += chunk.toString()));
  req.on("end", () => {
    const body = JSON.parse(text) as Record<string, unknown>;
    seen.push({ body, authorization: req.headers.authorization });
    const a = answer(body, seen.length);
    res.writeHead(a.status ?? 200, { "content-type": "application/json", ...a.headers });
    res.end(typeof a.body === "string" ? a.body : JSON.stringify(a.body));
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
});

const client = (options: Partial<ChainKgClientOptions> = {}) =>
  new ChainKgClient({ endpoint: url, retry: { baseDelayMs: 5 }, ...options });
const REGIONS = { regions: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } };
const error = (code: string, extensions: Record<string, unknown> = {}) => ({
  errors: [{ message: code, extensions: { code, ...extensions } }],
});
const idOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;

async function rejection(promise: Promise<unknown>): Promise<ChainKgError> {
  const e = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(e).toBeInstanceOf(ChainKgError);
  return e as ChainKgError;
}

describe("the client's documents", () => {
  it("carry their persisted-operation ids, each the SHA-256 of the printed document and in the committed manifest", () => {
    const manifest = JSON.parse(readFileSync("src/generated/persisted-operations.json", "utf8")) as Record<string, string>;
    const documents = Object.entries(generated).filter(([name]) => name.endsWith("Document"));
    expect(documents.length).toBeGreaterThanOrEqual(9);
    for (const [name, document] of documents) {
      const printed = print(document as never);
      const id = idOf(document);
      expect(id, name).toBe(createHash("sha256").update(printed).digest("hex"));
      expect(manifest[id], name).toBe(printed);
    }
  });
});

describe("ChainKgClient.request", () => {
  it("sends the operation by id, with its name, variables and the API key as a bearer token, and returns the data", async () => {
    answer = () => ({ body: { data: REGIONS } });
    const data = await client({ apiKey: "ckg_k" }).request(ClientRegionsDocument, { first: 5 });
    expect(data.regions.totalCount).toBe(0);
    expect(seen).toEqual([
      {
        body: { documentId: `sha256:${idOf(ClientRegionsDocument)}`, operationName: "ClientRegions", variables: { first: 5 } },
        authorization: "Bearer ckg_k",
      },
    ]);
  });

  it("sends the text when the service does not know the id, and the text alone from then on", async () => {
    answer = (body) =>
      "documentId" in body ? { status: 400, body: error("PERSISTED_OPERATION_NOT_FOUND") } : { body: { data: REGIONS } };
    const c = client();
    await c.request(ClientRegionsDocument);
    await c.request(ClientRegionsDocument);
    expect(seen.map((s) => Object.keys(s.body).sort())).toEqual([
      ["documentId", "operationName", "variables"],
      ["operationName", "query", "variables"],
      ["operationName", "query", "variables"],
    ]);
    expect(seen[1]!.body.query).toBe(print(ClientRegionsDocument));
    expect(seen[0]!.authorization).toBeUndefined();
  });

  it("with send: id, never sends the text", async () => {
    answer = () => ({ status: 400, body: error("PERSISTED_OPERATION_NOT_FOUND") });
    const e = await rejection(client({ send: "id" }).request(ClientRegionsDocument));
    expect(e.code).toBe("PERSISTED_OPERATION_NOT_FOUND");
    expect(e.retryable).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it("waits as Retry-After asks after RATE_LIMITED (429), then succeeds", async () => {
    answer = (_b, n) =>
      n === 1
        ? { status: 429, headers: { "retry-after": "1" }, body: error("RATE_LIMITED", { retryAfter: 1 }) }
        : { body: { data: REGIONS } };
    const started = Date.now();
    await client().request(ClientRegionsDocument);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
  });

  it("throws RATE_LIMITED at once when the wait asked for is longer than maxDelayMs, with the wait", async () => {
    answer = () => ({ status: 429, headers: { "retry-after": "120" }, body: error("RATE_LIMITED", { retryAfter: 120 }) });
    const e = await rejection(client({ retry: { maxDelayMs: 10_000 } }).request(ClientRegionsDocument));
    expect(e).toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterMs: 120_000, retryable: true });
    expect(seen).toHaveLength(1);
  });

  it("tries again after DERIVED_DATA_STALE, at most `attempts` times in all", async () => {
    answer = (_b, n) => (n < 3 ? { body: error("DERIVED_DATA_STALE", { retryable: true }) } : { body: { data: REGIONS } });
    await client().request(ClientRegionsDocument);
    expect(seen).toHaveLength(3);

    seen = [];
    answer = () => ({ body: error("DERIVED_DATA_STALE", { retryable: true }) });
    const e = await rejection(client({ retry: { attempts: 4, baseDelayMs: 1 } }).request(ClientRegionsDocument));
    expect(e.code).toBe("DERIVED_DATA_STALE");
    expect(e.retryable).toBe(true);
    expect(seen).toHaveLength(4);

    seen = [];
    await rejection(client({ retry: false }).request(ClientRegionsDocument));
    expect(seen).toHaveLength(1);
  });

  it("does not try again after UNAUTHENTICATED or BAD_USER_INPUT, and keeps every error's code and a partial answer's data", async () => {
    answer = () => ({ status: 401, body: error("UNAUTHENTICATED") });
    const unauthenticated = await rejection(client({ apiKey: "ckg_bad" }).request(ClientRegionsDocument));
    expect(unauthenticated).toMatchObject({
      code: "UNAUTHENTICATED",
      status: 401,
      retryable: false,
      operationName: "ClientRegions",
    });
    expect(seen).toHaveLength(1);

    answer = () => ({
      body: {
        data: { regions: null },
        errors: [
          { message: "bad", extensions: { code: "BAD_USER_INPUT", field: "first" } },
          { message: "busy", extensions: { code: "DATABASE_BUSY", retryable: true } },
        ],
      },
    });
    const partial = await rejection(client().request(ClientRegionsDocument, { first: 1000 }));
    expect(partial.codes).toEqual(["BAD_USER_INPUT", "DATABASE_BUSY"]);
    expect(partial.has("DATABASE_BUSY")).toBe(true);
    expect(partial.retryable).toBe(false);
    expect(partial.data).toEqual({ regions: null });
    expect(partial.message).toBe("ClientRegions: bad (and 1 more)");
  });

  it("tries a mutation again only when it was refused before it ran", async () => {
    const MUTATION = parse("mutation Touch { touch }") as TypedDocumentNode<{ touch: boolean }, Record<string, never>>;
    answer = () => ({ status: 503, body: error("DATABASE_BUSY", { retryable: true }) });
    expect((await rejection(client().request(MUTATION))).code).toBe("DATABASE_BUSY");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body.query).toBe("mutation Touch {\n  touch\n}");

    seen = [];
    answer = (_b, n) =>
      n === 1 ? { status: 429, body: error("RATE_LIMITED", { retryAfter: 0 }) } : { body: { data: { touch: true } } };
    expect(await client().request(MUTATION)).toEqual({ touch: true });
    expect(seen).toHaveLength(2);
  });

  it("answers that are not GraphQL are HTTP_ERROR (retryable for 502, 503, 504); no answer is NETWORK_ERROR", async () => {
    answer = () => ({ status: 502, body: "<html>Bad Gateway</html>" });
    const gateway = await rejection(client({ retry: { attempts: 2, baseDelayMs: 1 } }).request(ClientRegionsDocument));
    expect(gateway).toMatchObject({ code: "HTTP_ERROR", status: 502, retryable: true });
    expect(seen).toHaveLength(2);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const network = await rejection(
      new ChainKgClient({ endpoint: `http://127.0.0.1:${port}/graphql`, retry: { attempts: 2, baseDelayMs: 1 } }).request(
        ClientRegionsDocument,
      ),
    );
    expect(network).toMatchObject({ code: "NETWORK_ERROR", status: 0, retryable: true });
  });

  it("stops when its signal aborts, with the signal's reason", async () => {
    answer = () => ({ status: 429, body: error("RATE_LIMITED", { retryAfter: 5 }) });
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error("stopped")), 50);
    await expect(client().request(ClientRegionsDocument, {}, { signal: stop.signal })).rejects.toThrow("stopped");
  });
});

describe("pages and the change feed", () => {
  const region = (code: string) => ({ code, name: null, nameZh: null, kind: "CITY", parent: null });

  it("nodes() reads every page, each after the previous page's endCursor", async () => {
    answer = (body) => {
      const after = (body.variables as { after: string | null }).after;
      const page = after === null ? ["A", "B"] : after === "c2" ? ["C"] : [];
      const endCursor = after === null ? "c2" : "c3";
      return {
        body: {
          data: { regions: { totalCount: 3, pageInfo: { hasNextPage: after === null, endCursor }, nodes: page.map(region) } },
        },
      };
    };
    const codes: string[] = [];
    for await (const r of nodes(client(), ClientRegionsDocument, { first: 2 }, (d) => d.regions)) codes.push(r.code);
    expect(codes).toEqual(["A", "B", "C"]);
    expect(seen.map((s) => s.body.variables)).toEqual([
      { first: 2, after: null },
      { first: 2, after: "c2" },
    ]);
  });

  /** A feed of `total` changes, cursors `s<seq>`, that grows by `grow` changes once polled at its end. */
  function feed(total: number, grow = 0) {
    let size = total;
    return (body: Record<string, unknown>) => {
      if (body.operationName === "ClientFeedPosition")
        return { body: { data: { graphChangesEnd: size > 0 ? `s${size}` : null } } };
      const variables = body.variables as { after: string | null; first?: number };
      const first = variables.first ?? 100;
      const from = variables.after === null ? 0 : Number(variables.after.slice(1));
      const seqs = Array.from({ length: Math.max(0, Math.min(first, size - from)) }, (_, i) => from + i + 1);
      if (seqs.length === 0) size += grow;
      const change = (seq: number) => ({
        seq,
        at: "",
        operation: "upsertEnterprises",
        element: `Enterprise:E${seq}`,
        subjects: [],
        year: null,
        after: null,
      });
      const pageInfo = { hasNextPage: from + seqs.length < size, endCursor: seqs.length ? `s${seqs.at(-1)}` : null };
      return { body: { data: { graphChanges: { pageInfo, nodes: seqs.map(change) } } } };
    };
  }

  it("feedPosition() asks where the feed ends, in one request; null for an empty feed", async () => {
    answer = feed(2500);
    expect(await feedPosition(client())).toBe("s2500");
    expect(seen).toHaveLength(1);
    answer = feed(0);
    expect(await feedPosition(client())).toBeNull();
  });

  it("changes() yields batches with the position after each; it stops at the end, or polls until aborted", async () => {
    answer = feed(5);
    const batches = [];
    for await (const batch of changes(client(), { after: "s1", pageSize: 3, follow: false })) batches.push(batch);
    expect(batches.map((b) => [b.changes.map((c) => c.seq), b.position])).toEqual([
      [[2, 3, 4], "s4"],
      [[5], "s5"],
    ]);

    answer = feed(2, 2);
    const stop = new AbortController();
    const followed: number[] = [];
    for await (const batch of changes(client(), { after: null, pollIntervalMs: 10, signal: stop.signal })) {
      followed.push(...batch.changes.map((c) => c.seq));
      if (followed.length >= 6) stop.abort();
    }
    expect(followed).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.some((s) => s.body.documentId === `sha256:${idOf(ClientGraphChangesDocument)}`)).toBe(true);
  });
});

describe("Retry-After and backoff", () => {
  it("reads delay-seconds and HTTP dates", () => {
    const now = Date.parse("2026-12-04T12:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Fri, 04 Dec 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Fri, 04 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });

  it("doubles the wait, half of it random, up to maxDelayMs, and stops after the last attempt", () => {
    const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 300 };
    expect([1, 2, 3].map((a) => retryDelay(policy, a, undefined, () => 1))).toEqual([100, 200, 300]);
    expect([1, 2, 3].map((a) => retryDelay(policy, a, undefined, () => 0))).toEqual([50, 100, 150]);
    expect(retryDelay(policy, 4, undefined)).toBeUndefined();
    expect(retryDelay(policy, 1, 250)).toBe(250);
    expect(retryDelay(policy, 1, 301)).toBeUndefined();
  });
});

describe("the client's codes", () => {
  it("name every code the service answers /graphql with (the client's copy cannot import the service)", () => {
    // APP_NOT_BUILT answers only the app's own routes, never /graphql.
    const answered = Object.values(ServiceCode).filter((c) => c !== "APP_NOT_BUILT");
    expect(Object.values(ClientCode)).toEqual(expect.arrayContaining(answered));
  });
});
