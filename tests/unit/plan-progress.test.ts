import { describe, expect, it } from "vitest";
import { compoundGrowth, planProgress, type Series, type TargetFacts } from "../../src/analytics/plan-progress.js";

const item = (over: Partial<TargetFacts> = {}): TargetFacts => ({
  itemCode: "T",
  indicator: "OUTPUT_VALUE",
  target: 200,
  targetYear: 2025,
  unit: "CNY",
  ...over,
});

const series = (points: Array<[number, number]>, unit: string | null = "CNY", region = "X"): Series => ({
  region,
  chain: "BIKE",
  industry: null,
  values: points.map(([year, value]) => ({ year, value, unit, source: "illustrative" })),
});

describe("compoundGrowth", () => {
  it("is the constant yearly rate that turns `from` into `to`", () => {
    expect(compoundGrowth(100, 144, 2)).toBeCloseTo(0.2, 12);
    expect(compoundGrowth(100, 50, 1)).toBeCloseTo(-0.5, 12);
    expect(compoundGrowth(100, 0, 3)).toBe(-1);
  });

  it("is null where no real rate exists", () => {
    expect(compoundGrowth(100, 144, 0)).toBeNull();
    expect(compoundGrowth(100, 144, -1)).toBeNull();
    expect(compoundGrowth(0, 144, 2)).toBeNull();
    expect(compoundGrowth(-5, 144, 2)).toBeNull();
    expect(compoundGrowth(100, -1, 2)).toBeNull();
  });
});

