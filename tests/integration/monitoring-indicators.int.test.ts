import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataSetError, importDataSet } from "../../src/graph/import/importer.js";
import { formatProblem } from "../../src/graph/import/validate.js";
import { setupGraph } from "../support/graph.js";
import { snapshot } from "../support/snapshot.js";

/** Indicators and plan progress; every answer is worked out in tests/fixtures/monitoring-indicators/README.md. */
const FIXTURE = "tests/fixtures/monitoring-indicators";
const g = setupGraph(FIXTURE);

const X_BIKE = [
  { year: 2021, value: 100, unit: "CNY", source: "illustrative" },
  { year: 2022, value: 120, unit: "CNY", source: "illustrative" },
  { year: 2023, value: 144, unit: "CNY", source: "illustrative" },
];

interface Progress {
  item: { code: string; targetIndicator: string | null };
  indicator: string;
  target: number;
  targetYear: number;
  unit: string | null;
  matchingSeries: number;
  series: Array<{ year: number; value: number; unit: string | null; source: string }>;
  observedUnit: string | null;
  observed: number | null;
  observedYear: number | null;
  achievedShare: number | null;
  requiredGrowth: number | null;
  observedGrowth: number | null;
  onTrack: boolean | null;
  en: string[];
  zh: string[];
}

const PROGRESS = `query($plan: String!, $year: Int) { planProgress(plan: $plan, year: $year) {
  item { code targetIndicator } indicator target targetYear unit matchingSeries
  series { year value unit source } observedUnit observed observedYear
  achievedShare requiredGrowth observedGrowth onTrack en: reasons zh: reasons(lang: ZH) } }`;

async function progress(year?: number): Promise<Progress[]> {
  const { data, errors } = await g.query<{ planProgress: Progress[] }>(PROGRESS, { plan: "PL", year });
  expect(errors).toBeUndefined();
  return data!.planProgress;
}

const codeOf = async (source: string, variables: Record<string, unknown> = {}) => {
  const { errors } = await g.query(source, variables);
  return errors?.map((e) => e.extensions?.code);
};

