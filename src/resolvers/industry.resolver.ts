import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { listAll } from "../graph/catalogue.repository.js";
import { Label } from "../graph/model.js";
import { IndustryChain } from "../schema/chain.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { Connection, toConnection } from "../schema/connection.js";
import { Industry } from "../schema/industry.type.js";
import { PageArgs } from "../schema/page.args.js";

const IndustryConnection = Connection(Industry, "Industry");

@Resolver(() => Industry)
export class IndustryResolver {
  @Query(() => IndustryConnection, { description: "Industries, by code." })
  industries(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return listAll<Industry>(ctx.executor, Label.Industry, page.first, page.after).then(toConnection);
  }

  @Query(() => Industry, { nullable: true, description: "An industry by code; null when unknown." })
  industry(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context) {
    return ctx.loaders.entity<Industry>(Label.Industry).load(code);
  }

  @FieldResolver(() => [IndustryChain])
  chains(@Root() industry: Industry, @Ctx() ctx: Context) {
    return ctx.loaders.industryChains.load(industry.code);
  }
}
