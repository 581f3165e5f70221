/**
 * Supply links, generated customer by customer without ever holding the links in memory.
 *
 * - Each customer's number of incoming links (in-degree) is fixed up front from its size and stage
 *   (downstream assemblers buy most), so the total is exactly the requested count and the
 *   distribution is heavy-tailed: a few customers with hundreds of links, most with a handful.
 * - Each link first draws a locality tier: the customer's own city (~60%), the rest of its circle
 *   (~25%) or the rest of the province (~15%).
 * - Its product is usually (92%) an input of something the customer makes that some firm in that area
 *   makes; the supplier is one of those makers, drawn with a size-tempered weight. Otherwise it is a
 *   general purchase: any product of a firm in the area.
 * - When the area cannot supply a new (supplier, product) pair, the area widens (whole circle or rest
 *   of province, then the province); a last-resort scan takes any unused pair.
 * - A (supplier, product) pair is used at most once per customer, so no triple repeats.
 */

import { type Rng, WeightedTable, searchCumulative } from "./random.js";
import { CITIES, CIRCLE_PEERS, OUTSIDE_CIRCLE } from "./province.js";
import { DOWNSTREAM, MIDSTREAM, type Catalog } from "./chains.js";
import { MAX_PRODUCTS, type Population } from "./enterprises.js";

/** Probability of each locality tier: same city, rest of the circle, rest of the province. */
const TIER_WEIGHTS = [0.6, 0.25, 0.15];
/** Probability that a link's product is an input of what the customer makes (when it has inputs). */
const INPUT_SHARE = 0.92;
/** Most incoming links one customer may have (also bounded by enterprises - 1). */
export const MAX_IN_DEGREE = 20000;

/**
 * Weighted members grouped in buckets `(row, city)`, for size-weighted draws restricted to a set of
 * cities. Only non-empty buckets are stored (a 16-bit mask per row says which cities have one), so
 * memory is O(rows + entries) rather than O(rows × cities): a million-product catalogue stays small.
 */
export class CityBuckets {
  /** Bit `c` of `mask[row]`: the row has members in city c. */
  private readonly mask: Uint16Array;
  /** Index of the row's first non-empty bucket; its buckets follow in city order. */
  private readonly rowFirst: Uint32Array;
  private readonly start: Uint32Array;
  private readonly members: Uint32Array;
  private readonly cumulative: Float64Array;
  private readonly bucketWeight: Float64Array;

  /** `each(add)` must call `add(row, city, member)` for every entry, in the same order each time. */
  constructor(
    rows: number,
    each: (add: (row: number, city: number, member: number) => void) => void,
    weight: (member: number) => number,
  ) {
    if (CITIES.length > 16) throw new Error("CityBuckets keeps a 16-bit city mask per row");
    this.mask = new Uint16Array(rows);
    each((row, city) => {
      this.mask[row] = this.mask[row]! | (1 << city);
    });
    this.rowFirst = new Uint32Array(rows + 1);
    for (let r = 0; r < rows; r++) this.rowFirst[r + 1] = this.rowFirst[r]! + popcount16(this.mask[r]!);
    const buckets = this.rowFirst[rows]!;
    const counts = new Uint32Array(buckets);
    each((row, city) => counts[this.bucket(row, city)]!++);
    this.start = new Uint32Array(buckets + 1);
    for (let b = 0; b < buckets; b++) this.start[b + 1] = this.start[b]! + counts[b]!;
    const total = this.start[buckets]!;
    this.members = new Uint32Array(total);
    this.cumulative = new Float64Array(total);
    const fill = this.start.slice(0, buckets);
    each((row, city, member) => {
      this.members[fill[this.bucket(row, city)]!++] = member;
    });
    this.bucketWeight = new Float64Array(buckets);
    for (let b = 0; b < buckets; b++) {
      // Running sums restart at each bucket.
      let sum = 0;
      for (let j = this.start[b]!; j < this.start[b + 1]!; j++) {
        sum += weight(this.members[j]!);
        this.cumulative[j] = sum;
      }
      this.bucketWeight[b] = sum;
    }
  }

