import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { Stage } from "./enums.js";

@InputType({ description: "Filters for `products`; all given conditions must hold." })
export class ProductFilter {
  @Field(() => String, { nullable: true, description: "Chain code." })
  @MaxLength(200)
  chain?: string | null;

  @Field(() => Stage, { nullable: true })
  stage?: Stage | null;

  @Field(() => String, { nullable: true, description: "Part of the code, English or Chinese name, any case." })
  @MaxLength(100)
  text?: string | null;
}
