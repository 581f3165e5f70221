import { ArrayMaxSize, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { ChainMapOrder } from "./enums.js";
import { ScopeInput } from "./scope.input.js";

/** A chain and a scope: what every analysis looks at. */
@ArgsType()
export class ChainScopeArgs {
  @Field(() => String, { description: "Chain code." })
  @MaxLength(200)
  chain!: string;

  @Field(() => ScopeInput)
  scope!: ScopeInput;
}

/** Arguments every analysis of one year takes: a chain, a scope and the year. */
@ArgsType()
export class AnalysisArgs extends ChainScopeArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      "The year to look at (the state a yearly import loaded); by default the latest year the graph holds. A graph without years holds its data in every year.",
  })
  @Min(1000)
  @Max(9999)
  year?: number | null;
}

/** An analysis that returns a ranked list. */
export function RankedArgs(defaultFirst: number, max = 1000, what = "best first") {
  @ArgsType()
  class Ranked extends AnalysisArgs {
    @Field(() => Int, { defaultValue: defaultFirst, description: `How many to return, ${what} (0 to ${max}).` })
    @Min(0)
    @Max(max)
    first: number = defaultFirst;
  }
  return Ranked;
}

export const ShortBoardsArgs = RankedArgs(20);
export const MissingSuppliersArgs = RankedArgs(100);
@ArgsType()
export class ChainMapArgs extends RankedArgs(500, 5000, "in the order asked") {
  @Field(() => ChainMapOrder, { defaultValue: ChainMapOrder.STAGE, description: "Which products come first." })
  order: ChainMapOrder = ChainMapOrder.STAGE;
}
export const CooperationArgs = RankedArgs(50);
export const ExtensionArgs = RankedArgs(20);

@ArgsType()
export class TargetFirmsArgs extends RankedArgs(20) {
  @Field(() => [String], {
    nullable: true,
    description: "Target product codes; by default the chain's MISSING and SINGLE_SOURCE products in the scope.",
  })
  @ArrayMaxSize(200)
  products?: string[] | null;
}

@ArgsType()
export class ResilienceArgs extends AnalysisArgs {
  @Field(() => [String], { description: "Codes of the enterprises to take away." })
  @ArrayMaxSize(1000)
  without!: string[];
}
