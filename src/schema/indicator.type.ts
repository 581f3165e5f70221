import { Field, Float, Int, ObjectType } from "type-graphql";
import { MAX_SERIES_VALUES } from "../graph/import/spec.js";
import { Declare } from "./declare.js";

@ObjectType({ description: "A value of an indicator series in one year (indicators.csv)." })
export class IndicatorValue {
  @Field(() => Int)
  year!: number;

  @Field(() => Float)
  value!: number;

  @Field(() => String, { nullable: true, description: "The value's unit, e.g. CNY; null when the data set gives none." })
  unit!: string | null;

  @Field(() => String, { description: "Where the value comes from: a document title or URL, or `illustrative`." })
  source!: string;

  @Field(() => Int, {
    description: "How many times the API has changed it (0: never); `setIndicators`' `expectedVersion` must match it.",
  })
  version!: number;
}

@ObjectType({
  description:
    'How far a plan\'s TARGET item has come on the indicator it names (docs/analytics.md, "Plan progress"). Shares and growth rates are fractions: 0.25 is 25%.',
})
export class PlanProgress {
  @Field(() => String, { description: "The indicator code the target is measured by." })
  indicator!: string;

  @Field(() => Float, { description: "The value aimed at (the item's targetValue)." })
  target!: number;

  @Field(() => Int, { description: "The year it should be reached by." })
  targetYear!: number;

  @Field(() => String, { nullable: true, description: "The target's unit." })
  unit!: string | null;

  @Field(() => Int, {
    description: "How many series the item's regions, chains and industries pick; progress is judged only when exactly one does.",
  })
  matchingSeries!: number;

  @Field(() => [IndicatorValue], { description: "The judged series, by year; empty unless exactly one series matches." })
  @Declare({ items: MAX_SERIES_VALUES }) // one value a year, of the years the importer takes: a real bound
  series!: IndicatorValue[];

  @Field(() => String, { nullable: true, description: "The series' unit (its latest value's)." })
  observedUnit!: string | null;

  @Field(() => Float, { nullable: true, description: "The series' latest value." })
  observed!: number | null;

  @Field(() => Int, { nullable: true, description: "The year of the latest value." })
  observedYear!: number | null;

  @Field(() => Float, { nullable: true, description: "observed / target; null when the units differ." })
  achievedShare!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The yearly growth still needed: (target / observed)^(1 / (targetYear − observedYear)) − 1; null once the target year is reached, or when the units differ.",
  })
  requiredGrowth!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The series' compound yearly growth, first to last value; null with fewer than two values.",
  })
  observedGrowth!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "In or after the target year: observed ≥ target; before it: observedGrowth ≥ requiredGrowth. Null when it cannot be judged (no single series, units differ, a rate unknown).",
  })
  onTrack!: boolean | null;
}
