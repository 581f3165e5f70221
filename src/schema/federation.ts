import {
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
  isObjectType,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
  visit,
  type GraphQLFieldConfig,
  type GraphQLResolveInfo,
} from "graphql";
import type { Context } from "../context.js";
import { DECLARED, type Declaration } from "../graph/planner/declarations.js";
import type { Typed } from "./node.interface.js";

/**
 * FEDERATION=on: the service's own schema served as an Apollo Federation 2 subgraph
 * (https://www.apollographql.com/docs/graphos/reference/federation/subgraph-spec).
 *
 * type-graphql's federation example prints its schema with directives and hands the text to
 * `@apollo/subgraph`'s `buildSubgraphSchema`, which builds a second schema from it. That schema would
 * lose what the service keeps on the one type-graphql built: each field's `@Declare` facts in its
 * `extensions` (the cost, the planner, the direct path read them) and the planned-first resolvers
 * src/schema/build.ts installs. So the subgraph here is that very schema with the four things the
 * subgraph specification adds: the scalar `_Any`, the union `_Entity` of the keyed types, the type
 * `_Service`, and the root fields `_entities(representations:)` and `_service`. The keyed types are
 * those marked `@FederatedEntity()` (src/schema/entity-key.ts), so each is declared once, beside its
 * `@ObjectType`. tests/unit/federation.test.ts has `buildSubgraphSchema` check the SDL printed here.
 */

/** The Federation 2 link the subgraph's SDL opens with: the spec version and the one directive it uses. */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])`;

/** How the subgraph's `_entities` is answered: one value (or promise) per representation, or one promise of them all. */
export type EntitiesResolver = (
  representations: ReadonlyArray<Record<string, unknown>>,
  context: Context,
  info: GraphQLResolveInfo,
) => unknown;

/** The object types other subgraphs may reference: those whose type-graphql AST node carries `@key`. */
export function keyedTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => type.astNode?.directives?.some((d) => d.name.value === "key"))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * The subgraph's SDL: the federation link, then `schema` printed with its types and fields sorted (as
 * schema.graphql is), each type with the directives type-graphql put on it (`@key`), which graphql-js'
 * printSchema leaves out. It is what `_service { sdl }` answers and what schema.subgraph.graphql holds.
 */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  const document = visit(parse(printSchema(lexicographicSortSchema(schema))), {
    ObjectTypeDefinition(node) {
      const directives = schema.getType(node.name.value)?.astNode?.directives ?? [];
      return directives.length ? { ...node, directives: [...(node.directives ?? []), ...directives] } : undefined;
    },
  });
  return `${FEDERATION_LINK}\n\n${print(document)}\n`;
}

/** `_Any`: a representation, `{ __typename, code }` here, taken as sent (a variable or a literal). */
const AnyType = new GraphQLScalarType({ name: "_Any" });

const ServiceType = new GraphQLObjectType({
  name: "_Service",
  fields: { sdl: { type: GraphQLString, description: "The subgraph's SDL, with its federation directives." } },
});

/**
 * `schema` as a Federation 2 subgraph: the same types and resolvers, with `_entities` answered by
 * `resolveEntities` and `_service { sdl }` by `printSubgraphSdl`. Declared like every root field
 * (src/graph/planner/declarations.ts): `_entities` is planned, one item per representation, and counts
 * each representation's own selection toward the cost; `_service` is a plain resolver.
 */
export function toSubgraph(schema: GraphQLSchema, resolveEntities: EntitiesResolver): GraphQLSchema {
  const keyed = keyedTypes(schema);
  if (keyed.length === 0) throw new Error("no type is marked @FederatedEntity(): a subgraph needs an entity");
  const query = schema.getQueryType();
  if (!query) throw new Error("the schema has no Query type");
  const sdl = printSubgraphSdl(schema);
  const EntityUnion = new GraphQLUnionType({
    name: "_Entity",
    types: keyed,
    resolveType: (value: Typed) => value.__typename,
  });
  const declared = (declaration: Declaration) => ({ [DECLARED]: declaration });
  const entities: GraphQLFieldConfig<unknown, Context, { representations: Array<Record<string, unknown>> }> = {
    type: new GraphQLNonNull(new GraphQLList(EntityUnion)),
    description: "Federation: the entities the gateway's representations name, each null when unknown.",
    args: { representations: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(AnyType))) } },
    resolve: (_root, { representations }, context, info) => resolveEntities(representations, context, info),
    extensions: declared({ root: "planned", oneItemPer: "representations" }),
  };
  const service: GraphQLFieldConfig<unknown, Context> = {
    type: new GraphQLNonNull(ServiceType),
    description: "Federation: the subgraph's SDL, for the gateway's composition.",
    resolve: () => ({ sdl }),
    extensions: declared({ root: "resolver" }),
  };
  const config = query.toConfig();
  const federatedQuery = new GraphQLObjectType({
    ...config,
    fields: { _entities: entities, _service: service, ...config.fields },
  });
  const base = schema.toConfig();
  return new GraphQLSchema({
    ...base,
    query: federatedQuery,
    types: [...base.types.filter((t) => t !== query), federatedQuery, EntityUnion, AnyType, ServiceType],
  });
}
