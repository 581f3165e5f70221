import type { Executor } from "../graph/db/executor.js";
import { holds } from "../graph/import/years.js";
import type { ScopeContext } from "./scope.js";

export type Stage = "UPSTREAM" | "MIDSTREAM" | "DOWNSTREAM";

/** A product the analyses read: the chain's own products and their direct inputs (of any chain). */
export interface ProductInfo {
  code: string;
  name: string | null;
  nameZh: string | null;
  stage: Stage;
  /** True when the product belongs to the analysed chain. */
  inChain: boolean;
  /** Codes of the products it `REQUIRES`, sorted ([] for an input outside the chain: not read). */
  inputCodes: string[];
  /** Distinct products requiring it directly or transitively (derived data, src/graph/derived/derived.ts). */
  dependentCount: number;
}

/** One product in the whole scope. */
export interface ScopeStats {
  product: string;
  /** Enterprises in scope that make it. */
  producers: number;
  /** Enterprises in scope that make a product requiring it. */
  demanders: number;
  /** Volume of its supply links delivered to enterprises in scope (unknown volume counts 0). */
  volume: number;
  /** The part of `volume` whose supplier is in scope too. */
  localVolume: number;
}

/** One product in one city of the scope (counting only the scope's enterprises there). */
export interface CityStats {
  product: string;
  city: string;
  producers: number;
  demanders: number;
  /** Supply links of the product into the city's enterprises of the scope, by the supplier's city. */
  fromCities: string[];
  fromLinks: number[];
}

/**
 * What the analyses read about one chain in one scope: one row per product of the chain's
 * neighbourhood (its products and their inputs), already counted. Every analysis is a pure function
 * of this (plus its arguments), which the unit tests exercise directly; enterprise code lists are
 * read afterwards, only for the products an answer returns (`lists.ts`).
 */
export interface ChainData {
  products: ProductInfo[];
  /** Absent: nothing of the product in the scope. */
  scope: ScopeStats[];
  /** Per city of the scope; [] unless asked for (`cities: true`). */
  cities: CityStats[];
  /** How many products the chain has, when only some were read (MAP). */
  productCount?: number;
}

export interface LoadParts {
  /** Load the per-city breakdown (chain map, cooperation). */
  cities?: boolean;
  /**
   * What a region scope reads (a cluster reads everything): the chain products demanded in the scope
   * (DEMANDED, the default: short boards, gaps, targets, cooperation), the candidates for extension
   * with their inputs (EXTENSION), the first \`first\` products in stage and code order (MAP), or the
   * products \`codes\` and then the first \`first\` undemanded ones in stage and code order (PICKED).
   */
  only?: "DEMANDED" | "EXTENSION" | "MAP" | "PICKED";
  /** With MAP: how many products; with PICKED: how many undemanded ones after \`codes\`. */
  first?: number;
  /** With PICKED: the chain products to read, whatever their order. */
  codes?: readonly string[];
}

/**
 * The chain's neighbourhood: its products and their direct inputs. The same prefix serves both scope
 * kinds; only chain products carry their input codes.
 */
function neighbourhood(carry = ""): string {
  const c = carry ? `, ${carry}` : "";
  return `
MATCH (:IndustryChain {code: $chain})<-[ic:IN_CHAIN]-(cp:Product)
WHERE ${holds("ic", "cp")}
WITH collect(cp) AS chain${c}
CALL {
  WITH chain
  UNWIND chain AS cp
  MATCH (cp)-[need:REQUIRES]->(i:Product)
  WHERE NOT i IN chain AND ${holds("need", "i")}
  RETURN collect(DISTINCT i) AS inputs
}
UNWIND chain + inputs AS p
WITH p, p IN chain AS inChain${c}`;
}

/** The product's inputs in the year (constant Cypher; \`p\` is bound by the query). */
const INPUT_CODES = `COLLECT { MATCH (p)-[need:REQUIRES]->(i:Product) WHERE ${holds("need", "i")} RETURN i.code AS input ORDER BY input }`;
/** The product's dependents in the year (derived data). */
const DEPENDENTS = `coalesce(p.dependentCounts[toInteger($yearIndex)], 0)`;

