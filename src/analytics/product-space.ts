/**
 * The product space of a set of locations (Hidalgo, Klinger, Barabási and Hausmann 2007), with the
 * measures of economic complexity, as the Harvard Growth Lab's `ecomplexity` package computes them:
 *
 * - RCA(c, p) = (x_cp / Σ_p x_cp) / (Σ_c x_cp / Σ_c,p x_cp), Balassa's revealed comparative advantage;
 * - M(c, p) = RCA ≥ threshold (default 1): p is *present* in c;
 * - ubiquity(p) = Σ_c M_cp; diversity(c) = Σ_p M_cp;
 * - proximity φ(p, q) = Σ_c M_cp·M_cq / max(ubiquity(p), ubiquity(q)), and 0 on the diagonal;
 * - density(c, p) = Σ_q M_cq·φ(p, q) / Σ_q φ(p, q), 0 where the denominator is 0;
 * - ECI and PCI from the eigenvector of the second-largest eigenvalue of M̃ (the method of
 *   reflections' fixed point), signed so that ECI correlates positively with diversity, both
 *   standardised by the mean and standard deviation of the raw ECI;
 * - the complexity outlook index COI(c) = Σ_p density(c, p)·(1 − M_cp)·PCI_p (standardised), and
 *   the complexity outlook gain COG(c, p) = (1 − M_cp)·Σ_q (1 − M_cq)·φ(q, p)·PCI_q / Σ_r φ(q, r)
 *   (divided by the raw ECI's standard deviation).
 *
 * Locations and products without output are left out, as the package does. The proximity matrix is
 * never held: φ(p, q) depends only on the sets of locations where p and q are present (their
 * *signatures*), so every sum over products runs over the distinct signatures (4,719 for the 53,087
 * products of a generated 16-city province), and φ between two signatures is computed from bit sets
 * of their cities when needed. What is held is the locations × products output, RCA and density; the
 * one pass over the signature pairs costs S² popcounts.
 *
 * Checked against the package's published Stata results (scripts/check-complexity.ts, run by CI).
 */

export interface OutputCell {
  location: string;
  product: string;
  /** x(c, p) ≥ 0; cells of the same location and product add up. */
  value: number;
}

export interface ProductSpaceOptions {
  /** M(c, p) = RCA ≥ this (default 1). */
  rcaThreshold?: number;
}

/** Products present in exactly the same locations: every measure but the output is the same for them. */
interface Signature {
  /** Indexes of the locations where the products are present, ascending. */
  locations: number[];
  /** The products with this signature (indexes). */
  products: number[];
  /** Σ_q φ(p, q) for a product p of this signature, itself excluded. */
  proximitySum: number;
  /** Raw PCI (before standardisation); null where it is undefined. */
  kp: number | null;
}

export class ProductSpace {
  /** The locations with output, by code. */
  readonly locations: readonly string[];
  /** The products with output, by code. */
  readonly products: readonly string[];
  private readonly locationIndex: Map<string, number>;
  private readonly productIndex: Map<string, number>;
  /** Row-major locations × products. */
  private readonly x: Float64Array;
  private readonly rcaValues: Float64Array;
  private readonly m: Uint8Array;
  private readonly diversities: Int32Array;
  private readonly ubiquities: Int32Array;
  private readonly signatureOf: Int32Array;
  private readonly signatures: Signature[];
  private readonly densities: Float64Array;
  private readonly eciValues: Array<number | null>;
  private readonly pciValues: Array<number | null>;
  private readonly coiValues: Array<number | null>;
  private readonly eciStd: number | null;

