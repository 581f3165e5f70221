import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "Filters for `enterprises`; all given conditions must hold." })
export class EnterpriseFilter {
  @Field(() => String, { nullable: true, description: "Part of the code, English or Chinese name, any case." })
  @MaxLength(100)
  text?: string | null;

  @Field(() => String, { nullable: true, description: "Region code: enterprises anywhere beneath it." })
  @MaxLength(200)
  region?: string | null;

  @Field(() => String, { nullable: true, description: "Cluster code: its members." })
  @MaxLength(200)
  cluster?: string | null;

  @Field(() => String, { nullable: true, description: "Chain code: enterprises that make a product of the chain." })
  @MaxLength(200)
  chain?: string | null;

  @Field(() => String, { nullable: true, description: "Product code: its producers." })
  @MaxLength(200)
  product?: string | null;
}
