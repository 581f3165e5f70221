import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { cooperationOpportunities, pickReasons, shortBoards, targetFirms } from "../../src/analytics/index.js";
import { loadReport, REPORT_LIMITS } from "../../src/report/data.js";
import type { ReportLang } from "../../src/report/options.js";
import { writePdf } from "../../src/report/pdf.js";
import { renderReport } from "../../src/report/render.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { launchChromium } from "../support/browser.js";
import { setupGraph } from "../support/graph.js";
import { externalReferences, readReport, type ReportSummary } from "../support/report-page.js";

/**
 * The annual report (src/report) on the Shandong graph: rendered, loaded into the real Chromium with
 * every request refused, and read back from the DOM, against the analyses called directly. The DOM is
 * Chromium's own: the engine that prints the PDF is the one that parses the page here.
 */
const g = setupGraph(SHANDONG_SEED);
let browser: Browser;
let page: Page;
const tmp = mkdtempSync(path.join(tmpdir(), "chain-kg-report-"));

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Headings written out by hand, so that a wrong language or a lost section fails. */
const HEADINGS: Record<
  ReportLang,
  { plan: string; map: string; shortBoards: string; targetFirms: string; cooperation: string; sources: string }
> = {
  zh: {
    plan: "规划与目标",
    map: "产业链图谱",
    shortBoards: "短板",
    targetFirms: "招商目标企业",
    cooperation: "区域协作机会",
    sources: "数据来源与方法",
  },
  en: {
    plan: "The plan and its targets",
    map: "Chain map",
    shortBoards: "Short boards",
    targetFirms: "Target firms (investment promotion",
    cooperation: "Cooperation between cities",
    sources: "Sources and methods",
  },
};
const REGION_NAME: Record<string, Record<ReportLang, string>> = {
  SD: { zh: "山东省", en: "Shandong" },
  "SD-JINAN": { zh: "济南市", en: "Jinan" },
};

async function chainsWithProducts(): Promise<Array<{ code: string; products: number }>> {
  return g.executor.read<{ code: string; products: number }>(
    "test.chains",
    "MATCH (c:IndustryChain)<-[:IN_CHAIN]-(p:Product) RETURN c.code AS code, count(p) AS products ORDER BY code",
  );
}

async function planSource(): Promise<{ code: string; source: string }> {
  const [row] = await g.executor.read<{ code: string; source: string }>(
    "test.plan",
    "MATCH (p:Plan)-[:ISSUED_FOR]->(:Region {code: 'SD'}) RETURN p.code AS code, p.source AS source",
  );
  return row!;
}

describe.each([
  ["SD-JINAN", "zh"],
  ["SD-JINAN", "en"],
  ["SD", "zh"],
  ["SD", "en"],
] as const)("the report for %s in %s", (region, lang) => {
  let html: string;
  let report: ReportSummary;
  let requests: string[];

  beforeAll(async () => {
    html = renderReport(await loadReport(g.executor, { region, year: 2025, chain: null, lang }));
    ({ summary: report, requests } = await readReport(page, html));
  });

  it("has a title page naming the region and the year, in the report's language", () => {
    expect(report.lang).toBe(lang === "zh" ? "zh-CN" : "en");
    expect(report.title).toContain(REGION_NAME[region]![lang]);
    expect(report.title).toContain("2025");
  });

  it("has the plan, one section per chain that has products, and the sources, with their headings", async () => {
    const h = HEADINGS[lang];
    expect(report.plan.heading).toBe(h.plan);
    expect(report.h2.at(-1)).toBe(h.sources);
    expect(report.chains.map((c) => c.code)).toEqual((await chainsWithProducts()).map((c) => c.code));
    for (const c of report.chains) {
      expect(c.h3.map).toBe(h.map);
      expect(c.h3["short-boards"]).toContain(h.shortBoards);
      expect(c.h3["target-firms"]).toContain(h.targetFirms);
      expect(c.h3.cooperation).toContain(h.cooperation);
    }
  });

  it("lists the plan issued for the province, with its target", async () => {
    expect(report.plan.plans).toEqual([(await planSource()).code]);
    expect(report.plan.targets).toEqual(["PI-TARGET-OUTPUT"]);
  });

  it("draws one node per product on each chain's map, and marks the top short board", async () => {
    const counts = new Map((await chainsWithProducts()).map((c) => [c.code, c.products]));
    for (const c of report.chains) {
      const products = counts.get(c.code)!;
      // Shandong's chains are small enough to be drawn whole.
      expect(products).toBeLessThanOrEqual(REPORT_LIMITS.mapDrawn);
      expect(c.nodes, c.code).toHaveLength(products);
      expect(new Set(c.nodes.map((n) => n.product)).size).toBe(products);
      expect(c.leftOut).toBe(0);
      const [top] = await shortBoards(g.executor, { chain: c.code, scope: { region }, first: 1 });
      const marked = c.nodes.filter((n) => n.top);
      if (top === undefined) expect(marked).toEqual([]);
      else {
        expect(
          marked.map((n) => n.product),
          c.code,
        ).toEqual([top.productCode]);
        expect(c.topBoard).toContain(top.productCode);
        expect(marked[0]!.kind).toBe(top.kinds[0]);
      }
    }
    // The big-data chain in Shandong and in Jinan has short boards: the mark is really tested.
    expect(report.chains.find((c) => c.code === "BIGDATA")!.nodes.filter((n) => n.top)).toHaveLength(1);
  });

  it("shows the short boards, target firms and cooperation rows the analyses return", async () => {
    const apiLang = lang === "zh" ? "ZH" : "EN";
    let rows = 0;
    for (const c of report.chains) {
      const args = { chain: c.code, scope: { region } };
      const boards = await shortBoards(g.executor, { ...args, first: REPORT_LIMITS.shortBoards });
      expect(c.shortBoards, c.code).toEqual(
        boards.map((b) => ({
          product: b.productCode,
          score: b.score,
          kinds: b.kinds.join(" "),
          reasons: pickReasons(b.reasons, apiLang),
        })),
      );
      const firms = await targetFirms(g.executor, { ...args, first: REPORT_LIMITS.targetFirms });
      expect(c.targetFirms, c.code).toEqual(
        firms.map((f) => ({
          enterprise: f.enterpriseCode,
          covers: f.coverCodes.join(" "),
          reasons: pickReasons(f.reasons, apiLang),
        })),
      );
      const pairs = await cooperationOpportunities(g.executor, { ...args, first: REPORT_LIMITS.cooperation });
      expect(c.cooperation, c.code).toEqual(
        pairs.map((p) => ({
          product: p.productCode,
          demandCity: p.demandCityCode,
          supplierCity: p.supplierCityCode,
          reasons: pickReasons(p.reasons, apiLang),
        })),
      );
      rows += boards.length + firms.length + pairs.length;
    }
    expect(rows).toBeGreaterThan(0);
    if (region === "SD-JINAN") expect(report.chains.some((c) => c.targetFirms.length > 0)).toBe(true);
    else expect(report.chains.some((c) => c.cooperation.length > 0)).toBe(true);
  });

  it("lists the plan's source among its sources, each once", async () => {
    expect(report.sources).toContain((await planSource()).source);
    expect(new Set(report.sources).size).toBe(report.sources.length);
  });

  it("references nothing outside itself and needs no script", () => {
    expect(externalReferences(html)).toEqual([]);
    expect(requests).toEqual([]);
    expect(report.scripts).toBe(0);
  });
});