  constructor(cells: readonly OutputCell[], options: ProductSpaceOptions = {}) {
    const threshold = options.rcaThreshold ?? 1;
    if (!Number.isFinite(threshold) || threshold <= 0) throw new RangeError("rcaThreshold must be a positive number");
    const totalsByLocation = new Map<string, number>();
    const totalsByProduct = new Map<string, number>();
    for (const cell of cells) {
      if (!Number.isFinite(cell.value) || cell.value < 0)
        throw new RangeError(`output of ${cell.product} in ${cell.location} must be a number ≥ 0`);
      totalsByLocation.set(cell.location, (totalsByLocation.get(cell.location) ?? 0) + cell.value);
      totalsByProduct.set(cell.product, (totalsByProduct.get(cell.product) ?? 0) + cell.value);
    }
    const withOutput = (totals: Map<string, number>) =>
      [...totals]
        .filter(([, v]) => v > 0)
        .map(([k]) => k)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.locations = withOutput(totalsByLocation);
    this.products = withOutput(totalsByProduct);
    this.locationIndex = new Map(this.locations.map((l, i) => [l, i]));
    this.productIndex = new Map(this.products.map((p, i) => [p, i]));
    const L = this.locations.length;
    const P = this.products.length;

    this.x = new Float64Array(L * P);
    for (const cell of cells) {
      const c = this.locationIndex.get(cell.location);
      const p = this.productIndex.get(cell.product);
      if (c !== undefined && p !== undefined) this.x[c * P + p] += cell.value;
    }
    const byLocation = new Float64Array(L);
    const byProduct = new Float64Array(P);
    let total = 0;
    for (let c = 0; c < L; c++)
      for (let p = 0; p < P; p++) {
        const v = this.x[c * P + p]!;
        byLocation[c] += v;
        byProduct[p] += v;
        total += v;
      }

    this.rcaValues = new Float64Array(L * P);
    this.m = new Uint8Array(L * P);
    this.diversities = new Int32Array(L);
    this.ubiquities = new Int32Array(P);
    for (let c = 0; c < L; c++)
      for (let p = 0; p < P; p++) {
        const rca = this.x[c * P + p]! / byLocation[c]! / (byProduct[p]! / total);
        this.rcaValues[c * P + p] = rca;
        if (rca >= threshold) {
          this.m[c * P + p] = 1;
          this.diversities[c] += 1;
          this.ubiquities[p] += 1;
        }
      }

    // Signatures: the products grouped by the set of locations where they are present.
    this.signatureOf = new Int32Array(P);
    this.signatures = [];
    const byKey = new Map<string, number>();
    for (let p = 0; p < P; p++) {
      const present: number[] = [];
      for (let c = 0; c < L; c++) if (this.m[c * P + p]) present.push(c);
      const key = present.join(",");
      let s = byKey.get(key);
      if (s === undefined) {
        s = this.signatures.length;
        byKey.set(key, s);
        this.signatures.push({ locations: present, products: [], proximitySum: 0, kp: null });
      }
      this.signatures[s]!.products.push(p);
      this.signatureOf[p] = s;
    }
    const S = this.signatures.length;
    // Each signature's locations as a bit set, so that φ between two signatures is two popcounts and
    // a division, computed where it is needed: nothing of size S × S is held.
    this.words = Math.max(1, Math.ceil(L / 32));
    this.masks = new Uint32Array(S * this.words);
    this.signatures.forEach((sig, a) => {
      for (const c of sig.locations) this.masks[a * this.words + (c >>> 5)]! |= 1 << (c & 31);
    });
    // Σ_q φ(p, q) per signature, and the density numerators per location: one pass over the pairs.
    this.densities = new Float64Array(L * S);
    for (let a = 0; a < S; a++) {
      const own = this.signatures[a]!;
      let sum = 0;
      for (let b = 0; b < S; b++) {
        const phi = this.phiOf(a, b);
        if (phi === 0) continue;
        // A product is not its own neighbour: φ(p, p) = 0, where its own signature would count it.
        const count = this.signatures[b]!.products.length - (a === b ? 1 : 0);
        sum += phi * count;
        for (const c of this.signatures[b]!.locations) this.densities[c * S + a] += phi * count;
      }
      own.proximitySum = sum;
      for (let c = 0; c < L; c++) this.densities[c * S + a] = sum === 0 ? 0 : this.densities[c * S + a]! / sum;
    }

    // ECI and PCI.
    const complexity = this.complexity();
    this.eciValues = complexity.eci;
    this.pciValues = complexity.pci;
    this.eciStd = complexity.std;
    this.coiValues = this.outlook();
  }

  /** Words per signature's bit set of locations, and the bit sets, signature after signature. */
  private readonly words: number;
  private readonly masks: Uint32Array;

  /** φ between two signatures: locations in common over the larger ubiquity (0 when both are empty). */
  private phiOf(a: number, b: number): number {
    const sa = this.signatures[a]!.locations.length;
    const sb = this.signatures[b]!.locations.length;
    const larger = sa > sb ? sa : sb;
    if (larger === 0) return 0;
    let common = 0;
    for (let w = 0; w < this.words; w++) common += popcount(this.masks[a * this.words + w]! & this.masks[b * this.words + w]!);
    return common / larger;
  }

