import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import { pickReasons } from "../analytics/reasons.js";
import type { PlanProgress as Progress } from "../analytics/plan-progress.js";
import type { Context } from "../context.js";
import { indicatorSeries, progressOfPlan } from "../analytics/monitoring.js";
import { Label } from "../graph/vocabulary/model.js";
import { Lang } from "../schema/analytics/enums.js";
import { IndicatorsArgs, PlanProgressArgs } from "../schema/indicator.input.js";
import { IndicatorValue, PlanProgress } from "../schema/indicator.type.js";
import { PlanItem } from "../schema/plan.type.js";
import { withEntities } from "./graph-field.js";
import { one } from "../graph/planner/declarations.js";
import { MAX_SERIES_VALUES } from "../graph/import/spec.js";
import { Declare } from "../schema/declare.js";

/** Annual monitoring: indicator series and the progress of plan targets measured by them. */
@Resolver(() => PlanProgress)
export class IndicatorResolver {
  @Query(() => [Int], {
    description:
      "The years the graph holds, ascending, as yearly imports (`--year`) recorded them: what `year` arguments take, the last being their default. [] for a graph without years (its data holds in every year).",
  })
  @Declare({ root: "resolver" })
  years(@Ctx() ctx: Context) {
    return ctx.executor.heldYears();
  }

  @Query(() => [IndicatorValue], {
    description:
      "The values of one indicator series, by year: the series whose region, chain and industry are the filter's (an omitted one matches an empty cell).",
  })
  // A series holds one value a year, and the importer takes years from 1900 to 2100 only: a real bound.
  @Declare({ root: "resolver", items: MAX_SERIES_VALUES })
  indicators(@Args(() => IndicatorsArgs) { filter }: IndicatorsArgs, @Ctx() ctx: Context) {
    return indicatorSeries(ctx.executor, filter);
  }

  @Query(() => [PlanProgress], {
    description:
      "Progress of the plan's TARGET items that name an indicator, by item code, on the values up to `year` (default: all of them) (docs/analytics.md).",
  })
  // It reads in one statement the plan's targets and the observations of their indicators; it lists
  // the TARGET items with an indicator, a planning figure (a five-year plan names a handful).
  @Declare({ root: "resolver", reads: 100, items: 20 })
  planProgress(
    @Args(() => PlanProgressArgs) { plan, year }: PlanProgressArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return withEntities(ctx, info, progressOfPlan(ctx.executor, plan, year ?? null));
  }

  @FieldResolver(() => PlanItem, { description: "The TARGET item." })
  @Declare({ entity: one(Label.PlanItem, "itemCode") })
  item(@Root() p: Progress, @Ctx() ctx: Context) {
    return ctx.loaders.entity<PlanItem>(Label.PlanItem).load(p.itemCode);
  }

  @FieldResolver(() => [String], { description: "Why, in short sentences." })
  reasons(@Root() p: Progress, @Arg("lang", () => Lang, { defaultValue: Lang.EN }) lang: Lang) {
    return pickReasons(p.reasons, lang);
  }
}
