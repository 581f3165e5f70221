/**
 * Writes a deterministic synthetic data set (see docs/data-format.md) to a folder.
 *
 * Without `products` the catalogue is the small default one (chains.ts: about 35 products a chain);
 * with it, a real-scale one (scaled-catalog.ts). Small tables (regions, chains, products, clusters) are
 * built in memory; enterprises live in typed
 * arrays (a few bytes each); supply links are generated customer by customer and streamed straight to
 * disk. Every random choice comes from a seeded PRNG stream, so the same options give the same bytes.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Rng } from "./random.js";
import { CITIES, regionRows } from "./province.js";
import { MAX_CHAINS, buildCatalog, stageName, type Catalog } from "./chains.js";
import {
  MAX_CATALOGUE_PRODUCTS,
  MIN_CATALOGUE_PRODUCTS,
  MIN_CHAIN_PRODUCTS,
  buildScaledCatalog,
  scaledChainCount,
} from "./scaled-catalog.js";
import { measureCatalog, type CatalogShape } from "./catalog-shape.js";
import { buildClusters, type ClusterSet } from "./clusters.js";
import { MAX_PRODUCTS, addInputMakers, buildPopulation, enterpriseId, type Population } from "./enterprises.js";
import { enterpriseName } from "./names.js";
import { plantGaps, type PlantedGap } from "./planted.js";
import { LinkGenerator, MAX_IN_DEGREE, customerDegrees, type LinkStats } from "./links.js";
import { CsvWriter } from "./csv.js";

export interface GenerateOptions {
  enterprises: number;
  links: number;
  seed: number;
  out: string;
  /** Number of industrial chains (default 10; with `products`, about 32 per 100,000 products, scaled as √N). */
  chains?: number;
  /** Size of a real-scale product catalogue (100 to 1,000,000); without it, the small default catalogue. */
  products?: number;
}

export type ResolvedOptions = Required<Omit<GenerateOptions, "products">> & Pick<GenerateOptions, "products">;

/** The shape of a real-scale catalogue and of who makes its products (`--products` only). */
export interface CatalogueSummary extends CatalogShape {
  /** PRODUCES rows, the most makers of one product, and products nobody makes. */
  produces: number;
  maxProducers: number;
  noProducers: number;
}

export interface FileSummary {
  file: string;
  rows: number;
  bytes: number;
}

export interface Summary {
  out: string;
  seed: number;
  enterprises: number;
  links: number;
  chains: number;
  files: FileSummary[];
  planted: number;
  linkStats: LinkStats;
  /** Present when the catalogue is real-scale (`products` was given). */
  catalogue?: CatalogueSummary;
  seconds: number;
  /** Peak resident set size of the process so far, in MiB. */
  peakRssMb: number;
}

export const DEFAULT_CHAINS = 10;
export const MAX_ENTERPRISES = 9_999_999;
export const SOURCE = "synthetic";
export const PLANTED_FILE = "planted.json";

export class GenerateOptionsError extends Error {
  override name = "GenerateOptionsError";
}

/** Checks the options; throws GenerateOptionsError with a readable message. */
export function validateOptions(options: GenerateOptions): ResolvedOptions {
  const { products } = options;
  const int = (name: string, value: number, min: number, max: number): void => {
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new GenerateOptionsError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
    }
  };
  int("enterprises", options.enterprises, 1, MAX_ENTERPRISES);
  int("seed", options.seed, 0, 0xffffffff);
  if (products !== undefined) int("products", products, MIN_CATALOGUE_PRODUCTS, MAX_CATALOGUE_PRODUCTS);
  const chains = options.chains ?? (products === undefined ? DEFAULT_CHAINS : scaledChainCount(products));
  int("chains", chains, 1, MAX_CHAINS);
  if (products !== undefined && chains * MIN_CHAIN_PRODUCTS > products) {
    throw new GenerateOptionsError(
      `products must be at least ${MIN_CHAIN_PRODUCTS} per chain (${chains * MIN_CHAIN_PRODUCTS} for ${chains} chains)`,
    );
  }
  const maxLinks = options.enterprises * Math.min(options.enterprises - 1, MAX_IN_DEGREE);
  int("links", options.links, 0, maxLinks);
  if (!options.out) throw new GenerateOptionsError("out (the output folder) is required");
  const resolved: ResolvedOptions = {
    enterprises: options.enterprises,
    links: options.links,
    seed: options.seed,
    out: options.out,
    chains,
  };
  if (products !== undefined) resolved.products = products;
  return resolved;
}

