import { Max, Min } from "class-validator";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from "type-graphql";
import * as analytics from "../analytics/index.js";
import type { Context } from "../context.js";
import { Lang } from "../schema/analytics/enums.js";
import {
  ChainMap,
  ChainMapCity,
  ChainMapProduct,
  CooperationOpportunity,
  ExtensionOpportunity,
  LostProduct,
  MissingSupplier,
  ProductCount,
  ResilienceReport,
  ShortBoard,
  TargetFirm,
} from "../schema/analytics/results.type.js";
import { IndustryChain } from "../schema/chain.type.js";
import { Enterprise } from "../schema/enterprise.type.js";
import { Product } from "../schema/product.type.js";
import { Region } from "../schema/region.type.js";
import { Label } from "../graph/vocabulary/model.js";
import { loadEnterprise, loadEnterprises, loadProduct, loadProducts, loadRegion } from "./load.js";
import { all, firstN, one } from "../graph/planner/declarations.js";
import { Declare } from "../schema/declare.js";

/**
 * Field resolvers of the analysis results: codes become entities, reasons are picked by language.
 * The entities come planned with the result (src/graph/planner/embedded.ts: one statement for the
 * whole result) and answer before these resolvers run (planned.ts, `readPlannedFirst`); the bodies
 * below are the level-by-level path.
 */

/** The default \`first\` of an analysis result's enterprise lists, and of its dependent products. */
export const LIST_FIRST = 50;
export const DEPENDENTS_FIRST = 100;

@ArgsType()
class ListArgs {
  @Field(() => Int, { defaultValue: LIST_FIRST, description: "How many to list (0 to 1000); the count field gives the total." })
  @Min(0)
  @Max(1000)
  first: number = LIST_FIRST;
}

@ArgsType()
class DependentArgs {
  @Field(() => Int, {
    defaultValue: DEPENDENTS_FIRST,
    description: "How many to list (0 to 1000); dependentCount gives the total.",
  })
  @Min(0)
  @Max(1000)
  first: number = DEPENDENTS_FIRST;
}

@ArgsType()
class CandidatesArgs {
  @Field(() => Int, { defaultValue: 5, description: "How many candidates (0 to 100)." })
  @Min(0)
  @Max(100)
  first: number = 5;
}

const reasonsField = { description: "Why, in short sentences." };
const langArg = { defaultValue: Lang.EN };
const pick = (r: analytics.Reasons, lang: Lang) => analytics.pickReasons(r, lang);

@Resolver(() => ShortBoard)
export class ShortBoardFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.ShortBoard, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }

  @FieldResolver(() => [Enterprise], { description: "Enterprises in the scope that make it." })
  @Declare({ entity: firstN(Label.Enterprise, "localProducerCodes") })
  localProducers(@Root() r: analytics.ShortBoard, @Args(() => ListArgs) { first }: ListArgs, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.localProducerCodes.slice(0, first));
  }

  @FieldResolver(() => Int)
  localProducerCount(@Root() r: analytics.ShortBoard) {
    return r.localProducerCount;
  }

  @FieldResolver(() => [Enterprise], { description: "Enterprises in the scope that make a product requiring it." })
  @Declare({ entity: firstN(Label.Enterprise, "demanderCodes") })
  demanders(@Root() r: analytics.ShortBoard, @Args(() => ListArgs) { first }: ListArgs, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.demanderCodes.slice(0, first));
  }

  @FieldResolver(() => Int)
  demanderCount(@Root() r: analytics.ShortBoard) {
    return r.demanderCount;
  }

  @FieldResolver(() => [Product], {
    description: "Products that require it, directly or transitively, by code; dependentCount gives the total.",
  })
  @Declare({ entity: firstN(Label.Product, "dependentCodes") })
  dependentProducts(@Root() r: analytics.ShortBoard, @Args(() => DependentArgs) { first }: DependentArgs, @Ctx() ctx: Context) {
    return loadProducts(ctx, r.dependentCodes.slice(0, first));
  }

  @FieldResolver(() => [String], reasonsField)
  reasons(@Root() r: analytics.ShortBoard, @Arg("lang", () => Lang, langArg) lang: Lang) {
    return pick(r.reasons, lang);
  }
}

