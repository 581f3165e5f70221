import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { RegionKind } from "./enums.js";

@InputType({ description: "Filters for `regions`; all given conditions must hold." })
export class RegionFilter {
  @Field(() => RegionKind, { nullable: true })
  kind?: RegionKind | null;

  @Field(() => String, { nullable: true, description: "Part of the code, English or Chinese name, any case." })
  @MaxLength(100)
  text?: string | null;

  @Field(() => String, { nullable: true, description: "Direct children of this region code." })
  @MaxLength(200)
  parent?: string | null;

  @Field(() => String, { nullable: true, description: "Regions anywhere beneath this region code." })
  @MaxLength(200)
  within?: string | null;
}