export async function generateDataSet(options: GenerateOptions): Promise<Summary> {
  const started = performance.now();
  const opts = validateOptions(options);
  const { seed, out } = opts;
  await mkdir(out, { recursive: true });

  const catalog =
    opts.products === undefined
      ? buildCatalog(new Rng(seed, "catalog"), opts.chains)
      : buildScaledCatalog(new Rng(seed, "catalogue"), opts.products, opts.chains);
  const clusterSet = buildClusters(new Rng(seed, "clusters"), catalog);
  const pop = buildPopulation(new Rng(seed, "enterprises"), opts.enterprises, catalog, clusterSet);
  if (opts.products !== undefined) addInputMakers(new Rng(seed, "input-makers"), pop, catalog);
  const gaps = plantGaps(new Rng(seed, "planted"), catalog, pop);
  const degrees = customerDegrees(new Rng(seed, "degrees"), pop, catalog, opts.links);
  const catalogue = opts.products === undefined ? undefined : catalogueSummary(catalog, pop);

  const files: FileSummary[] = [];
  const done = async (w: CsvWriter, file: string): Promise<void> => {
    files.push({ file, rows: w.rows, bytes: await w.close() });
  };

  await writeSmallTables(out, catalog, clusterSet, done);
  await writeEnterprises(out, seed, catalog, clusterSet, pop, done);
  await writeProduces(out, seed, catalog, pop, done);
  const { stats, topCustomers } = await writeSupplyLinks(out, seed, catalog, pop, degrees, done);

  const planted = plantedReport(opts, catalog, pop, gaps, topCustomers, catalogue);
  const plantedText = JSON.stringify(planted, null, 2) + "\n";
  await writeFile(join(out, PLANTED_FILE), plantedText, "utf8");
  files.push({ file: PLANTED_FILE, rows: gaps.length, bytes: Buffer.byteLength(plantedText) });

  return {
    out,
    seed,
    enterprises: opts.enterprises,
    links: opts.links,
    chains: opts.chains,
    files,
    planted: gaps.length,
    linkStats: stats,
    ...(catalogue ? { catalogue } : {}),
    seconds: Math.round((performance.now() - started) / 10) / 100,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

type Done = (w: CsvWriter, file: string) => Promise<void>;

async function writeSmallTables(out: string, catalog: Catalog, clusterSet: ClusterSet, done: Done): Promise<void> {
  const regions = new CsvWriter(join(out, "regions.csv"), ["id", "name", "name_zh", "kind", "parent_id", "source"]);
  for (const r of regionRows()) regions.row([r.id, r.name, r.nameZh, r.kind, r.parentId, SOURCE]);
  await done(regions, "regions.csv");

  const industries = new CsvWriter(join(out, "industries.csv"), ["id", "name", "name_zh", "source"]);
  for (const ind of catalog.industries) industries.row([ind.id, ind.name, ind.nameZh, SOURCE]);
  await done(industries, "industries.csv");

  const chains = new CsvWriter(join(out, "chains.csv"), ["id", "name", "name_zh", "industry", "source"]);
  for (const c of catalog.chains) chains.row([c.id, c.name, c.nameZh, c.industryId, SOURCE]);
  await done(chains, "chains.csv");

  const products = new CsvWriter(join(out, "products.csv"), ["id", "chain_id", "name", "name_zh", "stage", "source"]);
  for (const p of catalog.products) {
    products.row([p.id, catalog.chains[p.chain]!.id, p.name, p.nameZh, stageName(p.stage), SOURCE]);
    if (products.full) await products.flush();
  }
  await done(products, "products.csv");

  const inputs = new CsvWriter(join(out, "product_inputs.csv"), ["product_id", "input_id", "source"]);
  for (const p of catalog.products) {
    for (const i of p.inputs) inputs.row([p.id, catalog.products[i]!.id, SOURCE]);
    if (inputs.full) await inputs.flush();
  }
  await done(inputs, "product_inputs.csv");

  const clusters = new CsvWriter(join(out, "clusters.csv"), ["id", "name", "name_zh", "city_id", "focus", "source"]);
  for (const c of clusterSet.clusters) {
    const focus = c.focus.map((k) => catalog.chains[k]!.id).join(";");
    clusters.row([c.id, c.name, c.nameZh, CITIES[c.city]!.id, focus, SOURCE]);
  }
  await done(clusters, "clusters.csv");
}

async function writeEnterprises(
  out: string,
  seed: number,
  catalog: Catalog,
  clusterSet: ClusterSet,
  pop: Population,
  done: Done,
): Promise<void> {
  const rng = new Rng(seed, "names");
  const w = new CsvWriter(join(out, "enterprises.csv"), [
    "id",
    "name",
    "name_zh",
    "city_id",
    "cluster_id",
    "employees",
    "source",
  ]);
  for (let i = 0; i < pop.n; i++) {
    const city = CITIES[pop.city[i]!]!;
    const [name, nameZh] = enterpriseName(rng, city, catalog.chains[pop.chain[i]!]!.firmWord);
    const cluster = pop.cluster[i]! >= 0 ? clusterSet.clusters[pop.cluster[i]!]!.id : "";
    const employees = Math.max(3, Math.round(12 * pop.size[i]! * rng.logNormal(0.4)));
    w.row([enterpriseId(i), name, nameZh, city.id, cluster, employees, SOURCE]);
    if (w.full) await w.flush();
  }
  await done(w, "enterprises.csv");
}

async function writeProduces(out: string, seed: number, catalog: Catalog, pop: Population, done: Done): Promise<void> {
  const rng = new Rng(seed, "capacity");
  const w = new CsvWriter(join(out, "produces.csv"), ["enterprise_id", "product_id", "capacity", "source"]);
  for (let i = 0; i < pop.n; i++) {
    const id = enterpriseId(i);
    for (let k = 0; k < pop.prodCount[i]!; k++) {
      const product = catalog.products[pop.prods[i * MAX_PRODUCTS + k]!]!;
      const capacity = Math.round(100 * pop.size[i]! * rng.logNormal(0.5));
      w.raw(`${id},${product.id},${capacity},${SOURCE}\n`);
    }
    if (w.full) await w.flush();
  }
  await done(w, "produces.csv");
}

interface TopCustomer {
  customer: number;
  links: number;
  suppliers: number;
}

async function writeSupplyLinks(
  out: string,
  seed: number,
  catalog: Catalog,
  pop: Population,
  degrees: Uint32Array,
  done: Done,
): Promise<{ stats: LinkStats; topCustomers: TopCustomer[] }> {
  const generator = new LinkGenerator(new Rng(seed, "links"), pop, catalog, catalog.makerWeight !== undefined);
  const volumes = new Rng(seed, "volumes");
  const w = new CsvWriter(join(out, "supply_links.csv"), ["supplier_id", "customer_id", "product_id", "volume", "source"]);

  // The ten customers with the most links, with their number of distinct suppliers.
  const top = topIndices(degrees, 10);
  const topSet = new Set(top);
  const suppliersOfTop = new Map<number, Set<number>>(top.map((c) => [c, new Set<number>()]));

  for (let c = 0; c < pop.n; c++) {
    const degree = degrees[c]!;
    if (degree === 0) continue;
    const customerId = enterpriseId(c);
    const track = topSet.has(c) ? suppliersOfTop.get(c)! : null;
    generator.forCustomer(c, degree, (s, customer, p) => {
      const volume = (10 * Math.sqrt(pop.size[s]! * pop.size[customer]!) * (0.2 + 1.8 * volumes.float())).toFixed(1);
      w.raw(`${enterpriseId(s)},${customerId},${catalog.products[p]!.id},${volume},${SOURCE}\n`);
      track?.add(s);
    });
    if (w.full) await w.flush();
  }
  await done(w, "supply_links.csv");
  const topCustomers = top.map((c) => ({ customer: c, links: degrees[c]!, suppliers: suppliersOfTop.get(c)!.size }));
  return { stats: generator.stats, topCustomers };
}

/** Indices of the `k` largest values, largest first (ties: lower index first). */
function topIndices(values: Uint32Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 0) continue;
    if (top.length === k && values[i]! <= values[top[k - 1]!]!) continue;
    let at = top.length;
    while (at > 0 && values[top[at - 1]!]! < values[i]!) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

function catalogueSummary(catalog: Catalog, pop: Population): CatalogueSummary {
  const makers = new Uint32Array(catalog.products.length);
  let produces = 0;
  for (let i = 0; i < pop.n; i++) {
    for (let k = 0; k < pop.prodCount[i]!; k++) makers[pop.prods[i * MAX_PRODUCTS + k]!]!++;
    produces += pop.prodCount[i]!;
  }
  let maxProducers = 0;
  let noProducers = 0;
  for (const m of makers) {
    maxProducers = Math.max(maxProducers, m);
    if (m === 0) noProducers++;
  }
  return { ...measureCatalog(catalog), produces, maxProducers, noProducers };
}

function plantedReport(
  opts: ResolvedOptions,
  catalog: Catalog,
  pop: Population,
  gaps: PlantedGap[],
  topCustomers: TopCustomer[],
  catalogue: CatalogueSummary | undefined,
): unknown {
  const product = (i: number): string => catalog.products[i]!.id;
  // The default report keeps its exact bytes; a real-scale catalogue adds its shape after `chains`.
  const scaled = catalogue
    ? {
        products: opts.products,
        catalogue: {
          requires: catalogue.requires,
          max_inputs: catalogue.maxInputs,
          max_users: catalogue.maxUsers,
          max_dependents: catalogue.maxDependents,
          most_depended_on: catalogue.mostDependedOn,
          largest_chain: catalogue.largestChain,
          smallest_chain: catalogue.smallestChain,
        },
      }
    : {};
  return {
    description:
      "What the synthetic generator planted, for tests and benchmarks. A gap concerns one input product in one city: " +
      "MISSING means no enterprise in the city produces it, SINGLE_SOURCE exactly one, although local enterprises " +
      "produce products that require it (local_consumers) and it is produced elsewhere in the province. " +
      "Other, unplanted gaps can occur naturally, mostly in small cities.",
    seed: opts.seed,
    enterprises: opts.enterprises,
    links: opts.links,
    chains: opts.chains,
    ...scaled,
    gaps: gaps.map((g) => {
      const p = catalog.products[g.product]!;
      return {
        kind: g.kind,
        city_id: CITIES[g.city]!.id,
        chain_id: catalog.chains[g.chain]!.id,
        product_id: p.id,
        product_name: p.name,
        product_name_zh: p.nameZh,
        stage: stageName(p.stage),
        local_producers: g.localProducers,
        producer_id: g.producer >= 0 ? enterpriseId(g.producer) : null,
        local_consumers: g.localConsumers,
        consumer_product_ids: g.consumerProducts.map(product),
        province_producers: g.provinceProducers,
      };
    }),
    cycles: catalog.cycles.map((cycle) => cycle.map(product)),
    top_customers: topCustomers.map((t) => ({
      id: enterpriseId(t.customer),
      city_id: CITIES[pop.city[t.customer]!]!.id,
      links: t.links,
      suppliers: t.suppliers,
    })),
  };
}