  /** The measures of a location's product, or null for a location or product without output. */
  cell(location: string, product: string) {
    const measures = this.measures(location, product);
    return measures && { ...measures, cog: this.cog(this.locationIndex.get(location)!, this.productIndex.get(product)!) };
  }

  /** `cell` without the complexity outlook gain, which costs a pass over the signatures. */
  measures(location: string, product: string) {
    const c = this.locationIndex.get(location);
    const p = this.productIndex.get(product);
    if (c === undefined || p === undefined) return null;
    const P = this.products.length;
    return {
      output: this.x[c * P + p]!,
      rca: this.rcaValues[c * P + p]!,
      present: this.m[c * P + p] === 1,
      density: this.densities[c * this.signatures.length + this.signatureOf[p]!]!,
      ubiquity: this.ubiquities[p]!,
      diversity: this.diversities[c]!,
    };
  }

  /**
   * The products present in `location` that are close to `product` (φ > 0), closest first, then by
   * code: what makes its density there. Found through the signatures that hold the location.
   */
  relatedPresent(location: string, product: string): Array<{ product: string; proximity: number }> {
    const c = this.locationIndex.get(location);
    const a = this.productIndex.get(product);
    if (c === undefined || a === undefined) return [];
    const bit = 1 << (c & 31);
    return this.closeTo(a, (b) => (this.masks[b * this.words + (c >>> 5)]! & bit) !== 0);
  }

  diversity(location: string): number | null {
    const c = this.locationIndex.get(location);
    return c === undefined ? null : this.diversities[c]!;
  }

  ubiquity(product: string): number | null {
    const p = this.productIndex.get(product);
    return p === undefined ? null : this.ubiquities[p]!;
  }

  /** The economic complexity index of a location (null: no output, or not defined for this space). */
  eci(location: string): number | null {
    const c = this.locationIndex.get(location);
    return c === undefined ? null : this.eciValues[c]!;
  }

  /** The product complexity index of a product (null: no output, or not defined for this space). */
  pci(product: string): number | null {
    const p = this.productIndex.get(product);
    return p === undefined ? null : this.pciValues[p]!;
  }

  /** The complexity outlook index of a location. */
  coi(location: string): number | null {
    const c = this.locationIndex.get(location);
    return c === undefined ? null : this.coiValues[c]!;
  }

  /** φ(p, q); 0 for a product with itself or without output. */
  proximity(p: string, q: string): number {
    const a = this.productIndex.get(p);
    const b = this.productIndex.get(q);
    if (a === undefined || b === undefined || a === b) return 0;
    return this.phiOf(this.signatureOf[a]!, this.signatureOf[b]!);
  }

  /**
   * The products closest to `product`, by φ descending then by code, at most `first`, leaving out
   * those at φ = 0 (found through the signatures, without a row of the matrix).
   */
  neighbours(product: string, first: number): Array<{ product: string; proximity: number }> {
    const a = this.productIndex.get(product);
    if (a === undefined || first <= 0) return [];
    return this.closeTo(a).slice(0, first);
  }

  /**
   * The products with φ > 0 to product `a` (itself excluded), closest first, then by code; with
   * `within`, only those of the signatures it keeps.
   */
  private closeTo(a: number, within?: (signature: number) => boolean): Array<{ product: string; proximity: number }> {
    const sa = this.signatureOf[a]!;
    const out: Array<{ product: string; proximity: number }> = [];
    this.signatures.forEach((sig, b) => {
      if (within && !within(b)) return;
      const proximity = this.phiOf(sa, b);
      if (proximity > 0) for (const q of sig.products) if (q !== a) out.push({ product: this.products[q]!, proximity });
    });
    return out.sort((x, y) => y.proximity - x.proximity || (x.product < y.product ? -1 : x.product > y.product ? 1 : 0));
  }

