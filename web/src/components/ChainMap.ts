/** The chain map: products in three stage columns, arrows from inputs to users, weak links marked. */
import { FONT, echarts, loadGlyphs } from "../echarts";
import { esc, h } from "../dom";
import { kindLabel, kindShort, nameOf, stageLabel, t } from "../i18n";
import { KIND_STYLE, MAP_KINDS, mapKind } from "../kinds";
import { pickDrawn } from "../map-selection";
import type { ChainMapProduct, MapKind, Stage } from "../types";

const STAGES: Stage[] = ["UPSTREAM", "MIDSTREAM", "DOWNSTREAM"];
const ROW_PX = 34;
/** Room above (legend), below, left (links bowing out) and right (labels of the last column), in px. */
const [PAD_TOP, PAD_BOTTOM, PAD_LEFT, PAD_RIGHT] = [56, 32, 70, 250];
/** The stage headings sit this many rows above the first product. */
const HEAD_ROWS = 1.3;

export interface DrawnProduct {
  code: string;
  kind: MapKind;
  /** Its local producers (the node's label). */
  producers: number;
}

export class ChainMap {
  readonly el: HTMLElement;
  private chartEl = h("div", { class: "chart" });
  private more = h("p", { class: "muted more" });
  private chart: echarts.ECharts | null = null;
  private drawn: DrawnProduct[] = [];
  private last: [ChainMapProduct[], number, string | null] | null = null;

  constructor(private onSelect: (code: string) => void) {
    this.el = h("div", { class: "chain-map", "data-testid": "chain-map" }, this.chartEl, this.more);
    this.chartEl.setAttribute("role", "img");
    // Positions are pixels of the drawing area: a new width (the panel opening) needs a new layout.
    let width = 0;
    new ResizeObserver(() => {
      const w = this.chartEl.clientWidth;
      if (Math.abs(w - width) < 4) return;
      width = w;
      this.chart?.resize();
      if (this.last) void this.draw(...this.last);
    }).observe(this.chartEl);
  }

  products(): DrawnProduct[] {
    return this.drawn;
  }

  /** Draws the map; resolves once ECharts has finished rendering it. */
  async render(products: ChainMapProduct[], productCount: number, topCode: string | null): Promise<void> {
    this.last = [products, productCount, topCode];
    await loadGlyphs(
      products.map((p) => nameOf(p.product)).join("") +
        STAGES.map(stageLabel).join("") +
        t("topShortBoard") +
        MAP_KINDS.map(kindLabel).join(""),
    );
    await this.draw(products, productCount, topCode);
  }

