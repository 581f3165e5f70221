import { badInput, derivedDataStale, notFound } from "../errors.js";
import type { Executor } from "../graph/db/executor.js";
import { holds, yearOf } from "../graph/import/years.js";

/**
 * Where an analysis looks: a region (province, circle or city, with everything beneath it) or a
 * cluster. Exactly one key is set. The enterprises *in scope* are those located in a city of the
 * region, or the cluster's members.
 */
export type Scope = { region: string } | { cluster: string };

/** A scope as a GraphQL input delivers it: both keys optional and nullable. */
export interface ScopeInput {
  region?: string | null | undefined;
  cluster?: string | null | undefined;
}

export interface NamedRef {
  code: string;
  name: string | null;
  nameZh: string | null;
}

/** A validated scope with its names and its cities (the cities its enterprises can be located in). */
export interface ScopeContext {
  chain: NamedRef;
  scope: NamedRef & { kind: "REGION" | "CLUSTER"; regionKind: string | null };
  /** Cities of a region scope (the region itself when it is a city), or the cluster's city and its members' cities; sorted by code. */
  cities: NamedRef[];
  /**
   * The year the analysis looks at: the one asked, or by default the latest the graph holds; null for
   * a timeless graph (no yearly import), whose data holds in every year.
   */
  year: number | null;
  /** When the derived data was last recomputed: what is computed from it holds until this changes. */
  derivedAt: number | null;
  /**
   * Cypher parameters that select the enterprises in scope (see \`inScope\`), and the year: \`year\`
   * for \`holds\` (null in a timeless graph), \`derivedYear\` the year of the derived \`IN_REGION\` data
   * (0 in a timeless graph) and \`yearIndex\` its place in \`Product.dependentCounts\`.
   */
  params: {
    scopeRegion: string | null;
    scopeCities: string[];
    scopeCluster: string | null;
    year: number | null;
    derivedYear: number;
    yearIndex: number;
  };
}

/**
 * Checks the shape of a scope: exactly one of `region` and `cluster`, and not empty.
 * Throws `BAD_USER_INPUT` otherwise.
 */
export function parseScope(input: ScopeInput | null | undefined): Scope {
  const region = input?.region ?? null;
  const cluster = input?.cluster ?? null;
  if (region !== null && cluster !== null) throw badInput("A scope takes either region or cluster, not both", "scope");
  if (region === null && cluster === null) throw badInput("A scope needs region or cluster", "scope");
  if (region !== null) {
    if (region.trim() === "") throw badInput("scope.region must not be empty", "scope.region");
    return { region };
  }
  if (cluster!.trim() === "") throw badInput("scope.cluster must not be empty", "scope.cluster");
  return { cluster: cluster! };
}

/** Checks a page size: an integer from 0 to `max`. Throws `BAD_USER_INPUT` otherwise. */
export function checkFirst(first: number, max = 1000, field = "first"): number {
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput(`${field} must be an integer from 0 to ${max}`, field);
  }
  return first;
}

/** Removes duplicates and keeps the first occurrence's order. Throws `BAD_USER_INPUT` on an empty code. */
export function checkCodes(codes: readonly string[], field: string): string[] {
  for (const c of codes) if (c.trim() === "") throw badInput(`${field} must not contain an empty code`, field);
  return [...new Set(codes)];
}

/**
 * Cypher that is true when the enterprise bound to \`v\` (a variable name of the calling query, never
 * input) is in scope: located in one of \`$scopeCities\`, or a member of \`$scopeCluster\`. Each
 * enterprise has one city, so the test costs one expansion, whatever the size of the scope.
 */
export function inScope(v: string): string {
  return `CASE WHEN $scopeCluster IS NULL
    THEN EXISTS { (${v})-[inScopeAt:LOCATED_IN]->(inScopeCity:Region) WHERE inScopeCity.code IN $scopeCities AND ${holds("inScopeAt")} }
    ELSE EXISTS { (${v})-[inScopeOf:MEMBER_OF]->(:Cluster {code: $scopeCluster}) WHERE ${holds("inScopeOf")} } END`;
}

/**
 * The year first (\`$year\` as asked, else the latest derived), then every code as it holds in that
 * year. The holds tests read \`$year\` through \`y\`, the year resolved.
 */
