import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { listChains } from "../graph/catalogue.repository.js";
import { Label } from "../graph/model.js";
import type { Context } from "../context.js";
import { selects } from "./selection.js";
import { ChainFilter } from "../schema/chain.input.js";
import { IndustryChain, IndustryChainConnection } from "../schema/chain.type.js";
import { Cluster } from "../schema/cluster.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { toConnection } from "../schema/connection.js";
import { Stage } from "../schema/enums.js";
import { Industry } from "../schema/industry.type.js";
import { PageArgs } from "../schema/page.args.js";
import { PlanItem } from "../schema/plan.type.js";
import { ProductConnection } from "../schema/product.type.js";

@Resolver(() => IndustryChain)
export class ChainResolver {
  @Query(() => IndustryChainConnection, { description: "Industrial chains, by code." })
  chains(
    @Arg("filter", () => ChainFilter, { nullable: true }) filter: ChainFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listChains<IndustryChain>(ctx.executor, filter ?? {}, page.first, page.after).then(toConnection);
  }

  @Query(() => IndustryChain, { nullable: true, description: "A chain by code; null when unknown." })
  chain(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context) {
    return ctx.loaders.entity<IndustryChain>(Label.IndustryChain).load(code);
  }

  @FieldResolver(() => ProductConnection, { description: "The chain's products, optionally of one stage." })
  products(
    @Root() chain: IndustryChain,
    @Arg("stage", () => Stage, { nullable: true }) stage: Stage | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.loaders.chainProducts
      .load({
        parent: chain.code,
        withTotal: selects(info, "totalCount"),
        first: page.first,
        after: page.after,
        opts: { stage: stage ?? null },
      })
      .then(toConnection);
  }

  @FieldResolver(() => Industry, { nullable: true })
  async industry(@Root() chain: IndustryChain, @Ctx() ctx: Context) {
    return (await ctx.loaders.chainIndustry.load(chain.code))[0] ?? null;
  }

  @FieldResolver(() => [Cluster], { description: "Clusters that focus on this chain." })
  clusters(@Root() chain: IndustryChain, @Ctx() ctx: Context) {
    return ctx.loaders.chainClusters.load(chain.code);
  }

  @FieldResolver(() => [PlanItem], { description: "Plan targets, tasks and columns that concern this chain." })
  planItems(@Root() chain: IndustryChain, @Ctx() ctx: Context) {
    return ctx.loaders.chainPlanItems.load(chain.code);
  }
}
