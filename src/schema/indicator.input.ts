import { Max, MaxLength, Min, MinLength } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";

@InputType({
  description:
    "One indicator series: the values whose region, chain and industry are exactly these; an omitted field matches only series that leave it empty. At least one of region, chain and industry.",
})
export class IndicatorFilter {
  @Field(() => String, { nullable: true, description: "Region code; omitted: series without a region." })
  @MinLength(1)
  @MaxLength(200)
  region?: string | null;

  @Field(() => String, { nullable: true, description: "Chain code; omitted: series without a chain." })
  @MinLength(1)
  @MaxLength(200)
  chain?: string | null;

  @Field(() => String, { nullable: true, description: "Industry code; omitted: series without an industry." })
  @MinLength(1)
  @MaxLength(200)
  industry?: string | null;

  @Field(() => String, { description: "Indicator code, e.g. OUTPUT_VALUE." })
  @MinLength(1)
  @MaxLength(200)
  indicator!: string;
}

@ArgsType()
export class IndicatorsArgs {
  @Field(() => IndicatorFilter)
  filter!: IndicatorFilter;
}

@ArgsType()
export class PlanProgressArgs {
  @Field(() => String, { description: "Plan code." })
  @MinLength(1)
  @MaxLength(200)
  plan!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Judge the targets as they stood in this year: each series' values of this year and before only (the annual report passes its year). By default every value, the latest included.",
  })
  @Min(1000)
  @Max(9999)
  year?: number | null;
}
