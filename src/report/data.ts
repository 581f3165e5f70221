import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  chainMap,
  changes,
  cooperationOpportunities,
  shortBoards,
  targetFirms,
  type ChainChanges,
  type ChainMap,
  type ChainMapProduct,
  type CooperationOpportunity,
  type ListOptions,
  type NamedRef,
  type ShortBoard,
  type TargetFirm,
} from "../analytics/index.js";
import { pickDrawn } from "../analytics/map-selection.js";
import {
  backtest,
  chainProductCodes,
  entryCandidates,
  productSpace,
  type Backtest,
  type EntryCandidate,
  type ProductSpaceView,
} from "../analytics/relatedness.js";
import { progressOfPlan } from "../analytics/monitoring.js";
import type { PlanProgress } from "../analytics/plan-progress.js";
import type { Executor } from "../graph/db/executor.js";
import { yearOf } from "../graph/import/years.js";
import type { ReportOptions } from "./options.js";
import {
  loadEntities,
  loadPlans,
  loadRegionAndChains,
  topRegion,
  type ReportPlan,
  type ReportRegion,
  type Sourced,
} from "./report.repository.js";

/** How much of each analysis a report shows. */
export const REPORT_LIMITS = {
  /** Products drawn on one chain map at most, shared between the three stage columns. */
  mapDrawn: 60,
  /** Products the map asks `chainMap(order: WEAK_FIRST)` for, to choose the drawn ones from. */
  mapRead: 180,
  shortBoards: 10,
  targetFirms: 10,
  cooperation: 10,
  /** Items per list of the changes since the previous year. */
  changes: 10,
  /** A city report's entry candidates per chain; a region's, per city. */
  growthCity: 10,
  growthPerCity: 3,
} as const;

/**
 * The years a report looks at: \`year\`, the one asked or else the latest the graph holds (null in a
 * graph without years, whose data holds in every year), and \`previous\`, the latest year before it
 * that the graph holds (null when there is none), which the changes compare it with.
 */
export interface AnalysisOptions {
  year: number | null;
  previous: number | null;
  /** Every year the graph holds, ascending ([] without years). */
  years: number[];
}

/** Resolves the report's years against the graph's; a year the graph does not hold is BAD_USER_INPUT. */
export function reportYears(asked: number | null, years: readonly number[]): AnalysisOptions {
  const year = yearOf(years, asked);
  if (year === null) return { year: null, previous: null, years: [] };
  const earlier = years.filter((y) => y < year);
  return { year, previous: earlier.length > 0 ? earlier[earlier.length - 1]! : null, years: [...years] };
}

/** One chain's part of the report: its map and the three analyses, as the analyses returned them. */
export interface ChainSection {
  chain: Sourced;
  map: ChainMap;
  /** The products drawn, in the map's order (the weakest first). */
  drawn: ChainMapProduct[];
  shortBoards: ShortBoard[];
  targetFirms: TargetFirm[];
  cooperation: CooperationOpportunity[];
  /** What changed since the previous year the graph holds; null without one. */
  changes: ChainChanges | null;
  /** The chain's products each of the region's cities could enter next (its province's product space). */
  growth: EntryCandidate[];
}

/**
 * What the region could enter next: the product space of the cities of its province (`space`) in
 * the report's year, and how well the previous year's space predicted this year's entries.
 */
export interface GrowthData {
  space: NamedRef;
  cities: number;
  products: number;
  /** Null without a previous year. */
  backtest: Backtest | null;
}

export interface Provenance {
  /** The service's git commit, when the code runs from a git checkout. */
  commit: string | null;
}

/** Everything a report shows; the renderers (render.ts) only format it. */
export interface ReportData {
  options: ReportOptions;
  /** When the report was made, ISO 8601. */
  generatedAt: string;
  provenance: Provenance;
  region: ReportRegion;
  /** The years looked at. */
  years: AnalysisOptions;
  plans: ReportPlan[];
  /** Per plan code, the progress of its TARGET items that name an indicator (planProgress). */
  progress: Map<string, PlanProgress[]>;
  chains: ChainSection[];
  growth: GrowthData;
  /** Names and sources of the products and enterprises the sections name, by code. */
  products: Map<string, Sourced>;
  enterprises: Map<string, Sourced>;
}

// The report shows counts, not the code lists the analyses can fill: asking for none saves their round trip.
const NO_LISTS: ListOptions = { first: 0, producers: false, demanders: false, dependents: false };

/**
 * Reads a report's data: the region and chains (NOT_FOUND for an unknown one), the plans, then per
 * chain `chainMap(order: WEAK_FIRST)`, `shortBoards`, `targetFirms` and `cooperationOpportunities` in
 * the region, then the names and sources of what they name.
 */
