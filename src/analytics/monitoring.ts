import { badInput } from "../errors.js";
import type { Executor } from "../graph/db/executor.js";
import { findPlanTargets, findSeries } from "../graph/repositories/indicator.repository.js";
import { planProgress, type IndicatorValue, type PlanProgress } from "./plan-progress.js";

/** Annual monitoring (docs/analytics.md, "Plan progress"): indicator series, and plan targets judged on them. */

export interface IndicatorFilterInput {
  region?: string | null | undefined;
  chain?: string | null | undefined;
  industry?: string | null | undefined;
  indicator: string;
}

/** A code of the filter: null when omitted; `BAD_USER_INPUT` when given but blank. */
function code(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (value.trim() === "")
    throw badInput(`filter.${field} must not be empty; omit it to match series without one`, `filter.${field}`);
  return value;
}

/**
 * The values of one series by year (`findSeries`). `BAD_USER_INPUT` for a blank code or indicator, or a
 * filter with none of region, chain and industry (no series has none); `NOT_FOUND` for an unknown one.
 */
export function indicatorSeries(executor: Executor, filter: IndicatorFilterInput): Promise<IndicatorValue[]> {
  const region = code(filter.region, "region");
  const chain = code(filter.chain, "chain");
  const industry = code(filter.industry, "industry");
  if (filter.indicator.trim() === "") throw badInput("filter.indicator must not be empty", "filter.indicator");
  if (region === null && chain === null && industry === null)
    throw badInput("filter needs region, chain or industry: every series has at least one", "filter");
  return findSeries(executor, { region, chain, industry, indicator: filter.indicator });
}

/**
 * The progress of every TARGET item of `plan` that names an indicator, by item code, as it stood in
 * `asOf` (the values of that year and before; null: every value). One statement.
 */
export async function progressOfPlan(executor: Executor, plan: string, asOf: number | null = null): Promise<PlanProgress[]> {
  if (plan.trim() === "") throw badInput("plan must not be empty", "plan");
  const targets = await findPlanTargets(executor, plan);
  return targets.map(({ item, series }) => planProgress(item, series, asOf));
}