  /** Index of the non-empty bucket (row, city); only valid when the mask has the city. */
  private bucket(row: number, city: number): number {
    return this.rowFirst[row]! + popcount16(this.mask[row]! & ((1 << city) - 1));
  }

  private cityWeight(row: number, city: number): number {
    return (this.mask[row]! >> city) & 1 ? this.bucketWeight[this.bucket(row, city)]! : 0;
  }

  /** Total weight of `row` over `cities`. */
  weight(row: number, cities: readonly number[]): number {
    let total = 0;
    for (const c of cities) total += this.cityWeight(row, c);
    return total;
  }

  /** A weighted member of `row` in one of `cities`, or -1 if there is none. */
  pick(rng: Rng, row: number, cities: readonly number[]): number {
    const total = this.weight(row, cities);
    if (total <= 0) return -1;
    let x = rng.float() * total;
    let bucket = -1;
    for (const c of cities) {
      const w = this.cityWeight(row, c);
      if (w <= 0) continue;
      bucket = this.bucket(row, c);
      if (x < w) break;
      x -= w;
    }
    return this.members[
      searchCumulative(this.cumulative, this.start[bucket]!, this.start[bucket + 1]!, Math.min(x, this.bucketWeight[bucket]!))
    ]!;
  }
}

function popcount16(x: number): number {
  x = x - ((x >> 1) & 0x5555);
  x = (x & 0x3333) + ((x >> 2) & 0x3333);
  x = (x + (x >> 4)) & 0x0f0f;
  return (x + (x >> 8)) & 0x1f;
}

/** A supplier's draw weight: size tempered so the largest firms do not take every order. */
function supplierWeight(size: number): number {
  return Math.pow(size, 0.6);
}

/**
 * In-degree of every customer: weights from size and the stage of its main product, scaled so that
 * the degrees sum to exactly `links`, none above the cap (`min(n - 1, MAX_IN_DEGREE)`).
 */
export function customerDegrees(rng: Rng, pop: Population, catalog: Catalog, links: number): Uint32Array {
  const n = pop.n;
  const cap = Math.min(n - 1, MAX_IN_DEGREE);
  const degrees = new Uint32Array(n);
  if (links === 0) return degrees;
  if (links > n * cap) throw new Error(`cannot place ${links} links among ${n} enterprises`);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const stage = catalog.products[pop.prods[i * MAX_PRODUCTS]!]!.stage;
    const stageFactor = stage === DOWNSTREAM ? 3 : stage === MIDSTREAM ? 1.5 : 0.25;
    weights[i] = Math.pow(pop.size[i]!, 0.6) * stageFactor * (0.5 + rng.float());
  }
  // Spread `remaining` links over the uncapped customers in proportion to weight, repeatedly
  // (water-filling) until nothing exceeds the cap.
  let remaining = links;
  while (remaining > 0) {
    let total = 0;
    for (let i = 0; i < n; i++) if (degrees[i]! < cap) total += weights[i]!;
    let cumulative = 0;
    let given = 0;
    let last = -1;
    for (let i = 0; i < n; i++) {
      if (degrees[i]! >= cap) continue;
      cumulative += weights[i]!;
      const upTo = Math.min(remaining, Math.floor((cumulative / total) * remaining));
      degrees[i] = degrees[i]! + (upTo - given);
      given = upTo;
      last = i;
    }
    if (given < remaining && last >= 0) degrees[last] = degrees[last]! + (remaining - given);
    remaining = 0;
    for (let i = 0; i < n; i++) {
      if (degrees[i]! > cap) {
        remaining += degrees[i]! - cap;
        degrees[i] = cap;
      }
    }
  }
  return degrees;
}

