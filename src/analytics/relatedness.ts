import { badInput, notFound } from "../errors.js";
import type { Executor } from "../graph/db/executor.js";
import { ProductSpace, type OutputCell } from "./product-space.js";
import { listEn, listZh, nameEn, nameZh, type Named, type Reasons } from "./reasons.js";
import { checkFirst, openRegionScope, type NamedRef, type ScopeInput } from "./scope.js";

/**
 * What a city could enter next, judged by what it already does well (relatedness): the product
 * space of the cities of a region in a year (src/analytics/product-space.ts), read from the derived
 * `IN_REGION` data, and a backtest of how well one year's space predicted the next year's entries.
 * docs/analytics.md, "Relatedness", gives the definitions.
 */

/** What x(c, p) counts: the city's firms that make p (FIRMS), or their summed capacity of it (CAPACITY). */
export type OutputMeasure = "FIRMS" | "CAPACITY";

export interface ProductSpaceArgs {
  scope: ScopeInput;
  /** The year (default: the latest the graph holds). */
  year?: number | null | undefined;
  measure?: OutputMeasure | null | undefined;
  rcaThreshold?: number | null | undefined;
}

/** A product space as the API serves it: the measures, the scope, and the names of its products. */
export interface ProductSpaceView {
  scope: NamedRef;
  year: number | null;
  measure: OutputMeasure;
  rcaThreshold: number;
  /** The scope's cities, by code; those with output are the space's locations. */
  cities: NamedRef[];
  space: ProductSpace;
  products: ReadonlyMap<string, Named>;
  /** The product codes of the chains `entryCandidates(chain:)` names, read before the answer is built. */
  chains: Map<string, ReadonlySet<string>>;
  /** What the fields computed, by field and arguments: a field's resolver and the planner get the same objects. */
  memo: Map<string, unknown>;
}

/** `compute()` once per view and key: the planner and the field's resolver must see the very same objects. */
export function remember<T>(view: ProductSpaceView, key: unknown[], compute: () => T): T {
  const k = JSON.stringify(key);
  if (!view.memo.has(k)) view.memo.set(k, compute());
  return view.memo.get(k) as T;
}

/** The largest `rcaThreshold` asked for (the schema's bound too). */
export const MAX_THRESHOLD = 100;

function checkThreshold(value: number | null | undefined): number {
  const t = value ?? 1;
  if (!Number.isFinite(t) || t <= 0 || t > MAX_THRESHOLD)
    throw badInput(`rcaThreshold must be a number above 0 and at most ${MAX_THRESHOLD}`, "rcaThreshold");
  return t;
}

/** Every product with a producer in one of `$cities` in the derived year, with its output per city. */
const OUTPUT = `
UNWIND $cities AS cityCode
MATCH (city:Region {code: cityCode})<-[s:IN_REGION]-(p:Product)
WHERE s.year = $derivedYear AND s.producers > 0
WITH p, collect([city.code, s.producers, coalesce(s.capacity, 0.0)]) AS cells
RETURN p.code AS code, p.name AS name, p.nameZh AS nameZh, cells
ORDER BY code
`;

interface OutputRow extends Named {
  cells: Array<[string, number, number]>;
}

/**
 * The product space of the cities of `scope` (a region) in a year: one statement to check the scope
 * and resolve the year, one to read the output. `NOT_FOUND` for an unknown region or a year the
 * graph does not hold, `BAD_USER_INPUT` for a cluster scope or a threshold out of bounds.
 */
export async function productSpace(executor: Executor, args: ProductSpaceArgs): Promise<ProductSpaceView> {
  const rcaThreshold = checkThreshold(args.rcaThreshold);
  const measure = args.measure ?? "FIRMS";
  const ctx = await openRegionScope(executor, args);
  const read = async () =>
    buildSpace(
      await executor.read<OutputRow>("analytics.productSpace", OUTPUT, {
        cities: ctx.cities.map((c) => c.code),
        derivedYear: ctx.params.derivedYear,
      }),
      measure,
      rcaThreshold,
    );
  // A space is a function of the derived data: kept until it is recomputed (refreshedAt changes).
  const key =
    ctx.derivedAt === null
      ? null
      : JSON.stringify([ctx.scope.code, ctx.params.derivedYear, ctx.derivedAt, measure, rcaThreshold]);
  let built = key === null ? undefined : SPACES.get(key);
  if (!built) {
    built = read();
    if (key !== null) {
      SPACES.set(key, built);
      built.catch(() => SPACES.delete(key));
      while (SPACES.size > MAX_SPACES) SPACES.delete(SPACES.keys().next().value!);
    }
  } else {
    // The most recently used last.
    SPACES.delete(key!);
    SPACES.set(key!, built);
  }
  const { space, products } = await built;
  return {
    scope: ctx.scope,
    year: ctx.year,
    measure,
    rcaThreshold,
    cities: ctx.cities,
    space,
    products,
    chains: new Map(),
    memo: new Map(),
  };
}

