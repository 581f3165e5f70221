import { describe, expect, it } from "vitest";
import { dependentCounts, dependentsOf, requiredBy } from "../../src/graph/derived/dependents.js";

const graph = (edges: Record<string, string[]>) =>
  requiredBy(Object.entries(edges).map(([code, inputCodes]) => ({ code, inputCodes })));

describe("dependentsOf", () => {
  it("follows REQUIRES backwards, directly and transitively (the BIKE chain)", () => {
    const g = graph({ FRAME: ["STEEL"], TYRE: ["RUBBER"], BIKE: ["FRAME", "TYRE"], STEEL: [], RUBBER: [] });
    expect(dependentsOf(g, "STEEL")).toEqual(["BIKE", "FRAME"]);
    expect(dependentsOf(g, "TYRE")).toEqual(["BIKE"]);
    expect(dependentsOf(g, "BIKE")).toEqual([]);
  });

  it("counts a product reached along two paths once", () => {
    const g = graph({ B: ["A"], C: ["A"], D: ["B", "C"] });
    expect(dependentsOf(g, "A")).toEqual(["B", "C", "D"]);
  });

  it("terminates on a cycle and never counts the product itself", () => {
    // LI -> REC -> CEL -> CAT -> LI, and GRA feeds the cycle through ANO.
    const g = graph({
      CAT: ["LI", "SOL"],
      ANO: ["GRA"],
      ELE: ["SOL"],
      CEL: ["CAT", "ANO", "ELE", "SEP"],
      REC: ["CEL"],
      LI: ["REC"],
    });
    expect(dependentsOf(g, "LI")).toEqual(["CAT", "CEL", "REC"]);
    expect(dependentsOf(g, "CEL")).toEqual(["CAT", "LI", "REC"]);
    expect(dependentsOf(g, "GRA")).toEqual(["ANO", "CAT", "CEL", "LI", "REC"]);
    expect(dependentsOf(g, "SOL")).toEqual(["CAT", "CEL", "ELE", "LI", "REC"]);
  });

  it("handles a two-product cycle and an unknown product", () => {
    const g = graph({ A: ["B"], B: ["A"] });
    expect(dependentsOf(g, "A")).toEqual(["B"]);
    expect(dependentsOf(g, "NOPE")).toEqual([]);
  });

  it("stays fast on a dense graph of 600 products with many cycles", () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 600; i++) edges[`P${i}`] = [1, 7, 13, 101].map((k) => `P${(i + k) % 600}`);
    const g = graph(edges);
    const started = performance.now();
    for (let i = 0; i < 600; i++) expect(dependentsOf(g, `P${i}`)).toHaveLength(599);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("dependentCounts counts what dependentsOf lists, for every product, through cycles", () => {
    const g = graph({ A: ["B"], B: ["A"], C: ["A"], D: ["C", "B"], E: [], F: ["F"] });
    const counts = dependentCounts(g);
    expect(g.codes.map((c) => counts[g.ids.get(c)!])).toEqual(g.codes.map((c) => dependentsOf(g, c).length));
    expect(counts[g.ids.get("A")!]).toBe(3);
    expect(counts[g.ids.get("F")!]).toBe(0);
  });
});
