import { Max, Min } from "class-validator";
import { ArgsType, Field, Float, Int, ObjectType } from "type-graphql";
import { WeakLinkKind } from "./enums.js";
import { AnalysisScope } from "./results.type.js";
import { ChainScopeArgs } from "./analysis.args.js";

@ArgsType()
export class ChangesArgs extends ChainScopeArgs {
  @Field(() => Int, { description: "The earlier year (one the graph holds)." })
  @Min(1000)
  @Max(9999)
  from!: number;

  @Field(() => Int, { description: "The later year (one the graph holds)." })
  @Min(1000)
  @Max(9999)
  to!: number;

  @Field(() => Int, {
    defaultValue: 100,
    description: "The longest list to return, of any kind (0 to 1000); the count fields and the reasons are whole.",
  })
  @Min(0)
  @Max(1000)
  first: number = 100;
}

@ObjectType({ description: "A short board in the year that has it." })
export class ShortBoardState {
  @Field(() => WeakLinkKind)
  kind!: WeakLinkKind;

  @Field(() => Float, { description: "Its short-board score in that year." })
  score!: number;
}

@ObjectType({ description: "A product weak in both years, of another kind in the later one." })
export class KindChange {
  @Field(() => WeakLinkKind)
  from!: WeakLinkKind;

  @Field(() => WeakLinkKind)
  to!: WeakLinkKind;
}

@ObjectType({ description: "Enterprises of the scope that began, or stopped, making one chain product." })
export class ProducerChange {}

@ObjectType({ description: "A supply link of a chain product to an enterprise of the scope." })
export class LinkChange {
  @Field(() => Float, { nullable: true })
  volume!: number | null;
}

@ObjectType({ description: "What changed in a chain in a scope from one year to another (docs/analytics.md, Changes)." })
export class ChainChanges {
  @Field(() => AnalysisScope)
  scope!: AnalysisScope;

  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;

  @Field(() => Int, { description: "The scope's firms in the chain in `to` that were not in `from`." })
  enterprisesEnteredCount!: number;

  @Field(() => Int, { description: "The scope's firms in the chain in `from` that are not in `to`." })
  enterprisesLeftCount!: number;

  @Field(() => Int, { description: "Supply links of chain products into the scope in `to` and not in `from`." })
  linksMadeCount!: number;

  @Field(() => Int, { description: "Supply links of chain products into the scope in `from` and not in `to`." })
  linksLostCount!: number;
}
