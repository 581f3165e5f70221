import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { relatednessBacktest } from "../../src/analytics/relatedness.js";
import { generateDataSet } from "../../src/generate/generate.js";
import { writeYearlyStates, type YearlyState } from "../../src/generate/yearly.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { resetDatabase, setupGraph } from "../support/graph.js";

/**
 * The generator's yearly states plant entries that follow relatedness (src/generate/yearly.ts): the
 * backtest of 2024's product space on 2025's entries must rank them well above chance and above the
 * ubiquity baseline. A control without planted entries (only the random noise) must not.
 */
const g = setupGraph();
const base = mkdtempSync(path.join(tmpdir(), "chain-kg-generated-years-"));
const from = path.join(base, "province");
let states: YearlyState[] = [];

beforeAll(async () => {
  await generateDataSet({ enterprises: 3000, links: 12000, seed: 7, out: from });
  states = await writeYearlyStates({ from, out: path.join(base, "years"), years: [2024, 2025] });
}, 120_000);

const files = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));

describe("yearly states with planted entries (3,000 enterprises)", () => {
  it("are deterministic, and the latest year is the data set as it is", async () => {
    const again = await writeYearlyStates({ from, out: path.join(base, "again"), years: [2024, 2025] });
    expect(files(again[0]!.dir)).toEqual(files(states[0]!.dir));
    expect(files(states[1]!.dir)["produces.csv"]).toBe(readFileSync(path.join(from, "produces.csv"), "utf8"));
    expect(states[0]!.entries!.planted).toBeGreaterThan(50);
    // Drawn by density: the planted pairs are denser than the present pairs on average.
    expect(states[0]!.entries!.meanDensity).toBeGreaterThan(states[0]!.entries!.meanDensityOfPresent);
  });

  it("refuses years out of order and shares outside [0, 1)", async () => {
    await expect(writeYearlyStates({ from, out: path.join(base, "bad"), years: [2025, 2024] })).rejects.toThrow(/ascending/);
    await expect(writeYearlyStates({ from, out: path.join(base, "bad"), years: [2024, 2025], entryShare: 1 })).rejects.toThrow(
      /entryShare/,
    );
  });

  it("the backtest finds density a better predictor of the planted entries than ubiquity and chance", async () => {
    const backtest = async (dir: string) => {
      await resetDatabase(g.executor);
      await importDataSet(g.executor, path.join(dir, "2024"), { year: 2024 });
      await importDataSet(g.executor, path.join(dir, "2025"), { year: 2025 });
      return relatednessBacktest(g.executor, { scope: { region: "SD" }, from: 2024, to: 2025 });
    };
    const planted = await backtest(path.join(base, "years"));
    const baseline = (name: string) => planted.baselines.find((b) => b.name === name)!.auc!;
    expect(planted.entries).toBeGreaterThan(100);
    expect(planted.auc!).toBeGreaterThan(0.7);
    expect(planted.auc!).toBeGreaterThan(baseline("ubiquity") + 0.05);
    expect(baseline("random")).toBe(0.5);

    // The control: the same noise, no planted entries; density predicts the random entries far less well.
    await writeYearlyStates({ from, out: path.join(base, "control"), years: [2024, 2025], entryShare: 0 });
    const control = await backtest(path.join(base, "control"));
    expect(control.auc!).toBeLessThan(planted.auc! - 0.1);
  }, 300_000);
});