@Resolver(() => MissingSupplier)
export class MissingSupplierFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.MissingSupplier, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }

  @FieldResolver(() => [Enterprise], { description: "Enterprises in the scope that make a product requiring it." })
  @Declare({ entity: firstN(Label.Enterprise, "demanderCodes") })
  demanders(@Root() r: analytics.MissingSupplier, @Args(() => ListArgs) { first }: ListArgs, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.demanderCodes.slice(0, first));
  }

  @FieldResolver(() => Int)
  demanderCount(@Root() r: analytics.MissingSupplier) {
    return r.demanderCount;
  }

  @FieldResolver(() => [Product], {
    description: "Products that require it, directly or transitively, by code; dependentCount gives the total.",
  })
  @Declare({ entity: firstN(Label.Product, "dependentCodes") })
  dependentProducts(
    @Root() r: analytics.MissingSupplier,
    @Args(() => DependentArgs) { first }: DependentArgs,
    @Ctx() ctx: Context,
  ) {
    return loadProducts(ctx, r.dependentCodes.slice(0, first));
  }

  @FieldResolver(() => [TargetFirm], { description: "The best outside firms that make it, ranked as targetFirms ranks them." })
  @Declare({ nested: { pick: (row, args) => (row.candidates as unknown[]).slice(0, args.first as number), max: 100 } })
  candidates(@Root() r: analytics.MissingSupplier, @Args(() => CandidatesArgs) { first }: CandidatesArgs) {
    return r.candidates.slice(0, first);
  }

  @FieldResolver(() => [String], reasonsField)
  reasons(@Root() r: analytics.MissingSupplier, @Arg("lang", () => Lang, langArg) lang: Lang) {
    return pick(r.reasons, lang);
  }
}

@Resolver(() => TargetFirm)
export class TargetFirmFields {
  @FieldResolver(() => Enterprise)
  @Declare({ entity: one(Label.Enterprise, "enterpriseCode") })
  enterprise(@Root() r: analytics.TargetFirm, @Ctx() ctx: Context) {
    return loadEnterprise(ctx, r.enterpriseCode);
  }

  @FieldResolver(() => [Product], { description: "The target products it makes." })
  @Declare({ entity: all(Label.Product, "coverCodes"), items: 50 })
  covers(@Root() r: analytics.TargetFirm, @Ctx() ctx: Context) {
    return loadProducts(ctx, r.coverCodes);
  }

  @FieldResolver(() => [String], reasonsField)
  reasons(@Root() r: analytics.TargetFirm, @Arg("lang", () => Lang, langArg) lang: Lang) {
    return pick(r.reasons, lang);
  }
}

@Resolver(() => CooperationOpportunity)
export class CooperationFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.CooperationOpportunity, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }

  @FieldResolver(() => Region, { description: "City A: needs the product and has at most one maker of it." })
  @Declare({ entity: one(Label.Region, "demandCityCode") })
  demandCity(@Root() r: analytics.CooperationOpportunity, @Ctx() ctx: Context) {
    return loadRegion(ctx, r.demandCityCode);
  }

  @FieldResolver(() => Region, { description: "City B: has a maker of it." })
  @Declare({ entity: one(Label.Region, "supplierCityCode") })
  supplierCity(@Root() r: analytics.CooperationOpportunity, @Ctx() ctx: Context) {
    return loadRegion(ctx, r.supplierCityCode);
  }

  @FieldResolver(() => [Enterprise], { description: "Enterprises in A that make a product requiring it." })
  @Declare({ entity: firstN(Label.Enterprise, "demanderCodes") })
  demanders(@Root() r: analytics.CooperationOpportunity, @Args(() => ListArgs) { first }: ListArgs, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.demanderCodes.slice(0, first));
  }

  @FieldResolver(() => Int)
  demanderCount(@Root() r: analytics.CooperationOpportunity) {
    return r.demanderCount;
  }

  @FieldResolver(() => [Enterprise], { description: "Enterprises in B that make it." })
  @Declare({ entity: firstN(Label.Enterprise, "supplierCodes") })
  suppliers(@Root() r: analytics.CooperationOpportunity, @Args(() => ListArgs) { first }: ListArgs, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.supplierCodes.slice(0, first));
  }

  @FieldResolver(() => Int)
  supplierCount(@Root() r: analytics.CooperationOpportunity) {
    return r.supplierCount;
  }

  @FieldResolver(() => [String], reasonsField)
  reasons(@Root() r: analytics.CooperationOpportunity, @Arg("lang", () => Lang, langArg) lang: Lang) {
    return pick(r.reasons, lang);
  }
}

@Resolver(() => ExtensionOpportunity)
export class ExtensionFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.ExtensionOpportunity, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }

  @FieldResolver(() => [Product], { description: "Its inputs that some enterprise in the scope makes." })
  @Declare({ entity: all(Label.Product, "localInputCodes"), items: 50 })
  localInputs(@Root() r: analytics.ExtensionOpportunity, @Ctx() ctx: Context) {
    return loadProducts(ctx, r.localInputCodes);
  }

  @FieldResolver(() => [Product], { description: "Its inputs that no enterprise in the scope makes." })
  @Declare({ entity: all(Label.Product, "missingInputCodes"), items: 50 })
  missingInputs(@Root() r: analytics.ExtensionOpportunity, @Ctx() ctx: Context) {
    return loadProducts(ctx, r.missingInputCodes);
  }

  @FieldResolver(() => [String], reasonsField)
  reasons(@Root() r: analytics.ExtensionOpportunity, @Arg("lang", () => Lang, langArg) lang: Lang) {
    return pick(r.reasons, lang);
  }
}