  private async draw(products: ChainMapProduct[], productCount: number, topCode: string | null): Promise<void> {
    const drawn = pickDrawn(products);
    const hidden = productCount - drawn.length;
    this.more.textContent = hidden > 0 ? t("moreCollapsed", { n: hidden }) : "";
    // The canvas says nothing to a screen reader: the label sums it up; the short-board table lists the rest.
    this.chartEl.setAttribute(
      "aria-label",
      `${t("mapTitle")}: ${drawn.map((p) => `${nameOf(p.product)} (${kindShort(mapKind(p))})`).join(t("listSep"))}`,
    );
    this.drawn = drawn.map((p) => ({ code: p.product.code, kind: mapKind(p), producers: p.localProducerCount }));

    const columns = STAGES.map((s) => drawn.filter((p) => p.stage === s));
    const rows = Math.max(1, ...columns.map((c) => c.length));
    const spanRows = rows - 1 + HEAD_ROWS;
    const height = Math.max(420, spanRows * ROW_PX + PAD_TOP + PAD_BOTTOM);
    // ECharts fits the nodes' box into the drawing area: a row step that fills its height keeps x and y alike.
    const step = (height - PAD_TOP - PAD_BOTTOM) / spanRows;
    this.chartEl.style.height = `${height}px`;
    // Node positions in pixels of the drawing area, so ECharts scales both axes alike and shapes stay true.
    const width = Math.max(600, this.chartEl.clientWidth) - PAD_LEFT - PAD_RIGHT;
    const colX = (i: number) => (i * width) / 2;
    const rowY = (r: number) => r * step;

    const codes = new Set(drawn.map((p) => p.product.code));
    const nodes: object[] = STAGES.map((s, i) => ({
      id: `__stage_${s}`,
      name: stageLabel(s),
      x: colX(i),
      y: rowY(-HEAD_ROWS),
      symbolSize: 0,
      silent: true,
      tooltip: { show: false },
      label: { show: true, position: "inside", fontSize: 15, fontWeight: "bold", color: "#333", formatter: stageLabel(s) },
    }));
    columns.forEach((col, i) =>
      col.forEach((p, row) => {
        const kind = mapKind(p);
        const style = KIND_STYLE[kind];
        const top = p.product.code === topCode;
        const label = `${top ? `${t("topShortBoard")} ` : ""}${nameOf(p.product)} (${p.localProducerCount})`;
        nodes.push({
          id: p.product.code,
          name: nameOf(p.product),
          x: colX(i),
          y: rowY(row + (rows - col.length) / 2),
          category: MAP_KINDS.indexOf(kind),
          symbol: style.symbol,
          symbolSize: 14 + 4 * Math.min(p.localProducerCount, 5),
          value: p.localProducerCount,
          itemStyle: top
            ? { color: style.color, borderColor: "#8b0000", borderWidth: 4, shadowBlur: 8, shadowColor: "#d62728" }
            : { color: style.color },
          label: {
            show: true,
            position: "right",
            formatter: label,
            width: 230,
            overflow: "truncate",
            fontSize: 12,
            fontWeight: top ? "bold" : "normal",
            backgroundColor: "rgba(255,255,255,0.85)",
            padding: [1, 3],
            color: top ? "#8b0000" : "#222",
          },
          tooltip: {
            formatter: [
              `<b>${esc(nameOf(p.product))}</b> ${esc(p.product.code)}`,
              `${KIND_STYLE[kind].mark} ${esc(kindLabel(kind))}`,
              p.kinds.length > 1 ? esc(p.kinds.map((k) => kindShort(k)).join(" / ")) : "",
              esc(t("producerCount", { n: p.localProducerCount })),
              esc(t("demanderCount", { n: p.demanderCount })),
              top ? `<b>${esc(t("topShortBoard"))}</b>` : "",
            ]
              .filter(Boolean)
              .join("<br/>"),
          },
        });
      }),
    );
    const at = new Map<string, { x: number; y: number }>(
      nodes.map((n) => [(n as { id: string }).id, n as { x: number; y: number }]),
    );
    // Links within one column bow out to the left, away from the labels, not through the nodes between.
    const curve = (from: string, to: string) => {
      const [a, b] = [at.get(from)!, at.get(to)!];
      return a.x === b.x ? (a.y < b.y ? -0.3 : 0.3) : 0.04;
    };
    const links = drawn.flatMap((p) =>
      p.inputCodes
        .filter((c) => codes.has(c))
        .map((c) => ({ source: c, target: p.product.code, lineStyle: { curveness: curve(c, p.product.code) } })),
    );

    this.chart ??= echarts.init(this.chartEl, undefined, { renderer: "canvas" });
    this.chart.off("click");
    this.chart.on("click", (params) => {
      const id = (params.data as { id?: string } | undefined)?.id;
      if (params.dataType === "node" && id && !id.startsWith("__stage_")) this.onSelect(id);
    });
    const finished = new Promise<void>((resolve) => {
      const chart = this.chart!;
      const done = () => {
        chart.off("finished", done);
        resolve();
      };
      chart.on("finished", done);
    });
    this.chart.setOption(
      {
        textStyle: { fontFamily: FONT },
        animation: false,
        tooltip: { trigger: "item", confine: true, textStyle: { fontFamily: FONT } },
        legend: {
          top: 4,
          left: "center",
          data: MAP_KINDS.map((k) => ({
            name: kindLabel(k),
            icon: KIND_STYLE[k].symbol === "emptyCircle" ? "emptyCircle" : KIND_STYLE[k].symbol,
          })),
          textStyle: { fontFamily: FONT, fontSize: 13 },
          selectedMode: false,
        },
        series: [
          {
            type: "graph",
            layout: "none",
            top: PAD_TOP,
            bottom: PAD_BOTTOM,
            left: PAD_LEFT,
            right: PAD_RIGHT,
            roam: false,
            categories: MAP_KINDS.map((k) => ({
              name: kindLabel(k),
              symbol: KIND_STYLE[k].symbol,
              itemStyle: { color: KIND_STYLE[k].color },
            })),
            data: nodes,
            links,
            edgeSymbol: ["none", "arrow"],
            edgeSymbolSize: 7,
            lineStyle: { color: "#9aa7b8", width: 1, opacity: 0.6 },
            emphasis: { focus: "adjacency", lineStyle: { width: 2.5, color: "#3a6ea5", opacity: 1 } },
            labelLayout: { hideOverlap: false },
          },
        ],
      },
      { notMerge: true },
    );
    await finished;
  }
}