describe("planProgress", () => {
  it("judges a target before its year by observed against required growth (on track)", () => {
    // The fixture's T-ONTRACK: 100 → 144 over 2021–2023 is 20% a year; 144 → 200 over 2023–2025 needs 17.85%.
    const p = planProgress(item(), [
      series([
        [2023, 144],
        [2021, 100],
        [2022, 120],
      ]),
    ]);
    expect(p.series.map((v) => v.year)).toEqual([2021, 2022, 2023]);
    expect(p).toMatchObject({ matchingSeries: 1, observed: 144, observedYear: 2023, observedUnit: "CNY", onTrack: true });
    expect(p.achievedShare).toBeCloseTo(0.72, 12);
    expect(p.observedGrowth).toBeCloseTo(0.2, 12);
    expect(p.requiredGrowth).toBeCloseTo(Math.sqrt(200 / 144) - 1, 12);
    expect(p.reasons.en).toEqual([
      "Target: OUTPUT_VALUE reaches 200 CNY by 2025.",
      "Latest value: 144 CNY in 2023.",
      "From 2021 to 2023 it grew 20% a year on average.",
      "That is 72% of the target.",
      "Reaching the target by 2025 needs 17.9% growth a year from 2023.",
      "On track: it has grown at least as fast as the target requires.",
    ]);
    expect(p.reasons.zh).toHaveLength(p.reasons.en.length);
    expect(p.reasons.zh.at(-1)).toBe("进展符合预期：实际增速不低于所需增速。");
  });

  it("says behind when the series grows more slowly than the target needs", () => {
    const p = planProgress(item({ target: 100 }), [
      series([
        [2021, 50],
        [2022, 55],
        [2023, 60.5],
      ]),
    ]);
    expect(p.onTrack).toBe(false);
    expect(p.observedGrowth).toBeCloseTo(0.1, 12);
    expect(p.requiredGrowth).toBeCloseTo(Math.sqrt(100 / 60.5) - 1, 12);
    expect(p.reasons.en.at(-1)).toBe("Behind: it has grown more slowly than the target requires.");
    expect(p.reasons.zh.at(-1)).toBe("进展滞后：实际增速低于所需增速。");
  });

  it("compares the latest value with the target once the target year is reached", () => {
    const met = planProgress(item({ target: 1200, targetYear: 2021, unit: "persons" }), [
      series(
        [
          [2019, 1000],
          [2021, 1210],
        ],
        "persons",
      ),
    ]);
    expect(met).toMatchObject({ onTrack: true, requiredGrowth: null, observed: 1210 });
    expect(met.achievedShare).toBeCloseTo(1210 / 1200, 12);
    const missed = planProgress(item({ target: 1300, targetYear: 2020, unit: "persons" }), [
      series(
        [
          [2019, 1000],
          [2021, 1210],
        ],
        "persons",
      ),
    ]);
    expect(missed).toMatchObject({ onTrack: false, requiredGrowth: null });
    expect(missed.reasons.en.at(-1)).toBe("The target year has been reached and the target is not met.");
    expect(missed.reasons.zh.at(-1)).toBe("已到目标年份，目标未实现。");
  });

  it("compares nothing with the target when the units differ, and says so", () => {
    const p = planProgress(item({ target: 50 }), [
      series(
        [
          [2022, 30],
          [2023, 33],
        ],
        "USD",
      ),
    ]);
    expect(p).toMatchObject({ observed: 33, observedUnit: "USD", achievedShare: null, requiredGrowth: null, onTrack: null });
    expect(p.observedGrowth).toBeCloseTo(0.1, 12);
    expect(p.reasons.en.at(-1)).toBe(
      "The series is in USD but the target in CNY: the two cannot be compared until the units agree.",
    );
    expect(p.reasons.zh.at(-1)).toBe("数据单位为USD，目标单位为CNY，单位一致后方可比较。");
    // A series without a unit does not match a target with one.
    expect(planProgress(item(), [series([[2022, 30]], null)]).onTrack).toBeNull();
  });

  it("cannot judge with one value only before the target year", () => {
    const p = planProgress(item(), [series([[2023, 150]])]);
    expect(p).toMatchObject({ observed: 150, observedGrowth: null, onTrack: null });
    expect(p.requiredGrowth).toBeCloseTo(Math.sqrt(200 / 150) - 1, 12);
    expect(p.reasons.en).toContain("With one value only, there is no growth rate yet.");
    expect(p.reasons.en.at(-1)).toBe("Whether it is on track cannot be judged yet.");
  });

  it("observes nothing when no series or several series match", () => {
    const none = planProgress(item(), []);
    expect(none).toMatchObject({ matchingSeries: 0, series: [], observed: null, onTrack: null });
    expect(none.reasons.en[1]).toContain("No OUTPUT_VALUE value is recorded");
    const two = planProgress(item(), [series([[2021, 100]]), series([[2021, 50]], "CNY", "Y")]);
    expect(two).toMatchObject({ matchingSeries: 2, series: [], observed: null, observedGrowth: null, onTrack: null });
    expect(two.reasons.en[1]).toMatch(/^2 OUTPUT_VALUE series match/);
    expect(two.reasons.zh[1]).toContain("2组");
  });

  it("gives every sentence in both languages", () => {
    for (const p of [
      planProgress(item(), []),
      planProgress(item(), [
        series([
          [2021, 100],
          [2023, 144],
        ]),
      ]),
      planProgress(item({ target: 0 }), [
        series([
          [2021, 100],
          [2023, 144],
        ]),
      ]),
      planProgress(item(), [
        series([
          [2021, 0],
          [2023, 144],
        ]),
      ]),
    ]) {
      expect(p.reasons.zh.length).toBe(p.reasons.en.length);
    }
  });

  it("as of a year, judges on the values of that year and before, and says when that leaves some out", () => {
    const a = series([
      [2021, 100],
      [2022, 120],
      [2023, 144],
    ]);
    const p = planProgress(item(), [a], 2022);
    expect(p).toMatchObject({ observed: 120, observedYear: 2022, onTrack: true });
    expect(p.series.map((v) => v.year)).toEqual([2021, 2022]);
    expect(p.requiredGrowth).toBeCloseTo((200 / 120) ** (1 / 3) - 1, 12);
    expect(p.reasons.en[1]).toBe("As of 2022: the values after 2022 are left out.");
    expect(p.reasons.zh).toHaveLength(p.reasons.en.length);
    // A year after the last value leaves nothing out: the same answer as without one.
    expect(planProgress(item(), [a], 2030)).toEqual(planProgress(item(), [a]));
    // Two series of which only one has a value by then are one series: it is judged.
    const b = series([[2023, 60]], "CNY", "Y");
    expect(planProgress(item(), [a, b], 2022)).toMatchObject({ matchingSeries: 1, observed: 120 });
    expect(planProgress(item(), [a, b], 2023).matchingSeries).toBe(2);
  });
});
