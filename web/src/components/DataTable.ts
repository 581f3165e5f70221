/** A sortable table with CSV and Excel export; above VIRTUAL_FROM rows only the visible rows are in the DOM. */
import { h, clear } from "../dom";
import { exportCsv, exportXlsx, type Cell } from "../export";
import { t, type MessageKey } from "../i18n";

export interface Column<R> {
  label: MessageKey;
  /** The value sorted and exported. */
  value(row: R): Cell;
  /** What the cell shows, when not the value's text. */
  render?(row: R): Node | string;
  numeric?: boolean;
}

export const VIRTUAL_FROM = 100;
const ROW_PX = 34;
const VIEW_ROWS = 14;

export class DataTable<R> {
  readonly el: HTMLElement;
  private title = h("h3", {});
  private count = h("span", { class: "muted" });
  private body = h("div", { class: "table-body" });
  private csvBtn = h("button", { type: "button", "data-testid": "export-csv" });
  private xlsxBtn = h("button", { type: "button", "data-testid": "export-xlsx" });
  private rows: R[] = [];
  private sortBy = -1;
  private desc = false;

  constructor(
    readonly id: string,
    private titleKey: MessageKey,
    private columns: Array<Column<R>>,
  ) {
    this.el = h(
      "section",
      { class: "table-section", "data-testid": `table-${id}`, id: `table-${id}` },
      h("div", { class: "table-head" }, this.title, this.count, h("span", { class: "spacer" }), this.csvBtn, this.xlsxBtn),
      this.body,
    );
    this.csvBtn.addEventListener("click", () => exportCsv(this.filename(), this.header(), this.cells()));
    this.xlsxBtn.addEventListener("click", () => {
      this.xlsxBtn.disabled = true;
      exportXlsx(this.filename(), t(this.titleKey), this.header(), this.cells()).finally(() => (this.xlsxBtn.disabled = false));
    });
    this.labels();
  }

  loading(): void {
    this.rows = [];
    this.labels();
    clear(this.body, h("p", { class: "muted" }, t("loading")));
  }

  /** A note in place of rows: why the table has none to show. */
  note(message: string): void {
    this.rows = [];
    this.labels();
    clear(this.body, h("p", { class: "muted empty" }, message));
  }

  error(message: string): void {
    this.labels();
    clear(this.body, h("p", { class: "error" }, message));
  }

  setRows(rows: R[]): void {
    this.rows = rows;
    this.sortBy = -1;
    this.render();
  }

  private labels(): void {
    this.title.textContent = t(this.titleKey);
    this.csvBtn.textContent = t("exportCsv");
    this.xlsxBtn.textContent = t("exportXlsx");
    this.count.textContent = this.rows.length ? t("rows", { n: this.rows.length }) : "";
  }

  private filename(): string {
    return `${this.id}-${new Date().toISOString().slice(0, 10)}`;
  }

  private header(): string[] {
    return this.columns.map((c) => t(c.label));
  }

  private sorted(): R[] {
    if (this.sortBy < 0) return this.rows;
    const col = this.columns[this.sortBy];
    const dir = this.desc ? -1 : 1;
    return [...this.rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN")) * dir;
    });
  }

  private cells(): Cell[][] {
    return this.sorted().map((r) => this.columns.map((c) => c.value(r)));
  }

  private render(): void {
    this.labels();
    const head = h(
      "tr",
      {},
      ...this.columns.map((c, i) => {
        const arrow = this.sortBy === i ? (this.desc ? " ▼" : " ▲") : "";
        const th = h(
          "th",
          {
            scope: "col",
            class: c.numeric ? "num sortable" : "sortable",
            "aria-sort": this.sortBy === i ? (this.desc ? "descending" : "ascending") : "none",
          },
          t(c.label) + arrow,
        );
        th.addEventListener("click", () => {
          this.desc = this.sortBy === i ? !this.desc : !!c.numeric; // numbers start high-to-low
          this.sortBy = i;
          this.render();
        });
        return th;
      }),
    );
    const rows = this.sorted();
    const tbody = h("tbody", {});
    const table = h("table", {}, h("thead", {}, head), tbody);
    if (rows.length === 0) {
      clear(this.body, h("p", { class: "muted empty" }, t("noRows")));
      return;
    }
    if (rows.length <= VIRTUAL_FROM) {
      tbody.append(...rows.map((r) => this.row(r)));
      clear(this.body, table);
      return;
    }
    // Virtual rows: a fixed-height scroller; spacer rows stand for the rows above and below the window.
    const scroller = h("div", { class: "scroller", style: `max-height:${VIEW_ROWS * ROW_PX + 40}px` }, table);
    const draw = () => {
      const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_PX) - 5);
      const last = Math.min(rows.length, first + VIEW_ROWS + 10);
      const span = this.columns.length;
      tbody.replaceChildren(
        h("tr", { class: "spacer", style: `height:${first * ROW_PX}px` }, h("td", { colspan: span })),
        ...rows.slice(first, last).map((r) => this.row(r, true)),
        h("tr", { class: "spacer", style: `height:${(rows.length - last) * ROW_PX}px` }, h("td", { colspan: span })),
      );
    };
    scroller.addEventListener("scroll", () => requestAnimationFrame(draw), { passive: true });
    draw();
    clear(this.body, scroller);
  }

  private row(r: R, fixed = false): HTMLElement {
    return h(
      "tr",
      { class: fixed ? "fixed" : undefined, style: fixed ? `height:${ROW_PX}px` : undefined },
      ...this.columns.map((c) => {
        const v = c.render ? c.render(r) : c.value(r);
        // A fixed-height row cuts long text short: the full text is its tooltip.
        const title = fixed && !(v instanceof Node) ? String(v ?? "") : undefined;
        return h("td", { class: c.numeric ? "num" : undefined, title }, v instanceof Node ? v : String(v ?? ""));
      }),
    );
  }
}
