/** The policymaker's app: pickers, chain map with its panel, analysis tables, regional comparison, portraits. */
import "@fontsource/noto-sans-sc/400.css";
import "./style.css";
import { ApiError, cachedRequest as request, forgetCached, giveKey, openReport, request as send, setKeyPrompter } from "./api";
import type { EditPlan } from "./edit-plan";
import { h } from "./dom";
import { apiLang, nameOf, setLang, t } from "./i18n";
import { readState, scopeOf, writeState, type ViewState } from "./state";
import type {
  ChainMapData,
  ChainMapProduct,
  Cooperation,
  Extension,
  Growth,
  MissingSupplier,
  Named,
  PickersData,
  PortraitData,
  ProductPanelData,
  RegionHeatData,
  PortraitEditData,
  RegionRcaData,
  Role,
  ScopeFirmsData,
  ShortBoard,
  TargetFirm,
  ViewerData,
} from "./types";
import { ChainMap, type DrawnProduct } from "./components/ChainMap";
import { Heatmap, type RcaTable } from "./components/Heatmap";
import { promptForKey } from "./components/KeyPrompt";
import { Pickers } from "./components/Pickers";
import { Portrait } from "./components/Portrait";
import type { EditNotice } from "./components/PortraitEdit";
import { ProductPanel } from "./components/ProductPanel";
import { Status } from "./components/Status";
import {
  cooperationTable,
  extensionTable,
  growthTable,
  missingSuppliersTable,
  shortBoardsTable,
  targetFirmsTable,
} from "./components/Tables";
import type { DataTable } from "./components/DataTable";
import PICKERS from "./queries/Pickers.graphql?raw";
import CHAIN_MAP from "./queries/ChainMap.graphql?raw";
import SHORT_BOARDS from "./queries/ShortBoards.graphql?raw";
import MISSING_SUPPLIERS from "./queries/MissingSuppliers.graphql?raw";
import TARGET_FIRMS from "./queries/TargetFirms.graphql?raw";
import COOPERATION from "./queries/Cooperation.graphql?raw";
import EXTENSION from "./queries/Extension.graphql?raw";
import GROWTH from "./queries/Growth.graphql?raw";
import PRODUCT_PANEL from "./queries/ProductPanel.graphql?raw";
import REGION_HEAT from "./queries/RegionHeat.graphql?raw";
import REGION_RCA from "./queries/RegionRca.graphql?raw";
import PORTRAIT from "./queries/Portrait.graphql?raw";
import SCOPE_FIRMS from "./queries/ScopeFirms.graphql?raw";
import VIEWER from "./queries/Viewer.graphql?raw";
import PORTRAIT_EDIT from "./queries/PortraitEdit.graphql?raw";
import SAVE_ENTERPRISE from "./queries/SaveEnterprise.graphql?raw";
import SAVE_PRODUCES from "./queries/SaveProduces.graphql?raw";

export interface TestHooks {
  readonly ready: boolean;
  selectProduct(code: string): void;
  mapProducts(): DrawnProduct[];
  /** The heat map's cells as drawn: measure, and [city code, product code, value] per cell. */
  heatCells(): { measure: string; cells: Array<[string, string, number]> };
}

declare global {
  interface Window {
    __app: TestHooks;
  }
}

/** Roles that may change the graph: the portrait shows them its edit panel and history. */
const EDITING: ReadonlySet<Role> = new Set(["EDITOR", "ADMIN"]);
/** How many records of a firm's history the portrait lists. */
const HISTORY = 20;

const errorText = (e: unknown) => (e instanceof Error ? `${e.message}${"code" in e ? ` (${String(e.code)})` : ""}` : String(e));

