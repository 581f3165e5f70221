import { badInput, derivedDataStale, notFound } from "../errors.js";
import type { Executor } from "../graph/executor.js";

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
  /** Cypher parameters that select the enterprises in scope; see `SCOPE_MEMBERS`. */
  params: { scopeRegion: string | null; scopeCities: string[]; scopeCluster: string | null };
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
    THEN EXISTS { (${v})-[:LOCATED_IN]->(inScopeCity:Region) WHERE inScopeCity.code IN $scopeCities }
    ELSE EXISTS { (${v})-[:MEMBER_OF]->(:Cluster {code: $scopeCluster}) } END`;
}

const RESOLVE_SCOPE = `
OPTIONAL MATCH (c:IndustryChain {code: $chain})
OPTIONAL MATCH (r:Region {code: $region})
OPTIONAL MATCH (cl:Cluster {code: $cluster})
OPTIONAL MATCH (ds:DerivedState {code: 'analytics'})
RETURN coalesce(ds.stale = false, false) AS derivedFresh, c {.code, .name, .nameZh} AS chain,
       r {.code, .name, .nameZh, .kind} AS region,
       cl {.code, .name, .nameZh} AS cluster,
       CASE WHEN r IS NULL THEN [] ELSE COLLECT {
         MATCH (r)<-[:PART_OF*0..3]-(city:Region {kind: 'CITY'})
         RETURN DISTINCT city {.code, .name, .nameZh} AS city
       } END AS regionCities,
       CASE WHEN cl IS NULL THEN [] ELSE COLLECT {
         MATCH (cl)-[:LOCATED_IN]->(city:Region) RETURN city {.code, .name, .nameZh} AS city
         UNION
         MATCH (cl)<-[:MEMBER_OF]-(:Enterprise)-[:LOCATED_IN]->(city:Region) RETURN city {.code, .name, .nameZh} AS city
       } END AS clusterCities,
       [x IN $products WHERE NOT EXISTS { MATCH (:Product {code: x}) }] AS unknownProducts,
       [x IN $enterprises WHERE NOT EXISTS { MATCH (:Enterprise {code: x}) }] AS unknownEnterprises
`;

export interface ResolveRow {
  /** False while the derived data (src/graph/derived.ts) is stale or missing. */
  derivedFresh?: boolean;
  chain: NamedRef | null;
  region: (NamedRef & { kind: string }) | null;
  cluster: NamedRef | null;
  regionCities: NamedRef[];
  clusterCities: NamedRef[];
  unknownProducts: string[];
  unknownEnterprises: string[];
}

export interface ResolveArgs {
  chain: string;
  scope: Scope;
  /** Product codes the caller names (e.g. `targetFirms(products:)`); each must exist. */
  products?: readonly string[];
  /** Enterprise codes the caller names (e.g. `resilience(without:)`); each must exist. */
  enterprises?: readonly string[];
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
  });
  return checkResolved(args, row);
}

/** The pure half of `resolveScope`: turns its row into a context or a `NOT_FOUND` error. */
export function checkResolved(args: ResolveArgs, row: ResolveRow | undefined): ScopeContext {
  if (!row?.chain) throw notFound("chain", args.chain);
  if (row.derivedFresh === false) throw derivedDataStale();
  const byCode = (a: NamedRef, b: NamedRef) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  let scope: ScopeContext["scope"];
  let cities: NamedRef[];
  if ("region" in args.scope) {
    if (!row.region) throw notFound("region", args.scope.region);
    const { kind, ...ref } = row.region;
    scope = { ...ref, kind: "REGION", regionKind: kind };
    cities = dedupe(row.regionCities).sort(byCode);
  } else {
    if (!row.cluster) throw notFound("cluster", args.scope.cluster);
    scope = { ...row.cluster, kind: "CLUSTER", regionKind: null };
    cities = dedupe(row.clusterCities).sort(byCode);
  }
  const unknownProduct = row.unknownProducts[0];
  if (unknownProduct !== undefined) throw notFound("product", unknownProduct);
  const unknownEnterprise = row.unknownEnterprises[0];
  if (unknownEnterprise !== undefined) throw notFound("enterprise", unknownEnterprise);
  return {
    chain: row.chain,
    scope,
    cities,
    params:
      scope.kind === "REGION"
        ? { scopeRegion: scope.code, scopeCities: cities.map((c) => c.code), scopeCluster: null }
        : { scopeRegion: null, scopeCities: [], scopeCluster: scope.code },
  };
}

function dedupe(refs: NamedRef[]): NamedRef[] {
  const seen = new Map<string, NamedRef>();
  for (const r of refs) if (!seen.has(r.code)) seen.set(r.code, r);
  return [...seen.values()];
}

/** The arguments every analysis takes: a chain code and a scope. */
export interface AnalysisArgs {
  chain: string;
  scope: ScopeInput;
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
