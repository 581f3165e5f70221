import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProductSpace, symmetricEigen, type OutputCell } from "../../src/analytics/product-space.js";
import { predictionOf } from "../../src/analytics/relatedness.js";

/**
 * Worked by hand: cities A, B, C; outputs
 *          p1  p2  p3  p4
 *   A       4   0   0   1
 *   B       0   2   2   0
 *   C       2   2   0   0
 * Total 13. Shares: p1 6/13, p2 4/13, p3 2/13, p4 1/13; rows A 5, B 4, C 4.
 * RCA(A,p1) = (4/5)/(6/13) = 1.7333; RCA(A,p4) = (1/5)/(1/13) = 2.6; RCA(C,p1) = (2/4)/(6/13) = 1.0833;
 * RCA(B,p2) = (2/4)/(4/13) = 1.625; RCA(B,p3) = (2/4)/(2/13) = 3.25; RCA(C,p2) = 1.625.
 * M: A {p1, p4}, B {p2, p3}, C {p1, p2}. Ubiquity p1 2, p2 2, p3 1, p4 1; diversity 2 each.
 * φ(p1,p2) = |{C}| / 2 = 0.5; φ(p1,p4) = |{A}| / 2 = 0.5; φ(p2,p3) = |{B}| / 2 = 0.5; φ(p1,p3) = 0;
 * φ(p2,p4) = 0; φ(p3,p4) = 0.
 * density(A, p2) = (M_A,p1·φ(p2,p1) + M_A,p3·φ(p2,p3) + M_A,p4·φ(p2,p4)) / (0.5 + 0.5 + 0) = 0.5 / 1 = 0.5;
 * density(A, p3) = M_A,p2·φ(p3,p2) / φ(p3,p2) = 0 / 0.5 = 0; density(B, p1) = M_B,p2·0.5 / 1 = 0.5.
 */
const HAND: OutputCell[] = [
  { location: "A", product: "p1", value: 4 },
  { location: "A", product: "p4", value: 1 },
  { location: "B", product: "p2", value: 2 },
  { location: "B", product: "p3", value: 2 },
  { location: "C", product: "p1", value: 2 },
  { location: "C", product: "p2", value: 2 },
];

