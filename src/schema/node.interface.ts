import { Field, ID, Int, InterfaceType, ObjectType } from "type-graphql";

/** Every entity record carries its GraphQL type name, so interfaces resolve without `instanceof`. */
export interface Typed {
  __typename: string;
}

/** Relay's object identification: a global, opaque id that `node(id:)` resolves. */
@InterfaceType({ resolveType: (value: Typed) => value.__typename })
export abstract class Node {
  @Field(() => ID, { description: "Global, opaque id; resolve it with `node(id:)`." })
  id!: string;
}

/** A key/value property a data set carried in an extra CSV column (`uscc`, `employees`, …). */
@ObjectType({ description: "A property from an extra column of the data set." })
export class Attribute {
  @Field(() => String)
  key!: string;

  @Field(() => String, { description: "The value as text; numbers are printed in full." })
  value!: string;
}

/** The fields every entity of the graph shares. */
@InterfaceType({ implements: Node, resolveType: (value: Typed) => value.__typename })
export abstract class Entity extends Node {
  @Field(() => String, { description: "The data set's stable code for this entity." })
  code!: string;

  @Field(() => String, { nullable: true, description: "English name." })
  name!: string | null;

  @Field(() => String, { nullable: true, description: "Chinese name (中文名称)." })
  nameZh!: string | null;

  @Field(() => String, { nullable: true, description: "Provenance: a URL, a document, or `illustrative`." })
  source!: string | null;

  @Field(() => [Attribute], { description: "Properties from the data set's extra columns." })
  attributes!: Attribute[];

  @Field(() => [Int], {
    nullable: true,
    description:
      "The years it holds, ascending, as yearly imports (`--year`) recorded them: [2023, 2025] is two intervals. Null: timeless, it holds in every year.",
  })
  years!: number[] | null;

  @Field(() => Int, {
    description:
      "How many times the API has changed it (0: never, or it does not exist yet). A mutation's `expectedVersion` must match it, or the mutation gets CONFLICT.",
  })
  version!: number;
}
