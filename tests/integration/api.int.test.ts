import { describe, expect, it } from "vitest";
import { setupGraph } from "../support/graph.js";

const g = setupGraph("tests/fixtures/mini");

type Codes = { nodes: Array<{ code: string }> };
const codes = (c: Codes) => c.nodes.map((n) => n.code);

describe("GraphQL API on the mini fixture (answers in tests/fixtures/mini/README.md)", () => {
  it("lists regions by kind, parent and text, with connections", async () => {
    const { data, errors } = await g.query<{ cities: Codes & { totalCount: number }; inCA: Codes; zh: Codes; within: Codes }>(`{
      cities: regions(filter: {kind: CITY}) { totalCount nodes { code } }
      inCA: regions(filter: {parent: "CA"}) { nodes { code } }
      zh: regions(filter: {text: "济南"}) { nodes { code } }
      within: regions(filter: {within: "P", kind: CITY}) { nodes { code } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.cities.totalCount).toBe(3);
    expect(codes(data!.cities)).toEqual(["X", "Y", "Z"]);
    expect(codes(data!.inCA)).toEqual(["X", "Y"]);
    expect(codes(data!.zh)).toEqual(["X"]);
    expect(codes(data!.within)).toEqual(["X", "Y", "Z"]);
  });

  it("filters enterprises by region subtree, chain, cluster, product and text (either language, any case)", async () => {
    const { data, errors } = await g.query<Record<string, Codes & { totalCount: number }>>(`{
      ca: enterprises(filter: {region: "CA"}) { totalCount nodes { code } }
      p: enterprises(filter: {region: "P"}) { totalCount nodes { code } }
      hw: enterprises(filter: {chain: "HW"}) { nodes { code } }
      k1: enterprises(filter: {cluster: "K1"}) { nodes { code } }
      chip: enterprises(filter: {product: "CHIP"}) { nodes { code } }
      cloud: enterprises(filter: {text: "CLOUD"}) { nodes { code } }
      zh: enterprises(filter: {text: "芯片"}) { nodes { code } }
      both: enterprises(filter: {region: "CA", chain: "HW"}) { nodes { code } }
    }`);
    expect(errors).toBeUndefined();
    expect(codes(data!.ca!)).toEqual(["E1", "E2", "E3", "E5"]);
    expect(data!.ca!.totalCount).toBe(4);
    expect(data!.p!.totalCount).toBe(5);
    expect(codes(data!.hw!)).toEqual(["E1", "E3", "E5"]);
    expect(codes(data!.k1!)).toEqual(["E1", "E2"]);
    expect(codes(data!.chip!)).toEqual(["E3", "E5"]);
    expect(codes(data!.cloud!)).toEqual(["E2"]);
    expect(codes(data!.zh!)).toEqual(["E3"]);
    expect(codes(data!.both!)).toEqual(["E1", "E3", "E5"]);
  });

  it("resolves object fields: products, inputs, usedBy, producers, suppliers, customers, cluster, city", async () => {
    const { data, errors } = await g.query<{
      product: { chain: { code: string }; inputs: Array<{ code: string }>; usedBy: Array<{ code: string }>; producers: Codes };
      chip: { usedBy: Array<{ code: string }> };
      enterprise: {
        city: { code: string; parent: { code: string } };
        cluster: { code: string; focus: Array<{ code: string }> };
        products: Array<{ product: { code: string }; capacity: number | null }>;
        suppliers: { nodes: Array<{ supplier: { code: string }; product: { code: string }; volume: number }> };
        customers: { nodes: Array<{ customer: { code: string }; volume: number }> };
        attributes: Array<{ key: string; value: string }>;
      };
    }>(`{
      product(code: "SERVER") { chain { code } inputs { code } usedBy { code } producers { nodes { code } } }
      chip: product(code: "CHIP") { usedBy { code } }
      enterprise(code: "E1") {
        city { code parent { code } }
        cluster { code focus { code } }
        products { product { code } capacity }
        suppliers { nodes { supplier { code } product { code } volume } }
        customers { nodes { customer { code } volume } }
        attributes { key value }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.product).toEqual({
      chain: { code: "HW" },
      inputs: [{ code: "CHIP" }],
      usedBy: [{ code: "DC" }],
      producers: { nodes: [{ code: "E1" }, { code: "E5" }] },
    });
    expect(data!.chip.usedBy).toEqual([{ code: "APP" }, { code: "SERVER" }]);
    const e1 = data!.enterprise;
    expect(e1.city).toEqual({ code: "X", parent: { code: "CA" } });
    expect(e1.cluster).toEqual({ code: "K1", focus: [{ code: "DATA" }, { code: "HW" }] });
    expect(e1.products).toEqual([{ product: { code: "SERVER" }, capacity: 5000 }]);
    expect(e1.suppliers.nodes).toEqual([
      { supplier: { code: "E3" }, product: { code: "CHIP" }, volume: 40000 },
      { supplier: { code: "E5" }, product: { code: "CHIP" }, volume: 1000 },
    ]);
    expect(e1.customers.nodes).toEqual([{ customer: { code: "E2" }, volume: 300 }]);
    expect(e1.attributes).toEqual([
      { key: "employees", value: "1200" },
      { key: "uscc", value: "91370100MA0001" },
    ]);
  });

  it("counts nested connections, with and without a page of items", async () => {
    const { data, errors } = await g.query<{
      product: { producers: { totalCount: number; nodes: Array<{ code: string }> } };
      enterprise: { suppliers: { totalCount: number }; customers: { totalCount: number; nodes: unknown[] } };
      region: { enterprises: { totalCount: number } };
      chain: { products: { totalCount: number } };
    }>(`{
      product(code: "SERVER") { producers(first: 1) { totalCount nodes { code } } }
      enterprise(code: "E1") { suppliers { totalCount } customers(first: 1) { totalCount nodes { product { code } } } }
      region(code: "CA") { enterprises { totalCount } }
      chain(code: "DATA") { products(stage: DOWNSTREAM) { totalCount } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.product.producers).toEqual({ totalCount: 2, nodes: [{ code: "E1" }] });
    expect(data!.enterprise.suppliers.totalCount).toBe(2);
    expect(data!.enterprise.customers.totalCount).toBe(1);
    expect(data!.region.enterprises.totalCount).toBe(4);
    expect(data!.chain.products.totalCount).toBe(2);
  });

  it("pages with cursors: first, after, pageInfo, edges", async () => {
    const first = await g.query<{
      enterprises: {
        edges: Array<{ cursor: string; node: { code: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(`{ enterprises(first: 2) { edges { cursor node { code } } pageInfo { hasNextPage endCursor } } }`);
    const page1 = first.data!.enterprises;
    expect(page1.edges.map((e) => e.node.code)).toEqual(["E1", "E2"]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const rest = await g.query<{ enterprises: Codes & { pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean } } }>(
      `query($after: String) { enterprises(first: 10, after: $after) { nodes { code } pageInfo { hasNextPage hasPreviousPage } } }`,
      { after: page1.pageInfo.endCursor },
    );
    expect(codes(rest.data!.enterprises)).toEqual(["E3", "E4", "E5"]);
    expect(rest.data!.enterprises.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it("resolves node(id) for every kind and returns null for unknown codes and ids", async () => {
    const { data } = await g.query<{ enterprise: { id: string }; region: { id: string }; unknown: null; product: null }>(
      `{ enterprise(code: "E1") { id } region(code: "X") { id } unknown: enterprise(code: "NOPE") { id } product(code: "NOPE") { code } }`,
    );
    expect(data!.unknown).toBeNull();
    expect(data!.product).toBeNull();
    const nodes = await g.query<{ a: { __typename: string; code: string }; b: { code: string }; c: null }>(
      `query($a: ID!, $b: ID!) { a: node(id: $a) { __typename ... on Enterprise { code } } b: node(id: $b) { ... on Region { code } } c: node(id: "bm9wZQ") { id } }`,
      { a: data!.enterprise.id, b: data!.region.id },
    );
    expect(nodes.data).toEqual({ a: { __typename: "Enterprise", code: "E1" }, b: { code: "X" }, c: null });
  });

  it("searches names in full text, Chinese and English", async () => {
    const { data } = await g.query<{
      zh: Array<{ node: { code: string } }>;
      en: Array<{ node: { __typename: string; code: string } }>;
    }>(`{ zh: search(text: "济南") { node { code } } en: search(text: "servers") { node { __typename code } } }`);
    expect(data!.zh[0]!.node.code).toBe("X");
    expect(data!.en[0]!.node).toEqual({ __typename: "Enterprise", code: "E1" });
  });

  it("refuses bad arguments with BAD_USER_INPUT", async () => {
    const tooMany = await g.query(`{ enterprises(first: 101) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const zero = await g.query(`{ regions(first: 0) { totalCount } }`);
    expect(zero.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const cursor = await g.query(`{ regions(after: "nonsense") { totalCount } }`);
    expect(cursor.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const longText = await g.query(`query($t: String) { products(filter: {text: $t}) { totalCount } }`, { t: "x".repeat(101) });
    expect(longText.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("shows plans with their targets, tasks and what they concern", async () => {
    const { data, errors } = await g.query<{
      plan: {
        region: { code: string };
        items: Array<{ code: string; kind: string; targetValue: number | null; chains: Array<{ code: string }> }>;
      };
    }>(`{ plan(code: "PL") { region { code } items { code kind targetValue chains { code } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.plan.region.code).toBe("P");
    expect(data!.plan.items).toEqual([
      { code: "PL-K1", kind: "TASK", targetValue: null, chains: [{ code: "DATA" }, { code: "HW" }] },
      { code: "PL-T1", kind: "TARGET", targetValue: 300000000000, chains: [{ code: "DATA" }] },
    ]);
  });
});
