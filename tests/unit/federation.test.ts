import "reflect-metadata";
import { readFileSync } from "node:fs";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type GraphQLUnionType } from "graphql";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { actualNodes, requestedNodes } from "../../src/graph/planner/cost.js";
import { declarationOf } from "../../src/graph/planner/declarations.js";
import { explainRead } from "../../src/graph/planner/explain.js";
import { buildGraphSchema, buildSubgraphGraphSchema, printSubgraphGraphSchema } from "../../src/schema/build.js";
import { keyedTypes } from "../../src/schema/federation.js";

/** The five entity types other subgraphs may reference, each by its code. */
const ENTITIES = ["Cluster", "Enterprise", "IndustryChain", "Product", "Region"];

const representations = (typename: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ __typename: typename, code: `${typename[0]}${i}` }));

const ENTITIES_DOCUMENT = `query($r: [_Any!]!) { _entities(representations: $r) {
  __typename
  ... on Enterprise { code name city { code name } }
  ... on Region { code children { code } }
} }`;

describe("the Federation 2 subgraph (FEDERATION=on)", () => {
  it("schema.subgraph.graphql is what the code emits (run `npm run schema` after an API change)", async () => {
    expect(await printSubgraphGraphSchema()).toBe(readFileSync("schema.subgraph.graphql", "utf8"));
  });

  it("is a valid Federation 2 subgraph whose entities are the five keyed types", async () => {
    const sdl = await printSubgraphGraphSchema();
    expect(sdl.split("\n")[0]).toMatch(/^extend schema @link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    // @apollo/subgraph validates the SDL against the federation spec, as a gateway's composition does.
    const reference = buildSubgraphSchema(parse(sdl));
    const union = reference.getType("_Entity") as GraphQLUnionType;
    expect(union.getTypes().map((t) => t.name)).toEqual(ENTITIES);
    for (const name of ENTITIES) expect(sdl).toContain(`type ${name} implements Entity & Node @key(fields: "code") {`);
    expect(keyedTypes(await buildGraphSchema()).map((t) => t.name)).toEqual(ENTITIES);
  });

  it("adds `_entities` and `_service` to the same schema, and nothing with FEDERATION off", async () => {
    const plain = await buildGraphSchema();
    const subgraph = await buildSubgraphGraphSchema();
    expect(plain.getQueryType()!.getFields()._entities).toBeUndefined();
    expect(plain.getQueryType()!.getFields()._service).toBeUndefined();
    expect(plain.getType("_Entity")).toBeUndefined();
    const query = subgraph.getQueryType()!.getFields();
    expect(declarationOf(query._entities!)).toEqual({ root: "planned", oneItemPer: "representations" });
    expect(declarationOf(query._service!)?.root).toBe("resolver");
    // The types are the very ones type-graphql built, with their declarations and resolvers.
    expect(subgraph.getType("Enterprise")).toBe(plain.getType("Enterprise"));
    for (const [name, field] of Object.entries(plain.getQueryType()!.getFields())) {
      expect(query[name]!.resolve, name).toBe(field.resolve);
      expect(query[name]!.extensions, name).toEqual(field.extensions);
    }
    // Every other type is the very one type-graphql built; the subgraph adds four of its own.
    const added = Object.keys(subgraph.getTypeMap()).filter((name) => plain.getType(name) !== subgraph.getType(name));
    expect(added.sort()).toEqual(["Query", "_Any", "_Entity", "_Service"]);
    expect(Object.keys(plain.getTypeMap()).every((name) => subgraph.getType(name))).toBe(true);
  });

  it("costs `_entities` as its representations times each one's own selection", async () => {
    const schema = await buildSubgraphGraphSchema();
    const document = parse(ENTITIES_DOCUMENT);
    const cost = (r: unknown[]) => requestedNodes({ schema, document, variables: { r } });
    // An enterprise: itself; its city is one object, which counts nothing (as `enterprise(code:)`'s does).
    expect(await cost(representations("Enterprise", 50))).toBe(50);
    // A region: itself and its children, a list of the declared weight 20.
    expect(await cost(representations("Region", 3))).toBe(3 + 3 * 20);
    expect(await cost([...representations("Enterprise", 10), ...representations("Region", 2)])).toBe(10 + 2 + 2 * 20);
    // A type with no selection here, or none of the subgraph's: one node each.
    expect(await cost(representations("Product", 7))).toBe(7);
    expect(await cost(representations("Nope", 2))).toBe(2);
    expect(await cost([])).toBe(0);
    // The actual count follows the answer.
    const data = {
      _entities: [
        { __typename: "Region", code: "R", children: [{ code: "C1" }, { code: "C2" }] },
        null,
        { __typename: "Enterprise", code: "E", name: "e", city: { code: "C", name: "c" } },
      ],
    };
    expect(actualNodes({ schema, document, variables: { r: [] } }, data)).toBe(3 + 2);
  });

  it("explains `_entities` as a planned read of the representations' types", async () => {
    const schema = await buildSubgraphGraphSchema();
    const [root] = explainRead(schema, parse(ENTITIES_DOCUMENT), { r: representations("Enterprise", 2) });
    expect(root!.field).toBe("_entities");
    expect([...root!.types].sort()).toEqual(ENTITIES);
    expect(root!.steps.map((s) => s.field).sort()).toEqual(["Enterprise.city", "Region.children"]);
  });

  it("is off unless FEDERATION=on, and refuses PERSISTED_OPERATIONS=only beside it", () => {
    expect(loadConfig({}).federation).toBe(false);
    expect(loadConfig({ FEDERATION: "off" }).federation).toBe(false);
    expect(loadConfig({ FEDERATION: "on" }).federation).toBe(true);
    expect(() => loadConfig({ FEDERATION: "yes" })).toThrow(ConfigError);
    expect(() => loadConfig({ FEDERATION: "on", PERSISTED_OPERATIONS: "only" })).toThrow(/safelist operations at the gateway/);
  });
});
