import { Max, Min } from "class-validator";
import { ArgsType, Field, InputType, Int, ObjectType } from "type-graphql";
import { MAX_MUTATION_ITEMS } from "../graph/mutate/apply.js";
import { Connection } from "./connection.js";
import { Declare } from "./declare.js";
import { Cluster } from "./cluster.type.js";
import { Enterprise } from "./enterprise.type.js";
import { PlanItem } from "./plan.type.js";
import { Product } from "./product.type.js";

/** The most changes one page of the feed or the trail holds. */
export const MAX_CHANGES_PAGE = 1000;

@ObjectType({
  description:
    "A change to the graph, as the change feed lists it: one element changed by a mutation, or an import (operation `import`, element `DataSet:<name>`), after which a follower reads again what it keeps.",
})
export class GraphChange {
  @Field(() => Int, { description: "Its place in commit order, from 1, without gaps." })
  seq!: number;

  @Field(() => String, { description: "When it was committed (ISO 8601, UTC)." })
  at!: string;

  @Field(() => String, { description: "The mutation (`setSupplyLinks`), or `import`." })
  operation!: string;

  @Field(() => String, {
    description:
      "The element, as `Type:key`: `Enterprise:E1`, `Produces:E1>P1`, `SupplyLink:S1>C1:P1` (supplier, customer, product), `ProductInput:P1>I1`, `DataSet:shandong`.",
  })
  element!: string;

  @Field(() => [String], { description: "The entities it concerns, as `Type:code`." })
  subjects!: string[];

  @Field(() => Int, { nullable: true, description: "The year the change holds from; null on a graph without years." })
  year!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The element after the change, as JSON text; null when it no longer exists. For an import: its row counts and files' hashes.",
  })
  after!: string | null;
}

export const GraphChangeConnection = Connection(GraphChange, "GraphChange");

@ObjectType({ description: "A record of the audit trail: a change, who made it, and its place in the hash chain." })
export class AuditRecordType extends GraphChange {
  @Field(() => String, { description: "The viewer's id (`key:<id>`, `jwt:<iss>|<sub>`, `cli:<user>`); never a secret." })
  viewer!: string;

  @Field(() => String, { description: "The request's id (the `x-request-id` the service answered with)." })
  requestId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The element before the change, as JSON text; null when it did not exist.",
  })
  before!: string | null;

  @Field(() => String, { description: "The hash of the record before it (empty for the first)." })
  prevHash!: string;

  @Field(() => String, {
    description: "SHA-256 of `prevHash` and the record's fields: `npm run audit -- verify` checks the chain.",
  })
  hash!: string;
}

export const AuditRecordConnection = Connection(AuditRecordType, "AuditRecord");

@InputType({ description: "Which records of the audit trail to list." })
export class AuditFilterInput {
  @Field(() => String, {
    nullable: true,
    description:
      "An element (`SupplyLink:S1>C1:P1`), or an entity (`Enterprise:E1`): its own records and those of elements concerning it.",
  })
  element?: string | null;

  @Field(() => String, { nullable: true, description: "A viewer's id." })
  viewer?: string | null;

  @Field(() => String, { nullable: true, description: "From this time on (ISO 8601, inclusive)." })
  from?: string | null;

  @Field(() => String, { nullable: true, description: "Before this time (ISO 8601, exclusive)." })
  to?: string | null;
}

@ArgsType()
export class ChangesPageArgs {
  @Field(() => Int, { defaultValue: 100, description: `Page size, 1 to ${MAX_CHANGES_PAGE}.` })
  @Min(1)
  @Max(MAX_CHANGES_PAGE)
  first: number = 100;

  @Field(() => String, { nullable: true, description: "An `endCursor` from the previous page: the changes committed after it." })
  after?: string | null;
}

@ObjectType({ description: "What a mutation changed: the records it added to the trail, in order." })
class Payload {
  @Field(() => [GraphChange])
  @Declare({ items: MAX_MUTATION_ITEMS })
  changes!: GraphChange[];
}

@ObjectType({ description: "The enterprises as they stand after the mutation (null: removed), and its changes." })
export class EnterprisesPayload extends Payload {
  @Field(() => [Enterprise], { nullable: "items" })
  @Declare({ items: MAX_MUTATION_ITEMS })
  enterprises!: Array<Enterprise | null>;
}

@ObjectType({ description: "What `setProduces` changed: the enterprises as they stand after it, and its changes." })
export class ProducesPayload extends EnterprisesPayload {}

@ObjectType({ description: "What `setSupplyLinks` changed: the customers as they stand after it, and its changes." })
export class SupplyLinksPayload extends EnterprisesPayload {}

@ObjectType({ description: "The products as they stand after the mutation (null: removed), and its changes." })
export class ProductsPayload extends Payload {
  @Field(() => [Product], { nullable: "items" })
  @Declare({ items: MAX_MUTATION_ITEMS })
  products!: Array<Product | null>;
}

@ObjectType({ description: "The clusters as they stand after the mutation, and its changes." })
export class ClustersPayload extends Payload {
  @Field(() => [Cluster], { nullable: "items" })
  @Declare({ items: MAX_MUTATION_ITEMS })
  clusters!: Array<Cluster | null>;
}

@ObjectType({ description: "The plan items as they stand after the mutation, and its changes." })
export class PlanItemsPayload extends Payload {
  @Field(() => [PlanItem], { nullable: "items" })
  @Declare({ items: MAX_MUTATION_ITEMS })
  planItems!: Array<PlanItem | null>;
}

@ObjectType({ description: "What `setIndicators` changed: the records it added to the trail, in order." })
export class IndicatorsPayload extends Payload {}