@Resolver(() => LostProduct)
export class LostProductFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.LostProduct, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }

  @FieldResolver(() => [Enterprise], { description: "Its local producers before the removal." })
  @Declare({ entity: all(Label.Enterprise, "formerProducerCodes"), items: 50 })
  formerProducers(@Root() r: analytics.LostProduct, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.formerProducerCodes);
  }

  @FieldResolver(() => [Enterprise], { description: "The remaining enterprises in the scope that need it." })
  @Declare({ entity: firstN(Label.Enterprise, "demanderCodes") })
  demanders(@Root() r: analytics.LostProduct, @Args(() => ListArgs) { first }: ListArgs, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.demanderCodes.slice(0, first));
  }

  @FieldResolver(() => [String], reasonsField)
  reasons(@Root() r: analytics.LostProduct, @Arg("lang", () => Lang, langArg) lang: Lang) {
    return pick(r.reasons, lang);
  }
}

@Resolver(() => ResilienceReport)
export class ResilienceFields {
  @FieldResolver(() => [Enterprise], { description: "The enterprises taken away." })
  @Declare({ entity: all(Label.Enterprise, "withoutCodes"), items: 100 })
  without(@Root() r: analytics.ResilienceReport, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.withoutCodes);
  }

  @FieldResolver(() => [LostProduct], { description: "Chain products that had a local producer and now have none." })
  @Declare({ items: 100 })
  lostProducts(@Root() r: analytics.ResilienceReport) {
    return r.lostProducts;
  }

  @FieldResolver(() => [Enterprise], { description: "Remaining enterprises in the scope that need a lost product." })
  @Declare({ entity: firstN(Label.Enterprise, "affectedEnterpriseCodes") })
  affectedEnterprises(@Root() r: analytics.ResilienceReport, @Args(() => ListArgs) { first }: ListArgs, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.affectedEnterpriseCodes.slice(0, first));
  }

  @FieldResolver(() => Int)
  affectedCount(@Root() r: analytics.ResilienceReport) {
    return r.affectedEnterpriseCodes.length;
  }
}

@Resolver(() => ChainMapProduct)
export class ChainMapProductFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.ChainMapProduct, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }

  @FieldResolver(() => [String], { description: "Codes of the products it requires (they may belong to other chains)." })
  inputCodes(@Root() r: analytics.ChainMapProduct) {
    return r.inputCodes;
  }
}

@Resolver(() => ProductCount)
export class ProductCountFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: { productCode: string }, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }

  @FieldResolver(() => String)
  productCode(@Root() r: { productCode: string }) {
    return r.productCode;
  }
}

@Resolver(() => ChainMapCity)
export class ChainMapCityFields {
  @FieldResolver(() => Region)
  @Declare({ entity: one(Label.Region, "cityCode") })
  city(@Root() r: analytics.ChainMapCity, @Ctx() ctx: Context) {
    return loadRegion(ctx, r.cityCode);
  }

  @FieldResolver(() => [ProductCount], {
    description: "For every chain product, how many enterprises of the scope in this city make it.",
  })
  @Declare({ items: 500 })
  producerCounts(@Root() r: analytics.ChainMapCity) {
    return r.producerCounts;
  }
}

@Resolver(() => ChainMap)
export class ChainMapFields {
  @FieldResolver(() => IndustryChain)
  @Declare({ entity: one<analytics.ChainMap>(Label.IndustryChain, (r) => r.chain.code) })
  chain(@Root() r: analytics.ChainMap, @Ctx() ctx: Context) {
    return ctx.loaders.entity<IndustryChain>(Label.IndustryChain).load(r.chain.code);
  }

  @FieldResolver(() => [ChainMapProduct], { description: "The chain's products, upstream first, then by code." })
  @Declare({ items: 500 })
  products(@Root() r: analytics.ChainMap) {
    return r.products;
  }

  @FieldResolver(() => [ChainMapCity], { description: "The scope's cities, by code." })
  @Declare({ items: 20 })
  cities(@Root() r: analytics.ChainMap) {
    return r.cities;
  }
}

export const analyticsFieldResolvers = [
  ShortBoardFields,
  MissingSupplierFields,
  TargetFirmFields,
  CooperationFields,
  ExtensionFields,
  LostProductFields,
  ResilienceFields,
  ChainMapProductFields,
  ProductCountFields,
  ChainMapCityFields,
  ChainMapFields,
] as const;
