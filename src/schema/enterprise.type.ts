import { Field, Float, Int, ObjectType } from "type-graphql";
import { Connection } from "./connection.js";
import { Entity, Node } from "./node.interface.js";
import { Product } from "./product.type.js";
import { FederatedEntity } from "./entity-key.js";

@FederatedEntity()
@ObjectType({ implements: [Node, Entity], description: "An enterprise (企业) located in a city." })
export class Enterprise extends Entity {
  cityCode!: string;
  clusterCode!: string | null;
}

export const EnterpriseConnection = Connection(Enterprise, "Enterprise");

@ObjectType({ description: "A product an enterprise makes, with its capacity where known." })
export class ProducedProduct {
  @Field(() => Product)
  product!: Product;

  @Field(() => Float, { nullable: true, description: "Capacity in the data set's unit; null when unknown." })
  capacity!: number | null;

  @Field(() => Int, {
    description:
      "How many times the API has changed this capacity link (0: never); `setProduces`' `expectedVersion` must match it.",
  })
  version!: number;
}
