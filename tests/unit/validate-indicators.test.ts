import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, validateDataSet } from "../../src/graph/import/validate.js";

/** indicators.csv and target_indicator, validated without a database (the import's own test: monitoring-indicators.int.test.ts). */
const FIXTURE = "tests/fixtures/monitoring-indicators";

function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "chain-kg-validate-indicators-"));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const problems = async (dir: string) => (await validateDataSet(dir)).problems.map(formatProblem);

describe("validating indicators.csv", () => {
  it("accepts the fixture and counts its rows", async () => {
    const result = await validateDataSet(FIXTURE);
    expect(result.problems).toEqual([]);
    expect(result.rows["indicators.csv"]).toBe(11);
  });

  it("accepts plan_items.csv without the optional target_indicator column, and the mini fixture without indicators.csv", async () => {
    const dir = copy();
    const file = path.join(dir, "plan_items.csv");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    writeFileSync(
      file,
      lines
        .map((l) =>
          l
            .split(",")
            .filter((_, i) => i !== 11)
            .join(","),
        )
        .join("\n") + "\n",
    );
    expect(await problems(dir)).toEqual([]);
    expect((await validateDataSet("tests/fixtures/mini")).problems).toEqual([]);
  });

  it("still requires the other columns of indicators.csv", async () => {
    const dir = copy();
    writeFileSync(path.join(dir, "indicators.csv"), "region_id,indicator,year,value\nX,OUTPUT_VALUE,2021,1\n");
    expect(await problems(dir)).toEqual(["indicators.csv:1: missing columns chain_id, industry_id, unit, source"]);
  });

  it("rejects a repeated (series, year) with --skip-invalid, keeping the first", async () => {
    const dir = copy();
    const file = path.join(dir, "indicators.csv");
    writeFileSync(file, readFileSync(file, "utf8") + "X,BIKE,,OUTPUT_VALUE,2021,101,CNY,illustrative\n");
    const result = await validateDataSet(dir, undefined, { maxRejected: 10 });
    expect(result.problems.map(formatProblem)).toEqual([
      "indicators.csv:13: duplicate value of OUTPUT_VALUE of region X, chain BIKE for 2021 (first on line 2)",
    ]);
    expect([...result.rejected.get("indicators.csv")!]).toEqual([13]);
  });

  it("tells series apart by every one of region, chain, industry and indicator", async () => {
    const dir = copy();
    const file = path.join(dir, "indicators.csv");
    // Same year as existing rows, but each differs from them in one part of the series.
    writeFileSync(
      file,
      readFileSync(file, "utf8") +
        [
          "Y,,IND-M,EXPORT_VALUE,2022,1,USD,illustrative",
          "X,BIKE,IND-M,OUTPUT_VALUE,2021,1,CNY,illustrative",
          "X,BIKE,,EMPLOYMENT,2021,1,persons,illustrative",
        ].join("\n") +
        "\n",
    );
    expect(await problems(dir)).toEqual([]);
  });
});