class App {
  private state: ViewState = readState();
  private status = new Status();
  private pickers = new Pickers({ change: (patch) => this.update(patch) });
  private map = new ChainMap((code) => this.selectProduct(code));
  private panel = new ProductPanel((code) => this.showFirm(code));
  private portrait = new Portrait(
    (code) => void this.showFirm(code),
    (plan) => this.saveEdit(plan),
  );
  /** The caller's role, asked once per key (null: unknown, treated as a reader). */
  private viewer: Promise<Role | null> | null = null;
  private keyBtn = h("button", { type: "button", class: "key-give", "data-testid": "key-give" });
  private heat = new Heatmap(() => this.loadRca());
  /** The heat map's comparison scope and the chain and year it shows, for its RCA switch. */
  private heatShown: { chain: string; region: string; year: number | null } | null = null;
  private title = h("h1", {});
  private reportLink = h("a", { class: "report-link", "data-testid": "report-link", target: "_blank", rel: "noopener" });
  private mapTitle = h("h2", {});
  private top = h("p", { class: "top-board", "data-testid": "top-short-board" });
  private tables = {
    shortBoards: shortBoardsTable((code) => this.openFromTable(code)),
    missingSuppliers: missingSuppliersTable(),
    targetFirms: targetFirmsTable((f) => this.firmLink(f)),
    cooperation: cooperationTable(),
    extension: extensionTable(),
    growth: growthTable(),
  };
  private pickersData: Promise<PickersData>;
  private products: ChainMapProduct[] = [];
  private shortBoards: Promise<ShortBoard[]> = Promise.resolve([]);
  private generation = 0;
  private seen: IntersectionObserver | null = null;
  ready = false;

  constructor(root: HTMLElement) {
    setKeyPrompter(promptForKey);
    setLang(this.state.lang);
    root.append(
      h("header", { class: "top" }, this.title, this.pickers.el, this.reportLink, this.keyBtn, this.status.el),
      h(
        "main",
        {},
        h("div", { class: "map-area" }, h("div", { class: "map-col" }, this.mapTitle, this.top, this.map.el), this.panel.el),
      ),
      h("section", { class: "tables" }, ...Object.values(this.tables).map((tb) => tb.el)),
      this.heat.el,
      this.portrait.el,
    );
    this.pickersData = this.track("pickers", request<PickersData>(PICKERS));
    this.pickersData.then(
      (d) => {
        this.pickers.setData(d);
        this.pickers.render(this.state);
      },
      () => undefined,
    );
    this.keyBtn.addEventListener("click", () => {
      void giveKey(t("keyGiveHelp")).then((given) => {
        if (!given) return;
        this.viewer = null;
        this.load();
      });
    });
    this.reportLink.addEventListener("click", (e) => {
      if (openReport(this.reportLink.href)) e.preventDefault();
    });
    writeState(this.state); // the address bar shows the whole view, defaults included, ready to share
    this.load();
  }

  hooks(): TestHooks {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const app = this;
    return {
      get ready() {
        return app.ready;
      },
      selectProduct: (code) => this.selectProduct(code),
      mapProducts: () => this.map.products(),
      heatCells: () => this.heat.drawn(),
    };
  }

  private update(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    writeState(this.state);
    this.load();
  }

  private async track<T>(task: string, p: Promise<T>): Promise<T> {
    this.status.begin(task);
    try {
      const v = await p;
      this.status.done(task);
      return v;
    } catch (e) {
      this.status.fail(task, e);
      throw e;
    }
  }

  private vars(): { chain: string; scope: { region?: string; cluster?: string }; lang: "ZH" | "EN"; year: number | null } {
    return { chain: this.state.chain, scope: scopeOf(this.state), lang: apiLang(), year: this.state.year };
  }