const PRODUCT = `p.code AS code, p.name AS name, p.nameZh AS nameZh, p.stage AS stage, inChain,
       CASE WHEN inChain THEN ${INPUT_CODES} ELSE [] END AS inputCodes,
       ${DEPENDENTS} AS dependentCount`;

// Counts travel as lists, not maps: a list of numbers decodes at a fraction of a map's cost, which
// matters when a chain has tens of thousands of products.
const STAGE_RANK = `CASE p.stage WHEN 'UPSTREAM' THEN 0 WHEN 'MIDSTREAM' THEN 1 WHEN 'DOWNSTREAM' THEN 2 ELSE 3 END`;
const SCOPE_STATS = `[s.producers, s.demanders, s.volume, s.localVolume]`;
const CITY_STATS = `CASE WHEN $withCities THEN [(p)-[c:IN_REGION]->(city:Region) WHERE c.year = $derivedYear AND city.code IN $scopeCities
         | [city.code, c.producers, c.demanders, c.fromCities, c.fromLinks]] ELSE [] END AS cities`;

/**
 * Region scopes read the derived \`IN_REGION\` relationships (src/graph/derived/derived.ts), and only the
 * products an analysis can return. Nothing is read per enterprise.
 */
const REGION = {
  /**
   * The chain's products demanded in the scope, from the scope's side: every weak link, gap and
   * cooperation is demanded. Input codes are not read.
   */
  DEMANDED: `
MATCH (scope:Region {code: $scopeRegion})<-[s:IN_REGION]-(p:Product)-[ic:IN_CHAIN]->(:IndustryChain {code: $chain})
WHERE s.year = $derivedYear AND s.demanders > 0 AND ${holds("ic", "p")}
RETURN p.code AS code, p.name AS name, p.nameZh AS nameZh, p.stage AS stage, true AS inChain, [] AS inputCodes,
       ${DEPENDENTS} AS dependentCount, ${SCOPE_STATS} AS scope, ${CITY_STATS}
`,
  /**
   * The chain's products nobody in the scope makes and with an input somebody there makes, with
   * every input and its producers in the scope.
   */
  EXTENSION: `
MATCH (scope:Region {code: $scopeRegion})
MATCH (:IndustryChain {code: $chain})<-[ic:IN_CHAIN]-(p:Product)
WHERE ${holds("ic", "p")}
  AND NOT EXISTS { (p)-[s:IN_REGION]->(scope) WHERE s.year = $derivedYear AND s.producers > 0 }
  AND EXISTS { (p)-[need:REQUIRES]->(i:Product)-[s:IN_REGION]->(scope) WHERE s.year = $derivedYear AND s.producers > 0 AND ${holds("need", "i")} }
RETURN p.code AS code, p.name AS name, p.nameZh AS nameZh, p.stage AS stage, true AS inChain,
       ${INPUT_CODES} AS inputCodes,
       ${DEPENDENTS} AS dependentCount, null AS scope, [] AS cities,
       COLLECT { MATCH (p)-[need:REQUIRES]->(i:Product) WHERE ${holds("need", "i")}
         RETURN [i.code, i.name, i.nameZh, i.stage, coalesce([(i)-[t:IN_REGION]->(scope) WHERE t.year = $derivedYear | t.producers][0], 0)] AS input
       } AS inputs
`,
  /** The first \`$first\` of the chain's products in stage and code order, and how many it has. */
  MAP: `
MATCH (scope:Region {code: $scopeRegion})
MATCH (:IndustryChain {code: $chain})<-[ic:IN_CHAIN]-(p:Product)
WHERE ${holds("ic", "p")}
WITH scope, p
ORDER BY ${STAGE_RANK}, p.code
WITH scope, collect(p) AS ordered
UNWIND ordered[..toInteger($first)] AS p
RETURN size(ordered) AS productCount, p.code AS code, p.name AS name, p.nameZh AS nameZh, p.stage AS stage, true AS inChain,
       ${INPUT_CODES} AS inputCodes,
       ${DEPENDENTS} AS dependentCount,
       [(p)-[s:IN_REGION]->(scope) WHERE s.year = $derivedYear | ${SCOPE_STATS}][0] AS scope, ${CITY_STATS}
`,
  /**
   * The chain products \`$codes\` (chosen from the demanded ones), then the first \`$first\` products
   * nobody in the scope demands, in stage and code order; and how many products the chain has.
   */
  PICKED: `
MATCH (scope:Region {code: $scopeRegion}), (chain:IndustryChain {code: $chain})
WITH scope, chain, COUNT { (chain)<-[ic:IN_CHAIN]-(p:Product) WHERE ${holds("ic", "p")} } AS productCount
CALL {
  WITH chain
  UNWIND $codes AS code
  MATCH (p:Product {code: code})-[:IN_CHAIN]->(chain)
  RETURN p
  UNION
  WITH chain, scope
  MATCH (chain)<-[ic:IN_CHAIN]-(p:Product)
  WHERE $first > 0 AND ${holds("ic", "p")}
    AND NOT EXISTS { (p)-[s:IN_REGION]->(scope) WHERE s.year = $derivedYear AND s.demanders > 0 }
  WITH p ORDER BY ${STAGE_RANK}, p.code LIMIT toInteger($first)
  RETURN p
}
RETURN productCount, p.code AS code, p.name AS name, p.nameZh AS nameZh, p.stage AS stage, true AS inChain,
       ${INPUT_CODES} AS inputCodes,
       ${DEPENDENTS} AS dependentCount,
       [(p)-[s:IN_REGION]->(scope) WHERE s.year = $derivedYear | ${SCOPE_STATS}][0] AS scope, ${CITY_STATS}
`,
} as const;

