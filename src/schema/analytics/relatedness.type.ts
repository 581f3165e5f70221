import { Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { MAX_THRESHOLD } from "../../analytics/relatedness.js";
import { Connection } from "../connection.js";
import { Declare } from "../declare.js";
import { ScopeInput } from "./scope.input.js";

/**
 * The product space of a region's cities, and its backtest (src/analytics/relatedness.ts,
 * docs/analytics.md "Relatedness"). Entity fields are resolved in src/resolvers/relatedness.resolver.ts.
 */

export enum OutputMeasure {
  FIRMS = "FIRMS",
  CAPACITY = "CAPACITY",
}
registerEnumType(OutputMeasure, {
  name: "OutputMeasure",
  description: "What a city's output of a product counts, in the product space.",
  valuesConfig: {
    FIRMS: { description: "The city's enterprises that make the product." },
    CAPACITY: { description: "Their capacities of the product, summed (a missing capacity counts 0)." },
  },
});

@ArgsType()
export class SpaceArgs {
  @Field(() => ScopeInput, { description: "A region: its cities are the locations of the space." })
  scope!: ScopeInput;

  @Field(() => OutputMeasure, { defaultValue: OutputMeasure.FIRMS })
  measure: OutputMeasure = OutputMeasure.FIRMS;

  @Field(() => Float, {
    defaultValue: 1,
    description: `A product is present in a city when its RCA is at least this (above 0, at most ${MAX_THRESHOLD}).`,
  })
  @Min(Number.MIN_VALUE)
  @Max(MAX_THRESHOLD)
  rcaThreshold: number = 1;
}

@ArgsType()
export class ProductSpaceArgs extends SpaceArgs {
  @Field(() => Int, { nullable: true, description: "The year to look at; by default the latest the graph holds." })
  @Min(1000)
  @Max(9999)
  year?: number | null;
}

@ArgsType()
export class BacktestArgs extends SpaceArgs {
  @Field(() => Int, { description: "The year whose product space predicts." })
  @Min(1000)
  @Max(9999)
  from!: number;

  @Field(() => Int, { description: "The later year whose entries are predicted." })
  @Min(1000)
  @Max(9999)
  to!: number;
}

@ArgsType()
export class CellsArgs {
  @Field(() => String, { nullable: true, description: "Only this city's cells." })
  @MaxLength(200)
  region?: string | null;

  @Field(() => String, { nullable: true, description: "Only this product's cells." })
  @MaxLength(200)
  product?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Only the cells of this chain's products (the comparison heat map's RCA).",
  })
  @MaxLength(200)
  chain?: string | null;

  @Field(() => Int, { defaultValue: 100, description: "Page size (0 to 1000)." })
  @Min(0)
  @Max(1000)
  first: number = 100;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  @MaxLength(2000)
  after?: string | null;
}

@ArgsType()
export class ProximityArgs {
  @Field(() => String, { description: "Product code." })
  @MaxLength(200)
  product!: string;

  @Field(() => Int, { defaultValue: 20, description: "How many, closest first (0 to 1000)." })
  @Min(0)
  @Max(1000)
  first: number = 20;
}

@ArgsType()
export class EntryCandidatesArgs {
  @Field(() => String, { description: "A city of the space." })
  @MaxLength(200)
  region!: string;

  @Field(() => String, { nullable: true, description: "Only the products of this chain." })
  @MaxLength(200)
  chain?: string | null;

  @Field(() => Int, { defaultValue: 20, description: "How many, densest first (0 to 1000)." })
  @Min(0)
  @Max(1000)
  first: number = 20;
}

@ArgsType()
export class RelatedArgs {
  @Field(() => Int, { defaultValue: 5, description: "How many, closest first (0 to 1000)." })
  @Min(0)
  @Max(1000)
  first: number = 5;
}

@ObjectType({ description: "Two products' proximity in the product space." })
export class ProductProximity {
  @Field(() => Float, { description: "φ: the cities strong in both over the larger of their ubiquities (0 to 1)." })
  proximity!: number;
}

@ObjectType({ description: "A city and a product of the product space." })
export class ProductSpaceCell {
  @Field(() => Float, { description: "x(c, p): the city's firms making it, or their capacity (the space's measure)." })
  output!: number;

  @Field(() => Float, { description: "Revealed comparative advantage (Balassa)." })
  rca!: number;

  @Field(() => Boolean, { description: "RCA at or above the space's threshold." })
  present!: boolean;

  @Field(() => Float, { description: "The share of the product's proximity that goes to products present in the city." })
  density!: number;

  @Field(() => Int, { description: "How many cities of the space the product is present in." })
  ubiquity!: number;

  @Field(() => Int, { description: "How many products are present in the city." })
  diversity!: number;

  @Field(() => Float, { nullable: true, description: "Product complexity index; null where the space defines none." })
  pci!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Complexity outlook gain of entering it (0 where present); null where the space defines no complexity.",
  })
  cog!: number | null;
}

export const ProductSpaceCellConnection = Connection(ProductSpaceCell, "ProductSpaceCell");

@ObjectType({ description: "A product a city could enter next: absent there, close to what it is strong in." })
export class EntryCandidate {
  @Field(() => Float)
  density!: number;

  @Field(() => Float, { description: "Its RCA in the city (below the threshold)." })
  rca!: number;

  @Field(() => Int)
  ubiquity!: number;

  @Field(() => Float, { nullable: true })
  pci!: number | null;

  @Field(() => Float, { nullable: true })
  cog!: number | null;
}

@ObjectType({ description: "A city's place in the product space." })
export class LocationComplexity {
  @Field(() => Int)
  diversity!: number;

  @Field(() => Float, { nullable: true, description: "Economic complexity index; null where the space defines none." })
  eci!: number | null;

  @Field(() => Float, { nullable: true, description: "Complexity outlook index." })
  coi!: number | null;
}

@ObjectType({ description: "The product space of a region's cities in a year (Hidalgo et al. 2007)." })
export class ProductSpace {
  @Field(() => Int, { nullable: true, description: "The year it describes; null for a graph without years." })
  year!: number | null;

  @Field(() => OutputMeasure)
  measure!: OutputMeasure;

  @Field(() => Float)
  rcaThreshold!: number;

  @Field(() => Int, { description: "Products with output in some city of the space." })
  productCount!: number;
}

@ObjectType({ description: "How well one ranking of the backtest's candidates predicted the entries." })
export class BacktestBaseline {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Float, { nullable: true })
  auc!: number | null;

  @Field(() => Float, { nullable: true })
  aucPr!: number | null;

  @Field(() => Float, { nullable: true })
  precisionAt10!: number | null;
}

@ObjectType({ description: "Whether one year's product space predicted the next year's entries." })
export class RelatednessBacktest {
  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;

  @Field(() => Int, { description: "(city, product) pairs absent in `from`, among products present somewhere then." })
  candidates!: number;

  @Field(() => Int, { description: "Candidates present in `to`." })
  entries!: number;

  @Field(() => Float, { nullable: true, description: "ROC AUC of density, ties counted half." })
  auc!: number | null;

  @Field(() => Float, { nullable: true, description: "Average precision of density." })
  aucPr!: number | null;

  @Field(() => Float, { nullable: true, description: "Share of entries among the ten densest candidates." })
  precisionAt10!: number | null;

  @Field(() => [BacktestBaseline], { description: "Ubiquity (popularity) and random, scored the same way." })
  @Declare({ items: 2 })
  baselines!: BacktestBaseline[];
}
