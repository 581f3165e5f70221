import { MaxLength, MinLength } from "class-validator";
import { ArgsType, Field } from "type-graphql";

/** A single lookup by the data set's code. */
@ArgsType()
export class CodeArgs {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(200)
  code!: string;
}
