import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import * as analytics from "../analytics/index.js";
import type { Context } from "../context.js";
import {
  ChainMapArgs,
  CooperationArgs,
  ExtensionArgs,
  MissingSuppliersArgs,
  ResilienceArgs,
  ShortBoardsArgs,
  TargetFirmsArgs,
} from "../schema/analytics/analysis.args.js";
import {
  ChainMap,
  CooperationOpportunity,
  ExtensionOpportunity,
  MissingSupplier,
  ResilienceReport,
  ShortBoard,
  TargetFirm,
} from "../schema/analytics/results.type.js";
import { DEPENDENTS_FIRST, LIST_FIRST } from "./analytics-fields.resolver.js";
import { childFieldArgument } from "./selection.js";
import { withEntities } from "./graph-field.js";
import { Declare } from "../schema/declare.js";

/**
 * The code lists an answer must fill: those the client selected, up to the largest \`first\` it gave
 * any of them (defaults as the list fields declare). Unselected lists are not read.
 */
function listOptions(info: GraphQLResolveInfo): analytics.ListOptions {
  const producers = childFieldArgument(info, "localProducers", "first", LIST_FIRST);
  const suppliers = childFieldArgument(info, "suppliers", "first", LIST_FIRST);
  const demanders = childFieldArgument(info, "demanders", "first", LIST_FIRST);
  const dependents = childFieldArgument(info, "dependentProducts", "first", DEPENDENTS_FIRST);
  return {
    first: Math.min(analytics.MAX_LIST, Math.max(producers ?? 0, suppliers ?? 0, demanders ?? 0, dependents ?? 0)),
    producers: producers !== undefined || suppliers !== undefined,
    demanders: demanders !== undefined,
    dependents: dependents !== undefined,
  };
}

/** The chain analyses (docs/analytics.md): each query delegates to one function of src/analytics. */
@Resolver()
export class AnalyticsResolver {
  @Query(() => [ShortBoard], { description: "The chain's weak links (短板) in the scope, worst first." })
  @Declare({ root: "analysis" })
  shortBoards(
    @Args(() => ShortBoardsArgs) args: InstanceType<typeof ShortBoardsArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return withEntities(
      ctx,
      info,
      analytics.shortBoards(ctx.executor, { ...args, lists: listOptions(info) }),
      args.year ?? undefined,
    );
  }

  @Query(() => [MissingSupplier], {
    description: "The chain products the scope needs and nobody in it makes (补链), with outside firms that make them.",
  })
  @Declare({ root: "analysis" })
  missingSuppliers(
    @Args(() => MissingSuppliersArgs) args: InstanceType<typeof MissingSuppliersArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Candidates are computed in the same pass, for the largest `candidates(first:)` the client asked.
    const candidatesFirst = childFieldArgument(info, "candidates", "first", 5) ?? 0;
    return withEntities(
      ctx,
      info,
      analytics.missingSuppliers(ctx.executor, {
        ...args,
        candidatesFirst: Math.min(candidatesFirst, 100),
        lists: listOptions(info),
      }),
      args.year ?? undefined,
    );
  }

  @Query(() => [TargetFirm], { description: "Enterprises outside the scope that make the chain's weak products (产业链招商)." })
  @Declare({ root: "analysis" })
  targetFirms(@Args(() => TargetFirmsArgs) args: TargetFirmsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return withEntities(ctx, info, analytics.targetFirms(ctx.executor, args), args.year ?? undefined);
  }

  @Query(() => [CooperationOpportunity], {
    description: "Pairs of cities in the scope where one could supply the other a weak product; links not yet made first.",
  })
  @Declare({ root: "analysis" })
  cooperationOpportunities(
    @Args(() => CooperationArgs) args: InstanceType<typeof CooperationArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return withEntities(
      ctx,
      info,
      analytics.cooperationOpportunities(ctx.executor, { ...args, lists: listOptions(info) }),
      args.year ?? undefined,
    );
  }

  @Query(() => [ExtensionOpportunity], {
    description: "Chain products the scope could grow into (延链), most inputs at hand first.",
  })
  @Declare({ root: "analysis" })
  extensionOpportunities(
    @Args(() => ExtensionArgs) args: InstanceType<typeof ExtensionArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return withEntities(ctx, info, analytics.extensionOpportunities(ctx.executor, args), args.year ?? undefined);
  }

  @Query(() => ResilienceReport, { description: "What the scope can no longer make if the listed enterprises are gone." })
  @Declare({ root: "analysis" })
  resilience(@Args(() => ResilienceArgs) args: ResilienceArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return withEntities(ctx, info, analytics.resilience(ctx.executor, args), args.year ?? undefined);
  }

  @Query(() => ChainMap, { description: "Everything needed to draw the chain for the scope, with weak links marked." })
  @Declare({ root: "analysis" })
  chainMap(
    @Args(() => ChainMapArgs) args: InstanceType<typeof ChainMapArgs>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return withEntities(ctx, info, analytics.chainMap(ctx.executor, args), args.year ?? undefined);
  }
}
