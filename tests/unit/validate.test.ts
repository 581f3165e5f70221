import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, validateDataSet } from "../../src/graph/import/validate.js";

const expectedBad = /```\n([\s\S]*?)```/.exec(readFileSync("tests/fixtures/bad/README.md", "utf8"))![1]!.trim().split("\n");

function copyOfMini(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "chain-kg-validate-"));
  cpSync("tests/fixtures/mini", dir, { recursive: true });
  return dir;
}

describe("validateDataSet", () => {
  it("accepts the mini fixture and counts its rows", async () => {
    const result = await validateDataSet("tests/fixtures/mini");
    expect(result.problems).toEqual([]);
    expect(result.rows["enterprises.csv"]).toBe(5);
    expect(result.rows["supply_links.csv"]).toBe(4);
  });

  it("reports every problem of the bad fixture as file:line, in file order", async () => {
    const result = await validateDataSet("tests/fixtures/bad");
    expect(result.problems.map(formatProblem)).toEqual(expectedBad);
  });

  it("reports a missing required file", async () => {
    const dir = copyOfMini();
    writeFileSync(path.join(dir, "regions.csv"), "");
    const { rmSync } = await import("node:fs");
    rmSync(path.join(dir, "chains.csv"));
    const problems = (await validateDataSet(dir)).problems.map(formatProblem);
    expect(problems).toContain("chains.csv: required file is missing");
  });

  it("gives the starting line of a record whose quoted cell spans lines", async () => {
    const dir = copyOfMini();
    writeFileSync(path.join(dir, "industries.csv"), 'id,name,name_zh\nIT,"Information\ntechnology",信息技术\nIT,again,\n');
    const problems = (await validateDataSet(dir)).problems.map(formatProblem);
    expect(problems).toEqual(["industries.csv:4: duplicate id IT (first on line 2)"]);
  });

  it("checks region hierarchy kinds and refuses extra columns that shadow reserved properties", async () => {
    const dir = copyOfMini();
    const regions = readFileSync(path.join(dir, "regions.csv"), "utf8").replace(
      "CB,Circle B,B经济圈,CIRCLE,P",
      "CB,Circle B,B经济圈,CIRCLE,X",
    );
    writeFileSync(path.join(dir, "regions.csv"), regions.replace("source", "searchText"));
    const problems = (await validateDataSet(dir)).problems.map(formatProblem);
    expect(problems).toEqual([
      'regions.csv:1: extra column "searchText" shadows a reserved property',
      "regions.csv:4: parent_id X is a CITY, expected PROVINCE",
    ]);
  });

  it("asks the lookup for codes the data set does not define", async () => {
    const dir = copyOfMini();
    writeFileSync(
      path.join(dir, "enterprises.csv"),
      "id,name,name_zh,city_id,cluster_id\nE9,Nine,,OLDCITY,\nE10,Ten,,OLDCIRCLE,\n",
    );
    writeFileSync(path.join(dir, "produces.csv"), "enterprise_id,product_id,capacity\n");
    writeFileSync(path.join(dir, "supply_links.csv"), "supplier_id,customer_id,product_id,volume\n");
    const asked: string[] = [];
    const result = await validateDataSet(dir, async (kind, codes) => {
      asked.push(`${kind}:${codes.join(",")}`);
      return new Map([
        ["OLDCITY", "CITY" as const],
        ["OLDCIRCLE", "CIRCLE" as const],
      ]);
    });
    expect(asked).toEqual(["region:OLDCITY,OLDCIRCLE"]);
    expect(result.problems.map(formatProblem)).toEqual(["enterprises.csv:3: city_id OLDCIRCLE is a CIRCLE, expected CITY"]);
  });
});
