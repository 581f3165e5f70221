import { notFound } from "../../errors.js";
import type { Executor } from "../db/executor.js";
import { OBSERVATION } from "../vocabulary/model.js";

/** One value of an indicator series. */
export interface IndicatorValue {
  year: number;
  value: number;
  unit: string | null;
  source: string;
  /** Changes through the API (src/graph/mutate); 0 for a value only ever imported. */
  version?: number;
}

/** A series: its region, chain and industry codes (null for an empty cell) and its values. */
export interface Series {
  region: string | null;
  chain: string | null;
  industry: string | null;
  values: IndicatorValue[];
}

/** A TARGET item that names an indicator. */
export interface TargetFacts {
  itemCode: string;
  indicator: string;
  target: number;
  targetYear: number;
  unit: string | null;
}

/**
 * Indicator series (indicators.csv) and the TARGET items measured by them. An observation carries
 * its series' region, chain and industry codes as properties (absent for an empty cell); a read
 * matches `coalesce(o.region, '')` against a list of codes in which '' stands for "empty cell", so
 * the same predicate serves one series (`indicators`) and a plan item's several codes.
 */

/** The codes of one series: null for a field that must be an empty cell. */
export interface SeriesFilter {
  region: string | null;
  chain: string | null;
  industry: string | null;
  indicator: string;
}

/** Where an observation bound to `o` belongs to one of `$regions`, `$chains` and `$industries` ('' = none). */
const IN_SERIES = (regions: string, chains: string, industries: string) =>
  `coalesce(o.region, '') IN ${regions} AND coalesce(o.chain, '') IN ${chains} AND coalesce(o.industry, '') IN ${industries}`;

const SERIES = `
RETURN
  $region IS NULL OR EXISTS { MATCH (:Region {code: $region}) } AS region,
  $chain IS NULL OR EXISTS { MATCH (:IndustryChain {code: $chain}) } AS chain,
  $industry IS NULL OR EXISTS { MATCH (:Industry {code: $industry}) } AS industry,
  EXISTS { MATCH (:${OBSERVATION} {indicator: $indicator}) } AS indicator,
  COLLECT {
    MATCH (o:${OBSERVATION} {indicator: $indicator})
    WHERE ${IN_SERIES("$regions", "$chains", "$industries")}
    RETURN o {.year, .value, .unit, .source, .version} AS value ORDER BY value.year
  } AS values`;

interface SeriesRow {
  region: boolean;
  chain: boolean;
  industry: boolean;
  indicator: boolean;
  values: IndicatorValue[];
}

/**
 * The values of one series by year: the observations of `indicator` whose region, chain and industry
 * are the filter's, a null field matching only an empty cell. One statement, which also checks the
 * codes: an unknown region, chain or industry, or an indicator no observation has, is `NOT_FOUND`.
 */
export async function findSeries(executor: Executor, filter: SeriesFilter): Promise<IndicatorValue[]> {
  const [row] = await executor.read<SeriesRow>("indicators", SERIES, {
    ...filter,
    regions: [filter.region ?? ""],
    chains: [filter.chain ?? ""],
    industries: [filter.industry ?? ""],
  });
  if (!row) throw new Error("indicators: the statement returned no row");
  if (!row.region) throw notFound("region", filter.region!);
  if (!row.chain) throw notFound("chain", filter.chain!);
  if (!row.industry) throw notFound("industry", filter.industry!);
  if (!row.indicator) throw notFound("indicator", filter.indicator);
  return row.values.map(value);
}

const PROGRESS = `
OPTIONAL MATCH (p:Plan {code: $plan})
CALL {
  WITH p
  MATCH (p)-[:HAS_ITEM]->(i:PlanItem {kind: 'TARGET'})
  WHERE i.targetIndicator IS NOT NULL
  WITH i,
    [(i)-[:CONCERNS]->(r:Region) | r.code] AS regions,
    [(i)-[:CONCERNS]->(c:IndustryChain) | c.code] AS chains,
    [(i)-[:CONCERNS]->(d:Industry) | d.code] AS industries
  ORDER BY i.code
  CALL {
    WITH i, regions, chains, industries
    MATCH (o:${OBSERVATION} {indicator: i.targetIndicator})
    WHERE ${IN_SERIES(
      "CASE WHEN size(regions) = 0 THEN [''] ELSE regions END",
      "CASE WHEN size(chains) = 0 THEN [''] ELSE chains END",
      "CASE WHEN size(industries) = 0 THEN [''] ELSE industries END",
    )}
    WITH o.series AS key, o.region AS region, o.chain AS chain, o.industry AS industry,
      collect(o {.year, .value, .unit, .source, .version}) AS values
    ORDER BY key
    RETURN collect({region: region, chain: chain, industry: industry, values: values}) AS series
  }
  RETURN collect({
    itemCode: i.code, indicator: i.targetIndicator, target: i.targetValue, targetYear: i.targetYear,
    unit: i.targetUnit, series: series
  }) AS items
}
RETURN p IS NOT NULL AS found, items`;

interface ProgressRow {
  found: boolean;
  items: Array<TargetFacts & { series: Series[] }>;
}

/**
 * The TARGET items of `plan` that name an indicator, by code, each with the series its regions,
 * chains and industries pick: the series whose region is one of the item's regions, its chain one of
 * the item's chains and its industry one of the item's industries, where a kind the item lists none
 * of matches only an empty cell. One statement; `NOT_FOUND` for an unknown plan.
 */
export async function findPlanTargets(executor: Executor, plan: string): Promise<Array<{ item: TargetFacts; series: Series[] }>> {
  const [row] = await executor.read<ProgressRow>("planProgress", PROGRESS, { plan });
  if (!row?.found) throw notFound("plan", plan);
  return row.items.map(({ series, ...item }) => ({
    item: { ...item, unit: item.unit ?? null },
    series: series.map((s) => ({ ...s, values: s.values.map(value) })),
  }));
}

function value(v: IndicatorValue): IndicatorValue {
  return { year: v.year, value: v.value, unit: v.unit ?? null, source: v.source, version: Number(v.version ?? 0) };
}
