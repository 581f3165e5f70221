import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Connection } from "./connection.js";
import { Enterprise } from "./enterprise.type.js";
import { Attribute } from "./node.interface.js";
import { Product } from "./product.type.js";

@ObjectType({ description: "A supplier delivers a product to a customer (供应关系)." })
export class SupplyLink {
  @Field(() => ID, { description: "Stable id of the (supplier, customer, product) link." })
  id!: string;

  @Field(() => Enterprise)
  supplier!: Enterprise;

  @Field(() => Enterprise)
  customer!: Enterprise;

  @Field(() => Product)
  product!: Product;

  @Field(() => Float, { nullable: true, description: "Volume in the data set's unit; null when unknown." })
  volume!: number | null;

  @Field(() => String, { nullable: true, description: "Provenance; `illustrative` marks a link no public source backs." })
  source!: string | null;

  @Field(() => Int, {
    description: "How many times the API has changed it (0: never); `setSupplyLinks`' `expectedVersion` must match it.",
  })
  version!: number;

  @Field(() => [Attribute])
  attributes!: Attribute[];
}

export const SupplyLinkConnection = Connection(SupplyLink, "SupplyLink");
