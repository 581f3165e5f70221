import { Field, ObjectType } from "type-graphql";
import { Connection } from "./connection.js";
import { RegionKind } from "./enums.js";
import { Entity, Node } from "./node.interface.js";
import { FederatedEntity } from "./entity-key.js";

@FederatedEntity()
@ObjectType({ implements: [Node, Entity], description: "A province, economic circle or city (行政区域/经济圈)." })
export class Region extends Entity {
  @Field(() => RegionKind)
  kind!: RegionKind;
}

export const RegionConnection = Connection(Region, "Region");
