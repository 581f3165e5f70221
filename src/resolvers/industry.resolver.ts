import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { listAll } from "../graph/catalogue.repository.js";
import { Label } from "../graph/model.js";
import { IndustryChain } from "../schema/chain.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { Connection, toConnection } from "../schema/connection.js";
import { Industry } from "../schema/industry.type.js";
import { PageArgs } from "../schema/page.args.js";
import { findOne, loadGraphField, pagePlan } from "./graph-field.js";

const IndustryConnection = Connection(Industry, "Industry");

@Resolver(() => Industry)
export class IndustryResolver {
  @Query(() => IndustryConnection, { description: "Industries, by code." })
  industries(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listAll<Industry>(ctx.executor, Label.Industry, page.first, page.after, pagePlan(ctx, info, Label.Industry)).then(
      toConnection,
    );
  }

  @Query(() => Industry, { nullable: true, description: "An industry by code; null when unknown." })
  industry(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return findOne(ctx, info, Label.Industry, code);
  }

  @FieldResolver(() => [IndustryChain])
  chains(@Root() industry: Industry, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Industry, "chains", industry, info);
  }
}
