/** Enterprise portrait: what the firm makes, its suppliers and customers, its city and cluster, and what the scope would lose without it. */
import { h, clear } from "../dom";
import { nameOf, stageLabel, t } from "../i18n";
import type { Named, PortraitData } from "../types";
import { PortraitEdit, type SaveEdit } from "./PortraitEdit";

export class Portrait {
  private picker = h("select", { "data-testid": "firm-picker", id: "firm-picker" });
  private pickerLabel = h("label", { for: "firm-picker" });
  private body = h("div", {});
  /** For editors and admins: the edit panel and the history, below the portrait. */
  readonly edit: PortraitEdit;
  readonly el: HTMLElement;

  constructor(
    private onFirm: (code: string) => void,
    save: SaveEdit,
  ) {
    this.edit = new PortraitEdit(save);
    this.el = h(
      "section",
      { class: "portrait", "data-testid": "portrait", id: "portrait" },
      h("p", { class: "firm-pick" }, this.pickerLabel, " ", this.picker),
      this.body,
      this.edit.el,
    );
    this.picker.addEventListener("change", () => this.picker.value && onFirm(this.picker.value));
  }

  /** The scope's firms to pick from; `current` is selected. */
  setFirms(firms: Named[], total: number, current: string | null): void {
    this.pickerLabel.textContent = t("pickFirm");
    this.picker.replaceChildren(
      h("option", { value: "" }, total > firms.length ? t("firstOf", { n: firms.length, total }) : "—"),
      ...firms.map((f) => h("option", { value: f.code }, nameOf(f))),
    );
    this.picker.value = current ?? "";
  }

  empty(): void {
    this.edit.hide();
    this.pickerLabel.textContent = t("pickFirm");
    clear(this.body, h("h2", {}, t("portrait")), h("p", { class: "muted" }, t("portraitHint")));
  }

  loading(): void {
    this.edit.hide();
    clear(this.body, h("h2", {}, t("portrait")), h("p", { class: "muted" }, t("loading")));
  }

  error(message: string): void {
    this.edit.hide();
    clear(this.body, h("h2", {}, t("portrait")), h("p", { class: "error" }, message));
  }

  show(d: PortraitData): void {
    const e = d.enterprise;
    if (!e) return this.error(t("none"));
    const link = (f: Named) => {
      const b = h("button", { type: "button", class: "link", "data-firm": f.code }, nameOf(f));
      b.addEventListener("click", () => this.onFirm(f.code));
      return b;
    };
    const lost = d.resilience.lostProducts;
    this.picker.value = [...this.picker.options].some((o) => o.value === e.code) ? e.code : "";
    clear(
      this.body,
      h("h2", {}, `${t("portrait")}${t("colon")}${nameOf(e)}`),
      h("p", { class: "muted" }, e.code),
      h(
        "p",
        {},
        `${t("cityLabel")}${t("colon")}${nameOf(e.city)}　${t("clusterLabel")}${t("colon")}${e.cluster ? nameOf(e.cluster) : t("none")}`,
      ),
      h(
        "div",
        { class: "cols" },
        h(
          "div",
          {},
          h("h3", {}, t("makes")),
          h(
            "ul",
            {},
            ...e.products.map((p) =>
              h(
                "li",
                {},
                `${nameOf(p.product)}（${stageLabel(p.product.stage)}）`,
                p.capacity !== null ? ` · ${t("col.capacity")} ${p.capacity}` : "",
              ),
            ),
          ),
        ),
        h(
          "div",
          {},
          h("h3", {}, `${t("suppliers")} (${e.suppliers.totalCount})`),
          h(
            "ul",
            {},
            ...e.suppliers.nodes.map((l) =>
              h("li", {}, link(l.supplier), ` → ${nameOf(l.product)}`, l.volume !== null ? ` · ${t("volume")} ${l.volume}` : ""),
            ),
          ),
        ),
        h(
          "div",
          {},
          h("h3", {}, `${t("customers")} (${e.customers.totalCount})`),
          h(
            "ul",
            {},
            ...e.customers.nodes.map((l) =>
              h("li", {}, link(l.customer), ` ← ${nameOf(l.product)}`, l.volume !== null ? ` · ${t("volume")} ${l.volume}` : ""),
            ),
          ),
        ),
      ),
      h("h3", {}, t("resilience")),
      lost.length
        ? h(
            "ul",
            { "data-testid": "portrait-lost" },
            ...lost.map((p) => h("li", {}, h("b", {}, nameOf(p.product)), t("colon"), p.reasons.join(" "))),
          )
        : h("p", {}, t("resilienceNone")),
      h(
        "p",
        {},
        t("affected", { n: d.resilience.affectedCount }),
        d.resilience.affectedEnterprises.length ? t("colon") : "",
        ...d.resilience.affectedEnterprises.flatMap((f, i) => [i ? t("listSep") : "", link(f)]),
      ),
    );
  }
}
