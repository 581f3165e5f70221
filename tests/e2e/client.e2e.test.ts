import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse, print } from "graphql";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ApiKeyStore } from "../../src/auth/keys.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { EnterpriseMirror, type EnterpriseRecord } from "../../clients/typescript/examples/enterprise-mirror.js";
import {
  ChainKgClient,
  ChainKgError,
  ClientEnterpriseDocument,
  ClientRegionsDocument,
  ClientShortBoardsDocument,
  feedPosition,
} from "../../clients/typescript/src/index.js";
import * as generated from "../../clients/typescript/src/generated/graphql.js";
import { setupGraph } from "../support/graph.js";
import { startService, type Service } from "../support/service.js";

/**
 * The typed client (clients/typescript) and its example, the enterprise mirror, against the real
 * service on the Shandong graph (108 enterprises): one service with PERSISTED_OPERATIONS=only, which
 * the mirror reads by id alone, and one without a manifest, through which an editor makes the
 * mutations (they are not persisted operations: the client offers reads only).
 */
const g = setupGraph(SHANDONG_SEED);
const FOLLOW = { timeout: 30_000, interval: 200 };

interface Firm {
  code: string;
  name: string | null;
  nameZh: string | null;
  city: string;
  cluster: string | null;
  products: string[];
}

/** Every enterprise as the graph holds it, read with Cypher (the Shandong graph has no years). */
async function graphEnterprises(): Promise<Firm[]> {
  return g.executor.read<Firm>(
    "test.client.enterprises",
    `MATCH (e:Enterprise)-[:LOCATED_IN]->(city:Region)
     OPTIONAL MATCH (e)-[:MEMBER_OF]->(cl:Cluster)
     OPTIONAL MATCH (e)-[:PRODUCES]->(p:Product)
     WITH e, city, cl, p ORDER BY p.code
     RETURN e.code AS code, e.name AS name, e.nameZh AS nameZh, city.code AS city, cl.code AS cluster, collect(p.code) AS products
     ORDER BY code`,
  );
}