/**
 * Cluster scopes count the members directly, from the members' side: each member's products (for
 * producers), their inputs (for demanders) and the supply links into members (for deliveries). The
 * cost follows the cluster, not the chain.
 */
const CLUSTER = `
MATCH (k:Cluster {code: $scopeCluster})<-[mo:MEMBER_OF]-(e:Enterprise)-[at:LOCATED_IN]->(city:Region)
WHERE ${holds("mo", "e", "at", "city")}
WITH k, collect(e) AS members, collect(city.code) AS memberCities
CALL {
  WITH members, memberCities
  UNWIND range(0, size(members) - 1) AS m
  WITH members[m] AS e, memberCities[m] AS city
  MATCH (e)-[makes:PRODUCES]->(q:Product)
  WHERE ${holds("makes", "q")}
  CALL {
    WITH q RETURN q.code AS product, 'P' AS kind
    UNION
    WITH q MATCH (q)-[need:REQUIRES]->(i:Product) WHERE ${holds("need", "i")} RETURN i.code AS product, 'D' AS kind
  }
  WITH product, kind, city, count(DISTINCT e) AS n
  RETURN collect({product: product, kind: kind, city: city, n: n}) AS counts
}
CALL {
  WITH k, members, memberCities
  UNWIND range(0, size(members) - 1) AS m
  WITH k, members[m] AS c, memberCities[m] AS city
  MATCH (s:Enterprise)-[l:SUPPLIES]->(c)
  WHERE ${holds("l", "s")}
  WITH l, city, CASE WHEN EXISTS { (s)-[smo:MEMBER_OF]->(k) WHERE ${holds("smo")} }
    THEN COLLECT { MATCH (s)-[sa:LOCATED_IN]->(sc:Region) WHERE ${holds("sa")} RETURN sc.code }[0] END AS fromCity
  WITH l.product AS product, city, fromCity, count(l) AS links, sum(coalesce(l.volume, 0)) AS volume
  RETURN collect({product: product, city: city, fromCity: fromCity, links: links, volume: volume}) AS flows
}
RETURN counts, flows
`;

interface RegionRow extends ProductInfo {
  /** producers, demanders, volume, localVolume */
  scope: [number, number, number, number] | null;
  /** city, producers, demanders, fromCities, fromLinks */
  cities: Array<[string, number, number, string[] | null, number[] | null]>;
  productCount?: number;
  /** code, name, nameZh, stage, producers in scope */
  inputs?: Array<[string, string | null, string | null, Stage, number]>;
}

/**
 * Loads the chain data of a validated scope in one statement (two for a cluster). A region scope
 * reads only what \`parts.only\` can return; a cluster scope reads the chain's whole neighbourhood.
 */
