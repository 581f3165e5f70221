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
import { findOne, listInYear, loadGraphField } from "./graph-field.js";
import { Declare } from "../schema/declare.js";

const IndustryConnection = Connection(Industry, "Industry");

@Resolver(() => Industry)
export class IndustryResolver {
  @Query(() => IndustryConnection, { description: "Industries, by code." })
  @Declare({ root: "planned" })
  industries(
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listInYear(ctx, info, Label.Industry, year, (y, plan) =>
      listAll<Industry>(ctx.executor, Label.Industry, page.first, page.after, plan, y),
    ).then(toConnection);
  }

  @Query(() => Industry, { nullable: true, description: "An industry by code; null when unknown." })
  @Declare({ root: "planned" })
  industry(
    @Args(() => CodeArgs) { code }: CodeArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return findOne(ctx, info, Label.Industry, code, year);
  }

  @FieldResolver(() => [IndustryChain])
  chains(@Root() industry: Industry, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Industry, "chains", industry, info);
  }
}
