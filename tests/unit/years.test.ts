import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IMPORTED_TYPES, yearOf } from "../../src/graph/import/years.js";

describe("years", () => {
  it("the sweep knows every relationship type the importer writes with years", () => {
    const source = readFileSync("src/graph/import/write.ts", "utf8");
    const linked = [...source.matchAll(/link\(Label\.\w+, "([A-Z_]+)"/g)].map((m) => m[1]!);
    const merged = [...source.matchAll(/MERGE \([^)]*\)-\[r:([A-Z_]+)/g)].map((m) => m[1]!);
    // Indicators' observations carry their own year (indicators.csv), not the import's.
    const written = new Set([...linked, ...merged].filter((t) => t !== "OBSERVES"));
    expect([...written].sort()).toEqual([...IMPORTED_TYPES].sort());
  });

  it("yearOf: the year asked, else the latest; none in a graph without years; a year not held is refused", () => {
    expect(yearOf([2023, 2024], undefined)).toBe(2024);
    expect(yearOf([2023, 2024], null)).toBe(2024);
    expect(yearOf([2023, 2024], 2023)).toBe(2023);
    expect(yearOf([], 1999)).toBeNull();
    expect(() => yearOf([2023, 2024], 2022)).toThrow("The graph holds no data for 2022; it holds 2023, 2024");
  });
});