export interface LinkStats {
  sameCity: number;
  sameCircle: number;
  otherCircle: number;
  /** Links whose product is an input of something the customer makes. */
  inputProduct: number;
  /** Links placed by the last-resort scan (any unused supplier/product pair). */
  fallback: number;
}

export type EmitLink = (supplier: number, customer: number, product: number) => void;

/** Phases widen the area a supplier may come from: 0 the drawn tier, 1 wider, 2 the whole province. */
const PHASES = 3;
const ATTEMPTS_PER_PHASE = 8;
/** With sparse inputs: input draws that may hit an already used pair before a link turns to general purchases. */
const SPARSE_INPUT_MISSES = 4;

/**
 * Generates links one customer at a time. `forCustomer(c, degree, emit)` emits exactly `degree` links
 * for customer `c`. Its only per-customer state is a set of used (supplier, product) keys and small
 * buffers of the customer's input products, so memory does not grow with the number of links.
 */
export class LinkGenerator {
  readonly stats: LinkStats = { sameCity: 0, sameCircle: 0, otherCircle: 0, inputProduct: 0, fallback: 0 };
  /** Makers of each product by city. */
  private readonly makers: CityBuckets;
  /** All enterprises by city (row 0), for general purchases. */
  private readonly firms: CityBuckets;
  private readonly used = new Set<number>();
  /** areas[city][tier][phase]: the cities a supplier may come from. */
  private readonly areas: number[][][][];
  private readonly tierTable = new WeightedTable(TIER_WEIGHTS);
  private readonly productCount: number;
  /** available[tier * PHASES + phase]: the customer's input products made in that area (repeats kept). */
  private readonly available: Int32Array[];
  private readonly availableCount = new Int32Array(TIER_WEIGHTS.length * PHASES);
  private readonly maxInputMisses: number;

  /**
   * `sparseInputs` (real-scale catalogues, where an input often has one or two makers): after a few
   * input draws that hit (supplier, product) pairs the customer already uses, the rest of that link's
   * attempts are general purchases, instead of spending them all on exhausted inputs and falling back
   * to a scan. The default catalogue keeps the original draws (and output) exactly.
   */
  constructor(
    private readonly rng: Rng,
    private readonly pop: Population,
    private readonly catalog: Catalog,
    sparseInputs = false,
  ) {
    this.maxInputMisses = sparseInputs ? SPARSE_INPUT_MISSES : Infinity;
    this.productCount = catalog.products.length;
    const weight = (i: number): number => supplierWeight(pop.size[i]!);
    this.makers = new CityBuckets(
      this.productCount,
      (add) => {
        for (let i = 0; i < pop.n; i++) {
          for (let k = 0; k < pop.prodCount[i]!; k++) add(pop.prods[i * MAX_PRODUCTS + k]!, pop.city[i]!, i);
        }
      },
      weight,
    );
    this.firms = new CityBuckets(
      1,
      (add) => {
        for (let i = 0; i < pop.n; i++) if (pop.prodCount[i]! > 0) add(0, pop.city[i]!, i);
      },
      weight,
    );
    const all = CITIES.map((c) => c.index);
    this.areas = CITIES.map((city) => {
      const own = [city.index];
      const peers = [...CIRCLE_PEERS[city.index]!];
      const outside = [...OUTSIDE_CIRCLE[city.index]!];
      const notOwn = [...peers, ...outside];
      return [
        [own, [...own, ...peers], all],
        [peers, notOwn, all],
        [outside, notOwn, all],
      ];
    });
    // A loop, not Math.max(...spread): a large catalogue has more products than a call may take arguments.
    let maxInputs = 0;
    for (const p of catalog.products) maxInputs = Math.max(maxInputs, p.inputs.length);
    this.available = Array.from({ length: TIER_WEIGHTS.length * PHASES }, () => new Int32Array(MAX_PRODUCTS * maxInputs));
  }

