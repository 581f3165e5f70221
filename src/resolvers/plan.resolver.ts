import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { listAll } from "../graph/catalogue.repository.js";
import { Label } from "../graph/model.js";
import { IndustryChain } from "../schema/chain.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { Connection, toConnection } from "../schema/connection.js";
import { Industry } from "../schema/industry.type.js";
import { PageArgs } from "../schema/page.args.js";
import { Plan, PlanItem } from "../schema/plan.type.js";
import { Region } from "../schema/region.type.js";

const PlanConnection = Connection(Plan, "Plan");

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => PlanConnection, { description: "Policy plans, by code." })
  plans(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return listAll<Plan>(ctx.executor, Label.Plan, page.first, page.after).then(toConnection);
  }

  @Query(() => Plan, { nullable: true, description: "A plan by code; null when unknown." })
  plan(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context) {
    return ctx.loaders.entity<Plan>(Label.Plan).load(code);
  }

  @FieldResolver(() => Region, { description: "The region the plan is issued for." })
  region(@Root() plan: Plan, @Ctx() ctx: Context) {
    return ctx.loaders.entity<Region>(Label.Region).load(plan.regionCode);
  }

  @FieldResolver(() => [PlanItem], { description: "Targets, key tasks and engineering columns." })
  items(@Root() plan: Plan, @Ctx() ctx: Context) {
    return ctx.loaders.planItems.load(plan.code);
  }
}

@Resolver(() => PlanItem)
export class PlanItemResolver {
  @FieldResolver(() => Plan)
  async plan(@Root() item: PlanItem, @Ctx() ctx: Context) {
    return (await ctx.loaders.planItemPlan.load(item.code))[0];
  }

  @FieldResolver(() => [IndustryChain], { description: "Chains the item concerns." })
  chains(@Root() item: PlanItem, @Ctx() ctx: Context) {
    return ctx.loaders.planItemChains.load(item.code);
  }

  @FieldResolver(() => [Region], { description: "Regions the item concerns." })
  regions(@Root() item: PlanItem, @Ctx() ctx: Context) {
    return ctx.loaders.planItemRegions.load(item.code);
  }

  @FieldResolver(() => [Industry], { description: "Industries the item concerns." })
  industries(@Root() item: PlanItem, @Ctx() ctx: Context) {
    return ctx.loaders.planItemIndustries.load(item.code);
  }
}
