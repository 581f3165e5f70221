import { Field, ObjectType } from "type-graphql";
import { Connection } from "./connection.js";
import { Stage } from "./enums.js";
import { Entity, Node } from "./node.interface.js";
import { FederatedEntity } from "./entity-key.js";

@FederatedEntity()
@ObjectType({ implements: [Node, Entity], description: "A product or service of a chain, at one stage (产品/环节)." })
export class Product extends Entity {
  @Field(() => Stage)
  stage!: Stage;

  /** The chain's code, for loaders; not a GraphQL field (see `chain`). */
  chainCode!: string;
}

export const ProductConnection = Connection(Product, "Product");
