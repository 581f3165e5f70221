import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { selects } from "./selection.js";
import { Label } from "../graph/model.js";
import { listProducts } from "../graph/product.repository.js";
import { IndustryChain } from "../schema/chain.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { toConnection } from "../schema/connection.js";
import { EnterpriseConnection } from "../schema/enterprise.type.js";
import { PageArgs } from "../schema/page.args.js";
import { ProductFilter } from "../schema/product.input.js";
import { Product, ProductConnection } from "../schema/product.type.js";

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductConnection, { description: "Products, by code." })
  products(
    @Arg("filter", () => ProductFilter, { nullable: true }) filter: ProductFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listProducts(ctx.executor, filter ?? {}, page.first, page.after).then(toConnection);
  }

  @Query(() => Product, { nullable: true, description: "A product by code; null when unknown." })
  product(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context) {
    return ctx.loaders.entity<Product>(Label.Product).load(code);
  }

  @FieldResolver(() => IndustryChain)
  chain(@Root() product: Product, @Ctx() ctx: Context) {
    return ctx.loaders.entity<IndustryChain>(Label.IndustryChain).load(product.chainCode);
  }

  @FieldResolver(() => [Product], { description: "The products this product requires (its inputs)." })
  inputs(@Root() product: Product, @Ctx() ctx: Context) {
    return ctx.loaders.productInputs.load(product.code);
  }

  @FieldResolver(() => [Product], { description: "The products that require this product directly." })
  usedBy(@Root() product: Product, @Ctx() ctx: Context) {
    return ctx.loaders.productUsedBy.load(product.code);
  }

  @FieldResolver(() => EnterpriseConnection, { description: "Enterprises that make this product." })
  producers(
    @Root() product: Product,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.loaders.productProducers
      .load({ parent: product.code, withTotal: selects(info, "totalCount"), first: page.first, after: page.after })
      .then(toConnection);
  }
}