const RESOLVE_SCOPE = `
OPTIONAL MATCH (ds:DerivedState {code: 'analytics'})
WITH ds, coalesce(ds.years, [0]) AS derivedYears
WITH ds, derivedYears, CASE WHEN derivedYears = [0] THEN null ELSE coalesce($year, last(derivedYears)) END AS y
OPTIONAL MATCH (c:IndustryChain {code: $chain}) WHERE ${at("c")}
OPTIONAL MATCH (r:Region {code: $region}) WHERE ${at("r")}
OPTIONAL MATCH (cl:Cluster {code: $cluster}) WHERE ${at("cl")}
RETURN coalesce(ds.stale = false, false) AS derivedFresh, derivedYears, ds.refreshedAt AS derivedAt, y AS year,
       c {.code, .name, .nameZh} AS chain,
       r {.code, .name, .nameZh, .kind} AS region,
       cl {.code, .name, .nameZh} AS cluster,
       CASE WHEN r IS NULL THEN [] ELSE COLLECT {
         MATCH (r)<-[up:PART_OF*0..3]-(city:Region {kind: 'CITY'})
         WHERE ${at("city")} AND all(x IN up WHERE ${at("x")})
         RETURN DISTINCT city {.code, .name, .nameZh} AS city
       } END AS regionCities,
       CASE WHEN cl IS NULL THEN [] ELSE COLLECT {
         MATCH (cl)-[a:LOCATED_IN]->(city:Region) WHERE ${at("a")} RETURN city {.code, .name, .nameZh} AS city
         UNION
         MATCH (cl)<-[m:MEMBER_OF]-(e:Enterprise)-[a:LOCATED_IN]->(city:Region) WHERE ${at("m")} AND ${at("e")} AND ${at("a")}
         RETURN city {.code, .name, .nameZh} AS city
       } END AS clusterCities,
       [x IN $products WHERE NOT EXISTS { MATCH (p:Product {code: x}) WHERE ${at("p")} }] AS unknownProducts,
       [x IN $enterprises WHERE NOT EXISTS { MATCH (e:Enterprise {code: x}) WHERE ${at("e")} }] AS unknownEnterprises
`;

/** Whether \`v\` holds in the resolved year \`y\` of RESOLVE_SCOPE. */
function at(v: string): string {
  return `(y IS NULL OR ${v}.years IS NULL OR y IN ${v}.years)`;
}

export interface ResolveRow {
  /** False while the derived data (src/graph/derived/derived.ts) is stale or missing. */
  derivedFresh?: boolean;
  /** The years derived ([0]: a timeless graph); absent in rows made by hand for a timeless graph. */
  derivedYears?: number[];
  /** When the derived data was last recomputed (ms since the epoch); null before this was recorded. */
  derivedAt?: number | null;
  /** The year resolved: as asked, else the latest; null in a timeless graph. */
  year?: number | null;
  chain: NamedRef | null;
  region: (NamedRef & { kind: string }) | null;
  cluster: NamedRef | null;
  regionCities: NamedRef[];
  clusterCities: NamedRef[];
  unknownProducts: string[];
  unknownEnterprises: string[];
}

export interface ResolveArgs {
  /** Null for an analysis of the scope without a chain (the product space): no chain is checked. */
  chain: string | null;
  scope: Scope;
  /** Product codes the caller names (e.g. `targetFirms(products:)`); each must exist. */
  products?: readonly string[];
  /** Enterprise codes the caller names (e.g. `resilience(without:)`); each must exist. */
  enterprises?: readonly string[];
  /** The year to look at (default: the latest the graph holds). */
  year?: number | null | undefined;
}

/**
 * Checks in one query that the chain, the scope's region or cluster, and every named product and
 * enterprise exist, and returns their names and the scope's cities. Throws `NOT_FOUND` for the
 * first unknown code (chain, then scope, then products, then enterprises).
 */
export async function resolveScope(executor: Executor, args: ResolveArgs): Promise<ScopeContext> {
  const region = "region" in args.scope ? args.scope.region : null;
  const cluster = "cluster" in args.scope ? args.scope.cluster : null;
  const [row] = await executor.read<ResolveRow>("analytics.resolveScope", RESOLVE_SCOPE, {
    chain: args.chain,
    region,
    cluster,
    products: args.products ?? [],
    enterprises: args.enterprises ?? [],
    year: args.year ?? null,
  });
  return checkResolved(args, row);
}

