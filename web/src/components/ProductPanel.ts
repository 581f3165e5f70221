/** The side panel of a clicked product: its reasons, local producers and demanders, and candidate firms for a gap. */
import { h, clear } from "../dom";
import { joinNames, kindLabel, nameOf, t } from "../i18n";
import { KIND_STYLE, mapKind } from "../kinds";
import type { ChainMapProduct, Firm, Named, ProductPanelData, ShortBoard, TargetFirm } from "../types";

export interface PanelData {
  item: ChainMapProduct;
  shortBoard: ShortBoard | undefined;
  detail: ProductPanelData;
  candidates: TargetFirm[] | null;
}

export class ProductPanel {
  readonly el = h("aside", { class: "panel", "data-testid": "product-panel", hidden: true, "aria-live": "polite" });

  constructor(private onFirm: (code: string) => void) {}

  hide(): void {
    this.el.hidden = true;
    this.el.replaceChildren();
  }

  loading(item: ChainMapProduct): void {
    this.el.hidden = false;
    clear(this.el, this.header(item), h("p", { class: "muted" }, t("loading")));
  }

  error(item: ChainMapProduct, message: string): void {
    this.el.hidden = false;
    clear(this.el, this.header(item), h("p", { class: "error" }, message));
  }

  show({ item, shortBoard, detail, candidates }: PanelData): void {
    this.el.hidden = false;
    const kind = mapKind(item);
    const reasons = shortBoard?.reasons.length
      ? shortBoard.reasons
      : [
          kind === "NOT_DEMANDED"
            ? t("reason.notDemanded", { n: item.localProducerCount })
            : t("reason.healthy", { n: item.localProducerCount, d: item.demanderCount }),
        ];
    const producers: Firm[] = detail.enterprises.nodes;
    clear(
      this.el,
      this.header(item),
      h("h3", {}, t("panelReasons")),
      h("ul", { "data-testid": "panel-reasons", class: "reasons" }, ...reasons.map((r) => h("li", {}, r))),
      h("h3", {}, `${t("panelProducers")} (${detail.enterprises.totalCount})`),
      this.firmList(producers, true),
      h("h3", {}, `${t("panelDemanders")} (${item.demanderCount})`),
      shortBoard
        ? this.firmList(shortBoard.demanders, false)
        : h("p", { class: "muted" }, t("demanderCount", { n: item.demanderCount })),
      candidates
        ? h(
            "div",
            { "data-testid": "panel-candidates" },
            h("h3", {}, t("panelCandidates")),
            candidates.length
              ? h(
                  "ol",
                  {},
                  ...candidates.map((c) =>
                    h(
                      "li",
                      {},
                      this.firmButton(c.enterprise),
                      ` · ${nameOf(c.enterprise.city)} · ${t("col.score")} ${c.score.toFixed(1)}`,
                    ),
                  ),
                )
              : h("p", { class: "muted" }, t("none")),
          )
        : null,
      detail.product ? h("h3", {}, t("panelInputs")) : null,
      detail.product ? h("p", {}, names(detail.product.inputs)) : null,
      detail.product ? h("h3", {}, t("panelUsedBy")) : null,
      detail.product ? h("p", {}, names(detail.product.usedBy)) : null,
    );
  }

  private header(item: ChainMapProduct): HTMLElement {
    const kind = mapKind(item);
    const close = h("button", { type: "button", class: "close", "aria-label": t("close") }, "×");
    close.addEventListener("click", () => this.hide());
    return h(
      "header",
      {},
      close,
      h("h2", {}, nameOf(item.product)),
      h("p", { class: "muted" }, item.product.code),
      h("p", { class: "kind", style: `color:${KIND_STYLE[kind].color}` }, `${KIND_STYLE[kind].mark} ${kindLabel(kind)}`),
      h("p", {}, `${t("producerCount", { n: item.localProducerCount })} · ${t("demanderCount", { n: item.demanderCount })}`),
    );
  }

  private firmList(firms: Array<Named | Firm>, withCity: boolean): HTMLElement {
    if (!firms.length) return h("p", { class: "muted" }, t("none"));
    return h(
      "ul",
      { class: "firms" },
      ...firms.map((f) => h("li", {}, this.firmButton(f), withCity && "city" in f && f.city ? ` · ${nameOf(f.city)}` : "")),
    );
  }

  private firmButton(f: Named): HTMLElement {
    const b = h("button", { type: "button", class: "link", "data-firm": f.code }, nameOf(f));
    b.addEventListener("click", () => this.onFirm(f.code));
    return b;
  }
}

const names = (xs: Named[]) => (xs.length ? joinNames(xs.map(nameOf)) : t("none"));