describe("externalReferences", () => {
  it("finds absolute, protocol-relative and relative references, and lets fragments and data: URIs pass", () => {
    expect(externalReferences('<img src="https://cdn.example/a.png">')).toHaveLength(1);
    expect(externalReferences("<link href=//cdn.example/a.css>")).toHaveLength(1);
    expect(externalReferences("<img src='logo.png'>")).toHaveLength(1);
    expect(externalReferences("<style>b{background:url(../x.png)}</style>")).toHaveLength(1);
    expect(externalReferences('<style>@import "x.css";</style>')).toHaveLength(1);
    expect(externalReferences('<a href="#plan">x</a><img src="data:image/png;base64,AA"><i style="mask:url(#m)"></i>')).toEqual(
      [],
    );
  });
});

describe("the PDF", () => {
  it("is a PDF of more than one page for the province", async () => {
    const html = renderReport(await loadReport(g.executor, { region: "SD", year: 2025, chain: null, lang: "zh" }));
    const file = path.join(tmp, "sd.pdf");
    expect(await writePdf(html, file)).toBe(true);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
  });
});

describe("npm run report", () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/cli/report.ts", ...args], {
      encoding: "utf8",
      env: { ...process.env, NEO4J_URI: inject("neo4jUri"), LOG_LEVEL: "warn", ...env },
      timeout: 120_000,
    });

  it("writes the HTML and the PDF beside it", () => {
    const out = path.join(tmp, "jinan.html");
    const r = run(["--region", "SD-JINAN", "--year", "2025", "--chain", "BIGDATA", "--lang", "en", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("<h1>Jinan: industrial-chain development map 2025</h1>");
    expect(readFileSync(path.join(tmp, "jinan.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("without Chromium, says so on stderr and still writes the HTML", () => {
    const out = path.join(tmp, "no-browser.html");
    const r = run(["--region", "SD-JINAN", "--year", "2025", "--chain", "BIGDATA", "--out", out], {
      CHROMIUM_PATH: path.join(tmp, "no-such-chromium"),
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/no PDF: no Chromium at .*no-such-chromium/);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(path.join(tmp, "no-browser.pdf"))).toBe(false);
  });

  it("names an unknown region or chain in one line and exits 1", () => {
    const region = run(["--region", "XX-NOWHERE", "--year", "2025", "--out", path.join(tmp, "x.html")]);
    expect(region.status).toBe(1);
    expect(region.stderr.trim()).toBe('report: Unknown region "XX-NOWHERE"');
    const chain = run(["--region", "SD", "--year", "2025", "--chain", "NOPE", "--out", path.join(tmp, "x.html")]);
    expect(chain.status).toBe(1);
    expect(chain.stderr.trim()).toBe('report: Unknown chain "NOPE"');
    expect(existsSync(path.join(tmp, "x.html"))).toBe(false);
  });

  it.each([
    [["--year", "2025", "--out", "x.html"], "--region is required"],
    [["--region", "SD", "--year", "20x5", "--out", "x.html"], "--year must be a year"],
    [["--region", "SD", "--year", "25", "--out", "x.html"], "--year must be a year"],
    [["--region", "SD", "--year", "2025", "--lang", "fr", "--out", "x.html"], "--lang must be zh or en"],
    [["--region", "SD", "--year", "2025"], "--out FILE is required"],
    [["--region", "SD", "--year", "2025", "--out", "x.html", "--colour", "red"], "unknown flag --colour"],
  ])("refuses %j with a usage message and exit status 2", (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("usage: npm run report");
  });
});
