import { ObjectType } from "type-graphql";
import { Connection } from "./connection.js";
import { Entity, Node } from "./node.interface.js";
import { FederatedEntity } from "./entity-key.js";

@FederatedEntity()
@ObjectType({ implements: [Node, Entity], description: "An industrial chain (产业链): products linked by input relations." })
export class IndustryChain extends Entity {}

export const IndustryChainConnection = Connection(IndustryChain, "IndustryChain");
