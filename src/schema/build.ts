import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type AuthChecker } from "type-graphql";
import { hasRole, isRole } from "../auth/viewer.js";
import type { Context } from "../context.js";
import { forbidden } from "../errors.js";
import { FIELDS } from "../graph/vocabulary/fields.js";
import { learnEntityRefs } from "../graph/planner/embedded.js";
import { readPlannedFirst } from "../graph/planner/planned.js";
import { resolveEntities } from "../resolvers/entities.resolver.js";
import { resolvers } from "../resolvers/index.js";
import { Enterprise } from "./enterprise.type.js";
import { Industry } from "./industry.type.js";
import { Cluster } from "./cluster.type.js";
import { IndustryChain } from "./chain.type.js";
import { Plan, PlanItem } from "./plan.type.js";
import { Product } from "./product.type.js";
import { Region } from "./region.type.js";
import { validateArgs } from "./validate.js";
import { printSubgraphSdl, toSubgraph } from "./federation.js";

let cached: Promise<GraphQLSchema> | undefined;
let cachedSubgraph: Promise<GraphQLSchema> | undefined;

/**
 * `@Authorized("editor")` on a field: the viewer's role must have at least that role's rights
 * (src/auth/viewer.ts), or the field fails with FORBIDDEN naming the role it needs.
 */
const authChecker: AuthChecker<Context> = ({ context, info }, roles) => {
  for (const role of roles) {
    if (!isRole(role)) throw new Error(`@Authorized("${role}") on ${info.parentType.name}.${info.fieldName}: no such role`);
    if (!hasRole(context.viewer.role, role)) {
      throw forbidden(
        `${info.parentType.name}.${info.fieldName} needs the ${role} role; this caller has ${context.viewer.role ?? "none"}`,
      );
    }
  }
  return true;
};

/** The service's GraphQL schema, built once from the decorated classes, with argument validation on. */
export function buildGraphSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    orphanedTypes: [Region, Industry, IndustryChain, Product, Cluster, Enterprise, Plan, PlanItem],
    validateFn: validateArgs,
    authChecker,
    emitSchemaFile: false,
  }).then((schema) => readPlannedFirst(readPlannedFirst(schema, FIELDS), learnEntityRefs(schema)));
  return cached;
}

/** The schema as committed in schema.graphql: printed with types and fields sorted. */
export async function printGraphSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphSchema()))}\n`;
}

/**
 * FEDERATION=on: the same schema as an Apollo Federation 2 subgraph, with `_entities` and `_service`
 * (src/schema/federation.ts). Without it, neither field exists.
 */
export function buildSubgraphGraphSchema(): Promise<GraphQLSchema> {
  cachedSubgraph ??= buildGraphSchema().then((schema) => toSubgraph(schema, resolveEntities));
  return cachedSubgraph;
}

/** The subgraph's SDL as committed in schema.subgraph.graphql, and as `_service { sdl }` answers it. */
export async function printSubgraphGraphSchema(): Promise<string> {
  return printSubgraphSdl(await buildGraphSchema());
}
