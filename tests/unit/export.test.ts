import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FILE_READERS, industryCell } from "../../src/graph/export/files.js";
import { attributesOf, columnProblem, isBookkeeping } from "../../src/graph/export/properties.js";
import { cellText, plainNumber } from "../../src/graph/export/values.js";
import { extraValue, FILES, parseNumber } from "../../src/graph/import/spec.js";

describe("plainNumber", () => {
  it.each([
    [1e21, "1000000000000000000000"],
    [1.5e21, "1500000000000000000000"],
    [1e-7, "0.0000001"],
    [-2.5e-7, "-0.00000025"],
    [123.456, "123.456"],
    [0, "0"],
    [-0, "-0"],
    [2500, "2500"],
  ])("writes %s as %s", (x, text) => {
    expect(plainNumber(x)).toBe(text);
  });

  it("gives back every finite double, as a plain decimal the importer keeps as a number", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = plainNumber(x);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Object.is(extraValue(text), x)).toBe(true);
        expect(Object.is(parseNumber(text), x)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("cellText", () => {
  it("writes nothing for no value, text as it is, numbers plainly", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
    expect(cellText("1e5")).toBe("1e5");
    expect(cellText(1e21)).toBe("1000000000000000000000");
    expect(cellText(["A", "B"])).toBe("A;B");
  });
});

describe("industryCell", () => {
  it("keeps the latest year's text when it names the year's industries, else lists the year's", () => {
    expect(industryCell("Manufacturing; Transport", ["Transport", "Manufacturing"])).toBe("Manufacturing; Transport");
    expect(industryCell("Manufacturing; Transport", ["Manufacturing"])).toBe("Manufacturing");
    expect(industryCell("IND-A", ["IND-A"])).toBe("IND-A");
    expect(industryCell(null, [])).toBe("");
    expect(industryCell("IND-A", [])).toBe("");
  });
});

describe("properties", () => {
  it("tells bookkeeping from data", () => {
    for (const key of ["years", "importStamp", "searchText", "version", "dependentCounts", "capacity_2024", "volume_1999"])
      expect(isBookkeeping(key)).toBe(true);
    for (const key of ["source", "capacity", "employees", "capacity_note"]) expect(isBookkeeping(key)).toBe(false);
  });

  it("says why a property cannot be an extra column", () => {
    const enterprises = FILES.find((f) => f.file === "enterprises.csv")!;
    const indicators = FILES.find((f) => f.file === "indicators.csv")!;
    expect(columnProblem("employees", enterprises)).toBeUndefined();
    expect(columnProblem("city_id", enterprises)).toBe("the name of a standard column");
    expect(columnProblem("stage", enterprises)).toBe("a reserved property");
    expect(columnProblem("series", indicators)).toBe("a reserved property");
    expect(columnProblem("bad name", enterprises)).toBe("not a valid column name");
  });

  it("makes attributes of what is neither standard nor bookkeeping, sorted", () => {
    expect(attributesOf({ code: "E1", years: [2024], b: 1, a: "x", gone: null }, new Set(["code"]))).toEqual({ a: "x", b: 1 });
  });
});

describe("FILE_READERS", () => {
  it("reads every file of the format", () => {
    expect(Object.keys(FILE_READERS).sort()).toEqual(FILES.map((f) => f.file).sort());
  });
});