  /** Loads and draws everything for the current state; answers for an older state are dropped. */
  private load(): void {
    const gen = ++this.generation;
    const live = () => gen === this.generation;
    this.ready = false;
    setLang(this.state.lang);
    this.status.reset();
    this.panel.hide();
    this.title.textContent = t("title");
    document.title = t("title");
    this.reportLink.textContent = t("report");
    this.reportLink.title = t("reportHint");
    this.reportLink.href = reportHref(this.state);
    this.keyBtn.textContent = t("keyGive");
    this.pickers.render(this.state);
    this.top.textContent = t("loading");
    this.seen?.disconnect();
    this.heat.loading();
    const v = this.vars();

    this.shortBoards = this.track(
      "shortBoards",
      request<{ shortBoards: ShortBoard[] }>(SHORT_BOARDS, v).then((d) => d.shortBoards),
    );
    const chainMap = this.track("chainMap", request<ChainMapData>(CHAIN_MAP, { chain: v.chain, scope: v.scope, year: v.year }));
    const drawn = Promise.all([chainMap, this.shortBoards])
      .then(async ([cm, sb]) => {
        if (!live()) return;
        this.products = cm.chainMap.products;
        this.mapTitle.textContent = `${nameOf(cm.chainMap.chain)} · ${nameOf(cm.chainMap.scope)}`;
        const first = sb[0];
        this.top.textContent = first
          ? `${t("topShortBoard")}${t("colon")}${first.product.code} ${nameOf(first.product)}`
          : t("noShortBoard");
        await this.map.render(cm.chainMap.products, cm.chainMap.productCount, first?.product.code ?? null);
        if (live()) this.ready = true;
      })
      .catch((e) => {
        if (live()) this.top.textContent = errorText(e);
      });
    // The comparison and the firm picker are the dearest reads after the map, and many never scroll to
    // them: they load once the map is drawn and their section comes near the screen.
    void drawn.then(() => {
      if (live())
        this.whenSeen(this.heat.el, () => {
          this.loadHeat(live);
          this.loadFirms(live);
        });
    });

    this.fill(this.tables.shortBoards, this.shortBoards, live);
    // The map is the first view: the other tables ask once its two answers are in, so that on a large
    // graph they do not compete with it for the database.
    const others = [
      this.tables.missingSuppliers,
      this.tables.targetFirms,
      this.tables.cooperation,
      this.tables.extension,
      this.tables.growth,
    ];
    for (const table of others) table.loading();
    void Promise.allSettled([chainMap, this.shortBoards]).then(() => {
      if (!live()) return;
      this.fill(
        this.tables.missingSuppliers,
        this.track(
          "missingSuppliers",
          request<{ missingSuppliers: MissingSupplier[] }>(MISSING_SUPPLIERS, v).then((d) => d.missingSuppliers),
        ),
        live,
      );
      this.fill(
        this.tables.targetFirms,
        this.track(
          "targetFirms",
          request<{ targetFirms: TargetFirm[] }>(TARGET_FIRMS, { ...v, products: null, first: 50 }).then((d) => d.targetFirms),
        ),
        live,
      );
      this.fill(
        this.tables.cooperation,
        this.track(
          "cooperation",
          request<{ cooperationOpportunities: Cooperation[] }>(COOPERATION, v).then((d) => d.cooperationOpportunities),
        ),
        live,
      );
      this.fill(
        this.tables.extension,
        this.track(
          "extension",
          request<{ extensionOpportunities: Extension[] }>(EXTENSION, v).then((d) => d.extensionOpportunities),
        ),
        live,
      );
      void this.loadGrowth(live);
    });

    if (this.state.firm) void this.showFirm(this.state.firm, false);
    else this.portrait.empty();
  }

