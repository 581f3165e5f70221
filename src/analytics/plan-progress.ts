import { percent, type Reasons } from "./reasons.js";
import type { IndicatorValue, Series, TargetFacts } from "../graph/repositories/indicator.repository.js";

/**
 * Plan progress (docs/analytics.md, "Plan progress"): how far a plan's TARGET item has come, judged
 * on the indicator series it names. Pure: the facts come from src/graph/repositories/indicator.repository.ts.
 */

export type { IndicatorValue, Series, TargetFacts };

export interface PlanProgress {
  itemCode: string;
  indicator: string;
  target: number;
  targetYear: number;
  /** The target's unit. */
  unit: string | null;
  /** How many series the item's regions, chains and industries pick; progress is judged only when exactly one. */
  matchingSeries: number;
  /** The judged series, by year; empty unless exactly one series matches. */
  series: IndicatorValue[];
  /** The series' unit. */
  observedUnit: string | null;
  observed: number | null;
  observedYear: number | null;
  achievedShare: number | null;
  requiredGrowth: number | null;
  observedGrowth: number | null;
  onTrack: boolean | null;
  reasons: Reasons;
}

/** (to / from)^(1 / years) − 1; null when it is not a real number (years ≤ 0, from ≤ 0, to < 0). */
export function compoundGrowth(from: number, to: number, years: number): number | null {
  if (!(years > 0) || !(from > 0) || !(to >= 0)) return null;
  return (to / from) ** (1 / years) - 1;
}

/** A quantity as written, without grouping, at most four decimals. */
function quantity(x: number): string {
  return String(Math.round(x * 10_000) / 10_000);
}

const withUnit = (x: number, unit: string | null) => (unit ? `${quantity(x)} ${unit}` : quantity(x));
const unitName = (unit: string | null) => unit ?? "no unit";
const unitNameZh = (unit: string | null) => unit ?? "无单位";

/**
 * The progress of `item` on the series its regions, chains and industries pick (`matching`):
 *
 * - with exactly one series, `observed` is its latest value (`observedYear` its year), `achievedShare`
 *   = observed / target, `requiredGrowth` = (target / observed)^(1 / (targetYear − observedYear)) − 1
 *   (null once observedYear ≥ targetYear), and `observedGrowth` = (last / first)^(1 / (lastYear −
 *   firstYear)) − 1 over the series (null with fewer than two values);
 * - `onTrack`: in or after the target year, observed ≥ target; before it, observedGrowth ≥
 *   requiredGrowth; null when either is unknown;
 * - when the series' unit differs from the target's, nothing that compares the two is computed
 *   (share, required growth, verdict): only the series, its latest value and its own growth;
 * - with no series or several, nothing is observed and the reasons say why;
 * - `asOf` judges the item as it stood in that year: the series keep only their values of that year
 *   and before (null: every value), and the reasons say so when that leaves a value out.
 */
