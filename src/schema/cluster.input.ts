import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "Filters for `clusters`." })
export class ClusterFilter {
  @Field(() => String, { nullable: true, description: "Part of the code, English or Chinese name, any case." })
  @MaxLength(100)
  text?: string | null;

  @Field(() => String, { nullable: true, description: "Region code: clusters anywhere beneath it." })
  @MaxLength(200)
  region?: string | null;

  @Field(() => String, { nullable: true, description: "Chain code: clusters that focus on it." })
  @MaxLength(200)
  chain?: string | null;
}
