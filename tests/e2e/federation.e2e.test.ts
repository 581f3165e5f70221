import { readFileSync } from "node:fs";
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, type ApolloServerOptionsWithGateway, type BaseContext } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import neo4j from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../src/graph/db/local-neo4j.js";
import { pathHolds } from "../../src/graph/import/years.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { setupGraph } from "../support/graph.js";
import { serveApp } from "../support/serve.js";
import { startService, type Service } from "../support/service.js";

/**
 * FEDERATION=on (README, "Federation"): the real service (`node --import tsx src/main.ts`) on the
 * Shandong graph, composed through @apollo/gateway with a small "investment" subgraph of promotion
 * leads, which extends Enterprise by code with `promotionLeads` and names our Enterprise and Region in
 * its own type. Queries cross both ways, and the answers are checked against the graph.
 */
const g = setupGraph(SHANDONG_SEED);

interface Firm {
  code: string;
  name: string;
  city: string;
  cityName: string;
}

interface Body<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: { cost?: { requested: number; actual: number; limit: number }; rateLimit?: { cost: number } };
}

async function post<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<{ status: number; body: Body<T> }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: res.status, body: (await res.json()) as Body<T> };
}

/** The investment team's subgraph: promotion leads (招商线索) on firms and the cities that court them. */
const INVESTMENT_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Enterprise @key(fields: "code") {
    code: String!
    "The leads the investment team follows on this firm."
    promotionLeads: [PromotionLead!]!
  }

  type Region @key(fields: "code", resolvable: false) {
    code: String!
  }

  type PromotionLead {
    id: ID!
    officer: String!
    stage: String!
    enterprise: Enterprise
    "The city courting the firm."
    courtedBy: Region!
  }

  type Query {
    promotionLeads(first: Int = 100): [PromotionLead!]!
  }
