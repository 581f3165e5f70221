import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { FIELDS } from "../graph/fields.js";
import { ENTITY_REFS } from "../graph/planner/embedded.js";
import { readPlannedFirst } from "../graph/planner/planned.js";
import { resolvers } from "../resolvers/index.js";
import { Enterprise } from "./enterprise.type.js";
import { Industry } from "./industry.type.js";
import { Cluster } from "./cluster.type.js";
import { IndustryChain } from "./chain.type.js";
import { Plan, PlanItem } from "./plan.type.js";
import { Product } from "./product.type.js";
import { Region } from "./region.type.js";

let cached: Promise<GraphQLSchema> | undefined;

/** The service's GraphQL schema, built once from the decorated classes, with argument validation on. */
export function buildGraphSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    orphanedTypes: [Region, Industry, IndustryChain, Product, Cluster, Enterprise, Plan, PlanItem],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  }).then((schema) => readPlannedFirst(readPlannedFirst(schema, FIELDS), ENTITY_REFS));
  return cached;
}

/** The schema as committed in schema.graphql: printed with types and fields sorted. */
export async function printGraphSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphSchema()))}\n`;
}