describe("indicators (monitoring-indicators fixture)", () => {
  it("returns one series by year, an omitted field matching an empty cell", async () => {
    const { data, errors } = await g.query<{ a: unknown[]; b: unknown[]; c: unknown[]; d: unknown[] }>(`{
      a: indicators(filter: {region: "X", chain: "BIKE", indicator: "OUTPUT_VALUE"}) { year value unit source }
      b: indicators(filter: {chain: "BIKE", indicator: "OUTPUT_VALUE"}) { year value unit source }
      c: indicators(filter: {region: "X", indicator: "OUTPUT_VALUE"}) { year value }
      d: indicators(filter: {region: "X", chain: "BIKE", industry: "IND-M", indicator: "OUTPUT_VALUE"}) { year value }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.a).toEqual(X_BIKE);
    expect(data!.b).toEqual([{ year: 2023, value: 1000, unit: "CNY", source: "illustrative" }]);
    expect(data!.c).toEqual([]);
    expect(data!.d).toEqual([]);
  });

  it("refuses unknown codes with NOT_FOUND and bad filters with BAD_USER_INPUT", async () => {
    expect(await codeOf(`{ indicators(filter: {region: "Z", indicator: "OUTPUT_VALUE"}) { year } }`)).toEqual(["NOT_FOUND"]);
    expect(await codeOf(`{ indicators(filter: {chain: "NOPE", indicator: "OUTPUT_VALUE"}) { year } }`)).toEqual(["NOT_FOUND"]);
    expect(await codeOf(`{ indicators(filter: {region: "X", industry: "NOPE", indicator: "OUTPUT_VALUE"}) { year } }`)).toEqual([
      "NOT_FOUND",
    ]);
    expect(await codeOf(`{ indicators(filter: {region: "X", indicator: "NO_SUCH_INDICATOR"}) { year } }`)).toEqual(["NOT_FOUND"]);
    expect(await codeOf(`{ indicators(filter: {indicator: "OUTPUT_VALUE"}) { year } }`)).toEqual(["BAD_USER_INPUT"]);
    expect(await codeOf(`{ indicators(filter: {region: "", indicator: "OUTPUT_VALUE"}) { year } }`)).toEqual(["BAD_USER_INPUT"]);
    expect(await codeOf(`{ indicators(filter: {region: " ", indicator: "OUTPUT_VALUE"}) { year } }`)).toEqual(["BAD_USER_INPUT"]);
    expect(await codeOf(`{ indicators(filter: {region: "X", indicator: ""}) { year } }`)).toEqual(["BAD_USER_INPUT"]);
  });

  it("reads a series in one statement", async () => {
    const { context } = await g.query(`{ indicators(filter: {region: "X", chain: "BIKE", indicator: "OUTPUT_VALUE"}) { year } }`);
    expect(context.stats.queries).toBe(1);
  });
});

describe("planProgress (monitoring-indicators fixture)", () => {
  it("lists the TARGET items that name an indicator, by code", async () => {
    const rows = await progress();
    expect(rows.map((r) => r.item.code)).toEqual(["T-AMBIG", "T-BEHIND", "T-MET", "T-NONE", "T-ONTRACK", "T-UNIT"]);
    expect(rows.map((r) => r.item.targetIndicator)).toEqual(rows.map((r) => r.indicator));
  });

  it("T-ONTRACK: 20% a year observed, 17.85% needed", async () => {
    const r = (await progress()).find((p) => p.item.code === "T-ONTRACK")!;
    expect(r).toMatchObject({
      indicator: "OUTPUT_VALUE",
      target: 200,
      targetYear: 2025,
      unit: "CNY",
      matchingSeries: 1,
      series: X_BIKE,
      observedUnit: "CNY",
      observed: 144,
      observedYear: 2023,
      onTrack: true,
    });
    expect(r.achievedShare).toBeCloseTo(0.72, 10);
    expect(r.observedGrowth).toBeCloseTo(0.2, 10);
    expect(r.requiredGrowth).toBeCloseTo(0.178511, 6);
    expect(r.en).toEqual([
      "Target: OUTPUT_VALUE reaches 200 CNY by 2025.",
      "Latest value: 144 CNY in 2023.",
      "From 2021 to 2023 it grew 20% a year on average.",
      "That is 72% of the target.",
      "Reaching the target by 2025 needs 17.9% growth a year from 2023.",
      "On track: it has grown at least as fast as the target requires.",
    ]);
    expect(r.zh).toEqual([
      "目标：到2025年OUTPUT_VALUE达到200 CNY。",
      "最新值：2023年为144 CNY。",
      "2021年至2023年年均增长20%。",
      "已达到目标的72%。",
      "2023年起需年均增长17.9%，方能在2025年实现目标。",
      "进展符合预期：实际增速不低于所需增速。",
    ]);
  });

  it("T-BEHIND: 10% a year observed, 28.56% needed", async () => {
    const r = (await progress()).find((p) => p.item.code === "T-BEHIND")!;
    expect(r).toMatchObject({ target: 100, matchingSeries: 1, observed: 60.5, observedYear: 2023, onTrack: false });
    expect(r.series.map((v) => [v.year, v.value])).toEqual([
      [2021, 50],
      [2022, 55],
      [2023, 60.5],
    ]);
    expect(r.achievedShare).toBeCloseTo(0.605, 10);
    expect(r.observedGrowth).toBeCloseTo(0.1, 10);
    expect(r.requiredGrowth).toBeCloseTo(0.285649, 6);
    expect(r.en.slice(-2)).toEqual([
      "Reaching the target by 2025 needs 28.6% growth a year from 2023.",
      "Behind: it has grown more slowly than the target requires.",
    ]);
  });

  it("T-MET: the target year is reached and 1210 ≥ 1200", async () => {
    const r = (await progress()).find((p) => p.item.code === "T-MET")!;
    expect(r).toMatchObject({
      indicator: "EMPLOYMENT",
      target: 1200,
      targetYear: 2021,
      unit: "persons",
      observed: 1210,
      observedYear: 2021,
      requiredGrowth: null,
      onTrack: true,
    });
    expect(r.achievedShare).toBeCloseTo(1.008333, 6);
    expect(r.observedGrowth).toBeCloseTo(0.1, 10);
    expect(r.en.slice(-2)).toEqual(["That is 100.8% of the target.", "The target year has been reached and the target is met."]);
    expect(r.zh.slice(-2)).toEqual(["已达到目标的100.8%。", "已到目标年份，目标已实现。"]);
  });

  it("T-UNIT: a series in USD against a target in CNY is not judged", async () => {
    const r = (await progress()).find((p) => p.item.code === "T-UNIT")!;
    expect(r).toMatchObject({
      unit: "CNY",
      observedUnit: "USD",
      observed: 33,
      observedYear: 2023,
      achievedShare: null,
      requiredGrowth: null,
      onTrack: null,
    });
    expect(r.observedGrowth).toBeCloseTo(0.1, 10);
    expect(r.en.at(-1)).toBe("The series is in USD but the target in CNY: the two cannot be compared until the units agree.");
    expect(r.zh.at(-1)).toBe("数据单位为USD，目标单位为CNY，单位一致后方可比较。");
  });

  it("T-AMBIG and T-NONE: two series, or none, observe nothing", async () => {
    const rows = await progress();
    const ambiguous = rows.find((p) => p.item.code === "T-AMBIG")!;
    const none = rows.find((p) => p.item.code === "T-NONE")!;
    for (const r of [ambiguous, none]) {
      expect(r).toMatchObject({ series: [], observed: null, observedYear: null, observedGrowth: null, onTrack: null });
    }
    expect(ambiguous.matchingSeries).toBe(2);
    expect(none.matchingSeries).toBe(0);
    expect(ambiguous.en[1]).toMatch(/^2 OUTPUT_VALUE series match/);
    expect(none.en[1]).toBe(
      "No EMPLOYMENT value is recorded for the regions, chains and industries the item names, so progress cannot be judged.",
    );
    expect(none.zh[1]).toBe("该目标所涉地区、产业链和产业尚无EMPLOYMENT数据，无法判断进展。");
  });

  it("as of 2022: the values after 2022 left out, T-ONTRACK still on track, T-BEHIND still behind", async () => {
    const rows = await progress(2022);
    const by = (code: string) => rows.find((p) => p.item.code === code)!;
    const onTrack = by("T-ONTRACK");
    expect(onTrack).toMatchObject({ observed: 120, observedYear: 2022, onTrack: true });
    expect(onTrack.series).toEqual(X_BIKE.slice(0, 2));
    expect(onTrack.achievedShare).toBeCloseTo(0.6, 10);
    expect(onTrack.observedGrowth).toBeCloseTo(0.2, 10);
    expect(onTrack.requiredGrowth).toBeCloseTo(0.185631, 6);
    expect(onTrack.en).toEqual([
      "Target: OUTPUT_VALUE reaches 200 CNY by 2025.",
      "As of 2022: the values after 2022 are left out.",
      "Latest value: 120 CNY in 2022.",
      "From 2021 to 2022 it grew 20% a year on average.",
      "That is 60% of the target.",
      "Reaching the target by 2025 needs 18.6% growth a year from 2022.",
      "On track: it has grown at least as fast as the target requires.",
    ]);
    expect(onTrack.zh[1]).toBe("截至2022年：不计2022年以后的数据。");
    const behind = by("T-BEHIND");
    expect(behind).toMatchObject({ observed: 55, observedYear: 2022, onTrack: false });
    expect(behind.achievedShare).toBeCloseTo(0.55, 10);
    expect(behind.requiredGrowth).toBeCloseTo(0.220522, 6);
    // T-MET's values (2019, 2021) all hold by 2022: the same answer as without a year, no as-of sentence.
    expect(by("T-MET")).toEqual((await progress()).find((p) => p.item.code === "T-MET"));
    const unit = by("T-UNIT");
    expect(unit).toMatchObject({ observed: 30, observedYear: 2022, observedGrowth: null, onTrack: null });
    expect(by("T-AMBIG").matchingSeries).toBe(2);
    expect(by("T-NONE").en[1]).toBe(
      "No EMPLOYMENT value is recorded by 2022 for the regions, chains and industries the item names, so progress cannot be judged.",
    );
  });

  it("as of 2020: nothing observed yet for City X, and T-MET judged on 2019 alone", async () => {
    const rows = await progress(2020);
    const by = (code: string) => rows.find((p) => p.item.code === code)!;
    const onTrack = by("T-ONTRACK");
    expect(onTrack).toMatchObject({ matchingSeries: 0, series: [], observed: null, onTrack: null });
    expect(onTrack.en.slice(1)).toEqual([
      "As of 2020: the values after 2020 are left out.",
      "No OUTPUT_VALUE value is recorded by 2020 for the regions, chains and industries the item names, so progress cannot be judged.",
    ]);
    expect(onTrack.zh.at(-1)).toBe("该目标所涉地区、产业链和产业截至2020年尚无OUTPUT_VALUE数据，无法判断进展。");
    expect(by("T-AMBIG").matchingSeries).toBe(0);
    const met = by("T-MET");
    expect(met).toMatchObject({ observed: 1000, observedYear: 2019, observedGrowth: null, onTrack: null });
    expect(met.requiredGrowth).toBeCloseTo(0.095445, 6);
    expect(met.en.at(-1)).toBe("Whether it is on track cannot be judged yet.");
  });

  it("refuses a year that is not a year with BAD_USER_INPUT", async () => {
    expect(await codeOf(`{ planProgress(plan: "PL", year: 20) { onTrack } }`)).toEqual(["BAD_USER_INPUT"]);
  });

  it("reads the plan in one statement, and the items' selection in a root statement and one wave of field statements", async () => {
    const { errors, context } = await g.query(
      `{ planProgress(plan: "PL") { onTrack item { code plan { code } chains { code } } } }`,
    );
    expect(errors).toBeUndefined();
    // the plan; the items; each item's plan and chains (one wave)
    expect(context.stats.queries).toBe(3);
  });

  it("refuses an unknown plan with NOT_FOUND and an empty one with BAD_USER_INPUT", async () => {
    expect(await codeOf(`{ planProgress(plan: "NOPE") { onTrack } }`)).toEqual(["NOT_FOUND"]);
    expect(await codeOf(`{ planProgress(plan: "") { onTrack } }`)).toEqual(["BAD_USER_INPUT"]);
  });

  it("answers the same level by level", async () => {
    const planned = await g.query(PROGRESS, { plan: "PL" });
    const levels = await g.query(PROGRESS, { plan: "PL" }, { planner: false });
    expect(levels.errors).toBeUndefined();
    expect(levels.data).toEqual(planned.data);
  });
});

describe("indicators.csv import", () => {
  const copy = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), "chain-kg-indicators-"));
    cpSync(FIXTURE, dir, { recursive: true });
    return dir;
  };

  it("writes one Observation per series and year, linked to its region, chain and industry; again changes nothing", async () => {
    const [row] = await g.executor.read<{ n: number; links: number }>(
      "test",
      "MATCH (o:Observation) RETURN count(o) AS n, count { (:Observation)-[:OBSERVES]->() } AS links",
    );
    // Rows naming two of region, chain and industry have two links, the one naming only a chain one.
    expect(row).toEqual({ n: 10 + 1, links: 10 * 2 + 1 });
    const before = await snapshot(g.executor);
    await importDataSet(g.executor, FIXTURE);
    expect(await snapshot(g.executor)).toEqual(before);
  });

  it("stores target_indicator on the PlanItem, and imports plan_items.csv without that column", async () => {
    const dir = copy();
    const items = readFileSync(path.join(dir, "plan_items.csv"), "utf8")
      .split("\n")
      .map((line) =>
        line
          .split(",")
          .filter((_, i) => i !== 11)
          .join(","),
      )
      .join("\n")
      .replace(/^T-ONTRACK,PL,TARGET,City X bicycle output 200 CNY by 2025/m, "T-ONTRACK,PL,TARGET,City X bicycle output again");
    writeFileSync(path.join(dir, "plan_items.csv"), items);
    writeFileSync(path.join(dir, "indicators.csv"), "region_id,chain_id,industry_id,indicator,year,value,unit,source\n");
    const before = await g.executor.read<{ t: string | null }>(
      "test",
      "MATCH (i:PlanItem {code: 'T-ONTRACK'}) RETURN i.targetIndicator AS t",
    );
    expect(before).toEqual([{ t: "OUTPUT_VALUE" }]);
    await importDataSet(g.executor, dir);
    // The old format says nothing about target_indicator: the item is updated and keeps the one stored.
    const after = await g.executor.read<{ name: string; t: string | null }>(
      "test",
      "MATCH (i:PlanItem {code: 'T-ONTRACK'}) RETURN i.name AS name, i.targetIndicator AS t",
    );
    expect(after).toEqual([{ name: "City X bicycle output again", t: "OUTPUT_VALUE" }]);
    await importDataSet(g.executor, FIXTURE);
    expect((await progress()).find((p) => p.item.code === "T-ONTRACK")!.onTrack).toBe(true);
  });

  it("reports each bad indicators.csv row as file:line, and writes nothing", async () => {
    const dir = copy();
    writeFileSync(
      path.join(dir, "indicators.csv"),
      [
        "region_id,chain_id,industry_id,indicator,year,value,unit,source",
        "X,BIKE,,OUTPUT_VALUE,2024,150,CNY,illustrative",
        "X,BIKE,,OUTPUT_VALUE,2024,151,CNY,illustrative",
        ",,,OUTPUT_VALUE,2024,1,CNY,illustrative",
        "Z,BIKE,,OUTPUT_VALUE,2024,1,CNY,illustrative",
        "X,BIKE,,OUTPUT_VALUE,2024.5,1,CNY,illustrative",
        "X,BIKE,,OUTPUT_VALUE,1850,1,CNY,illustrative",
        "X,BIKE,,OUTPUT_VALUE,2025,lots,CNY,illustrative",
        "X,BIKE,,OUTPUT VALUE,2025,1,CNY,illustrative",
        "X,BIKE,,,2025,1,CNY,illustrative",
        "X,BIKE,,OUTPUT_VALUE,2026,1,CNY,",
        "X,BIKE,,OUTPUT_VALUE,2027,1,USD,illustrative",
        "Y,,NOPE,OUTPUT_VALUE,2027,1,USD,illustrative",
      ].join("\n") + "\n",
    );
    writeFileSync(
      path.join(dir, "plan_items.csv"),
      [
        "id,plan_id,kind,name,name_zh,chain_ids,region_ids,industry_ids,target_value,target_unit,target_year,target_indicator,source",
        "K1,PL,TASK,A task,,BIKE,X,,,,,OUTPUT_VALUE,illustrative",
        "T1,PL,TARGET,No value,,BIKE,X,,,CNY,2025,OUTPUT_VALUE,illustrative",
        "T2,PL,TARGET,Half a year,,BIKE,X,,5,CNY,2025.5,OUTPUT_VALUE,illustrative",
        "T3,PL,TARGET,Bad code,,BIKE,X,,5,CNY,2025,output value,illustrative",
      ].join("\n") + "\n",
    );
    const before = await snapshot(g.executor);
    const error = await importDataSet(g.executor, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataSetError);
    expect((error as DataSetError).problems.map(formatProblem)).toEqual([
      "plan_items.csv:2: only a TARGET may name a target_indicator (this is a TASK)",
      "plan_items.csv:3: a target_indicator needs target_value and target_year",
      'plan_items.csv:4: target_year "2025.5" is not a year from 1900 to 2100',
      'plan_items.csv:5: target_indicator "output value" is not a code (a letter, then letters, digits, _, . or -)',
      "indicators.csv:3: duplicate value of OUTPUT_VALUE of region X, chain BIKE for 2024 (first on line 2)",
      "indicators.csv:4: needs region_id, chain_id or industry_id",
      "indicators.csv:5: unknown region_id Z",
      'indicators.csv:6: year "2024.5" is not a year from 1900 to 2100',
      'indicators.csv:7: year "1850" is not a year from 1900 to 2100',
      'indicators.csv:8: value "lots" is not a number',
      'indicators.csv:9: indicator "OUTPUT VALUE" is not a code (a letter, then letters, digits, _, . or -)',
      "indicators.csv:10: missing indicator",
      "indicators.csv:11: missing source",
      `indicators.csv:12: unit "USD" differs from the same series' unit on line 2 ("CNY")`,
      "indicators.csv:13: unknown industry_id NOPE",
    ]);
    expect(await snapshot(g.executor)).toEqual(before);
  });

  it("refuses an extra column that shadows an observation's property", async () => {
    const dir = copy();
    const csv = readFileSync(path.join(dir, "indicators.csv"), "utf8").replace("source\n", "source,series\n");
    writeFileSync(path.join(dir, "indicators.csv"), csv);
    const error = await importDataSet(g.executor, dir).catch((e: unknown) => e);
    expect((error as DataSetError).problems.map(formatProblem)).toContain(
      'indicators.csv:1: extra column "series" shadows a reserved property',
    );
  });
});
