/** Regional comparison: the cities of a circle or the province against the chain's products, and city beside city. */
import { FONT, echarts, loadGlyphs } from "../echarts";
import { clear, esc, h } from "../dom";
import { nameOf, t } from "../i18n";
import { KIND_STYLE, mapKind } from "../kinds";
import type { Named, RegionHeatData } from "../types";

const MAX_COLUMNS = 80;

/** What the cells show: producer counts (from the chain map), or RCA (from the scope's product space, read when asked). */
export type HeatMeasure = "FIRMS" | "RCA";

/** RCA by city code, then product code. */
export type RcaTable = Map<string, Map<string, number>>;

export class Heatmap {
  readonly el: HTMLElement;
  private title = h("h2", {});
  private scopeLine = h("p", { class: "muted" });
  private measureSelect = h(
    "select",
    { "data-testid": "heat-measure" },
    h("option", { value: "FIRMS" }, t("heatFirms")),
    h("option", { value: "RCA" }, t("heatRca")),
  ) as HTMLSelectElement;
  private measureLine = h("p", {}, h("label", {}, `${t("heatMeasure")} `, this.measureSelect));
  private chartEl = h("div", { class: "chart heat", "data-testid": "heatmap" });
  private compare = h("div", { class: "compare", "data-testid": "city-compare" });
  private chart: echarts.ECharts | null = null;
  private data: RegionHeatData["chainMap"] | null = null;
  private scope: Named | null = null;
  private measure: HeatMeasure = "FIRMS";
  /** The RCA of the data shown, once read; the load in flight, so a second switch does not read again. */
  private rca: Promise<RcaTable> | null = null;
  private a = "";
  private b = "";
  /** What the chart shows now, for tests: the measure and [city, product, value] per cell. */
  private shown: { measure: HeatMeasure; cells: Array<[string, string, number]> } = { measure: "FIRMS", cells: [] };

  /** `loadRca` reads the RCA of the scope shown (the app's current chain, scope and year). */
  constructor(private readonly loadRca: () => Promise<RcaTable>) {
    this.el = h(
      "section",
      { class: "heat-section", id: "heat" },
      this.title,
      this.scopeLine,
      this.measureLine,
      this.chartEl,
      this.compare,
    );
    new ResizeObserver(() => this.chart?.resize()).observe(this.chartEl);
    this.measureSelect.addEventListener("change", () => {
      this.measure = this.measureSelect.value as HeatMeasure;
      void this.draw();
    });
  }

  drawn(): { measure: HeatMeasure; cells: Array<[string, string, number]> } {
    return this.shown;
  }

  loading(): void {
    this.title.textContent = t("heatTitle");
    this.scopeLine.textContent = t("loading");
  }

  error(message: string): void {
    this.title.textContent = t("heatTitle");
    this.scopeLine.textContent = message;
  }

  async render(data: RegionHeatData["chainMap"], scope: Named, preferredCity: string | null): Promise<void> {
    this.data = data;
    this.scope = scope;
    this.rca = null;
    const codes = data.cities.map((c) => c.city.code);
    this.a = preferredCity && codes.includes(preferredCity) ? preferredCity : (codes[0] ?? "");
    this.b = codes.find((c) => c !== this.a) ?? this.a;
    await this.draw();
    this.renderCompare();
  }