describe("the product space", () => {
  it("gives the hand-worked RCA, presence, ubiquity, diversity, proximity and density", () => {
    const space = new ProductSpace(HAND);
    expect(space.cell("A", "p1")!.rca).toBeCloseTo(26 / 15, 12);
    expect(space.cell("A", "p4")!.rca).toBeCloseTo(2.6, 12);
    expect(space.cell("C", "p1")!.rca).toBeCloseTo(13 / 12, 12);
    expect(space.cell("B", "p3")!.rca).toBeCloseTo(3.25, 12);
    const present = (c: string) => ["p1", "p2", "p3", "p4"].filter((p) => space.cell(c, p)!.present);
    expect([present("A"), present("B"), present("C")]).toEqual([
      ["p1", "p4"],
      ["p2", "p3"],
      ["p1", "p2"],
    ]);
    expect(["p1", "p2", "p3", "p4"].map((p) => space.ubiquity(p))).toEqual([2, 2, 1, 1]);
    expect(["A", "B", "C"].map((c) => space.diversity(c))).toEqual([2, 2, 2]);
    expect(space.proximity("p1", "p2")).toBe(0.5);
    expect(space.proximity("p1", "p4")).toBe(0.5);
    expect(space.proximity("p2", "p3")).toBe(0.5);
    expect(space.proximity("p1", "p3")).toBe(0);
    expect(space.proximity("p1", "p1")).toBe(0);
    expect(space.cell("A", "p2")!.density).toBeCloseTo(0.5, 12);
    expect(space.cell("A", "p3")!.density).toBe(0);
    expect(space.cell("B", "p1")!.density).toBeCloseTo(0.5, 12);
    expect(space.neighbours("p1", 5)).toEqual([
      { product: "p2", proximity: 0.5 },
      { product: "p4", proximity: 0.5 },
    ]);
    // A city or product without output is not in the space.
    expect(space.cell("D", "p1")).toBeNull();
    expect(new ProductSpace([...HAND, { location: "D", product: "p9", value: 0 }]).locations).toEqual(["A", "B", "C"]);
  });

  it("refuses negative output and a threshold that is not positive", () => {
    expect(() => new ProductSpace([{ location: "A", product: "p", value: -1 }])).toThrow(RangeError);
    expect(() => new ProductSpace(HAND, { rcaThreshold: 0 })).toThrow(RangeError);
  });

  it("folds the product space by signature to the same proximity and density as the definitions, computed densely", () => {
    const matrix = fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })), { minLength: 7, maxLength: 7 }), {
      minLength: 2,
      maxLength: 6,
    });
    fc.assert(
      fc.property(matrix, fc.constantFrom(0.5, 1, 1.5), (rows, threshold) => {
        const cells = rows.flatMap((row, c) => row.map((value, p) => ({ location: `c${c}`, product: `p${p}`, value })));
        const space = new ProductSpace(cells, { rcaThreshold: threshold });
        const L = space.locations;
        const P = space.products;
        const m = (c: string, p: string) => (space.cell(c, p)!.present ? 1 : 0);
        const u = (p: string) => L.reduce((a, c) => a + m(c, p), 0);
        const phi = (p: string, q: string) => {
          if (p === q) return 0;
          const larger = Math.max(u(p), u(q));
          return larger === 0 ? 0 : L.reduce((a, c) => a + m(c, p) * m(c, q), 0) / larger;
        };
        for (const p of P) for (const q of P) expect(space.proximity(p, q)).toBeCloseTo(phi(p, q), 12);
        for (const c of L)
          for (const p of P) {
            const den = P.reduce((a, q) => a + phi(p, q), 0);
            const num = P.reduce((a, q) => a + m(c, q) * phi(p, q), 0);
            expect(space.cell(c, p)!.density).toBeCloseTo(den === 0 ? 0 : num / den, 12);
          }
      }),
      { numRuns: 200, seed: 20261204 },
    );
  });

  it("solves a symmetric eigenproblem", () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1.
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    const i = values[0]! > values[1]! ? 0 : 1;
    expect(Math.abs(vectors[0 * 2 + i]!)).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe("scoring a ranking against entries", () => {
  it("counts ties half in the AUC and as one step of the precision-recall curve", () => {
    // The fixture's backtest (tests/fixtures/product-space/README.md): densities and entries.
    const scores = [0.5, 0, 0.5, 0, 1, 1];
    const entered = [true, false, false, false, true, false];
    const p = predictionOf(scores, entered);
    expect(p.auc).toBe(0.75);
    expect(p.aucPr).toBe(0.5);
    expect(p.precisionAt10).toBeCloseTo(2 / 6, 12);
    // The order within a tie does not matter.
    expect(predictionOf([1, 1, 0.5, 0.5, 0, 0], [false, true, false, true, false, false])).toEqual(p);
  });

  it("gives no AUC without both kinds, and counts a tie across the tenth place in proportion", () => {
    expect(predictionOf([], [])).toEqual({ auc: null, aucPr: null, precisionAt10: null });
    expect(predictionOf([1, 2], [false, false])).toEqual({ auc: null, aucPr: null, precisionAt10: 0 });
    expect(predictionOf([1, 2], [true, true]).auc).toBeNull();
    // Twelve candidates: eight above a tie of four, two of which entered; the tie fills places 9 and 10.
    const scores = [...Array(8).fill(2), ...Array(4).fill(1)];
    const entered = [...Array(8).fill(false), true, true, false, false];
    expect(predictionOf(scores, entered).precisionAt10).toBeCloseTo((2 * (2 / 4)) / 10, 12);
    // A perfect ranking.
    expect(predictionOf([3, 2, 1], [true, false, false])).toMatchObject({ auc: 1, aucPr: 1 });
  });
});
