import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "Where an analysis looks: exactly one of a region (with everything beneath it) or a cluster." })
export class ScopeInput {
  @Field(() => String, { nullable: true, description: "Region code: a province, circle or city." })
  @MaxLength(200)
  region?: string | null;

  @Field(() => String, { nullable: true, description: "Cluster code: its member enterprises." })
  @MaxLength(200)
  cluster?: string | null;
}
