/**
 * A small seeded PRNG (xoshiro128**) and the sampling helpers the generator needs.
 *
 * Everything here is pure 32-bit integer arithmetic plus IEEE double math, so the same seed gives the
 * same sequence on every platform. `Math.random` is never used.
 */

/** FNV-1a over a string: turns a stream label into 32 bits. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One step of splitmix32; used to spread a seed over the four state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` is any 32-bit integer; `stream` names an independent sequence derived from it. */
  constructor(seed: number, stream = "") {
    const st = { s: (seed ^ hashString(stream)) | 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform double in [0, 1). */
  float(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /**
   * Pareto (power-law) sample: `xmin * U^(-1/alpha)`, capped at `cap`. Smaller `alpha` gives a heavier
   * tail; with alpha ≤ 2 the variance is infinite, which is what makes a few firms very large.
   */
  pareto(alpha: number, xmin = 1, cap = Infinity): number {
    const u = 1 - this.float(); // (0, 1]
    return Math.min(cap, xmin * Math.pow(u, -1 / alpha));
  }

  /** Log-normal-ish multiplier with median 1: `exp(sigma * N(0,1))`, normal from Box–Muller. */
  logNormal(sigma: number): number {
    const u1 = 1 - this.float();
    const u2 = this.float();
    const n = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.exp(sigma * n);
  }

  /** Fisher–Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** `k` distinct items from `items` (fewer if the list is shorter), in drawn order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + this.int(copy.length - i);
      const tmp = copy[i]!;
      copy[i] = copy[j]!;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A fixed discrete distribution: cumulative weights plus binary search, O(log n) per draw.
 * Built once (e.g. over cities, or Zipf ranks) and drawn from many times.
 */
export class WeightedTable {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (!(w >= 0)) throw new Error(`weight ${i} is ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  get size(): number {
    return this.cumulative.length;
  }

  draw(rng: Rng): number {
    return searchCumulative(this.cumulative, 0, this.cumulative.length, rng.float() * this.total);
  }
}

/**
 * Index `i` in [from, to) of the first cumulative value greater than `x`, where `cum[from..to)` is a
 * non-decreasing running sum. Used for weighted draws inside a bucket of a larger array.
 */
export function searchCumulative(cum: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Zipf weights `1 / rank^s` for ranks 1..n (index 0 is the most popular). */
export function zipfWeights(n: number, s: number): number[] {
  const out: number[] = [];
  for (let r = 1; r <= n; r++) out.push(1 / Math.pow(r, s));
  return out;
}
