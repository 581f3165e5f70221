import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { listAll } from "../graph/repositories/catalogue.repository.js";
import { Label } from "../graph/vocabulary/model.js";
import { IndustryChain } from "../schema/chain.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { Connection, toConnection } from "../schema/connection.js";
import { Industry } from "../schema/industry.type.js";
import { PageArgs } from "../schema/page.args.js";
import { YearArgs } from "../schema/year.args.js";
import { Plan, PlanItem } from "../schema/plan.type.js";
import { Region } from "../schema/region.type.js";
import { findOne, listInYear, loadGraphField } from "./graph-field.js";
import { Declare } from "../schema/declare.js";

const PlanConnection = Connection(Plan, "Plan");

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => PlanConnection, { description: "Policy plans, by code." })
  @Declare({ root: "planned" })
  plans(
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listInYear(ctx, info, Label.Plan, year, (y, plan) =>
      listAll<Plan>(ctx.executor, Label.Plan, page.first, page.after, plan, y),
    ).then(toConnection);
  }

  @Query(() => Plan, { nullable: true, description: "A plan by code; null when unknown." })
  @Declare({ root: "planned" })
  plan(
    @Args(() => CodeArgs) { code }: CodeArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return findOne(ctx, info, Label.Plan, code, year);
  }

  @FieldResolver(() => Region, { description: "The region the plan is issued for." })
  region(@Root() plan: Plan, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Plan, "region", plan, info);
  }

  @FieldResolver(() => [PlanItem], { description: "Targets, key tasks and engineering columns." })
  items(@Root() plan: Plan, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Plan, "items", plan, info);
  }
}

@Resolver(() => PlanItem)
export class PlanItemResolver {
  @FieldResolver(() => Plan)
  plan(@Root() item: PlanItem, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.PlanItem, "plan", item, info);
  }

  @FieldResolver(() => [IndustryChain], { description: "Chains the item concerns." })
  chains(@Root() item: PlanItem, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.PlanItem, "chains", item, info);
  }

  @FieldResolver(() => [Region], { description: "Regions the item concerns." })
  regions(@Root() item: PlanItem, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.PlanItem, "regions", item, info);
  }

  @FieldResolver(() => [Industry], { description: "Industries the item concerns." })
  industries(@Root() item: PlanItem, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.PlanItem, "industries", item, info);
  }
}
