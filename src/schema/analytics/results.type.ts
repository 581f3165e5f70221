import { Field, Float, Int, ObjectType } from "type-graphql";
import { Stage } from "../enums.js";
import { WeakLinkKind } from "./enums.js";

/**
 * Result types of the chain analyses. Their scalar fields come straight from src/analytics; fields
 * that name entities (products, enterprises, cities) are resolved from codes in
 * src/resolvers/analytics.resolver.ts, through the request's DataLoaders.
 */

@ObjectType({ description: "A weak link (短板) of a chain in a scope." })
export class ShortBoard {
  @Field(() => [WeakLinkKind])
  kinds!: WeakLinkKind[];

  @Field(() => Float, { description: "Rank score: rises with dependents, falls with local supply share (docs/analytics.md)." })
  score!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Share of the volume delivered into the scope that local suppliers delivered; null when none.",
  })
  localSupplyShare!: number | null;

  @Field(() => Int, { description: "How many products require it, directly or transitively." })
  dependentCount!: number;
}

@ObjectType({ description: "An enterprise outside the scope worth courting (产业链招商)." })
export class TargetFirm {
  @Field(() => Int, { description: "Supply links (of any product) from it to enterprises in the scope." })
  existingLinksIntoScope!: number;

  @Field(() => Float, { description: "Its capacity summed over the covered products (unknown counts as 0)." })
  capacity!: number;

  @Field(() => Float)
  score!: number;
}

@ObjectType({ description: "A chain product the scope needs and nobody in it makes (补链)." })
export class MissingSupplier {
  @Field(() => Int)
  dependentCount!: number;
}

@ObjectType({ description: "Two cities of the scope that could cooperate on a weak product." })
export class CooperationOpportunity {
  @Field(() => WeakLinkKind, { description: "The product's weak-link kind in the demand city." })
  kind!: WeakLinkKind;

  @Field(() => Int, { description: "Supply links of the product from the supplier city's firms to the demand city's." })
  existingLinks!: number;

  @Field(() => Float)
  score!: number;
}

@ObjectType({ description: "A chain product the scope could grow into (延链)." })
export class ExtensionOpportunity {
  @Field(() => Float, { description: "Share of its inputs that some enterprise in the scope makes." })
  localInputShare!: number;

  @Field(() => Float)
  score!: number;
}

@ObjectType({ description: "A chain product the scope can no longer make once the listed firms are gone." })
export class LostProduct {}

@ObjectType({ description: "What a scope loses when some enterprises are taken away." })
export class ResilienceReport {}

@ObjectType({ description: "One product of a chain map." })
export class ChainMapProduct {
  @Field(() => Stage)
  stage!: Stage;

  @Field(() => Int, { description: "Enterprises in the scope that make it." })
  localProducerCount!: number;

  @Field(() => Int, { description: "Enterprises in the scope that make a product requiring it." })
  demanderCount!: number;

  @Field(() => Float, { nullable: true })
  localSupplyShare!: number | null;

  @Field(() => Int)
  dependentCount!: number;

  @Field(() => [WeakLinkKind], { description: "Empty when it is not a weak link (or not demanded in the scope)." })
  kinds!: WeakLinkKind[];
}

@ObjectType({ description: "How many enterprises of a city make a product." })
export class ProductCount {
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "One city of a chain map." })
export class ChainMapCity {}

@ObjectType({ description: "The scope an analysis looked at." })
export class AnalysisScope {
  @Field(() => String, { description: "REGION or CLUSTER." })
  kind!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  nameZh!: string | null;
}

@ObjectType({ description: "Everything needed to draw a chain for a scope, with its weak links." })
export class ChainMap {
  @Field(() => Int, {
    description: "How many products the chain has; products lists the first ones (chainMap's first and order).",
  })
  productCount!: number;

  @Field(() => AnalysisScope)
  scope!: AnalysisScope;
}
