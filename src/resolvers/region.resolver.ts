import type { GraphQLResolveInfo } from "graphql";
import { Args, Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Label } from "../graph/vocabulary/model.js";
import { listRegions } from "../graph/repositories/region.repository.js";
import { Cluster } from "../schema/cluster.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { toConnection } from "../schema/connection.js";
import { EnterpriseConnection } from "../schema/enterprise.type.js";
import { PageArgs } from "../schema/page.args.js";
import { YearArgs } from "../schema/year.args.js";
import { PlanItem } from "../schema/plan.type.js";
import { RegionFilter } from "../schema/region.input.js";
import { Region, RegionConnection } from "../schema/region.type.js";
import { findOne, listInYear, loadGraphField } from "./graph-field.js";
import { Declare } from "../schema/declare.js";

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => RegionConnection, { description: "Regions, by code." })
  @Declare({ root: "planned" })
  regions(
    @Arg("filter", () => RegionFilter, { nullable: true }) filter: RegionFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listInYear(ctx, info, Label.Region, year, (y, plan) =>
      listRegions(ctx.executor, { ...filter, year: y }, page.first, page.after, plan),
    ).then(toConnection);
  }

  @Query(() => Region, { nullable: true, description: "A region by code; null when unknown." })
  @Declare({ root: "planned" })
  region(
    @Args(() => CodeArgs) { code }: CodeArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return findOne(ctx, info, Label.Region, code, year);
  }

  @FieldResolver(() => Region, { nullable: true, description: "The circle or province this region belongs to." })
  parent(@Root() region: Region, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Region, "parent", region, info);
  }

  @FieldResolver(() => [Region], { description: "Regions directly beneath this one." })
  children(@Root() region: Region, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Region, "children", region, info);
  }

  @FieldResolver(() => EnterpriseConnection, { description: "Enterprises located anywhere beneath this region." })
  enterprises(
    @Root() region: Region,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return loadGraphField(ctx, Label.Region, "enterprises", region, info, { ...page });
  }

  @FieldResolver(() => [Cluster], { description: "Clusters located anywhere beneath this region." })
  clusters(@Root() region: Region, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Region, "clusters", region, info);
  }

  @FieldResolver(() => [PlanItem], { description: "Plan targets, tasks and columns that concern this region." })
  planItems(@Root() region: Region, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Region, "planItems", region, info);
  }
}