  /**
   * Raw ECI from the second eigenvector of the locations' matrix M̃_cc' = Σ_p M_cp·M_c'p / (k_c·k_p),
   * solved in its symmetric form; PCI from it as kp = M̃ᵀ·kc / λ, so both have the scale the
   * package's eigenvector of M̃_pp gives them. Over the locations with diversity > 0 and the products
   * with ubiquity > 0; fewer than two such locations define no ECI.
   */
  private complexity(): { eci: Array<number | null>; pci: Array<number | null>; std: number | null } {
    const L = this.locations.length;
    const P = this.products.length;
    const eci: Array<number | null> = new Array<number | null>(L).fill(null);
    const pci: Array<number | null> = new Array<number | null>(P).fill(null);
    const rows = [...Array(L).keys()].filter((c) => this.diversities[c]! > 0);
    const n = rows.length;
    if (n < 2) return { eci, pci, std: null };
    const rowOf = new Int32Array(L).fill(-1);
    rows.forEach((c, i) => (rowOf[c] = i));
    // T = D^-1/2 · (M D_p^-1 Mᵀ) · D^-1/2, symmetric, n × n; by signature (same columns of M).
    const t = new Float64Array(n * n);
    for (const s of this.signatures) {
      if (s.locations.length === 0) continue;
      const weight = s.products.length / s.locations.length;
      for (const a of s.locations)
        for (const b of s.locations) {
          const i = rowOf[a]!;
          const j = rowOf[b]!;
          t[i * n + j] += weight / Math.sqrt(this.diversities[a]! * this.diversities[b]!);
        }
    }
    const { values, vectors } = symmetricEigen(t, n);
    const order = [...values.keys()].sort((i, j) => values[j]! - values[i]!);
    const second = order[1]!;
    const lambda = values[second]!;
    const kc = rows.map((c, i) => vectors[i * n + second]! / Math.sqrt(this.diversities[c]!));
    // The sign: ECI correlates positively with diversity.
    const sign =
      Math.sign(
        correlation(
          kc,
          rows.map((c) => this.diversities[c]!),
        ),
      ) || 1;
    const raw = kc.map((v) => v * sign);
    const { mean, std } = spread(raw, P);
    rows.forEach((c, i) => (eci[c] = (raw[i]! - mean) / std));
    for (const s of this.signatures) {
      if (s.locations.length === 0 || lambda === 0) continue;
      let sum = 0;
      for (const c of s.locations) sum += raw[rowOf[c]!]!;
      s.kp = sum / s.locations.length / lambda;
      for (const p of s.products) pci[p] = (s.kp - mean) / std;
    }
    return { eci, pci, std };
  }

  /** COI, standardised over the locations that have one. */
  private outlook(): Array<number | null> {
    const L = this.locations.length;
    const P = this.products.length;
    const S = this.signatures.length;
    const raw: Array<number | null> = new Array<number | null>(L).fill(null);
    if (this.eciStd === null) return raw;
    for (let c = 0; c < L; c++) {
      if (this.diversities[c] === 0) continue;
      let sum = 0;
      for (let p = 0; p < P; p++) {
        const s = this.signatures[this.signatureOf[p]!]!;
        if (this.m[c * P + p] || s.kp === null) continue;
        sum += this.densities[c * S + this.signatureOf[p]!]! * s.kp;
      }
      raw[c] = sum;
    }
    const { mean, std } = spread(
      raw.filter((v): v is number => v !== null),
      P,
    );
    return raw.map((v) => (v === null ? null : std > 0 ? (v - mean) / std : 0));
  }

  /** COG(c, p), divided by the raw ECI's standard deviation; 0 where p is present in c. */
  private cog(c: number, p: number): number | null {
    if (this.eciStd === null) return null;
    const P = this.products.length;
    const S = this.signatures.length;
    if (this.m[c * P + p]) return 0;
    const sp = this.signatureOf[p]!;
    let sum = 0;
    for (let b = 0; b < S; b++) {
      const other = this.signatures[b]!;
      if (other.kp === null || other.proximitySum === 0 || other.locations.includes(c)) continue;
      const count = other.products.length - (b === sp ? 1 : 0);
      sum += (count * this.phiOf(b, sp) * other.kp) / other.proximitySum;
    }
    return sum / this.eciStd;
  }
}

/**
 * The mean and standard deviation the package standardises ECI, PCI and COI with: over the rows of
 * its rectangular location × product table, each location's value repeated once per product, with
 * the sample (n − 1) denominator, as Stata's `summarize` gives them.
 */
function spread(values: readonly number[], products: number): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: Math.sqrt((products * squares) / (values.length * products - 1)) };
}

/** The number of bits set in a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/**
 * Eigenvalues and eigenvectors (columns of the row-major `vectors`) of a symmetric n × n matrix, by
 * cyclic Jacobi rotations: exact to rounding for the few dozen locations of a product space.
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i * n + j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = cos * akp - sin * akq;
          a[k * n + q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = cos * apk - sin * aqk;
          a[q * n + k] = sin * apk + cos * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = cos * vkp - sin * vkq;
          v[k * n + q] = sin * vkp + cos * vkq;
        }
      }
  }
  return { values: [...Array(n).keys()].map((i) => a[i * n + i]!), vectors: v };
}
