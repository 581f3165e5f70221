import { Field, Float, InputType, Int } from "type-graphql";
import { PlanItemKind, Stage } from "./enums.js";

/**
 * The inputs of the mutations (src/resolvers/mutation.resolver.ts). Their fields are those the
 * element declarations map onto the import format's columns (src/graph/mutate/elements.ts), and are
 * validated by the importer's rules. A field left out keeps what is stored; null clears it (where
 * the importer's rules allow the cell to be empty).
 */

const VERSION = {
  nullable: true,
  description:
    "The `version` the change was made against. When it is no longer the element's, nothing is changed and the mutation gets CONFLICT. Leave it out to change whatever the version.",
} as const;

@InputType({ description: "An attribute to set (an extra column of the import format); a null value removes it." })
export class AttributeInput {
  @Field(() => String)
  key!: string;

  @Field(() => String, { nullable: true })
  value!: string | null;
}

@InputType({ description: "An enterprise to create or change: a new one needs a city and a name." })
export class EnterpriseInput {
  @Field(() => String)
  code!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  nameZh?: string | null;

  @Field(() => String, { nullable: true, description: "The code of the CITY it is located in." })
  city?: string | null;

  @Field(() => String, { nullable: true, description: "The code of its cluster; null takes it out of its cluster." })
  cluster?: string | null;

  @Field(() => [AttributeInput], { nullable: true })
  attributes?: AttributeInput[] | null;

  @Field(() => Int, VERSION)
  expectedVersion?: number | null;
}

@InputType({ description: "A product to create or change: a new one needs a chain, a stage and a name." })
export class ProductInput {
  @Field(() => String)
  code!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  nameZh?: string | null;

  @Field(() => String, { nullable: true, description: "The code of its chain." })
  chain?: string | null;

  @Field(() => Stage, { nullable: true })
  stage?: Stage | null;

  @Field(() => [AttributeInput], { nullable: true })
  attributes?: AttributeInput[] | null;

  @Field(() => Int, VERSION)
  expectedVersion?: number | null;
}

@InputType({ description: "A cluster to create or change: a new one needs a city and a name." })
export class ClusterInput {
  @Field(() => String)
  code!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  nameZh?: string | null;

  @Field(() => String, { nullable: true, description: "The code of the CITY it lies in." })
  city?: string | null;

  @Field(() => [String], { nullable: true, description: "The codes of the chains it focuses on (all of them)." })
  focus?: string[] | null;

  @Field(() => [AttributeInput], { nullable: true })
  attributes?: AttributeInput[] | null;

  @Field(() => Int, VERSION)
  expectedVersion?: number | null;
}

@InputType({ description: "A plan item to create or change: a new one needs its plan and kind." })
export class PlanItemInput {
  @Field(() => String)
  code!: string;

  @Field(() => String, { nullable: true, description: "The code of its plan." })
  plan?: string | null;

  @Field(() => PlanItemKind, { nullable: true })
  kind?: PlanItemKind | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  nameZh?: string | null;

  @Field(() => [String], { nullable: true, description: "Chains it concerns (all of them)." })
  chains?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Regions it concerns (all of them)." })
  regions?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Industries it concerns (all of them)." })
  industries?: string[] | null;

  @Field(() => Float, { nullable: true })
  targetValue?: number | null;

  @Field(() => String, { nullable: true })
  targetUnit?: string | null;

  @Field(() => Int, { nullable: true })
  targetYear?: number | null;

  @Field(() => String, { nullable: true, description: "The indicator code a TARGET is measured by." })
  targetIndicator?: string | null;

  @Field(() => [AttributeInput], { nullable: true })
  attributes?: AttributeInput[] | null;

  @Field(() => Int, VERSION)
  expectedVersion?: number | null;
}

@InputType({ description: "An enterprise makes a product, with its capacity (or stops making it: `remove`)." })
export class ProducesInput {
  @Field(() => String)
  enterprise!: string;

  @Field(() => String)
  product!: string;

  @Field(() => Float, { nullable: true, description: "Capacity from the year on; left out: unchanged; null: unknown." })
  capacity?: number | null;

  @Field(() => Boolean, { defaultValue: false, description: "It no longer makes the product from the year on." })
  remove!: boolean;

  @Field(() => Int, VERSION)
  expectedVersion?: number | null;
}

@InputType({ description: "A supplier delivers a product to a customer, with its volume (or no longer does: `remove`)." })
export class SupplyLinkInput {
  @Field(() => String)
  supplier!: string;

  @Field(() => String)
  customer!: string;

  @Field(() => String)
  product!: string;

  @Field(() => Float, { nullable: true, description: "Volume from the year on; left out: unchanged; null: unknown." })
  volume?: number | null;

  @Field(() => Boolean, { defaultValue: false, description: "The link ends from the year on." })
  remove!: boolean;

  @Field(() => Int, VERSION)
  expectedVersion?: number | null;
}

@InputType({ description: "A product requires an input product (or no longer does: `remove`)." })
export class ProductInputLinkInput {
  @Field(() => String)
  product!: string;

  @Field(() => String)
  input!: string;

  @Field(() => Boolean, { defaultValue: false })
  remove!: boolean;

  @Field(() => Int, VERSION)
  expectedVersion?: number | null;
}

@InputType({ description: "An enterprise joins a cluster (or leaves its cluster: `remove`)." })
export class ClusterMemberInput {
  @Field(() => String)
  cluster!: string;

  @Field(() => String)
  enterprise!: string;

  @Field(() => Boolean, { defaultValue: false })
  remove!: boolean;

  @Field(() => Int, { ...VERSION, description: "The enterprise's `version` the change was made against (see the other inputs)." })
  expectedVersion?: number | null;
}

@InputType({
  description:
    "An indicator's value in a year for a series (its region, chain and/or industry), as a row of indicators.csv; or, with `remove`, the value taken away.",
})
export class IndicatorValueInput {
  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  chain?: string | null;

  @Field(() => String, { nullable: true })
  industry?: string | null;

  @Field(() => String, { description: "The indicator code (`OUTPUT_VALUE`)." })
  indicator!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Float, { nullable: true, description: "Required unless `remove`." })
  value?: number | null;

  @Field(() => String, { nullable: true, description: "Must be the series' unit in its other years." })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: "Where the value comes from; required unless `remove`." })
  source?: string | null;

  @Field(() => Boolean, { defaultValue: false })
  remove!: boolean;

  @Field(() => Int, VERSION)
  expectedVersion?: number | null;
}