/** Product spaces computed lately, by scope, year, derived state, measure and threshold (least recently used first). */
const SPACES = new Map<string, Promise<{ space: ProductSpace; products: Map<string, Named> }>>();
const MAX_SPACES = 8;

/** The pure half of `productSpace`: the space of the output rows, and the names of its products. */
export function buildSpace(rows: readonly OutputRow[], measure: OutputMeasure, rcaThreshold: number) {
  const cells: OutputCell[] = [];
  const products = new Map<string, Named>();
  for (const row of rows) {
    products.set(row.code, { code: row.code, name: row.name, nameZh: row.nameZh });
    for (const [location, firms, capacity] of row.cells)
      cells.push({ location, product: row.code, value: Number(measure === "FIRMS" ? firms : capacity) });
  }
  return { space: new ProductSpace(cells, { rcaThreshold }), products };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One cell of the space, for the API. */
export interface SpaceCell {
  regionCode: string;
  productCode: string;
  output: number;
  rca: number;
  present: boolean;
  density: number;
  ubiquity: number;
  diversity: number;
  pci: number | null;
  cog: number | null;
}

/**
 * The (city, product) pairs of the space, city by city then product by product (codes), optionally of
 * one city, one product, or a set of products (a chain's).
 */
export function spaceCellKeys(
  view: ProductSpaceView,
  filter: { region?: string | null; product?: string | null; products?: ReadonlySet<string> | null },
): Array<[string, string]> {
  const { space } = view;
  const locations = filter.region ? space.locations.filter((l) => l === filter.region) : space.locations;
  const products = space.products.filter(
    (p) => (!filter.product || p === filter.product) && (!filter.products || filter.products.has(p)),
  );
  const out: Array<[string, string]> = [];
  for (const regionCode of locations) for (const productCode of products) out.push([regionCode, productCode]);
  return out;
}

/** One cell's measures, for the API. */
export function spaceCell(view: ProductSpaceView, regionCode: string, productCode: string): SpaceCell {
  const cell = view.space.cell(regionCode, productCode)!;
  return { regionCode, productCode, ...cell, pci: view.space.pci(productCode) };
}

/** A product close to another in the product space. */
export interface Proximity {
  productCode: string;
  proximity: number;
}

/** The products closest to `product`, φ descending then by code. `NOT_FOUND` when it has no output in the space. */
export function proximities(view: ProductSpaceView, product: string, first: number): Proximity[] {
  checkFirst(first, 1000);
  if (view.space.ubiquity(product) === null) throw notFound("product in the product space", product, yearText(view));
  return view.space.neighbours(product, first).map((n) => ({ productCode: n.product, proximity: n.proximity }));
}

/** A product a city could enter: absent there (M = 0), with the density that makes it close. */
export interface EntryCandidate {
  regionCode: string;
  productCode: string;
  density: number;
  rca: number;
  ubiquity: number;
  pci: number | null;
  cog: number | null;
  /** The products present in the city closest to it, φ descending then by code (all of them). */
  relatedPresent: Proximity[];
  reasons: Reasons;
}

/**
 * The products absent in `region` (M = 0), densest first (ties: lower ubiquity, then code), at most
 * `first`; with `chainProducts`, only those. `NOT_FOUND` when the city is not a location of the space.
 */
export function entryCandidates(
  view: ProductSpaceView,
  region: string,
  first: number,
  chainProducts: ReadonlySet<string> | null = null,
): EntryCandidate[] {
  checkFirst(first, 1000);
  const { space } = view;
  if (space.diversity(region) === null) throw notFound("city in the product space", region, yearText(view));
  const ranked = space.products
    .filter((p) => !chainProducts || chainProducts.has(p))
    .map((p) => ({ p, cell: space.measures(region, p)! }))
    .filter(({ cell }) => !cell.present)
    .sort((a, b) => b.cell.density - a.cell.density || a.cell.ubiquity - b.cell.ubiquity || cmp(a.p, b.p))
    .slice(0, first)
    .map(({ p }) => ({ p, cell: space.cell(region, p)! }));
  const city = view.cities.find((c) => c.code === region) ?? { code: region, name: null, nameZh: null };
  return ranked.map(({ p, cell }) => {
    const relatedPresent = space.relatedPresent(region, p).map((n) => ({ productCode: n.product, proximity: n.proximity }));
    const named = (code: string): Named => view.products.get(code) ?? { code, name: null, nameZh: null };
    return {
      regionCode: region,
      productCode: p,
      density: cell.density,
      rca: cell.rca,
      ubiquity: cell.ubiquity,
      pci: space.pci(p),
      cog: cell.cog,
      relatedPresent,
      reasons: entryReasons({
        product: named(p),
        city,
        scope: view.scope,
        density: cell.density,
        related: relatedPresent.map((r) => ({ ...named(r.productCode), proximity: r.proximity })),
        ubiquity: cell.ubiquity,
        locations: space.locations.length,
        rca: cell.rca,
        threshold: view.rcaThreshold,
      }),
    };
  });
}

const yearText = (view: ProductSpaceView) => (view.year === null ? "" : ` in ${view.year}`);
const fixed = (x: number, digits = 2) => x.toFixed(digits);

/** Why a city could enter a product (relatedness), in both languages. */
export function entryReasons(f: {
  product: Named;
  city: Named;
  scope: Named;
  density: number;
  related: Array<Named & { proximity: number }>;
  ubiquity: number;
  locations: number;
  rca: number;
  threshold: number;
}): Reasons {
  const [p, pz, c, cz, s, sz] = [
    nameEn(f.product),
    nameZh(f.product),
    nameEn(f.city),
    nameZh(f.city),
    nameEn(f.scope),
    nameZh(f.scope),
  ];
  const en: string[] = [];
  const zh: string[] = [];
  en.push(`${c} has no comparative advantage in ${p} yet (RCA ${fixed(f.rca)}, below ${f.threshold}).`);
  zh.push(`${cz}在${pz}上尚无比较优势（RCA ${fixed(f.rca)}，低于${f.threshold}）。`);
  if (f.related.length > 0) {
    const withPhi = (n: Named & { proximity: number }, name: (n: Named) => string) => `${name(n)} (${fixed(n.proximity)})`;
    en.push(
      `Density ${fixed(f.density)}: ${c} is strong in ${f.related.length} related product${f.related.length === 1 ? "" : "s"}: ` +
        `${listEn(f.related.map((n) => ({ ...n, name: withPhi(n, nameEn), nameZh: null })))}.`,
    );
    zh.push(
      `关联密度${fixed(f.density)}：${cz}在${f.related.length}种相关产品上具有比较优势：` +
        `${listZh(f.related.map((n) => ({ ...n, nameZh: `${nameZh(n)}（${fixed(n.proximity)}）`, name: null })))}。`,
    );
  } else {
    en.push(`Density 0: ${c} is strong in no product close to it.`);
    zh.push(`关联密度为0：${cz}在与其相近的产品上均无比较优势。`);
  }
  en.push(`${f.ubiquity} of the ${f.locations} cities of ${s} have a comparative advantage in it.`);
  zh.push(`${sz}的${f.locations}个城市中有${f.ubiquity}个在该产品上具有比较优势。`);
  return { en, zh };
}

// ------------------------------------------------------------------------------------------ backtest

export interface BacktestArgs {
  scope: ScopeInput;
  from: number;
  to: number;
  measure?: OutputMeasure | null | undefined;
  rcaThreshold?: number | null | undefined;
}

/** How well one ranking of the candidates predicted the entries. */
export interface Prediction {
  /** ROC AUC, ties counted half; null when there are no entries or no non-entries. */
  auc: number | null;
  /** Average precision (the area under the precision-recall curve, ties in one step); null without entries. */
  aucPr: number | null;
  /** The share of entries among the ten highest-ranked (fewer when there are fewer candidates); null without candidates. */
  precisionAt10: number | null;
}

export interface Backtest extends Prediction {
  from: number;
  to: number;
  candidates: number;
  entries: number;
  baselines: Array<Prediction & { name: string; description: string }>;
}

/**
 * Whether the product space of `from` predicted the entries of `to`: the candidates are the (city,
 * product) pairs absent in `from` among the products present somewhere in the scope in `from`; one
 * entered when it is present in `to`. Density is scored against two baselines: ubiquity (a product
 * present in more cities is more likely entered) and random (its expected scores).
 */
export async function relatednessBacktest(executor: Executor, args: BacktestArgs): Promise<Backtest> {
  if (!Number.isInteger(args.from) || !Number.isInteger(args.to) || args.from >= args.to)
    throw badInput("from must be a year before to", "from");
  const [before, after] = await Promise.all([args.from, args.to].map((year) => productSpace(executor, { ...args, year })));
  return backtest(before!, after!, args.from, args.to);
}

/** The pure half of `relatednessBacktest`. */
export function backtest(before: ProductSpaceView, after: ProductSpaceView, from: number, to: number): Backtest {
  const candidates: Array<{ density: number; ubiquity: number; entered: boolean; key: string }> = [];
  for (const c of before.space.locations)
    for (const p of before.space.products) {
      // measures(), not cell(): the complexity outlook gain costs a pass over the signatures per cell.
      const cell = before.space.measures(c, p)!;
      if (cell.present || cell.ubiquity === 0) continue;
      candidates.push({
        density: cell.density,
        ubiquity: cell.ubiquity,
        entered: after.space.measures(c, p)?.present === true,
        key: `${c}\u0000${p}`,
      });
    }
  const entries = candidates.filter((x) => x.entered).length;
  const labels = candidates.map((x) => x.entered);
  const base = candidates.length === 0 ? null : entries / candidates.length;
  return {
    from,
    to,
    candidates: candidates.length,
    entries,
    ...predictionOf(
      candidates.map((x) => x.density),
      labels,
    ),
    baselines: [
      {
        name: "ubiquity",
        description: "products present in more cities of the scope first",
        ...predictionOf(
          candidates.map((x) => x.ubiquity),
          labels,
        ),
      },
      {
        name: "random",
        description: "the expected scores of a random order",
        auc: entries > 0 && entries < candidates.length ? 0.5 : null,
        aucPr: entries > 0 ? base : null,
        precisionAt10: base,
      },
    ],
  };
}

/**
 * AUC (ties half), average precision and precision at 10 of `scores` (higher: more likely) for the
 * `positives`. Tied scores are one step of both curves, so the order within a tie does not matter.
 */
export function predictionOf(scores: readonly number[], positives: readonly boolean[]): Prediction {
  const n = scores.length;
  const pos = positives.filter(Boolean).length;
  const neg = n - pos;
  if (n === 0) return { auc: null, aucPr: null, precisionAt10: null };
  // Groups of tied scores, highest first.
  const order = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!);
  const groups: Array<{ pos: number; neg: number }> = [];
  for (let i = 0; i < n;) {
    let j = i;
    const g = { pos: 0, neg: 0 };
    // (j === i: a score that equals nothing, NaN, is a group of its own.)
    while (j < n && (j === i || scores[order[j]!] === scores[order[i]!])) {
      if (positives[order[j]!]) g.pos += 1;
      else g.neg += 1;
      j += 1;
    }
    groups.push(g);
    i = j;
  }
  // AUC: each positive against the negatives ranked below it, plus half of those tied with it.
  let auc: number | null = null;
  if (pos > 0 && neg > 0) {
    let negBelow = neg;
    let sum = 0;
    for (const g of groups) {
      negBelow -= g.neg;
      sum += g.pos * (negBelow + g.neg / 2);
    }
    auc = sum / (pos * neg);
  }
  // Average precision: the precision at each group's end, weighted by the positives the group adds.
  let aucPr: number | null = null;
  if (pos > 0) {
    let seen = 0;
    let hits = 0;
    let sum = 0;
    for (const g of groups) {
      seen += g.pos + g.neg;
      hits += g.pos;
      sum += (g.pos / pos) * (hits / seen);
    }
    aucPr = sum;
  }
  // Precision at 10: a tie straddling the tenth place counts in proportion.
  const k = Math.min(10, n);
  let taken = 0;
  let hits = 0;
  for (const g of groups) {
    const size = g.pos + g.neg;
    const take = Math.min(size, k - taken);
    hits += (g.pos * take) / size;
    taken += take;
    if (taken === k) break;
  }
  return { auc, aucPr, precisionAt10: hits / k };
}

/** The codes of a chain's products; `NOT_FOUND` for an unknown chain. */
export async function chainProductCodes(executor: Executor, chain: string): Promise<Set<string>> {
  const [row] = await executor.read<{ found: boolean; codes: string[] }>(
    "analytics.chainProducts",
    `OPTIONAL MATCH (c:IndustryChain {code: $chain})
     RETURN c IS NOT NULL AS found, CASE WHEN c IS NULL THEN [] ELSE COLLECT { MATCH (c)<-[:IN_CHAIN]-(p:Product) RETURN p.code } END AS codes`,
    { chain },
  );
  if (!row?.found) throw notFound("chain", chain);
  return new Set(row.codes);
}