  /** Draws the data shown with the measure chosen, reading the RCA the first time it is asked for. */
  private async draw(): Promise<void> {
    const data = this.data;
    const scope = this.scope;
    if (!data || !scope) return;
    this.title.textContent = t("heatTitle");
    const rca = this.measure === "RCA";
    let table: RcaTable | null = null;
    if (rca) {
      this.scopeLine.textContent = t("loading");
      this.rca ??= this.loadRca();
      try {
        table = await this.rca;
      } catch (e) {
        this.rca = null;
        this.scopeLine.textContent = e instanceof Error ? e.message : String(e);
        return;
      }
      if (data !== this.data || this.measure !== "RCA") return;
    }
    const cut = data.productCount - Math.min(data.products.length, MAX_COLUMNS);
    this.scopeLine.textContent = [
      t("heatScope", { name: nameOf(scope) }),
      t(rca ? "heatRcaMarks" : "heatMarks"),
      cut > 0 ? t("heatCut", { n: cut }) : "",
    ]
      .filter(Boolean)
      .join(" · ");
    // The weakest come first from the API; the columns read upstream to downstream.
    const stage = { UPSTREAM: 0, MIDSTREAM: 1, DOWNSTREAM: 2 };
    const products = data.products.slice(0, MAX_COLUMNS).sort((a, b) => stage[a.stage] - stage[b.stage]);
    const cities = data.cities;
    await loadGlyphs(products.map((p) => nameOf(p.product)).join("") + cities.map((c) => nameOf(c.city)).join(""));
    const values: Array<[number, number, number]> = [];
    cities.forEach((c, y) => {
      const counts = new Map(c.producerCounts.map((pc) => [pc.productCode, pc.count]));
      const rcas = table?.get(c.city.code);
      products.forEach((p, x) =>
        values.push([x, y, rca ? Math.round((rcas?.get(p.product.code) ?? 0) * 10) / 10 : (counts.get(p.product.code) ?? 0)]),
      );
    });
    this.shown = {
      measure: this.measure,
      cells: values.map(([x, y, v]) => [cities[y]!.city.code, products[x]!.product.code, v]),
    };
    this.chartEl.dataset.measure = this.measure;
    const xLabels = products.map((p) => `${KIND_STYLE[mapKind(p)].mark} ${nameOf(p.product)}`);
    this.chartEl.style.height = `${Math.max(320, cities.length * 30 + 220)}px`;
    this.chart ??= echarts.init(this.chartEl);
    this.chart.setOption(
      {
        textStyle: { fontFamily: FONT },
        animation: false,
        tooltip: {
          position: "top",
          formatter: (p: unknown) => {
            const [x, y, v] = (p as { data: [number, number, number] }).data;
            const what = rca ? t("rcaValue", { v }) : t("producerCount", { n: v });
            return `${esc(nameOf(cities[y].city))} · ${esc(nameOf(products[x].product))}<br/>${esc(what)}`;
          },
        },
        grid: { top: 10, left: 90, right: 20, bottom: 170 },
        xAxis: {
          type: "category",
          data: xLabels,
          axisLabel: { rotate: 55, interval: 0, fontSize: 11, width: 150, overflow: "truncate" },
          splitArea: { show: true },
        },
        yAxis: { type: "category", data: cities.map((c) => nameOf(c.city)), axisLabel: { fontSize: 12 } },
        visualMap: {
          type: "piecewise",
          orient: "horizontal",
          left: "center",
          bottom: 0,
          text: [t(rca ? "heatRcaLegend" : "heatLegend"), ""],
          pieces: rca
            ? [
                { value: 0, label: "0", color: "#f3f3f3" },
                { gt: 0, lt: 1, label: "< 1", color: "#fdd49e" },
                { gte: 1, lt: 2, label: "1–2", color: "#fc8d59" },
                { gte: 2, label: "≥ 2", color: "#b30000" },
              ]
            : [
                { value: 0, label: "0", color: "#f3f3f3" },
                { value: 1, label: "1", color: "#fdd49e" },
                { min: 2, max: 3, label: "2–3", color: "#fc8d59" },
                { min: 4, label: "4+", color: "#b30000" },
              ],
        },
        series: [
          {
            type: "heatmap",
            data: values,
            label: { show: true, fontSize: 10 },
            emphasis: { itemStyle: { borderColor: "#333", borderWidth: 1 } },
          },
        ],
      },
      { notMerge: true },
    );
  }

  private renderCompare(): void {
    const d = this.data;
    if (!d || d.cities.length === 0) return clear(this.compare);
    const picker = (value: string, on: (v: string) => void, testid: string) => {
      const s = h(
        "select",
        { "data-testid": testid },
        ...d.cities.map((c) => h("option", { value: c.city.code }, nameOf(c.city))),
      );
      s.value = value;
      s.addEventListener("change", () => {
        on(s.value);
        this.renderCompare();
      });
      return s;
    };
    const counts = (code: string) =>
      new Map(d.cities.find((c) => c.city.code === code)?.producerCounts.map((pc) => [pc.productCode, pc.count]) ?? []);
    const ca = counts(this.a);
    const cb = counts(this.b);
    const rows = d.products.map((p) => {
      const x = ca.get(p.product.code) ?? 0;
      const y = cb.get(p.product.code) ?? 0;
      const note = x === 0 && y > 0 ? t("bCanSupply") : y === 0 && x > 0 ? t("aCanSupply") : "";
      return h(
        "tr",
        { class: note ? "gap" : undefined },
        h("td", {}, nameOf(p.product)),
        h("td", { class: "num" }, x),
        h("td", { class: "num" }, y),
        h("td", {}, note),
      );
    });
    clear(
      this.compare,
      h("h3", {}, t("compare")),
      h(
        "p",
        {},
        `${t("cityA")} `,
        picker(this.a, (v) => (this.a = v), "city-a"),
        ` ${t("cityB")} `,
        picker(this.b, (v) => (this.b = v), "city-b"),
      ),
      h("p", { class: "muted" }, t("compareHint")),
      h(
        "div",
        { class: "scroller", style: "max-height:360px" },
        h(
          "table",
          {},
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", {}, t("col.product")),
              h("th", { class: "num" }, nameOf(d.cities.find((c) => c.city.code === this.a)?.city)),
              h("th", { class: "num" }, nameOf(d.cities.find((c) => c.city.code === this.b)?.city)),
              h("th", {}, ""),
            ),
          ),
          h("tbody", {}, ...rows),
        ),
      ),
    );
  }
}