  /** Fills `available` with the customer's input products that someone makes in each area. */
  private prepare(customer: number, city: number): boolean {
    const { pop, catalog, makers, available, availableCount } = this;
    availableCount.fill(0);
    let any = false;
    for (let k = 0; k < pop.prodCount[customer]!; k++) {
      for (const input of catalog.products[pop.prods[customer * MAX_PRODUCTS + k]!]!.inputs) {
        for (let tier = 0; tier < TIER_WEIGHTS.length; tier++) {
          for (let phase = 0; phase < PHASES; phase++) {
            if (makers.weight(input, this.areas[city]![tier]![phase]!) <= 0) continue;
            const slot = tier * PHASES + phase;
            available[slot]![availableCount[slot]!++] = input;
            any = true;
          }
        }
      }
    }
    return any;
  }

  forCustomer(customer: number, degree: number, emit: EmitLink): void {
    const { rng, pop, used, stats, makers, firms, available, availableCount } = this;
    used.clear();
    const city = pop.city[customer]!;
    const circle = CITIES[city]!.circle;
    const hasInputs = this.prepare(customer, city);
    for (let k = 0; k < degree; k++) {
      const tier = this.tierTable.draw(rng);
      let placed = false;
      let inputMisses = 0;
      for (let attempt = 0; attempt < PHASES * ATTEMPTS_PER_PHASE && !placed; attempt++) {
        let phase = Math.floor(attempt / ATTEMPTS_PER_PHASE);
        let supplier: number;
        let product: number;
        const isInput = hasInputs && inputMisses < this.maxInputMisses && rng.float() < INPUT_SHARE;
        if (isInput) {
          // An input of one of the customer's products that someone in the area makes.
          while (availableCount[tier * PHASES + phase] === 0) phase++;
          const slot = tier * PHASES + phase;
          product = available[slot]![rng.int(availableCount[slot]!)]!;
          supplier = makers.pick(rng, product, this.areas[city]![tier]![phase]!);
        } else {
          // A general purchase: any product of a size-weighted firm in the area.
          supplier = firms.pick(rng, 0, this.areas[city]![tier]![phase]!);
          if (supplier < 0) continue;
          product = pop.prods[supplier * MAX_PRODUCTS + rng.int(pop.prodCount[supplier]!)]!;
        }
        if (supplier < 0 || supplier === customer) continue;
        const key = supplier * this.productCount + product;
        if (used.has(key)) {
          if (isInput) inputMisses++;
          continue;
        }
        used.add(key);
        if (isInput) stats.inputProduct++;
        this.record(supplier, city, circle);
        emit(supplier, customer, product);
        placed = true;
      }
      if (!placed) this.fallback(customer, city, circle, emit);
    }
  }

  /** Last resort: scan from a random enterprise for any unused (supplier, product) pair. */
  private fallback(customer: number, city: number, circle: number, emit: EmitLink): void {
    const { rng, pop, used } = this;
    const n = pop.n;
    const startAt = rng.int(n);
    for (let j = 0; j < n; j++) {
      const supplier = (startAt + j) % n;
      if (supplier === customer) continue;
      for (let k = 0; k < pop.prodCount[supplier]!; k++) {
        const product = pop.prods[supplier * MAX_PRODUCTS + k]!;
        const key = supplier * this.productCount + product;
        if (used.has(key)) continue;
        used.add(key);
        this.stats.fallback++;
        this.record(supplier, city, circle);
        emit(supplier, customer, product);
        return;
      }
    }
    throw new Error(`no supplier left for customer ${customer}`);
  }

  private record(supplier: number, city: number, circle: number): void {
    const sc = this.pop.city[supplier]!;
    if (sc === city) this.stats.sameCity++;
    else if (CITIES[sc]!.circle === circle) this.stats.sameCircle++;
    else this.stats.otherCircle++;
  }
}
