/** The scope pickers (province → circle → city, or a cluster), the chain and year pickers and the language toggle. */
import { h } from "../dom";
import { nameOf, t } from "../i18n";
import type { PickersData, RegionRow } from "../types";
import type { ViewState } from "../state";

export interface PickerEvents {
  change(patch: Partial<ViewState>): void;
}

/** Regions as a tree in one list: the province, each circle, its cities (indented by depth). */
function regionTree(regions: RegionRow[]): Array<{ region: RegionRow; depth: number }> {
  const byParent = new Map<string | null, RegionRow[]>();
  for (const r of regions) {
    const k = r.parent?.code ?? null;
    byParent.set(k, [...(byParent.get(k) ?? []), r]);
  }
  const out: Array<{ region: RegionRow; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of (byParent.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      out.push({ region: r, depth });
      walk(r.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export class Pickers {
  readonly el: HTMLElement;
  private chain = h("select", { "data-testid": "chain-picker", id: "chain-picker" });
  private region = h("select", { "data-testid": "region-picker", id: "region-picker" });
  private cluster = h("select", { "data-testid": "cluster-picker", id: "cluster-picker" });
  private year = h("select", { "data-testid": "year-picker", id: "year-picker" });
  /** Shown only for a graph with years. */
  private yearSpan: HTMLElement;
  private langBtn = h("button", { type: "button", "data-testid": "lang-toggle", class: "lang" });
  private labels: HTMLLabelElement[] = [];
  private data: PickersData | null = null;

  constructor(events: PickerEvents) {
    this.chain.addEventListener("change", () => events.change({ chain: this.chain.value, firm: null }));
    this.region.addEventListener("change", () => events.change({ region: this.region.value, cluster: null }));
    this.cluster.addEventListener("change", () => events.change({ cluster: this.cluster.value || null }));
    this.year.addEventListener("change", () => events.change({ year: this.year.value ? Number(this.year.value) : null }));
    this.labels = [
      h("label", { for: "chain-picker" }),
      h("label", { for: "region-picker" }),
      h("label", { for: "cluster-picker" }),
      h("label", { for: "year-picker" }),
    ];
    this.yearSpan = h("span", { hidden: "" }, this.labels[3], this.year);
    this.el = h(
      "div",
      { class: "pickers" },
      h("span", {}, this.labels[0], this.chain),
      h("span", {}, this.labels[1], this.region),
      h("span", {}, this.labels[2], this.cluster),
      this.yearSpan,
      this.langBtn,
    );
    this.langBtn.addEventListener("click", () => events.change({ lang: this.langBtn.dataset.next === "en" ? "en" : "zh" }));
  }

  setData(data: PickersData): void {
    this.data = data;
  }

  render(s: ViewState): void {
    this.labels[0].textContent = t("chain");
    this.labels[1].textContent = t("region");
    this.labels[2].textContent = t("cluster");
    this.labels[3].textContent = t("year");
    this.langBtn.textContent = t("langToggle");
    this.langBtn.dataset.next = s.lang === "zh" ? "en" : "zh";
    const d = this.data;
    const chains = d?.chains.nodes ?? [{ code: s.chain, name: null, nameZh: null }];
    this.chain.replaceChildren(...chains.map((c) => h("option", { value: c.code }, nameOf(c))));
    const tree = d
      ? regionTree(d.regions.nodes)
      : [{ region: { code: s.region, name: null, nameZh: null, kind: "CITY" as const, parent: null }, depth: 0 }];
    this.region.replaceChildren(
      ...tree.map(({ region, depth }) => h("option", { value: region.code }, "\u3000".repeat(depth) + nameOf(region))),
    );
    const clusters = d?.clusters.nodes ?? [];
    this.cluster.replaceChildren(
      h("option", { value: "" }, t("noCluster")),
      ...clusters.map((c) => h("option", { value: c.code }, nameOf(c))),
    );
    // Latest first; the empty value is the service's default, the latest year.
    const years = [...(d?.years ?? (s.year === null ? [] : [s.year]))].sort((a, b) => b - a);
    this.yearSpan.hidden = years.length === 0;
    this.year.replaceChildren(
      h("option", { value: "" }, t("latestYear", { year: years[0] ?? "" })),
      ...years.map((y) => h("option", { value: String(y) }, t("yearOption", { year: y }))),
    );
    this.year.value = s.year === null ? "" : String(s.year);
    this.chain.value = s.chain;
    this.region.value = s.region;
    this.cluster.value = s.cluster ?? "";
  }
}