export function planProgress(item: TargetFacts, matching: readonly Series[], asOf: number | null = null): PlanProgress {
  const en: string[] = [];
  const zh: string[] = [];
  const target = withUnit(item.target, item.unit);
  en.push(`Target: ${item.indicator} reaches ${target} by ${item.targetYear}.`);
  zh.push(`目标：到${item.targetYear}年${item.indicator}达到${target}。`);
  const result: PlanProgress = {
    itemCode: item.itemCode,
    indicator: item.indicator,
    target: item.target,
    targetYear: item.targetYear,
    unit: item.unit,
    matchingSeries: 0,
    series: [],
    observedUnit: null,
    observed: null,
    observedYear: null,
    achievedShare: null,
    requiredGrowth: null,
    observedGrowth: null,
    onTrack: null,
    reasons: { en, zh },
  };
  const asOfValues = matching.map((s) => (asOf === null ? s : { ...s, values: s.values.filter((v) => v.year <= asOf) }));
  if (asOfValues.some((s, i) => s.values.length < matching[i]!.values.length)) {
    en.push(`As of ${asOf}: the values after ${asOf} are left out.`);
    zh.push(`截至${asOf}年：不计${asOf}年以后的数据。`);
  }
  const withValues = asOfValues.filter((s) => s.values.length > 0);
  result.matchingSeries = withValues.length;
  if (withValues.length === 0) {
    const by = asOf === null ? "" : ` by ${asOf}`;
    en.push(
      `No ${item.indicator} value is recorded${by} for the regions, chains and industries the item names, so progress cannot be judged.`,
    );
    zh.push(`该目标所涉地区、产业链和产业${asOf === null ? "" : `截至${asOf}年`}尚无${item.indicator}数据，无法判断进展。`);
    return result;
  }
  if (withValues.length > 1) {
    en.push(
      `${withValues.length} ${item.indicator} series match the regions, chains and industries the item names; progress is judged on one series, so the item should name one region, chain and industry that has values.`,
    );
    zh.push(
      `该目标所涉地区、产业链和产业对应${withValues.length}组${item.indicator}数据；进展只能按一组数据判断，请让目标只对应一组有数据的地区、产业链和产业。`,
    );
    return result;
  }
  const series = [...withValues[0]!.values].sort((a, b) => a.year - b.year);
  result.series = series;
  const first = series[0]!;
  const last = series[series.length - 1]!;
  result.observedUnit = last.unit;
  result.observed = last.value;
  result.observedYear = last.year;
  result.observedGrowth = series.length > 1 ? compoundGrowth(first.value, last.value, last.year - first.year) : null;

  en.push(`Latest value: ${withUnit(last.value, last.unit)} in ${last.year}.`);
  zh.push(`最新值：${last.year}年为${withUnit(last.value, last.unit)}。`);
  if (result.observedGrowth !== null) {
    en.push(`From ${first.year} to ${last.year} it grew ${percent(result.observedGrowth)} a year on average.`);
    zh.push(`${first.year}年至${last.year}年年均增长${percent(result.observedGrowth)}。`);
  } else if (series.length === 1) {
    en.push("With one value only, there is no growth rate yet.");
    zh.push("仅有一个年度的数据，尚无法计算增速。");
  } else {
    en.push(`A growth rate cannot be computed from ${quantity(first.value)} to ${quantity(last.value)}.`);
    zh.push(`从${quantity(first.value)}到${quantity(last.value)}无法计算增速。`);
  }

  if (last.unit !== item.unit) {
    en.push(
      `The series is in ${unitName(last.unit)} but the target in ${unitName(item.unit)}: the two cannot be compared until the units agree.`,
    );
    zh.push(`数据单位为${unitNameZh(last.unit)}，目标单位为${unitNameZh(item.unit)}，单位一致后方可比较。`);
    return result;
  }
  result.achievedShare = item.target !== 0 ? last.value / item.target : null;
  if (result.achievedShare !== null) {
    en.push(`That is ${percent(result.achievedShare)} of the target.`);
    zh.push(`已达到目标的${percent(result.achievedShare)}。`);
  }
  if (last.year >= item.targetYear) {
    result.onTrack = last.value >= item.target;
    en.push(
      result.onTrack
        ? `The target year has been reached and the target is met.`
        : `The target year has been reached and the target is not met.`,
    );
    zh.push(result.onTrack ? "已到目标年份，目标已实现。" : "已到目标年份，目标未实现。");
    return result;
  }
  result.requiredGrowth = compoundGrowth(last.value, item.target, item.targetYear - last.year);
  if (result.requiredGrowth !== null) {
    en.push(`Reaching the target by ${item.targetYear} needs ${percent(result.requiredGrowth)} growth a year from ${last.year}.`);
    zh.push(`${last.year}年起需年均增长${percent(result.requiredGrowth)}，方能在${item.targetYear}年实现目标。`);
  }
  if (result.requiredGrowth === null || result.observedGrowth === null) {
    en.push("Whether it is on track cannot be judged yet.");
    zh.push("尚无法判断进展是否符合预期。");
    return result;
  }
  result.onTrack = result.observedGrowth >= result.requiredGrowth;
  en.push(
    result.onTrack
      ? "On track: it has grown at least as fast as the target requires."
      : "Behind: it has grown more slowly than the target requires.",
  );
  zh.push(result.onTrack ? "进展符合预期：实际增速不低于所需增速。" : "进展滞后：实际增速低于所需增速。");
  return result;
}
