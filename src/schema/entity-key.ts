import { Directive } from "type-graphql";

/** The key every federated entity is found by: its data set code, the argument of its root lookup. */
export const ENTITY_KEY = "code";

/**
 * Marks an object type as an Apollo Federation entity keyed by `code` (`@key(fields: "code")`), beside
 * its `@ObjectType`: the one place that says which types other subgraphs may reference. The directive
 * lives on the type's AST node, which graphql-js' printSchema leaves out, so schema.graphql does not
 * change; src/schema/federation.ts prints it into the subgraph's SDL and resolves its `_entities`.
 */
export function FederatedEntity(): ClassDecorator {
  return Directive(`@key(fields: "${ENTITY_KEY}")`);
}
