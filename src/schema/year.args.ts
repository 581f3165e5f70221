import { Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";

/** The year a root list or lookup reads, with everything nested in its answer. */
@ArgsType()
export class YearArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      "List (or find) what holds in this year, and read everything nested in the answer as it holds then; by default the latest year the graph holds. A graph without years holds its data in every year.",
  })
  @Min(1000)
  @Max(9999)
  year?: number | null;
}
