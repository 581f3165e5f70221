import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanCell } from "../../src/graph/import/csv.js";
import type { RejectedRow } from "../../src/graph/import/rejects.js";
import { formatProblem, validateDataSet } from "../../src/graph/import/validate.js";
import { writeNoisyCopy } from "../support/noisy.js";

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

  it("trims white space, ideographic and zero-width spaces from the edges of every cell", () => {
    expect(cleanCell("  E1 \t")).toBe("E1");
    expect(cleanCell("\u3000青岛\u00A0")).toBe("青岛");
    expect(cleanCell("\u200BCHIP\u200B ")).toBe("CHIP");
    expect(cleanCell("A  B")).toBe("A  B");
    expect(cleanCell(" \u200B ")).toBe("");
  });

  it("finds a code written with stray spaces by its trimmed code, and a blank code is missing", async () => {
    const dir = copyOfMini();
    writeFileSync(
      path.join(dir, "enterprises.csv"),
      'id,name,name_zh,city_id,cluster_id\n" E9 ",Nine,, X\u200B,\n"  ",Blank,,X,\n',
    );
    writeFileSync(path.join(dir, "produces.csv"), "enterprise_id,product_id,capacity\nE9 ,\u3000CHIP,7\n");
    writeFileSync(path.join(dir, "supply_links.csv"), "supplier_id,customer_id,product_id,volume\n");
    const problems = (await validateDataSet(dir)).problems.map(formatProblem);
    expect(problems).toEqual(["enterprises.csv:3: missing id"]);
  });
});

describe("validateDataSet on noisy data", () => {
  it("rejects each bad row and, transitively, every row that names one, in file and line order", async () => {
    const noisy = await writeNoisyCopy("tests/fixtures/mini", mkdtempSync(path.join(tmpdir(), "chain-kg-noisy-")));
    const rejected: RejectedRow[] = [];
    const result = await validateDataSet(noisy.folder, undefined, { onReject: (row) => void rejected.push(row) });
    expect(rejected.map((r) => ({ file: r.file, line: r.line, reason: r.reasons.join("; "), cells: r.record }))).toEqual(
      noisy.rejects,
    );
    // Strict mode's problems are the rows' own: a row naming a rejected row is not a problem there.
    expect(result.problems.map(formatProblem)).toEqual(noisy.problems);
    // 16 rows rejected: 7 with problems of their own, 9 only for naming one of them (tests/support/noisy.ts).
    expect([result.rejectedCount, result.dependentCount]).toEqual([16, 9]);
    expect([...result.rejected.get("regions.csv")!]).toEqual([8, 9]);
  });

  it("stops past maxProblems or maxRejected, at the row that crossed the limit", async () => {
    const noisy = await writeNoisyCopy("tests/fixtures/mini", mkdtempSync(path.join(tmpdir(), "chain-kg-noisy-")));
    const strict = await validateDataSet(noisy.folder, undefined, { maxProblems: 2 });
    expect(strict.problems.map(formatProblem)).toEqual(noisy.problems.slice(0, 3));
    expect(strict.stopped).toEqual({ file: "clusters.csv", line: 3 });
    const skipping = await validateDataSet(noisy.folder, undefined, { maxRejected: 3 });
    expect(skipping.rejectedCount).toBe(4);
    expect(skipping.stopped).toEqual({ file: "product_inputs.csv", line: 7 });
    expect((await validateDataSet(noisy.folder, undefined, { maxRejected: noisy.rejects.length })).stopped).toBeUndefined();
  });

  it("asks the database only for codes the data set lacks, and a row naming an unknown code is rejected", async () => {
    const dir = copyOfMini();
    writeFileSync(path.join(dir, "enterprises.csv"), "id,name,name_zh,city_id,cluster_id\nE9,Nine,,OLDCITY,\nE10,Ten,,GONE,\n");
    writeFileSync(path.join(dir, "produces.csv"), "enterprise_id,product_id,capacity\nE9,CHIP,1\nE10,CHIP,2\n");
    writeFileSync(path.join(dir, "supply_links.csv"), "supplier_id,customer_id,product_id,volume\n");
    const rejected: string[] = [];
    const result = await validateDataSet(dir, async () => new Map([["OLDCITY", "CITY" as const]]), {
      onReject: (r) => void rejected.push(`${r.file}:${r.line}: ${r.reasons.join("; ")}`),
    });
    expect(rejected).toEqual([
      "enterprises.csv:3: unknown city_id GONE",
      "produces.csv:3: enterprise_id E10 was rejected (enterprises.csv:3)",
    ]);
    expect(result.rejectedCount).toBe(2);
  });
});