`;

interface Lead {
  id: string;
  officer: string;
  stage: string;
  enterprise: string;
  courtedBy: string;
}

async function startInvestment(leads: Lead[]) {
  const record = (lead: Lead) => ({ ...lead, enterprise: { code: lead.enterprise }, courtedBy: { code: lead.courtedBy } });
  const schema = buildSubgraphSchema({
    typeDefs: parse(INVESTMENT_SDL),
    resolvers: {
      Query: { promotionLeads: (_: unknown, { first }: { first: number }) => leads.slice(0, first).map(record) },
      Enterprise: {
        __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
        promotionLeads: (firm: { code: string }) => leads.filter((l) => l.enterprise === firm.code).map(record),
      },
    },
  });
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: await freePort(), host: "127.0.0.1" } });
  return { server, url };
}

/** Each request's database round trips, from the service's log lines ("graphql request", dbQueries), by operation. */
function roundTrips(service: Service, operation: RegExp): number[] {
  return service
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes('"graphql request"'))
    .map((line) => JSON.parse(line) as { operation?: string; dbQueries: number })
    .filter((entry) => entry.operation !== undefined && operation.test(entry.operation))
    .map((entry) => entry.dbQueries);
}

describe("the service as an Apollo Federation 2 subgraph (FEDERATION=on)", () => {
  let service: Service | undefined;
  let investment: Awaited<ReturnType<typeof startInvestment>> | undefined;
  let gateway: ApolloServer | undefined;
  let gatewayUrl = "";
  let metricsUrl = "";
  let firms: Firm[] = [];
  let leads: Lead[] = [];
  const subgraph = () => `${service!.url}/graphql`;

  beforeAll(async () => {
    // 50 firms with their cities as they hold in the latest year the graph holds.
    const year = (await g.executor.heldYears()).at(-1);
    firms = await g.executor.read<Firm>(
      "test",
      `MATCH y = (e:Enterprise)-[:LOCATED_IN]->(c:Region) WHERE ${pathHolds("y")}
       RETURN e.code AS code, e.name AS name, c.code AS city, c.name AS cityName ORDER BY code LIMIT 50`,
      { year: year === undefined ? null : neo4j.int(year) },
    );
    leads = firms.map((f, i) => ({
      id: `L${i}`,
      officer: `officer ${i % 3}`,
      stage: i % 2 ? "VISITED" : "CONTACTED",
      enterprise: f.code,
      courtedBy: "SD-JINAN",
    }));
    leads.push({ id: "L-NOPE", officer: "officer 0", stage: "CONTACTED", enterprise: "E-NO-SUCH-FIRM", courtedBy: "SD-QINGDAO" });
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    [service, investment] = await Promise.all([
      startService(
        {
          NEO4J_URI: inject("neo4jUri"),
          NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD ?? "",
          SEED: "none",
          LOG_LEVEL: "info",
          FEDERATION: "on",
          METRICS_PORT: String(metricsPort),
        },
        170_000,
      ),
      startInvestment(leads),
    ]);
    const supergraph = new ApolloGateway({
      supergraphSdl: new IntrospectAndCompose({
        subgraphs: [
          { name: "chain-kg", url: subgraph() },
          { name: "investment", url: investment.url },
        ],
      }),
      // The gateway passes the caller's credentials on, so the subgraph's roles and rate limits see the caller.
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<{ authorization?: string }>({
          url,
          willSendRequest({ request, context }) {
            if (context.authorization) request.http?.headers.set("authorization", context.authorization);
          },
        }),
    });
    // Apollo Server 5 types the gateway against @apollo/server-gateway-interface 2, @apollo/gateway 2.14 against 1;
    // the calls they make of each other are the same.
    gateway = new ApolloServer({ gateway: supergraph as unknown as ApolloServerOptionsWithGateway<BaseContext>["gateway"] });
    const started = await startStandaloneServer(gateway, {
      listen: { port: await freePort(), host: "127.0.0.1" },
      context: async ({ req }) => (req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    gatewayUrl = started.url;
  }, 240_000);

  afterAll(async () => {
    await gateway?.stop();
    await investment?.server.stop();
    await service?.stop();
  });

  it("answers `_service { sdl }` with the committed schema.subgraph.graphql", async () => {
    const { body } = await post<{ _service: { sdl: string } }>(subgraph(), "{ _service { sdl } }");
    expect(body.errors).toBeUndefined();
    expect(body.data!._service.sdl).toBe(readFileSync("schema.subgraph.graphql", "utf8"));
  });

  it("reaches our firms and cities through the investment subgraph's references", async () => {
    const { body } = await post<{
      promotionLeads: Array<{
        id: string;
        enterprise: { code: string; name: string; city: { code: string; name: string } } | null;
        courtedBy: { nameZh: string; kind: string };
      }>;
    }>(
      gatewayUrl,
      `query Leads { promotionLeads(first: 50) { id enterprise { code name city { code name } } courtedBy { nameZh kind } } }`,
      undefined,
      "Leads",
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const got = body.data!.promotionLeads;
    expect(got).toHaveLength(50);
    expect(got.map((l) => l.enterprise)).toEqual(
      firms.map((f) => ({ code: f.code, name: f.name, city: { code: f.city, name: f.cityName } })),
    );
    expect(new Set(got.map((l) => JSON.stringify(l.courtedBy)))).toEqual(
      new Set([JSON.stringify({ nameZh: "济南市", kind: "CITY" })]),
    );
  });

  it("reads a list of 50 enterprise representations in two round trips: the lookup, then their cities", async () => {
    // The gateway's fetch from our subgraph is named after the client's operation (Leads__chain_kg__1).
    const fetches = roundTrips(service!, /^Leads__chain_kg__/);
    expect(fetches.length, service!.output().slice(-3_000)).toBeGreaterThanOrEqual(1);
    // One `_entities` fetch of 50 Enterprises and the Region: a root statement per type, run together, then the cities.
    expect(Math.max(...fetches)).toBeLessThanOrEqual(3);
    // The same read straight from the subgraph: one representation or fifty, the same round trips.
    const document = `query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { code name city { code name } } } }`;
    const reps = (n: number) => firms.slice(0, n).map((f) => ({ __typename: "Enterprise", code: f.code }));
    for (const n of [1, 50]) {
      const { body } = await post<{ _entities: unknown[] }>(subgraph(), document, { r: reps(n) }, "Entities");
      expect(body.errors).toBeUndefined();
      expect(body.data!._entities).toEqual(
        firms.slice(0, n).map((f) => ({ code: f.code, name: f.name, city: { code: f.city, name: f.cityName } })),
      );
      // Representations × selection: each enterprise one node, its city none (as for `enterprise(code:)`).
      expect(body.extensions?.cost).toMatchObject({ requested: n, actual: n });
      expect(body.extensions?.rateLimit?.cost).toBe(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(roundTrips(service!, /^Entities$/)).toEqual([2, 2]);
  });

  it("reaches the investment subgraph's leads from our enterprises", async () => {
    const jinanFirms = firms.filter((f) => f.city === "SD-JINAN").slice(0, 3);
    expect(jinanFirms.length).toBeGreaterThan(0);
    const { body } = await post<{
      enterprise: { name: string; promotionLeads: Array<{ id: string; stage: string; courtedBy: { code: string } }> };
      region: { enterprises: { nodes: Array<{ code: string; promotionLeads: Array<{ id: string }> }> } };
    }>(
      gatewayUrl,
      `query Firm($code: String!) {
        enterprise(code: $code) { name promotionLeads { id stage courtedBy { code } } }
        region(code: "SD-JINAN") { enterprises(first: 100) { nodes { code promotionLeads { id } } } }
      }`,
      { code: jinanFirms[0]!.code },
      "Firm",
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const lead = leads.find((l) => l.enterprise === jinanFirms[0]!.code)!;
    expect(body.data!.enterprise).toEqual({
      name: jinanFirms[0]!.name,
      promotionLeads: [{ id: lead.id, stage: lead.stage, courtedBy: { code: "SD-JINAN" } }],
    });
    const nodes = body.data!.region.enterprises.nodes;
    for (const f of jinanFirms) {
      const node = nodes.find((n) => n.code === f.code);
      expect(node, f.code).toBeDefined();
      expect(node!.promotionLeads.map((l) => l.id)).toEqual(leads.filter((l) => l.enterprise === f.code).map((l) => l.id));
    }
    // Firms of Jinan without a lead have none.
    expect(nodes.filter((n) => !firms.some((f) => f.code === n.code)).every((n) => n.promotionLeads.length === 0)).toBe(true);
  });

  it("answers null for an unknown code, and an error for a type that is no entity of ours", async () => {
    const { body } = await post<{ _entities: unknown[] }>(
      subgraph(),
      `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Enterprise { code name } ... on Region { code nameZh } } }`,
      {
        r: [
          { __typename: "Enterprise", code: "E-NO-SUCH-FIRM" },
          { __typename: "Region", code: "SD-JINAN" },
          { __typename: "Region", code: "NOWHERE" },
        ],
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toEqual([null, { __typename: "Region", code: "SD-JINAN", nameZh: "济南市" }, null]);
    const bad = await post<{ _entities: unknown[] }>(
      subgraph(),
      `{ _entities(representations: [{__typename: "Plan", code: "X"}, {__typename: "Region", code: "SD-JINAN"}, {__typename: "Region"}]) { ... on Region { code } } }`,
    );
    expect(bad.body.data!._entities).toEqual([null, { code: "SD-JINAN" }, null]);
    expect(bad.body.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT"]);
  });

  it("refuses `_entities` whose representations times selection exceed MAX_QUERY_NODES, before any statement", async () => {
    const regions = Array.from({ length: 50 }, () => ({ __typename: "Region", code: "SD-JINAN" }));
    const { status, body } = await post(
      subgraph(),
      `query Costly($r: [_Any!]!) { _entities(representations: $r) { ... on Region { enterprises(first: 100) { nodes { suppliers(first: 100) { nodes { volume } } } } } } }`,
      { r: regions },
      "Costly",
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    expect(body.extensions?.cost?.requested).toBe(50 * (1 + 100 + 100 * 100));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(roundTrips(service!, /^Costly$/)).toEqual([0]);
  });

  it("keeps roles: through the gateway an anonymous caller may not read a firm's history", async () => {
    const { body } = await post(gatewayUrl, `{ enterprise(code: "${firms[0]!.code}") { name history(first: 1) { operation } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("counts the gateway's fetches in the metrics, by operation", async () => {
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/^graphql_requests_total\{operation="Leads__chain_kg__\d+",code="OK"\} [1-9]/m);
    expect(text).toMatch(/^graphql_refusals_total\{code="QUERY_TOO_COSTLY"\} [1-9]/m);
  });
});

describe("without FEDERATION", () => {
  it("has neither `_entities` nor `_service`", async () => {
    const server = await serveApp({ executor: g.executor });
    try {
      for (const query of ["{ _service { sdl } }", `{ _entities(representations: []) { __typename } }`]) {
        const { status, body } = await post(`${server.url}/graphql`, query);
        expect(status, query).toBe(400);
        expect(body.errors?.[0]?.extensions?.code, query).toBe("GRAPHQL_VALIDATION_FAILED");
      }
    } finally {
      await server.close();
    }
  });
});
