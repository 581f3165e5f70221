import { Field, Float, Int, ObjectType } from "type-graphql";
import { PlanItemKind } from "./enums.js";
import { Entity, Node } from "./node.interface.js";

@ObjectType({ implements: [Node, Entity], description: "A policy plan (规划) issued for a region." })
export class Plan extends Entity {
  @Field(() => Int, { nullable: true })
  yearFrom!: number | null;

  @Field(() => Int, { nullable: true })
  yearTo!: number | null;

  regionCode!: string;
}

@ObjectType({ implements: [Node, Entity], description: "A plan's target, key task (重点任务) or engineering column (专栏)." })
export class PlanItem extends Entity {
  @Field(() => PlanItemKind)
  kind!: PlanItemKind;

  @Field(() => Float, { nullable: true, description: "For a TARGET: the quantity aimed at." })
  targetValue!: number | null;

  @Field(() => String, { nullable: true, description: "For a TARGET: the unit of `targetValue`, e.g. CNY." })
  targetUnit!: string | null;

  @Field(() => Int, { nullable: true, description: "For a TARGET: the year it should be met by." })
  targetYear!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "For a TARGET: the indicator code it is measured by (indicators.csv); see `planProgress`.",
  })
  targetIndicator!: string | null;
}