/** The pure half of `resolveScope`: turns its row into a context or a `NOT_FOUND` error. */
export function checkResolved(args: ResolveArgs, row: ResolveRow | undefined): ScopeContext {
  const derivedYears = (row?.derivedYears ?? [0]).map(Number);
  const timeless = derivedYears.length === 1 && derivedYears[0] === 0;
  // The statement resolved the year (as asked, else the latest); yearOf refuses one the graph does not hold.
  const year = yearOf(timeless ? [] : derivedYears, row?.year === null || row?.year === undefined ? null : Number(row.year));
  const when = year === null ? "" : ` in ${year}`;
  if (args.chain !== null && !row?.chain) throw notFound("chain", args.chain, when);
  if (!row) throw new Error("the scope statement returned no row");
  if (row.derivedFresh === false) throw derivedDataStale();
  const byCode = (a: NamedRef, b: NamedRef) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  let scope: ScopeContext["scope"];
  let cities: NamedRef[];
  if ("region" in args.scope) {
    if (!row.region) throw notFound("region", args.scope.region, when);
    const { kind, ...ref } = row.region;
    scope = { ...ref, kind: "REGION", regionKind: kind };
    cities = dedupe(row.regionCities).sort(byCode);
  } else {
    if (!row.cluster) throw notFound("cluster", args.scope.cluster, when);
    scope = { ...row.cluster, kind: "CLUSTER", regionKind: null };
    cities = dedupe(row.clusterCities).sort(byCode);
  }
  const unknownProduct = row.unknownProducts[0];
  if (unknownProduct !== undefined) throw notFound("product", unknownProduct, when);
  const unknownEnterprise = row.unknownEnterprises[0];
  if (unknownEnterprise !== undefined) throw notFound("enterprise", unknownEnterprise, when);
  const yearParams = {
    year: timeless ? null : year,
    derivedYear: timeless ? 0 : year!,
    yearIndex: timeless ? 0 : derivedYears.indexOf(year!),
  };
  return {
    chain: row.chain ?? { code: "", name: null, nameZh: null },
    scope,
    cities,
    year: timeless ? null : year,
    derivedAt: row.derivedAt === null || row.derivedAt === undefined ? null : Number(row.derivedAt),
    params:
      scope.kind === "REGION"
        ? { scopeRegion: scope.code, scopeCities: cities.map((c) => c.code), scopeCluster: null, ...yearParams }
        : { scopeRegion: null, scopeCities: [], scopeCluster: scope.code, ...yearParams },
  };
}

function dedupe(refs: NamedRef[]): NamedRef[] {
  const seen = new Map<string, NamedRef>();
  for (const r of refs) if (!seen.has(r.code)) seen.set(r.code, r);
  return [...seen.values()];
}

/** The arguments every analysis takes: a chain code, a scope, and optionally a year. */
export interface AnalysisArgs {
  chain: string;
  scope: ScopeInput;
  /** The year to look at; by default the latest the graph holds. */
  year?: number | null | undefined;
}

/**
 * Validates a chain and a scope input (shape, then existence), plus any named products and
 * enterprises: `BAD_USER_INPUT` for a malformed scope, `NOT_FOUND` for an unknown code. One query.
 */
export async function openScope(
  executor: Executor,
  args: AnalysisArgs & { products?: readonly string[]; enterprises?: readonly string[] },
): Promise<ScopeContext> {
  const scope = parseScope(args.scope);
  return resolveScope(executor, { ...args, scope });
}

/**
 * Validates a region scope and a year, without a chain (the product space compares the cities of a
 * region): `BAD_USER_INPUT` for a malformed scope or a cluster, `NOT_FOUND` for an unknown region.
 * The context's `chain` is empty.
 */
export async function openRegionScope(
  executor: Executor,
  args: { scope: ScopeInput; year?: number | null | undefined },
): Promise<ScopeContext> {
  const scope = parseScope(args.scope);
  if ("cluster" in scope) throw badInput("This analysis compares the cities of a region: give scope.region", "scope.cluster");
  return resolveScope(executor, { chain: null, scope, year: args.year });
}