export async function loadReport(executor: Executor, options: ReportOptions, now = new Date()): Promise<ReportData> {
  const [{ region, chains }, years] = await Promise.all([
    loadRegionAndChains(executor, options.region, options.chain),
    // The years the derived data holds (as every read resolves them), not a scan of every node.
    executor.heldYears(),
  ]);
  const analysis = reportYears(options.year, years);
  const plans = await loadPlans(executor, region.code);
  // Plan progress as of the report's year: the one asked (also of a graph without years), else the latest held.
  const asOf = options.year ?? analysis.year;
  const progress = new Map(
    await Promise.all(plans.map(async (p) => [p.code, await progressOfPlan(executor, p.code, asOf)] as const)),
  );
  // The product space of the province's cities, this year and the previous one (for the backtest).
  const top = await topRegion(executor, region.code);
  const space = await productSpace(executor, { scope: { region: top.code }, year: analysis.year });
  const before =
    analysis.previous !== null ? await productSpace(executor, { scope: { region: top.code }, year: analysis.previous }) : null;
  const sections: ChainSection[] = [];
  // One chain at a time: each runs its four analyses at once, and a province's report stays a handful of sessions.
  for (const chain of chains) sections.push(await loadChainSection(executor, region, chain, analysis, space));
  const entities = await loadEntities(executor, {
    products: sections.flatMap((s) => [
      ...s.drawn.map((p) => p.productCode),
      ...s.shortBoards.map((b) => b.productCode),
      ...s.targetFirms.flatMap((f) => f.coverCodes),
      ...s.cooperation.map((c) => c.productCode),
      ...s.growth.flatMap((g) => [g.productCode, ...g.relatedPresent.slice(0, 5).map((r) => r.productCode)]),
      ...(s.changes
        ? [...s.changes.shortBoardsOpened, ...s.changes.shortBoardsClosed, ...s.changes.kindChanges].map((b) => b.productCode)
        : []),
    ]),
    enterprises: sections.flatMap((s) => [
      ...s.targetFirms.map((f) => f.enterpriseCode),
      ...(s.changes ? [...s.changes.enterprisesEnteredCodes, ...s.changes.enterprisesLeftCodes] : []),
    ]),
  });
  return {
    options,
    generatedAt: now.toISOString(),
    provenance: { commit: gitCommit() },
    region,
    years: analysis,
    plans,
    progress,
    chains: sections,
    growth: {
      space: top,
      cities: space.space.locations.length,
      products: space.space.products.length,
      backtest:
        before && analysis.previous !== null && analysis.year !== null
          ? backtest(before, space, analysis.previous, analysis.year)
          : null,
    },
    ...entities,
  };
}

/** One chain's analyses in the region. */
export async function loadChainSection(
  executor: Executor,
  region: NamedRef & { cities: NamedRef[] },
  chain: Sourced,
  analysis: AnalysisOptions,
  space: ProductSpaceView,
): Promise<ChainSection> {
  const args = { chain: chain.code, scope: { region: region.code }, year: analysis.year };
  const since =
    analysis.previous !== null && analysis.year !== null
      ? changes(executor, { ...args, from: analysis.previous, to: analysis.year, first: REPORT_LIMITS.changes })
      : Promise.resolve(null);
  const [map, boards, firms, cooperation, changed, chainProducts] = await Promise.all([
    chainMap(executor, { ...args, order: "WEAK_FIRST", first: REPORT_LIMITS.mapRead }),
    shortBoards(executor, { ...args, first: REPORT_LIMITS.shortBoards, lists: NO_LISTS }),
    targetFirms(executor, { ...args, first: REPORT_LIMITS.targetFirms }),
    cooperationOpportunities(executor, { ...args, first: REPORT_LIMITS.cooperation, lists: NO_LISTS }),
    since,
    chainProductCodes(executor, chain.code),
  ]);
  // Each of the region's cities that is a location of the space: a city's report lists more of them.
  const cities = region.cities.filter((c) => space.space.diversity(c.code) !== null);
  const perCity = region.cities.length === 1 ? REPORT_LIMITS.growthCity : REPORT_LIMITS.growthPerCity;
  const growth = cities.flatMap((c) => entryCandidates(space, c.code, perCity, chainProducts));
  return {
    chain,
    map,
    drawn: pickDrawn(map.products, REPORT_LIMITS.mapDrawn),
    shortBoards: boards,
    targetFirms: firms,
    cooperation,
    changes: changed,
    growth,
  };
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let commit: string | null | undefined;

/** The checkout's short commit, once per process; null outside a git checkout. */
function gitCommit(): string | null {
  if (commit !== undefined) return commit;
  try {
    commit =
      execFileSync("git", ["rev-parse", "--short", "HEAD"], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim() || null;
  } catch {
    commit = null;
  }
  return commit;
}
