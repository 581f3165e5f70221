import { Field, Float, ObjectType } from "type-graphql";
import { Entity } from "./node.interface.js";

@ObjectType({ description: "A full-text search hit." })
export class SearchHit {
  @Field(() => Entity)
  node!: Entity;

  @Field(() => Float, { description: "Relevance; higher is better." })
  score!: number;
}
