import "reflect-metadata";
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { ANALYSIS_WEIGHT, actualNodes, requestedNodes } from "../../src/graph/planner/cost.js";
import { buildGraphSchema } from "../../src/schema/build.js";

const cost = async (source: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  requestedNodes({ schema: await buildGraphSchema(), document: parse(source), variables, operationName });

/** `suppliers(first: 100)` nested `levels` deep under one enterprise. */
function nestedSuppliers(levels: number): string {
  let inner = "volume";
  for (let i = 0; i < levels; i++) inner = `suppliers(first: 100) { nodes { ${i === 0 ? inner : `supplier { ${inner} }`} } }`;
  return `{ enterprise(code: "E") { ${inner} } }`;
}

describe("requested node count (GitHub's rule: the product of `first` along each path, summed)", () => {
  it("multiplies nested connections", async () => {
    expect(await cost(nestedSuppliers(1))).toBe(100);
    expect(await cost(nestedSuppliers(2))).toBe(100 + 100 * 100);
    expect(await cost(nestedSuppliers(4))).toBe(100 + 100 ** 2 + 100 ** 3 + 100 ** 4);
  });

  it("counts edges and nodes of one connection each, and single objects not at all", async () => {
    expect(
      await cost(
        `{ enterprises(first: 7) { totalCount pageInfo { hasNextPage } edges { cursor node { code city { code } } } } }`,
      ),
    ).toBe(7);
    expect(await cost(`{ enterprises(first: 7) { nodes { code } edges { node { code } } } }`)).toBe(14);
    expect(await cost(`{ enterprise(code: "E") { code city { code } cluster { code } attributes { key } } }`)).toBe(0);
  });

  it("counts a mutation's writes per item of its batch, and the entities its payload lists", async () => {
    const links = (n: number) =>
      Array.from({ length: n }, (_, i) => `{supplier: "S${i}", customer: "C", product: "P"}`).join(", ");
    expect(await cost(`mutation { setSupplyLinks(input: [${links(1)}]) { changes { seq } } }`)).toBe(10 + 100);
    expect(await cost(`mutation { setSupplyLinks(input: [${links(5)}]) { changes { seq } } }`)).toBe(5 * 10 + 100);
    expect(
      await cost(`mutation($input: [SupplyLinkInput!]!) { setSupplyLinks(input: $input) { enterprises { code } } }`, {
        input: Array.from({ length: 40 }, (_, i) => ({ supplier: `S${i}`, customer: "C", product: "P" })),
      }),
    ).toBe(40 * 10 + 100);
    expect(await cost(`mutation { closeEnterprises(codes: ["A", "B"], year: 2024) { changes { seq } } }`)).toBe(2 * 10 + 100);
  });

  it("takes defaults, variables, aliases, fragments and @skip into account", async () => {
    expect(await cost(`{ regions { nodes { code } } }`)).toBe(20);
    expect(await cost(`query($n: Int!) { regions(first: $n) { nodes { code } } }`, { n: 3 })).toBe(3);
    const document = `query Q($skip: Boolean!) {
      a: regions(first: 2) { ...R }
      b: regions(first: 3) { nodes @skip(if: $skip) { code } }
    }
    fragment R on RegionConnection { nodes { enterprises(first: 10) { nodes { code } } } }`;
    expect(await cost(document, { skip: false })).toBe(2 + 2 * 10 + 3);
    expect(await cost(document, { skip: true })).toBe(2 + 2 * 10);
  });

  it("counts a list without `first` by its declared weight (Enterprise.products: 10, others 20)", async () => {
    expect(await cost(`{ enterprises(first: 5) { nodes { products { product { inputs { code } } } } } }`)).toBe(
      5 + 5 * 10 + 5 * 10 * 20,
    );
  });

  it("takes the most expensive possible type of an interface", async () => {
    const document = `{ node(id: "x") { ... on Region { children { code } } ... on Enterprise { suppliers(first: 50) { nodes { volume } } } } }`;
    expect(await cost(document)).toBe(50);
  });

  it("adds a fixed weight per analysis, and its lists' items", async () => {
    expect(
      await cost(`{ shortBoards(chain: "C", scope: {region: "R"}, first: 10) { score demanders(first: 30) { code } } }`),
    ).toBe(ANALYSIS_WEIGHT + 10 + 10 * 30);
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: shortBoards(chain: "C", scope: {region: "R"}) { score }`);
    expect(await cost(`{ ${aliases.join(" ")} }`)).toBe(200 * (ANALYSIS_WEIGHT + 20));
  });

  it("picks the named operation", async () => {
    const document = `query A { regions(first: 1) { nodes { code } } } query B { regions(first: 9) { nodes { code } } }`;
    expect(await cost(document, {}, "B")).toBe(9);
  });
});

describe("actual node count", () => {
  it("counts the lists of the answer by the same rule", async () => {
    const schema = await buildGraphSchema();
    const document = parse(
      `{ enterprises(first: 5) { nodes { code products { capacity } } edges { cursor } } n: node(id: "x") { id } }`,
    );
    const data = {
      enterprises: {
        nodes: [
          { code: "A", products: [{ capacity: 1 }, { capacity: 2 }] },
          { code: "B", products: [] },
        ],
        edges: [{ cursor: "c" }],
      },
      n: null,
    };
    expect(actualNodes({ schema, document }, data)).toBe(2 + 2 + 1);
  });
});

describe("monitoring root fields", () => {
  it("count a series by the importer's year range, and planProgress its targets and its read", async () => {
    expect(await cost(`{ indicators(filter: {region: "R", indicator: "I"}) { year value } }`)).toBe(201);
    expect(await cost(`{ planProgress(plan: "P") { onTrack reasons item { code chains { code } } } }`)).toBe(100 + 20 + 20 * 20);
    expect(await cost(`{ planProgress(plan: "P") { series { year } } }`)).toBe(100 + 20 + 20 * 201);
  });
});
