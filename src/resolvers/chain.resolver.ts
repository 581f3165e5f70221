import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { listChains } from "../graph/repositories/catalogue.repository.js";
import { Label } from "../graph/vocabulary/model.js";
import type { Context } from "../context.js";
import { ChainFilter } from "../schema/chain.input.js";
import { IndustryChain, IndustryChainConnection } from "../schema/chain.type.js";
import { Cluster } from "../schema/cluster.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { toConnection } from "../schema/connection.js";
import { Stage } from "../schema/enums.js";
import { Industry } from "../schema/industry.type.js";
import { PageArgs } from "../schema/page.args.js";
import { YearArgs } from "../schema/year.args.js";
import { PlanItem } from "../schema/plan.type.js";
import { ProductConnection } from "../schema/product.type.js";
import { findOne, listInYear, loadGraphField } from "./graph-field.js";
import { Declare } from "../schema/declare.js";

@Resolver(() => IndustryChain)
export class ChainResolver {
  @Query(() => IndustryChainConnection, { description: "Industrial chains, by code." })
  @Declare({ root: "planned" })
  chains(
    @Arg("filter", () => ChainFilter, { nullable: true }) filter: ChainFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listInYear(ctx, info, Label.IndustryChain, year, (y, plan) =>
      listChains<IndustryChain>(ctx.executor, { ...filter, year: y }, page.first, page.after, plan),
    ).then(toConnection);
  }

  @Query(() => IndustryChain, { nullable: true, description: "A chain by code; null when unknown." })
  @Declare({ root: "planned" })
  chain(
    @Args(() => CodeArgs) { code }: CodeArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return findOne(ctx, info, Label.IndustryChain, code, year);
  }

  @FieldResolver(() => ProductConnection, { description: "The chain's products, optionally of one stage." })
  products(
    @Root() chain: IndustryChain,
    @Arg("stage", () => Stage, { nullable: true }) stage: Stage | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return loadGraphField(ctx, Label.IndustryChain, "products", chain, info, { ...page, stage });
  }

  @FieldResolver(() => Industry, { nullable: true })
  industry(@Root() chain: IndustryChain, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.IndustryChain, "industry", chain, info);
  }

  @FieldResolver(() => [Cluster], { description: "Clusters that focus on this chain." })
  clusters(@Root() chain: IndustryChain, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.IndustryChain, "clusters", chain, info);
  }

  @FieldResolver(() => [PlanItem], { description: "Plan targets, tasks and columns that concern this chain." })
  planItems(@Root() chain: IndustryChain, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.IndustryChain, "planItems", chain, info);
  }
}