export async function loadChainData(executor: Executor, ctx: ScopeContext, parts: LoadParts = {}): Promise<ChainData> {
  const params = {
    chain: ctx.chain.code,
    ...ctx.params,
    withCities: parts.cities === true,
    first: parts.first ?? 0,
    codes: parts.codes ?? [],
  };
  if (ctx.scope.kind === "REGION") {
    const only = parts.only ?? "DEMANDED";
    const rows = await executor.read<RegionRow>(`analytics.chainData.${only.toLowerCase()}`, REGION[only], params);
    const data: ChainData = { products: [], scope: [], cities: [] };
    for (const { scope, cities, productCount, inputs, ...product } of rows) {
      for (const [code, name, nameZh, stage, producers] of inputs ?? []) {
        data.products.push({ code, name, nameZh, stage, inChain: false, inputCodes: [], dependentCount: 0 });
        data.scope.push({ product: code, producers, demanders: 0, volume: 0, localVolume: 0 });
      }
      data.products.push(product);
      if (productCount !== undefined) data.productCount = Number(productCount);
      if (scope) {
        const [producers, demanders, volume, localVolume] = scope;
        data.scope.push({ product: product.code, producers, demanders, volume, localVolume });
      }
      for (const [city, producers, demanders, fromCities, fromLinks] of cities) {
        data.cities.push({
          product: product.code,
          city,
          producers,
          demanders,
          fromCities: fromCities ?? [],
          fromLinks: fromLinks ?? [],
        });
      }
    }
    if ((only === "MAP" || only === "PICKED") && rows.length === 0) data.productCount = await chainSize(executor, ctx);
    return data;
  }
  const [products, [members]] = await Promise.all([
    executor.read<ProductInfo>("analytics.chainProducts", `${neighbourhood()}\nRETURN ${PRODUCT}`, params),
    executor.read<ClusterRow>("analytics.clusterCounts", CLUSTER, params),
  ]);
  return { products, ...countCluster(products, members ?? { counts: [], flows: [] }, parts) };
}

interface ClusterRow {
  counts: Array<{ product: string; kind: "P" | "D"; city: string; n: number }>;
  flows: Array<{ product: string; city: string; fromCity: string | null; links: number; volume: number }>;
}

/** Turns the members' counts by city into the same rows as a region scope's derived data. Pure. */
export function countCluster(products: readonly ProductInfo[], row: ClusterRow, parts: LoadParts): Omit<ChainData, "products"> {
  const wanted = new Set(products.map((p) => p.code));
  const chain = new Set(products.filter((p) => p.inChain).map((p) => p.code));
  const scope = new Map<string, ScopeStats>();
  const cities = new Map<string, CityStats>();
  const total = (product: string) => {
    let s = scope.get(product);
    if (!s) scope.set(product, (s = { product, producers: 0, demanders: 0, volume: 0, localVolume: 0 }));
    return s;
  };
  const city = (product: string, code: string) => {
    const key = `${product}\u0000${code}`;
    let s = cities.get(key);
    if (!s) cities.set(key, (s = { product, city: code, producers: 0, demanders: 0, fromCities: [], fromLinks: [] }));
    return s;
  };
  for (const c of row.counts) {
    if (!wanted.has(c.product)) continue;
    const n = Number(c.n);
    if (c.kind === "P") {
      total(c.product).producers += n;
      city(c.product, c.city).producers += n;
    } else {
      total(c.product).demanders += n;
      city(c.product, c.city).demanders += n;
    }
  }
  for (const f of row.flows) {
    if (!chain.has(f.product)) continue;
    const s = total(f.product);
    s.volume += Number(f.volume);
    if (f.fromCity !== null) {
      s.localVolume += Number(f.volume);
      const c = city(f.product, f.city);
      const at = c.fromCities.indexOf(f.fromCity);
      if (at >= 0) c.fromLinks[at]! += Number(f.links);
      else {
        c.fromCities.push(f.fromCity);
        c.fromLinks.push(Number(f.links));
      }
    }
  }
  return { scope: [...scope.values()], cities: parts.cities ? [...cities.values()] : [] };
}

async function chainSize(executor: Executor, ctx: ScopeContext): Promise<number> {
  const [row] = await executor.read<{ n: number }>(
    "analytics.chainSize",
    `MATCH (:IndustryChain {code: $chain})<-[ic:IN_CHAIN]-(p:Product) WHERE ${holds("ic", "p")} RETURN count(p) AS n`,
    { chain: ctx.chain.code, year: ctx.params.year },
  );
  return Number(row?.n ?? 0);
}
