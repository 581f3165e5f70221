/**
 * The annual report as one self-contained HTML page: inline CSS, the maps as inline SVG, system fonts,
 * no script and no reference to any other resource (its own Content-Security-Policy forbids them).
 *
 * The page is a list of sections, each one small renderer taking typed data: `REPORT_SECTIONS` for
 * the report, `CHAIN_SECTIONS` for each chain. A new section (plan progress, changes since the
 * previous year) is one more function in one of these lists.
 */
import { nameEn, nameZh, percent, pickReasons, type Named } from "../analytics/reasons.js";
import type { ChainSection, ReportData } from "./data.js";
import { esc, FONT_STACK } from "./html.js";
import { chainMapSvg, KIND_STYLE, mapKind } from "./map-svg.js";
import { messages, type Messages } from "./messages.js";
import type { ReportLang } from "./options.js";
import type { ReportPlan, Sourced } from "./report.repository.js";

/** What every renderer gets: the data, the language and its messages. */
export interface RenderContext {
  data: ReportData;
  lang: ReportLang;
  m: Messages;
  /** An entity's name in the report's language (falling back to the other one, then the code). */
  name: (n: Named) => string;
}

export type ReportSection = (ctx: RenderContext) => string;
export type ChainSectionRenderer = (section: ChainSection, ctx: RenderContext) => string;

