import { describe, expect, it } from "vitest";
import { importDataSet } from "../../src/graph/import/importer.js";
import { loadReport } from "../../src/report/data.js";
import { esc } from "../../src/report/html.js";
import { renderReport } from "../../src/report/render.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { resetDatabase, setupGraph } from "../support/graph.js";

// The report's year-aware parts: the analyses of the year, the changes since the previous year the
// graph holds (tests/fixtures/monitoring-years, worked by hand in its README) and plan progress.
describe("the annual report with years", () => {
  const g = setupGraph();

  it("reads the latest year by default and shows what changed since the year before", async () => {
    await resetDatabase(g.executor);
    for (const y of [2023, 2024]) await importDataSet(g.executor, `tests/fixtures/monitoring-years/${y}`, { year: y });
    const data = await loadReport(g.executor, { region: "X", year: null, chain: "BIKE", lang: "en" });
    expect(data.years).toEqual({ year: 2024, previous: 2023, years: [2023, 2024] });
    expect(data.chains[0]!.shortBoards.map((b) => b.productCode)).toEqual(["RUBBER", "FRAME", "TYRE"]);
    const html = renderReport(data);
    const changes = html.slice(html.indexOf('data-section="changes"'), html.indexOf('data-section="target-firms"'));
    expect([...changes.matchAll(/data-change="(\w+)" data-product="(\w+)"/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      "opened RUBBER",
      "kind FRAME",
      "kind TYRE",
      "closed STEEL",
    ]);
    expect(changes).toContain("<h3>Changes from 2023 to 2024</h3>");
    expect(changes).toContain('data-entered="F4"');
    expect(changes).toContain('data-left="F2"');
    expect(changes).toContain("From 2023 to 2024, 1 short board opened in City X (Rubber) and 1 closed (Steel).");
    expect(html).toContain("Year: 2024. The analyses read the graph&#39;s state of that year (the graph holds 2023, 2024).");

    const early = renderReport(await loadReport(g.executor, { region: "X", year: 2023, chain: "BIKE", lang: "zh" }));
    expect(early).toContain("图谱中没有2023年之前的数据，无法比较。");
    expect(early).toContain('data-product="STEEL"');
    await expect(loadReport(g.executor, { region: "X", year: 2022, chain: "BIKE", lang: "en" })).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("shows what each city could enter next, and how well the previous year's product space predicted", async () => {
    // tests/fixtures/product-space: worked by hand in its README.
    await resetDatabase(g.executor);
    for (const y of [2023, 2024]) await importDataSet(g.executor, `tests/fixtures/product-space/${y}`, { year: y });
    const city = renderReport(await loadReport(g.executor, { region: "C", year: 2023, chain: "CH", lang: "en" }));
    const growth = city.slice(city.indexOf('data-section="growth"'));
    expect(
      [...growth.matchAll(/data-city="(\w+)" data-product="(\w+)" data-density="([\d.]+)"/g)].map((m) => m.slice(1).join(" ")),
    ).toEqual(["C p3 1", "C p4 1"]);
    expect(growth).toContain("From the product space of the 3 cities of Province P (4 products)");
    expect(city).toContain("The graph holds no previous year, so the product space&#39;s predictions cannot be checked.");

    const province = renderReport(await loadReport(g.executor, { region: "P", year: 2024, chain: "CH", lang: "zh" }));
    expect(province).toContain('data-section="backtest" data-auc="0.75" data-candidates="6" data-entries="2"');
    expect(province).toContain(
      "2023年产品空间中尚无优势的6个“城市—产品”组合，到2024年有2个形成了比较优势。关联密度的ROC AUC为0.75（按普遍度排序为0.63，随机为0.5）",
    );
  });

  it("shows the plan's progress on its indicator, and the indicator's sources", async () => {
    await resetDatabase(g.executor);
    await importDataSet(g.executor, SHANDONG_SEED);
    const data = await loadReport(g.executor, { region: "SD", year: 2025, chain: "BIGDATA", lang: "zh" });
    const progress = data.progress.get("PLAN-SD-BIGDATA-14FYP")!;
    expect(progress.map((p) => [p.itemCode, p.observedYear, p.onTrack])).toEqual([["PI-TARGET-OUTPUT", 2021, true]]);
    const html = renderReport(data);
    expect(html).toContain('<tr data-progress="PI-TARGET-OUTPUT" data-on-track="true">');
    expect(html).toContain("<h4>目标进展</h4>");
    for (const v of progress[0]!.series) expect(html).toContain(`data-source="${esc(v.source)}"`);
    // A timeless graph: the year asked is shown, and there is nothing to compare.
    expect(html).toContain("图谱中的数据不分年份，无法比较年度变化。");

    // The 2020 report judges the target on the values up to 2020: the 2021 value is left out.
    const early = await loadReport(g.executor, { region: "SD", year: 2020, chain: "BIGDATA", lang: "en" });
    const asOf = early.progress.get("PLAN-SD-BIGDATA-14FYP")!;
    expect(asOf.map((p) => [p.itemCode, p.observedYear, p.onTrack])).toEqual([["PI-TARGET-OUTPUT", 2020, null]]);
    expect(renderReport(early)).toContain("As of 2020: the values after 2020 are left out.");
  });
});
