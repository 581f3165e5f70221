import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { selects } from "./selection.js";
import { listEnterprises } from "../graph/enterprise.repository.js";
import { Label } from "../graph/model.js";
import { Cluster } from "../schema/cluster.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { toConnection } from "../schema/connection.js";
import { EnterpriseFilter } from "../schema/enterprise.input.js";
import { Enterprise, EnterpriseConnection, ProducedProduct } from "../schema/enterprise.type.js";
import { PageArgs } from "../schema/page.args.js";
import { Region } from "../schema/region.type.js";
import { SupplyLinkConnection } from "../schema/supply-link.type.js";

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => EnterpriseConnection, { description: "Enterprises, by code." })
  enterprises(
    @Arg("filter", () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listEnterprises(ctx.executor, filter ?? {}, page.first, page.after).then(toConnection);
  }

  @Query(() => Enterprise, { nullable: true, description: "An enterprise by code; null when unknown." })
  enterprise(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context) {
    return ctx.loaders.entity<Enterprise>(Label.Enterprise).load(code);
  }

  @FieldResolver(() => Region, { description: "The city the enterprise is located in." })
  city(@Root() enterprise: Enterprise, @Ctx() ctx: Context) {
    return ctx.loaders.entity<Region>(Label.Region).load(enterprise.cityCode);
  }

  @FieldResolver(() => Cluster, { nullable: true })
  cluster(@Root() enterprise: Enterprise, @Ctx() ctx: Context) {
    return enterprise.clusterCode ? ctx.loaders.entity<Cluster>(Label.Cluster).load(enterprise.clusterCode) : null;
  }

  @FieldResolver(() => [ProducedProduct], { description: "What the enterprise makes, with capacity." })
  products(@Root() enterprise: Enterprise, @Ctx() ctx: Context) {
    return ctx.loaders.enterpriseProducts.load(enterprise.code);
  }

  @FieldResolver(() => SupplyLinkConnection, { description: "Supply links into this enterprise, by supplier." })
  suppliers(
    @Root() enterprise: Enterprise,
    @Arg("product", () => String, { nullable: true, description: "Only links of this product code." }) product: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.loaders.enterpriseSuppliers
      .load({
        parent: enterprise.code,
        withTotal: selects(info, "totalCount"),
        first: page.first,
        after: page.after,
        opts: { product: product ?? null },
      })
      .then(toConnection);
  }

  @FieldResolver(() => SupplyLinkConnection, { description: "Supply links out of this enterprise, by customer." })
  customers(
    @Root() enterprise: Enterprise,
    @Arg("product", () => String, { nullable: true, description: "Only links of this product code." }) product: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.loaders.enterpriseCustomers
      .load({
        parent: enterprise.code,
        withTotal: selects(info, "totalCount"),
        first: page.first,
        after: page.after,
        opts: { product: product ?? null },
      })
      .then(toConnection);
  }
}
