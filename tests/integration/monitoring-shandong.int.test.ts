import { describe, expect, it } from "vitest";
import { SHANDONG_SEED } from "../../src/seed.js";
import { setupGraph } from "../support/graph.js";

/** The Shandong seed's output-value series against the plan's 300-billion-yuan target (seeds/shandong/README.md). */
const g = setupGraph(SHANDONG_SEED);

describe("plan progress on the Shandong seed", () => {
  it("judges PI-TARGET-OUTPUT on the sourced 2020 and 2021 figures", async () => {
    const { data, errors } = await g.query<{
      planProgress: Array<Record<string, unknown> & { item: { code: string }; series: Array<{ year: number; source: string }> }>;
    }>(`{ planProgress(plan: "PLAN-SD-BIGDATA-14FYP") {
      item { code } target targetYear unit observed observedYear achievedShare requiredGrowth observedGrowth onTrack
      series { year value unit source } } }`);
    expect(errors).toBeUndefined();
    const [p, ...rest] = data!.planProgress;
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      item: { code: "PI-TARGET-OUTPUT" },
      target: 300_000_000_000,
      targetYear: 2025,
      unit: "CNY",
      observed: 130_000_000_000,
      observedYear: 2021,
      onTrack: true,
    });
    expect(p!.series.map((v) => v.year)).toEqual([2020, 2021]);
    // Every seed value names its source; none is marked illustrative.
    for (const v of p!.series) expect(v.source).toMatch(/^(?!illustrative$).*https:\/\//);
    expect(p!.achievedShare).toBeCloseTo(130 / 300, 10);
    expect(p!.observedGrowth).toBeCloseTo(0.3, 10);
    expect(p!.requiredGrowth).toBeCloseTo((300 / 130) ** 0.25 - 1, 10);
  });
});
