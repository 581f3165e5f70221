import { ObjectType } from "type-graphql";
import { Connection } from "./connection.js";
import { Entity, Node } from "./node.interface.js";
import { FederatedEntity } from "./entity-key.js";

@FederatedEntity()
@ObjectType({ implements: [Node, Entity], description: "An industrial cluster (产业集群) located in a city." })
export class Cluster extends Entity {
  cityCode!: string;
}

export const ClusterConnection = Connection(Cluster, "Cluster");
