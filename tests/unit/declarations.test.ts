import "reflect-metadata";
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { Label } from "../../src/graph/vocabulary/model.js";
import { countedByWeight, declaredWeight } from "../../src/graph/planner/cost.js";
import { declarationOf, type Declaration } from "../../src/graph/planner/declarations.js";
import { buildGraphSchema } from "../../src/schema/build.js";

type Field = GraphQLField<unknown, unknown>;
/** Whether to read a field as if its declaration were missing: how the tests below remove one. */
type Hide = (parent: GraphQLObjectType, field: Field) => boolean;

const ENTITY_TYPES = new Set<string>(Object.values(Label));

/**
 * What is missing or wrong in the declarations of `schema` (src/schema/declare.ts), one line each:
 * every root Query field says what it is; every field of an analysis result that names entities says
 * how; every list the cost counts by weight (no `first`) has one; and no declaration says what its
 * field is not.
 */
function problems(schema: GraphQLSchema, hide: Hide = () => false): string[] {
  const found: string[] = [];
  const query = schema.getQueryType()!;
  const declared = (parent: GraphQLObjectType, field: Field): Declaration | undefined =>
    hide(parent, field) ? undefined : declarationOf(field);

  // Every root field says what it is.
  for (const field of Object.values(query.getFields())) {
    if (!declared(query, field)?.root) found.push(`Query.${field.name}: no root declaration (planned, analysis or resolver)`);
  }

  // The analysis results: the object types under the root fields that are not planned whole, down to
  // the entities they name (their own fields are graph fields, src/graph/vocabulary/fields.ts).
  const results = new Set<GraphQLObjectType>();
  const visit = (type: unknown) => {
    if (!isObjectType(type) || ENTITY_TYPES.has(type.name) || results.has(type)) return;
    results.add(type);
    for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
  };
  for (const field of Object.values(query.getFields())) {
    if (declarationOf(field)?.root !== "planned") visit(getNamedType(field.type));
  }
  for (const type of results) {
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (ENTITY_TYPES.has(named.name) && !declared(type, field)?.entity) {
        found.push(`${type.name}.${field.name}: names ${named.name} entities but declares no entity`);
      }
    }
  }

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const where = `${type.name}.${field.name}`;
      const weight = hide(type, field) ? undefined : declaredWeight(type, field);
      if (countedByWeight(type, field) && weight === undefined) found.push(`${where}: a list without \`first\` and no weight`);
      const declaration = declared(type, field);
      if (!declaration) continue;
      if (declaration.items !== undefined && !countedByWeight(type, field)) found.push(`${where}: a weight it never counts`);
      if ((declaration.root || declaration.reads !== undefined) && type !== query)
        found.push(`${where}: root facts off the root`);
      const entity = declaration.entity;
      if (!entity) continue;
      const list = isListType(getNullableType(field.type));
      const hasFirst = field.args.some((arg) => arg.name === "first");
      if (entity.label !== getNamedType(field.type).name) found.push(`${where}: declares ${entity.label} entities`);
      if (entity.one === list) found.push(`${where}: declares ${entity.one ? "one entity" : "a list"}, is not`);
      if ((entity.max !== undefined) !== hasFirst) found.push(`${where}: \`first\` and the declared bound disagree`);
    }
  }
  return found;
}

const only =
  (typeName: string, fieldName: string): Hide =>
  (parent, field) =>
    parent.name === typeName && field.name === fieldName;

describe("field declarations", () => {
  it("are complete and true to their fields", async () => {
    expect(problems(await buildGraphSchema())).toEqual([]);
  });

  it("are missed: a root field, an entity field of a result, a list's weight", async () => {
    const schema = await buildGraphSchema();
    expect(problems(schema, only("Query", "chainMap"))).toEqual([
      "Query.chainMap: no root declaration (planned, analysis or resolver)",
    ]);
    expect(problems(schema, only("Query", "apiKeys"))).toEqual([
      "Query.apiKeys: no root declaration (planned, analysis or resolver)",
      "Query.apiKeys: a list without `first` and no weight",
    ]);
    expect(problems(schema, only("ShortBoard", "demanders"))).toEqual([
      "ShortBoard.demanders: names Enterprise entities but declares no entity",
    ]);
    expect(problems(schema, only("LinkChange", "customer"))).toEqual([
      "LinkChange.customer: names Enterprise entities but declares no entity",
    ]);
    expect(problems(schema, only("ChainMap", "products"))).toEqual(["ChainMap.products: a list without `first` and no weight"]);
    expect(problems(schema, only("TargetFirm", "covers"))).toEqual([
      "TargetFirm.covers: names Product entities but declares no entity",
      "TargetFirm.covers: a list without `first` and no weight",
    ]);
  });
});
