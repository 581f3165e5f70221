import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Label } from "../graph/vocabulary/model.js";
import { listProducts } from "../graph/repositories/product.repository.js";
import { IndustryChain } from "../schema/chain.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { toConnection } from "../schema/connection.js";
import { EnterpriseConnection } from "../schema/enterprise.type.js";
import { PageArgs } from "../schema/page.args.js";
import { YearArgs } from "../schema/year.args.js";
import { ProductFilter } from "../schema/product.input.js";
import { Product, ProductConnection } from "../schema/product.type.js";
import { findOne, listInYear, loadGraphField } from "./graph-field.js";
import { Declare } from "../schema/declare.js";

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductConnection, { description: "Products, by code." })
  @Declare({ root: "planned" })
  products(
    @Arg("filter", () => ProductFilter, { nullable: true }) filter: ProductFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listInYear(ctx, info, Label.Product, year, (y, plan) =>
      listProducts(ctx.executor, { ...filter, year: y }, page.first, page.after, plan),
    ).then(toConnection);
  }

  @Query(() => Product, { nullable: true, description: "A product by code; null when unknown." })
  @Declare({ root: "planned" })
  product(
    @Args(() => CodeArgs) { code }: CodeArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return findOne(ctx, info, Label.Product, code, year);
  }

  @FieldResolver(() => IndustryChain)
  chain(@Root() product: Product, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Product, "chain", product, info);
  }

  @FieldResolver(() => [Product], { description: "The products this product requires (its inputs)." })
  inputs(@Root() product: Product, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Product, "inputs", product, info);
  }

  @FieldResolver(() => [Product], { description: "The products that require this product directly." })
  usedBy(@Root() product: Product, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Product, "usedBy", product, info);
  }

  @FieldResolver(() => EnterpriseConnection, { description: "Enterprises that make this product." })
  producers(
    @Root() product: Product,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return loadGraphField(ctx, Label.Product, "producers", product, info, { ...page });
  }
}