  /** Runs load once the element comes near the screen: the heat map is the dearest read, and many never scroll to it. */
  private whenSeen(el: Element, load: () => void): void {
    this.seen?.disconnect();
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        io.disconnect();
        load();
      },
      { rootMargin: "400px" },
    );
    io.observe(el);
    this.seen = io;
  }

  private loadFirms(live: () => boolean): void {
    const v = this.vars();
    this.track(
      "firms",
      request<ScopeFirmsData>(SCOPE_FIRMS, {
        chain: v.chain,
        region: v.scope.region ?? null,
        cluster: v.scope.cluster ?? null,
        year: v.year,
      }),
    ).then(
      (d) => live() && this.portrait.setFirms(d.enterprises.nodes, d.enterprises.totalCount, this.state.firm),
      () => undefined,
    );
  }

  private fill<R>(table: DataTable<R>, rows: Promise<R[]>, live: () => boolean): void {
    table.loading();
    rows.then(
      (r) => live() && table.setRows(r),
      (e) => live() && table.error(errorText(e)),
    );
  }

  /**
   * 发展潜力 for the selected city (or the cluster's city): the chain's products it could enter next, in
   * the product space of the cities of its province. A circle or province has no single city: a note says so.
   */
  private async loadGrowth(live: () => boolean): Promise<void> {
    const table = this.tables.growth;
    try {
      const d = await this.pickersData;
      const regions = new Map(d.regions.nodes.map((r) => [r.code, r]));
      const cluster = this.state.cluster ? d.clusters.nodes.find((c) => c.code === this.state.cluster) : undefined;
      const city = cluster ? cluster.city.code : this.state.region;
      if (regions.get(city)?.kind !== "CITY") {
        if (live()) table.note(t("growthNeedsCity"));
        return;
      }
      let province = city;
      for (let up = regions.get(city)?.parent?.code; up && regions.has(up); up = regions.get(up)?.parent?.code) province = up;
      this.fill(
        table,
        this.track(
          "growth",
          request<{ productSpace: { entryCandidates: Growth[] } }>(GROWTH, {
            space: { region: province },
            region: city,
            chain: this.state.chain,
            lang: apiLang(),
            year: this.state.year,
          }).then((r) => r.productSpace.entryCandidates),
        ),
        live,
      );
    } catch (e) {
      if (live()) table.error(errorText(e));
    }
  }

  /** The comparison scope: the selected circle or province, or the circle of the selected city or cluster. */
  private async loadHeat(live: () => boolean): Promise<void> {
    this.heat.loading();
    try {
      const d = await this.pickersData;
      const regions = new Map(d.regions.nodes.map((r) => [r.code, r]));
      const cluster = this.state.cluster ? d.clusters.nodes.find((c) => c.code === this.state.cluster) : undefined;
      const city = cluster ? cluster.city.code : this.state.region;
      const r = regions.get(city);
      const scopeCode = r?.kind === "CITY" ? (r.parent?.code ?? city) : city;
      const scope: Named = regions.get(scopeCode) ?? { code: scopeCode, name: null, nameZh: null };
      const heat = await this.track(
        "heatmap",
        request<RegionHeatData>(REGION_HEAT, { chain: this.state.chain, scope: { region: scopeCode }, year: this.state.year }),
      );
      if (live()) {
        this.heatShown = { chain: this.state.chain, region: scopeCode, year: this.state.year };
        await this.heat.render(heat.chainMap, scope, r?.kind === "CITY" ? city : null);
      }
    } catch (e) {
      if (live()) this.heat.error(errorText(e));
    }
  }

  /** The RCA of the heat map's cities in its chain's products, from the product space of its scope: a page of 1,000 cells at a time. */
  private async loadRca(): Promise<RcaTable> {
    const shown = this.heatShown;
    const table: RcaTable = new Map();
    if (!shown) return table;
    let after: string | null = null;
    for (;;) {
      const d: RegionRcaData = await this.track(
        "heatmap-rca",
        request<RegionRcaData>(REGION_RCA, { chain: shown.chain, scope: { region: shown.region }, year: shown.year, after }),
      );
      for (const cell of d.productSpace.cells.nodes) {
        const row = table.get(cell.region.code) ?? new Map<string, number>();
        row.set(cell.product.code, cell.rca);
        table.set(cell.region.code, row);
      }
      const page = d.productSpace.cells.pageInfo;
      if (!page.hasNextPage || !page.endCursor) return table;
      after = page.endCursor;
    }
  }

  /** What a click on a map node does: opens the panel with the product's reasons, firms and, for a gap, candidates. */
  selectProduct(code: string): void {
    const item = this.products.find((p) => p.product.code === code);
    if (!item) return;
    const gen = this.generation;
    this.panel.loading(item);
    const v = this.vars();
    const gap = item.kinds.length > 0;
    Promise.all([
      this.shortBoards.catch(() => [] as ShortBoard[]),
      this.track(
        "panel",
        request<ProductPanelData>(PRODUCT_PANEL, {
          product: code,
          region: v.scope.region ?? null,
          cluster: v.scope.cluster ?? null,
          year: v.year,
        }),
      ),
      gap
        ? this.track(
            "panel",
            request<{ targetFirms: TargetFirm[] }>(TARGET_FIRMS, { ...v, products: [code], first: 10 }).then(
              (d) => d.targetFirms,
            ),
          )
        : null,
    ]).then(
      ([sb, detail, candidates]) => {
        if (gen !== this.generation) return;
        this.panel.show({ item, shortBoard: sb.find((s) => s.product.code === code), detail, candidates });
      },
      (e) => gen === this.generation && this.panel.error(item, errorText(e)),
    );
  }

  /** A product code clicked in a table: back to the map, with the product's panel open. */
  private openFromTable(code: string): void {
    this.map.el.scrollIntoView({ behavior: "smooth", block: "start" });
    this.selectProduct(code);
  }

  private firmLink(f: Named): Node {
    const b = h("button", { type: "button", class: "link", "data-firm": f.code }, nameOf(f));
    b.addEventListener("click", () => void this.showFirm(f.code));
    return b;
  }

  private role(): Promise<Role | null> {
    this.viewer ??= send<ViewerData>(VIEWER).then(
      (d) => d.viewer.role,
      () => null,
    );
    return this.viewer;
  }

  /** For editors and admins: the versions to save against and the firm's history; null for readers. */
  private async editData(code: string): Promise<PortraitEditData | null> {
    if (!EDITING.has((await this.role()) ?? "READER")) return null;
    return this.track("portrait-edit", send<PortraitEditData>(PORTRAIT_EDIT, { code, year: this.state.year, history: HISTORY }));
  }

  /**
   * Saves the edit panel: upsertEnterprises (city, cluster), then setProduces, each against the
   * versions read. Reads the portrait again once anything may have changed (a conflict included);
   * when the first step failed nothing changed, and the panel keeps what was typed.
   */
  private async saveEdit(plan: EditPlan): Promise<EditNotice | null> {
    const code = this.state.firm;
    if (!code) return null;
    const year = this.state.year;
    let saved = false;
    let notice: EditNotice;
    try {
      if (plan.enterprise) {
        await send(SAVE_ENTERPRISE, { input: [plan.enterprise], year });
        saved = true;
      }
      if (plan.produces.length) await send(SAVE_PRODUCES, { input: plan.produces, year });
      notice = { kind: "ok", text: t("editSaved", { n: (plan.enterprise ? 1 : 0) + plan.produces.length }) };
    } catch (e) {
      const code_ = e instanceof ApiError ? e.code : "ERROR";
      const where = e instanceof ApiError && e.argument ? ` [${e.argument.join(".")}]` : "";
      const failed = saved ? t("editPartial") : t("editFailed");
      const detail = code_ === "CONFLICT" ? t("editConflict") : `${e instanceof Error ? e.message : String(e)}${where}`;
      notice = { kind: "error", text: `${failed}${t("colon")}${detail}`, code: code_ };
      if (!saved && code_ !== "CONFLICT") return notice;
    }
    forgetCached();
    await this.showFirm(code, false, notice);
    return null;
  }

  private showFirm(code: string, scroll = true, notice: EditNotice | null = null): Promise<void> {
    if (this.state.firm !== code) {
      this.state = { ...this.state, firm: code };
      writeState(this.state);
    }
    const gen = this.generation;
    this.portrait.loading();
    if (scroll) this.portrait.el.scrollIntoView({ behavior: "smooth", block: "start" });
    const edit = this.editData(code).catch(() => null);
    return this.track("portrait", request<PortraitData>(PORTRAIT, { code, ...this.vars() })).then(
      async (d) => {
        if (gen !== this.generation) return;
        this.portrait.show(d);
        const [data, pickers] = await Promise.all([edit, this.pickersData.catch(() => null)]);
        if (gen !== this.generation || !data?.enterprise || !d.enterprise) return;
        this.portrait.edit.show(data, { regions: pickers?.regions.nodes ?? [], clusters: pickers?.clusters.nodes ?? [] }, notice);
      },
      (e) => {
        if (gen === this.generation) this.portrait.error(errorText(e));
      },
    );
  }
}

/**
 * The annual report (GET /report) of the view's region and chain, for the view's year (by default the
 * latest the graph holds, the report's default too), in the view's language. The report is by region: with a cluster picked, it is the region's.
 */
function reportHref(s: ViewState): string {
  const q = new URLSearchParams({ region: s.region, chain: s.chain, lang: s.lang });
  if (s.year !== null) q.set("year", String(s.year));
  return new URL(`../report?${q.toString()}`, location.href).href;
}

const app = new App(document.getElementById("app")!);
window.__app = app.hooks();