/** Renders the report's whole page. */
export function renderReport(data: ReportData): string {
  const lang = data.options.lang;
  const ctx: RenderContext = { data, lang, m: messages(lang), name: lang === "zh" ? nameZh : nameEn };
  const title = ctx.m("docTitle", { region: ctx.name(data.region), year: shownYear(data) });
  return [
    "<!doctype html>",
    `<html lang="${lang === "zh" ? "zh-CN" : "en"}">`,
    "<head>",
    '<meta charset="utf-8">',
    // The page needs nothing from anywhere: a browser that opens the file, or the copy the service
    // sends, fetches no script, font, image or style.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    ...REPORT_SECTIONS.map((render) => render(ctx)),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The year a report is for: the one looked at, else (a graph without years) the one asked, else this year. */
function shownYear(data: ReportData): number {
  return data.years.year ?? data.options.year ?? Number(data.generatedAt.slice(0, 4));
}

/** The title page: region, year, date generated, chains and cities covered, the software's commit. */
export const renderTitle: ReportSection = ({ data, m, name }) => {
  const r = data.region;
  const facts: Array<[string, string]> = [
    [m("year"), String(shownYear(data))],
    [m("generated"), data.generatedAt.slice(0, 10)],
    [m("chainsCovered"), data.chains.map((c) => name(c.chain)).join(m("listSep")) || m("unknown")],
    [m("citiesCovered"), r.kind === "CITY" ? name(r) : String(r.cities.length)],
  ];
  if (data.provenance.commit) facts.push([m("version"), data.provenance.commit]);
  return [
    '<header class="title-page" data-section="title">',
    `<p class="kicker">${esc(m("kicker"))}</p>`,
    `<h1>${esc(m("docTitle", { region: name(r), year: shownYear(data) }))}</h1>`,
    `<p class="region-kind">${esc(m(`regionKind.${r.kind}`))} · ${esc(r.code)}</p>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`,
    `<p class="note">${esc(
      data.years.year === null
        ? m("yearNoteTimeless", { year: shownYear(data) })
        : m("yearNote", { year: data.years.year, years: data.years.years.join(m("listSep")) }),
    )}</p>`,
    "</header>",
  ].join("\n");
};

/** A quantity with its unit, as a policymaker reads it: 300000000000 CNY is 3000亿元, CNY 300 billion. */
export function formatTarget(value: number | null, unit: string | null, lang: ReportLang): string {
  if (value === null) return "";
  if (unit === "CNY") {
    if (lang === "zh")
      return value >= 1e8 ? `${trim(value / 1e8)}亿元` : value >= 1e4 ? `${trim(value / 1e4)}万元` : `${trim(value)}元`;
    return value >= 1e9
      ? `CNY ${trim(value / 1e9)} billion`
      : value >= 1e6
        ? `CNY ${trim(value / 1e6)} million`
        : `CNY ${trim(value)}`;
  }
  const n = value.toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { maximumFractionDigits: 2 });
  return unit ? `${n} ${unit}` : n;
}

const trim = (n: number) => String(Math.round(n * 100) / 100);

function renderPlan(plan: ReportPlan, ctx: RenderContext): string {
  const { m, name, lang } = ctx;
  const meta = [m("planIssuedFor", { name: name(plan.issuedFor) })];
  if (plan.yearFrom !== null && plan.yearTo !== null) meta.push(m("planPeriod", { from: plan.yearFrom, to: plan.yearTo }));
  const rows = plan.targets.map(
    (t) =>
      `<tr data-item="${esc(t.code)}"><td>${esc(name(t))}</td><td class="num">${esc(formatTarget(t.targetValue, t.targetUnit, lang))}</td>` +
      `<td class="num">${esc(t.targetYear ?? "")}</td><td>${esc(t.chainCodes.map((c) => chainName(c, ctx)).join(m("listSep")))}</td></tr>`,
  );
  return [
    `<article class="plan" data-plan="${esc(plan.code)}">`,
    `<h3>${esc(name(plan))}</h3>`,
    `<p class="meta">${esc(meta.join(" · "))}</p>`,
    rows.length === 0
      ? `<p class="none">${esc(m("planTargetsNone"))}</p>`
      : table([m("col.target"), m("col.targetValue"), m("col.targetYear"), m("col.chains")], rows, "targets"),
    renderProgress(plan, ctx),
    "</article>",
  ].join("\n");
}

/** How far each TARGET item that names an indicator has come (planProgress), with the reasons. */
function renderProgress(plan: ReportPlan, ctx: RenderContext): string {
  const { m, name, lang } = ctx;
  const progress = ctx.data.progress.get(plan.code) ?? [];
  if (progress.length === 0) return `<p class="none progress-none">${esc(m("progressNone"))}</p>`;
  const pct = (x: number | null) => (x === null ? m("unknown") : percent(x));
  const verdict = (on: boolean | null) => (on === null ? m("onTrack.unknown") : on ? m("onTrack.yes") : m("onTrack.no"));
  const rows = progress.map((g) => {
    const item = plan.targets.find((t) => t.code === g.itemCode);
    return (
      `<tr data-progress="${esc(g.itemCode)}" data-on-track="${String(g.onTrack)}">` +
      `<td>${esc(item ? name(item) : g.itemCode)}<br><span class="code">${esc(g.indicator)}</span></td>` +
      `<td class="num">${esc(g.observed === null ? m("unknown") : formatTarget(g.observed, g.observedUnit, lang))}</td>` +
      `<td class="num">${esc(g.observedYear ?? m("unknown"))}</td><td class="num">${esc(pct(g.achievedShare))}</td>` +
      `<td class="num">${esc(pct(g.requiredGrowth))}</td><td class="num">${esc(pct(g.observedGrowth))}</td>` +
      `<td>${esc(verdict(g.onTrack))}</td><td class="reasons">${reasons(g.reasons, ctx)}</td></tr>`
    );
  });
  return [
    `<h4>${esc(m("progressTitle"))}</h4>`,
    table(
      [
        m("col.target"),
        m("col.observed"),
        m("col.observedYear"),
        m("col.achieved"),
        m("col.requiredGrowth"),
        m("col.observedGrowth"),
        m("col.onTrack"),
        m("col.reasons"),
      ],
      rows,
      "progress",
    ),
  ].join("\n");
}

function chainName(code: string, ctx: RenderContext): string {
  const found = ctx.data.chains.find((c) => c.chain.code === code);
  return found ? ctx.name(found.chain) : code;
}

/** The plans issued for the region (or above it) and their TARGET items. */
export const renderPlans: ReportSection = (ctx) => {
  const { data, m, name } = ctx;
  return [
    '<section class="plans" data-section="plan">',
    `<h2>${esc(m("planTitle"))}</h2>`,
    data.plans.length === 0 ? `<p class="none">${esc(m("planNone", { region: name(data.region) }))}</p>` : "",
    ...data.plans.map((p) => renderPlan(p, ctx)),
    "</section>",
  ].join("\n");
};

/** Each chain on a page of its own, its sections in `CHAIN_SECTIONS` order. */
export const renderChains: ReportSection = (ctx) =>
  ctx.data.chains
    .map((section) =>
      [
        `<section class="chain" data-section="chain" data-chain="${esc(section.chain.code)}">`,
        `<h2>${esc(ctx.m("chainTitle", { chain: ctx.name(section.chain) }))} · ${esc(ctx.name(ctx.data.region))}</h2>`,
        ...CHAIN_SECTIONS.map((render) => render(section, ctx)),
        "</section>",
      ].join("\n"),
    )
    .join("\n");

/** An analysis row's names under its code. */
const named = (code: string, n: { name: string | null; nameZh: string | null }): Named => ({
  code,
  name: n.name,
  nameZh: n.nameZh,
});

const productName = (code: string, fallback: Named, ctx: RenderContext) => ctx.name(ctx.data.products.get(code) ?? fallback);

/** The chain map picture, with the top short board named above it and what was left out below. */
export const renderChainMap: ChainSectionRenderer = (s, ctx) => {
  const { m } = ctx;
  const top = s.shortBoards[0] ?? null;
  const left = s.map.productCount - s.drawn.length;
  const picture =
    s.drawn.length === 0
      ? `<p class="none">${esc(m("mapEmpty"))}</p>`
      : chainMapSvg(
          {
            drawn: s.drawn,
            topCode: top?.productCode ?? null,
            nameOf: (p) => ctx.name({ code: p.productCode, name: p.name, nameZh: p.nameZh }),
            title: `${m("mapTitle")}: ${ctx.name(s.chain)} · ${ctx.name(ctx.data.region)}`,
          },
          m,
        );
  return [
    '<section class="map" data-section="map">',
    `<h3>${esc(m("mapTitle"))}</h3>`,
    `<p class="top-board">${esc(top ? m("topShortBoardIs", { name: `${ctx.name(named(top.productCode, top))} (${top.productCode})` }) : m("noShortBoard"))}</p>`,
    `<figure>${picture}<figcaption>${esc(m("mapCaption"))}</figcaption></figure>`,
    left > 0
      ? `<p class="left-out" data-left-out="${left}">${esc(m("mapLeftOut", { total: s.map.productCount, drawn: s.drawn.length, n: left }))}</p>`
      : "",
    "</section>",
  ].join("\n");
};

const score = (n: number) => String(Math.round(n * 100) / 100);
const reasons = (r: { en: string[]; zh: string[] }, ctx: RenderContext) =>
  pickReasons(r, ctx.lang === "zh" ? "ZH" : "EN")
    .map(esc)
    .join("<br>");

/** The top short boards, with kinds, score and reasons in the report's language. */
export const renderShortBoards: ChainSectionRenderer = (s, ctx) => {
  const { m } = ctx;
  const rows = s.shortBoards.map((b, i) => {
    const kind = mapKind(b);
    return (
      `<tr data-product="${esc(b.productCode)}" data-score="${b.score}"><td class="num">${i + 1}</td>` +
      `<td>${esc(ctx.name(named(b.productCode, b)))}<br><span class="code">${esc(b.productCode)} · ${esc(m(`stage.${b.stage}`))}</span></td>` +
      `<td data-kinds="${esc(b.kinds.join(" "))}"><span style="color:${KIND_STYLE[kind].color}">${KIND_STYLE[kind].mark}</span> ${esc(b.kinds.map((k) => m(`kindShort.${k}`)).join(m("listSep")))}</td>` +
      `<td class="num">${score(b.score)}</td><td class="num">${b.localProducerCount}</td><td class="num">${b.demanderCount}</td>` +
      `<td class="num">${b.localSupplyShare === null ? m("unknown") : percent(b.localSupplyShare)}</td><td class="num">${b.dependentCount}</td>` +
      `<td class="reasons">${reasons(b.reasons, ctx)}</td></tr>`
    );
  });
  return [
    '<section class="short-boards" data-section="short-boards">',
    `<h3>${esc(s.shortBoards.length > 0 ? m("shortBoardsTitle", { n: s.shortBoards.length }) : m("shortBoardsPlain"))}</h3>`,
    rows.length === 0
      ? `<p class="none">${esc(m("noShortBoard"))}</p>`
      : table(
          [
            m("col.rank"),
            m("col.product"),
            m("col.kinds"),
            m("col.score"),
            m("col.localProducers"),
            m("col.demanders"),
            m("col.localShare"),
            m("col.dependents"),
            m("col.reasons"),
          ],
          rows,
        ),
    "</section>",
  ].join("\n");
};

/** Firms outside the region to court (招商), with the products they would cover. */
export const renderTargetFirms: ChainSectionRenderer = (s, ctx) => {
  const { m } = ctx;
  const rows = s.targetFirms.map(
    (f, i) =>
      `<tr data-enterprise="${esc(f.enterpriseCode)}" data-score="${f.score}"><td class="num">${i + 1}</td>` +
      `<td>${esc(ctx.name(named(f.enterpriseCode, f)))}<br><span class="code">${esc(f.enterpriseCode)}</span></td>` +
      `<td data-covers="${esc(f.coverCodes.join(" "))}">${esc(f.coverCodes.map((c) => productName(c, { code: c, name: null, nameZh: null }, ctx)).join(m("listSep")))}</td>` +
      `<td class="num">${f.existingLinksIntoScope}</td><td class="num">${trim(f.capacity)}</td><td class="reasons">${reasons(f.reasons, ctx)}</td></tr>`,
  );
  return [
    '<section class="target-firms" data-section="target-firms">',
    `<h3>${esc(s.targetFirms.length > 0 ? m("targetFirmsTitle", { n: s.targetFirms.length }) : m("targetFirmsPlain"))}</h3>`,
    rows.length === 0
      ? `<p class="none">${esc(m("targetFirmsNone"))}</p>`
      : table([m("col.rank"), m("col.enterprise"), m("col.covers"), m("col.links"), m("col.capacity"), m("col.reasons")], rows),
    "</section>",
  ].join("\n");
};

/** Pairs of the region's cities where one could supply the other. */
export const renderCooperation: ChainSectionRenderer = (s, ctx) => {
  const { m, data } = ctx;
  const city = (code: string) => ctx.name(data.region.cities.find((c) => c.code === code) ?? { code, name: null, nameZh: null });
  const rows = s.cooperation.map(
    (c, i) =>
      `<tr data-product="${esc(c.productCode)}" data-demand-city="${esc(c.demandCityCode)}" data-supplier-city="${esc(c.supplierCityCode)}">` +
      `<td class="num">${i + 1}</td><td>${esc(ctx.name(named(c.productCode, c)))}<br><span class="code">${esc(c.productCode)}</span></td>` +
      `<td><span style="color:${KIND_STYLE[c.kind].color}">${KIND_STYLE[c.kind].mark}</span> ${esc(m(`kindShort.${c.kind}`))}</td>` +
      `<td>${esc(city(c.demandCityCode))}</td><td>${esc(city(c.supplierCityCode))}</td><td class="num">${c.demanderCount}</td>` +
      `<td class="num">${c.supplierCount}</td><td class="num">${c.existingLinks}</td><td class="reasons">${reasons(c.reasons, ctx)}</td></tr>`,
  );
  const none = data.region.kind === "CITY" ? m("cooperationOneCity", { region: ctx.name(data.region) }) : m("cooperationNone");
  return [
    '<section class="cooperation" data-section="cooperation">',
    `<h3>${esc(s.cooperation.length > 0 ? m("cooperationTitle", { n: s.cooperation.length }) : m("cooperationPlain"))}</h3>`,
    rows.length === 0
      ? `<p class="none">${esc(none)}</p>`
      : table(
          [
            m("col.rank"),
            m("col.product"),
            m("col.kind"),
            m("col.demandCity"),
            m("col.supplierCity"),
            m("col.demanders"),
            m("col.suppliers"),
            m("col.existingLinks"),
            m("col.reasons"),
          ],
          rows,
        ),
    "</section>",
  ].join("\n");
};

type EntityKind = "plan" | "planItem" | "indicator" | "region" | "chain" | "product" | "enterprise";

/** Every `source` of the entities the report shows, once each, with what cites it, in first-seen order. */
export function collectSources(data: ReportData): Array<{ source: string; kinds: EntityKind[] }> {
  const found = new Map<string, Set<EntityKind>>();
  const add = (kind: EntityKind, e: Sourced | undefined) => {
    const source = e?.source?.trim();
    if (!source) return;
    if (!found.has(source)) found.set(source, new Set());
    found.get(source)!.add(kind);
  };
  for (const p of data.plans) {
    add("plan", p);
    for (const t of p.targets) add("planItem", t);
    for (const g of data.progress.get(p.code) ?? [])
      for (const v of g.series) add("indicator", { code: g.indicator, name: null, nameZh: null, source: v.source });
  }
  add("region", data.region);
  for (const s of data.chains) add("chain", s.chain);
  for (const e of data.products.values()) add("product", e);
  for (const e of data.enterprises.values()) add("enterprise", e);
  const order: EntityKind[] = ["plan", "planItem", "indicator", "region", "chain", "product", "enterprise"];
  return [...found].map(([source, kinds]) => ({ source, kinds: order.filter((k) => kinds.has(k)) }));
}

/** The sources of what the report used, and where the analyses are defined. */
export const renderSources: ReportSection = (ctx) => {
  const { m } = ctx;
  const sources = collectSources(ctx.data);
  return [
    '<section class="sources" data-section="sources">',
    `<h2>${esc(m("sourcesTitle"))}</h2>`,
    sources.length === 0 ? `<p class="none">${esc(m("sourcesNone"))}</p>` : `<p>${esc(m("sourcesIntro"))}</p>`,
    sources.length === 0
      ? ""
      : `<ol class="source-list">${sources
          .map(
            (s) =>
              `<li data-source="${esc(s.source)}">${esc(s.source)} <span class="muted">(${esc(m("citedBy", { what: s.kinds.map((k) => m(`entity.${k}`)).join(m("listSep")) }))})</span></li>`,
          )
          .join("")}</ol>`,
    `<h3>${esc(m("methodsTitle"))}</h3>`,
    `<p class="methods">${esc(m("methods"))}</p>`,
    "</section>",
  ].join("\n");
};

/** What changed in the chain since the previous year the graph holds (changes(from, to)). */
export const renderChanges: ChainSectionRenderer = (s, ctx) => {
  const { m, data } = ctx;
  const c = s.changes;
  if (!c) {
    const none = data.years.year === null ? m("changesTimeless") : m("changesNoEarlier", { year: data.years.year });
    return [
      '<section class="changes" data-section="changes">',
      `<h3>${esc(m("changesPlain"))}</h3>`,
      `<p class="none">${esc(none)}</p>`,
      "</section>",
    ].join("\n");
  }
  const product = (code: string, n: { name: string | null; nameZh: string | null }) =>
    `${esc(productName(code, { code, ...n }, ctx))}<br><span class="code">${esc(code)}</span>`;
  const kind = (k: keyof typeof KIND_STYLE) =>
    `<span style="color:${KIND_STYLE[k].color}">${KIND_STYLE[k].mark}</span> ${esc(m(`kindShort.${k as "MISSING"}`))}`;
  const rows = [
    ...c.shortBoardsOpened.map(
      (b) =>
        `<tr data-change="opened" data-product="${esc(b.productCode)}"><td>${esc(m("change.opened"))}</td><td>${product(b.productCode, b)}</td><td>${esc(m("change.none"))}</td><td>${kind(b.kind)}</td></tr>`,
    ),
    ...c.kindChanges.map(
      (k) =>
        `<tr data-change="kind" data-product="${esc(k.productCode)}"><td>${esc(m("change.kind"))}</td><td>${product(k.productCode, k)}</td><td>${kind(k.from)}</td><td>${kind(k.to)}</td></tr>`,
    ),
    ...c.shortBoardsClosed.map(
      (b) =>
        `<tr data-change="closed" data-product="${esc(b.productCode)}"><td>${esc(m("change.closed"))}</td><td>${product(b.productCode, b)}</td><td>${kind(b.kind)}</td><td>${esc(m("change.none"))}</td></tr>`,
    ),
  ];
  const firm = (code: string) => esc(ctx.name(data.enterprises.get(code) ?? { code, name: null, nameZh: null }));
  const firms = (codes: string[]) => (codes.length ? codes.map(firm).join(esc(m("listSep"))) : esc(m("change.none")));
  return [
    '<section class="changes" data-section="changes">',
    `<h3>${esc(m("changesTitle", { from: c.from, to: c.to }))}</h3>`,
    `<p class="reasons">${reasons(c.reasons, ctx)}</p>`,
    rows.length === 0
      ? `<p class="none">${esc(m("changesNoBoards"))}</p>`
      : table([m("col.change"), m("col.product"), m("col.from", { year: c.from }), m("col.to", { year: c.to })], rows),
    `<p data-entered="${esc(c.enterprisesEnteredCodes.join(" "))}">${esc(m("changesEntered", { n: c.enterprisesEnteredCount }))}${firms(c.enterprisesEnteredCodes)}</p>`,
    `<p data-left="${esc(c.enterprisesLeftCodes.join(" "))}">${esc(m("changesLeft", { n: c.enterprisesLeftCount }))}${firms(c.enterprisesLeftCodes)}</p>`,
    "</section>",
  ].join("\n");
};

/** The chain's products each of the region's cities could enter next (relatedness). */
export const renderGrowth: ChainSectionRenderer = (s, ctx) => {
  const { m, data } = ctx;
  const city = (code: string) => ctx.name(data.region.cities.find((c) => c.code === code) ?? { code, name: null, nameZh: null });
  const product = (code: string) => productName(code, { code, name: null, nameZh: null }, ctx);
  const rows = s.growth.map(
    (g) =>
      `<tr data-city="${esc(g.regionCode)}" data-product="${esc(g.productCode)}" data-density="${g.density}">` +
      `<td>${esc(city(g.regionCode))}</td><td>${esc(product(g.productCode))}<br><span class="code">${esc(g.productCode)}</span></td>` +
      `<td class="num">${trim(g.density)}</td>` +
      `<td>${esc(
        g.relatedPresent
          .slice(0, 5)
          .map((r) => `${product(r.productCode)} (${trim(r.proximity)})`)
          .join(m("listSep")),
      )}</td>` +
      `<td class="reasons">${reasons(g.reasons, ctx)}</td></tr>`,
  );
  const g = data.growth;
  return [
    '<section class="growth" data-section="growth">',
    `<h3>${esc(m("growthTitle"))}</h3>`,
    `<p class="note">${esc(m("growthIntro", { space: ctx.name(g.space), cities: g.cities, products: g.products }))}</p>`,
    rows.length === 0
      ? `<p class="none">${esc(m("growthNone"))}</p>`
      : table([m("col.city"), m("col.product"), m("col.density"), m("col.related"), m("col.reasons")], rows),
    "</section>",
  ].join("\n");
};

/** How well the previous year's product space predicted this year's entries. */
export const renderBacktest: ReportSection = (ctx) => {
  const { m } = ctx;
  const b = ctx.data.growth.backtest;
  const num = (x: number | null) => (x === null ? "—" : trim(x));
  const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
  const text =
    b === null
      ? m("backtestNone")
      : b.entries === 0
        ? m("backtestNoEntries", { from: b.from, to: b.to })
        : m("backtestText", {
            from: b.from,
            to: b.to,
            candidates: b.candidates,
            entries: b.entries,
            auc: num(b.auc),
            ubiquity: num(b.baselines.find((x) => x.name === "ubiquity")?.auc ?? null),
            ap: num(b.aucPr),
            base: num(b.baselines.find((x) => x.name === "random")?.aucPr ?? null),
            p10: pct(b.precisionAt10),
          });
  const attrs = b ? ` data-auc="${b.auc ?? ""}" data-candidates="${b.candidates}" data-entries="${b.entries}"` : "";
  return [
    `<section class="backtest" data-section="backtest"${attrs}>`,
    `<h2>${esc(m("backtestTitle"))}</h2>`,
    `<p>${esc(text)}</p>`,
    "</section>",
  ].join("\n");
};

/** The report's sections, in order. */
export const REPORT_SECTIONS: readonly ReportSection[] = [renderTitle, renderPlans, renderChains, renderBacktest, renderSources];

/** Each chain's sections, in order. */
export const CHAIN_SECTIONS: readonly ChainSectionRenderer[] = [
  renderChainMap,
  renderShortBoards,
  renderChanges,
  renderTargetFirms,
  renderCooperation,
  renderGrowth,
];

function table(headings: string[], rows: string[], cls = ""): string {
  return [
    `<table${cls ? ` class="${cls}"` : ""}>`,
    `<thead><tr>${headings.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>${rows.join("\n")}</tbody>`,
    "</table>",
  ].join("\n");
}

const STYLE = `
*{box-sizing:border-box}
body{font-family:${FONT_STACK};color:#222;margin:0 auto;max-width:1040px;padding:24px;line-height:1.5;font-size:14px}
h1{font-size:30px;margin:8px 0 4px}h2{font-size:22px;border-bottom:2px solid #3a6ea5;padding-bottom:4px;margin-top:32px}
h3{font-size:17px;margin:20px 0 8px}
.title-page{padding:80px 0 40px;border-bottom:4px solid #3a6ea5}
.kicker{color:#3a6ea5;font-weight:bold;letter-spacing:.1em;margin:0}
.region-kind,.meta,.muted,.note{color:#555}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:24px 0}.facts dt{font-weight:bold}.facts dd{margin:0}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:12.5px}
th,td{border:1px solid #c8d0da;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eef2f7;white-space:nowrap}td.num{text-align:right;white-space:nowrap}
.code{color:#666;font-size:11px}.reasons{min-width:240px}
.top-board{font-weight:bold;color:#8b0000}
figure{margin:8px 0}figcaption{color:#555;font-size:12px}
.none{color:#555;font-style:italic}
.source-list li{margin:4px 0}
section.chain{break-before:page}
section.sources{break-before:page}
tr,.plan{break-inside:avoid}
svg.chain-map{break-inside:avoid;display:block}
@page{size:A4;margin:14mm 12mm}
@media print{body{padding:0;max-width:none}.title-page{padding-top:40px}}
`;
