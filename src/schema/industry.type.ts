import { ObjectType } from "type-graphql";
import { Entity, Node } from "./node.interface.js";

@ObjectType({ implements: [Node, Entity], description: 'An industry, such as one of Shandong\'s "top 10" (十强产业).' })
export class Industry extends Entity {}