/** The mirror's copy in the same shape, by code. */
function copyOf(enterprises: Iterable<EnterpriseRecord>): Firm[] {
  return [...enterprises]
    .map((e) => ({
      code: e.code,
      name: e.name,
      nameZh: e.nameZh,
      city: e.city.code,
      cluster: e.cluster?.code ?? null,
      products: e.products.map((p) => p.product.code).sort(),
    }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

const mutation = <R>(source: string) => parse(source) as TypedDocumentNode<R, Record<string, unknown>>;
const UPSERT = mutation<{ upsertEnterprises: { changes: Array<{ seq: number }> } }>(
  `mutation ClientTestUpsert($input: [EnterpriseInput!]!) { upsertEnterprises(input: $input) { changes { seq } } }`,
);
const PRODUCES = mutation<{ setProduces: { changes: Array<{ seq: number }> } }>(
  `mutation ClientTestProduces($input: [ProducesInput!]!) { setProduces(input: $input) { changes { seq } } }`,
);
const CLOSE = mutation<{ closeEnterprises: { changes: Array<{ seq: number }> } }>(
  `mutation ClientTestClose($codes: [String!]!) { closeEnterprises(codes: $codes, year: 2024) { changes { seq } } }`,
);

describe("the typed client and the enterprise mirror against the real service", () => {
  let only: Service | undefined;
  let open: Service | undefined;
  let editorKey: string;
  let readerKey: string;
  /** Every body the mirror's client sent. */
  const sent: Array<Record<string, unknown>> = [];
  const recording: typeof fetch = (input, init) => {
    sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return fetch(input, init);
  };

  beforeAll(async () => {
    const keys = new ApiKeyStore(g.executor);
    editorKey = (await keys.createKey({ name: "client-editor", role: "editor" })).key;
    readerKey = (await keys.createKey({ name: "client-reader", role: "reader" })).key;
    const env = {
      NEO4J_URI: inject("neo4jUri"),
      NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD ?? "",
      SEED: "none",
      LOG_LEVEL: "warn",
      RATE_LIMIT_POINTS: "0",
    };
    [only, open] = await Promise.all([startService({ ...env, PERSISTED_OPERATIONS: "only" }), startService(env)]);
  });
  afterAll(async () => {
    await Promise.all([only?.stop(), open?.stop()]);
  });

  it("keeps a copy of every enterprise: a snapshot, then the changes made through the API as it follows the feed", async () => {
    const reader = new ChainKgClient({ endpoint: `${only!.url}/graphql`, apiKey: readerKey, send: "id", fetch: recording });
    const mirror = new EnterpriseMirror(reader);
    await mirror.snapshot();
    const before = await graphEnterprises();
    expect(before).toHaveLength(108);
    expect(copyOf(mirror.enterprises.values())).toEqual(before);
    // Every request went by id alone: the service runs only its manifest.
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const body of sent) {
      expect(body.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(body.query).toBeUndefined();
    }

    const stop = new AbortController();
    const following = mirror.follow({ pollIntervalMs: 100, signal: stop.signal });
    try {
      const editor = new ChainKgClient({ endpoint: `${open!.url}/graphql`, apiKey: editorKey, send: "document" });
      // E-SINOTRUK is in Jinan and in no cluster; E-INSPUR-EI is the first in a cluster.
      const added = await editor.request(UPSERT, {
        input: [{ code: "E-CLIENT-NEW", name: "Client Test Co.", nameZh: "客户端测试公司", city: "SD-QINGDAO" }],
      });
      const makes = await editor.request(PRODUCES, {
        input: [{ enterprise: "E-CLIENT-NEW", product: "BD-SERVER", capacity: 7 }],
      });
      const moved = await editor.request(UPSERT, { input: [{ code: "E-SINOTRUK", city: "SD-YANTAI" }] });
      const closed = await editor.request(CLOSE, { codes: ["E-BOND"] });
      const last = Math.max(
        ...[added.upsertEnterprises, makes.setProduces, moved.upsertEnterprises, closed.closeEnterprises].flatMap((p) =>
          p.changes.map((c) => c.seq),
        ),
      );
      await expect.poll(() => mirror.seq ?? 0, FOLLOW).toBeGreaterThanOrEqual(last);

      const after = await graphEnterprises();
      expect(after).toHaveLength(108);
      expect(copyOf(mirror.enterprises.values())).toEqual(after);
      expect(mirror.enterprises.get("E-CLIENT-NEW")).toMatchObject({
        nameZh: "客户端测试公司",
        city: { code: "SD-QINGDAO" },
        products: [{ capacity: 7, product: { code: "BD-SERVER" } }],
      });
      expect(mirror.enterprises.get("E-SINOTRUK")!.city.code).toBe("SD-YANTAI");
      expect(mirror.enterprises.has("E-BOND")).toBe(false);
      // The position the mirror keeps is the feed's end.
      expect(mirror.position).toBe(await feedPosition(reader));
    } finally {
      stop.abort();
      await following;
    }
  });

  it("runs as a program: npm run mirror's script writes the copy to a JSON file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mirror-"));
    try {
      const out = path.join(dir, "enterprises.json");
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "clients/typescript/examples/enterprise-mirror.ts",
          "--url",
          `${only!.url}/graphql`,
          "--out",
          out,
          "--once",
        ],
        { env: { ...process.env, CHAIN_KG_API_KEY: readerKey }, stdio: ["ignore", "ignore", "pipe"] },
      );
      let log = "";
      child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code, log).toBe(0);
      const file = JSON.parse(readFileSync(out, "utf8")) as { position: string | null; enterprises: EnterpriseRecord[] };
      expect(copyOf(file.enterprises)).toEqual(await graphEnterprises());
      expect(file.position).not.toBeNull();
      expect(log).toContain('"msg":"snapshot"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers typed errors with their codes", async () => {
    const endpoint = `${only!.url}/graphql`;
    const unknownKey = new ChainKgClient({ endpoint, apiKey: `ckg_0123456789abcdef_${"x".repeat(43)}` });
    const unauthenticated = await unknownKey.request(ClientRegionsDocument).catch((e: unknown) => e);
    expect(unauthenticated).toBeInstanceOf(ChainKgError);
    expect(unauthenticated).toMatchObject({ code: "UNAUTHENTICATED", status: 401, retryable: false });

    const reader = new ChainKgClient({ endpoint, apiKey: readerKey });
    const bad = await reader.request(ClientRegionsDocument, { first: 1000 }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "BAD_USER_INPUT", retryable: false });

    // A document outside the manifest: refused, by id and by text.
    const notPersisted = await reader.request(UPSERT, { input: [] }).catch((e: unknown) => e);
    expect(notPersisted).toMatchObject({ code: "PERSISTED_OPERATION_NOT_FOUND", status: 400 });

    // A typed read of an analysis, by id.
    const { shortBoards } = await reader.request(ClientShortBoardsDocument, {
      chain: "BIGDATA",
      scope: { region: "SD-JINAN" },
      first: 3,
    });
    expect(shortBoards.length).toBeGreaterThan(0);
  });

  it("every client document answers without errors, by id, the same planned as level by level", async () => {
    const reader = new ChainKgClient({ endpoint: `${only!.url}/graphql`, apiKey: readerKey, send: "id" });
    const scope = { region: "SD-JINAN" };
    const cases: Array<[TypedDocumentNode<unknown, never>, Record<string, unknown>]> = [
      [generated.ClientEnterpriseDocument, { code: "E-INSPUR-EI" }],
      [generated.ClientEnterprisesDocument, { first: 5, filter: { region: "SD-JINAN", chain: "BIGDATA" } }],
      [generated.ClientProductsDocument, { first: 5, filter: { chain: "BIGDATA" } }],
      [generated.ClientRegionsDocument, { filter: { kind: "CITY" } }],
      [generated.ClientShortBoardsDocument, { chain: "BIGDATA", scope, lang: "ZH" }],
      [generated.ClientMissingSuppliersDocument, { chain: "BIGDATA", scope: { region: "SD-QINGDAO" } }],
      [generated.ClientTargetFirmsDocument, { chain: "BIGDATA", scope }],
      [generated.ClientGraphChangesDocument, { first: 5 }],
      [generated.ClientFeedPositionDocument, {}],
    ];
    const documents = Object.keys(generated).filter((name) => name.endsWith("Document"));
    expect(cases).toHaveLength(documents.length);
    for (const [document, variables] of cases) {
      const name = (document.definitions[0] as { name: { value: string } }).name.value;
      const served = await reader.request(document, variables as never);
      const levels = await g.query(print(document), variables, { planner: false });
      expect(levels.errors, name).toBeUndefined();
      expect(served, name).toEqual(levels.data);
    }
  });

  it("falls back to the document's text on a service without a manifest, and remembers to", async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const client = new ChainKgClient({
      endpoint: `${open!.url}/graphql`,
      fetch: (input, init) => {
        bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
        return fetch(input, init);
      },
    });
    const first = await client.request(ClientEnterpriseDocument, { code: "E-INSPUR-EI" });
    const second = await client.request(ClientEnterpriseDocument, { code: "E-INSPUR-EI" });
    expect(first.enterprise?.city.code).toBe("SD-JINAN");
    expect(second).toEqual(first);
    expect(bodies.map((b) => ("documentId" in b ? "id" : "text"))).toEqual(["id", "text", "text"]);
  });
});
