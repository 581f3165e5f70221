import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "Filters for `chains`." })
export class ChainFilter {
  @Field(() => String, { nullable: true, description: "Part of the code, English or Chinese name, any case." })
  @MaxLength(100)
  text?: string | null;

  @Field(() => String, { nullable: true, description: "Industry code." })
  @MaxLength(200)
  industry?: string | null;
}
