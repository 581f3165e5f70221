import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "../../src/seed.js";
import { launchChromium } from "../support/browser.js";
import { logger, setupGraph } from "../support/graph.js";
import { serveApp } from "../support/serve.js";

/**
 * The policymaker's app in a real browser (Debian's Chromium through playwright-core), against the
 * service on the Shandong graph, seeded as the service seeds it (two yearly states, 2021 and 2024).
 * Screenshots of each page go to docs/screenshots/.
 */
const g = setupGraph();
const SHOTS = path.resolve("docs/screenshots");
/** The panel reads its product when opened: a cold first read can take a few seconds. */
const POLL = { timeout: 15_000 };

interface AppHooks {
  ready: boolean;
  selectProduct(code: string): void;
  mapProducts(): Array<{ code: string; kind: string; producers: number }>;
  heatCells(): { measure: string; cells: Array<[string, string, number]> };
}
/** What the page's callbacks see (the root tsconfig has no DOM types; casts vanish at run time). */
interface BrowserGlobals {
  __app?: AppHooks;
  document: { documentElement: { lang: string } };
  location: { search: string };
}

interface ShortBoard {
  product: { code: string; nameZh: string; name: string };
  reasonsZh: string[];
  reasonsEn: string[];
}

async function shortBoards(region: string): Promise<ShortBoard[]> {
  const { data, errors } = await g.query<{ shortBoards: ShortBoard[] }>(
    `query($region: String!) { shortBoards(chain: "BIGDATA", scope: {region: $region}, first: 200) {
      product { code nameZh name } reasonsZh: reasons(lang: ZH) reasonsEn: reasons(lang: EN) } }`,
    { region },
  );
  expect(errors).toBeUndefined();
  return data!.shortBoards;
}

describe("the policymaker's app in Chromium", () => {
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    await seedIfEmpty(g.executor, "shandong", logger);
    // Builds web/ when web/dist is missing or older than its sources (npm install built it once).
    const build = spawnSync(process.execPath, ["scripts/app-build.mjs", "--if-stale"], { stdio: "inherit" });
    expect(build.status).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    const served = await serveApp({
      executor: g.executor,
      production: true,
      // The app sends only its own operations, which the committed manifest holds (web/src/queries).
      persistedOperations: "only",
    });
    base = served.url;
    close = served.close;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${base}/app/${query}`);
    await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).__app?.ready === true, undefined, {
      timeout: 30_000,
    });
    return page;
  }

  it("opens Jinan's big-data chain map with its top short board marked, and a click shows its reasons", async () => {
    const [top] = await shortBoards("SD-JINAN");
    const page = await open("?chain=BIGDATA&region=SD-JINAN&lang=zh");
    await expect.poll(() => page.getByTestId("top-short-board").innerText(), POLL).toContain(top!.product.code);
    expect(await page.getByTestId("top-short-board").innerText()).toContain(top!.product.nameZh);
    const onMap = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).__app!.mapProducts());
    expect(onMap.map((p) => p.code)).toContain(top!.product.code);
    expect(await page.getByTestId("product-panel").isVisible()).toBe(false);

    await page.evaluate((code) => (globalThis as unknown as BrowserGlobals).__app!.selectProduct(code), top!.product.code);
    await page.getByTestId("product-panel").waitFor({ state: "visible" });
    await expect.poll(() => page.getByTestId("panel-reasons").locator("li").allInnerTexts(), POLL).toEqual(top!.reasonsZh);
    await page.screenshot({ path: path.join(SHOTS, "chain-map-jinan-zh.png"), fullPage: false });
    await page.close();
  });

  it("switches the labels to English, and another city changes the map", async () => {
    const page = await open("?chain=BIGDATA&region=SD-JINAN&lang=zh");
    const zhLabels = await page.locator("body").innerText();
    await page.getByTestId("lang-toggle").click();
    await page.waitForFunction(
      () =>
        (globalThis as unknown as BrowserGlobals).document.documentElement.lang === "en" &&
        (globalThis as unknown as BrowserGlobals).__app?.ready === true,
    );
    const enLabels = await page.locator("body").innerText();
    expect(enLabels).not.toEqual(zhLabels);
    expect(page.url()).toContain("lang=en");

    const [qingdaoTop] = await shortBoards("SD-QINGDAO");
    await page.getByTestId("region-picker").selectOption("SD-QINGDAO");
    await page.waitForFunction(
      () =>
        (globalThis as unknown as BrowserGlobals).__app?.ready === true &&
        (globalThis as unknown as BrowserGlobals).location.search.includes("region=SD-QINGDAO"),
    );
    await expect.poll(() => page.getByTestId("top-short-board").innerText(), POLL).toContain(qingdaoTop!.product.code);
    await page.evaluate((code) => (globalThis as unknown as BrowserGlobals).__app!.selectProduct(code), qingdaoTop!.product.code);
    await page.getByTestId("product-panel").waitFor({ state: "visible" });
    await expect.poll(() => page.getByTestId("panel-reasons").locator("li").allInnerTexts(), POLL).toEqual(qingdaoTop!.reasonsEn);
    await page.screenshot({ path: path.join(SHOTS, "chain-map-qingdao-en.png") });
    await page.close();
  });

  it("exports the short boards table to CSV and Excel with the same rows as the API", async () => {
    const page = await open("?chain=BIGDATA&region=SD-JINAN&lang=zh");
    const section = page.getByTestId("table-shortBoards");
    await section.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByTestId("export-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split(/\r?\n/);
    const codes = lines.slice(1).map((line) => /^"?([^",]+)"?,/.exec(line)?.[1]);
    const api = await shortBoards("SD-JINAN");
    expect(codes).toEqual(api.map((b) => b.product.code));

    // The Excel file holds the same rows, its header in bold.
    const [xlsx] = await Promise.all([page.waitForEvent("download"), section.getByTestId("export-xlsx").click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const xlsxCodes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) xlsxCodes.push(String(row.getCell(1).value));
    });
    expect(xlsxCodes).toEqual(api.map((b) => b.product.code));
    await page.screenshot({ path: path.join(SHOTS, "tables-jinan-zh.png"), fullPage: true });
    await page.close();
  });

  it("lists a city's growth potential (发展潜力) from its province's product space, and asks for a city on a circle", async () => {
    const { data, errors } = await g.query<{ productSpace: { entryCandidates: Array<{ product: { code: string } }> } }>(
      `{ productSpace(scope: {region: "SD"}) { entryCandidates(region: "SD-JINAN", chain: "BIGDATA", first: 50) { product { code } } } }`,
    );
    expect(errors).toBeUndefined();
    const api = data!.productSpace.entryCandidates.map((c) => c.product.code);
    expect(api.length).toBeGreaterThan(0);
    const page = await open("?chain=BIGDATA&region=SD-JINAN&lang=zh");
    const section = page.getByTestId("table-growth");
    await section.scrollIntoViewIfNeeded();
    await expect.poll(() => section.innerText(), POLL).toContain("关联密度");
    await expect.poll(() => section.locator("tbody tr:not(.spacer)").count(), POLL).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByTestId("export-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const codes = csv
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => /^"?([^",]+)"?,/.exec(line)?.[1]);
    expect(codes).toEqual(api);
    await section.screenshot({ path: path.join(SHOTS, "growth-jinan-zh.png") });

    await page.getByTestId("region-picker").selectOption("SD-C-JINAN");
    await expect.poll(() => section.innerText(), POLL).toContain("选择一个城市");
    await page.close();
  });

  it("draws the regional comparison and an enterprise portrait", async () => {
    const { data } = await g.query<{
      enterprise: { nameZh: string; city: { nameZh: string }; products: Array<{ product: { nameZh: string } }> };
    }>(`{ enterprise(code: "E-INSPUR-EI") { nameZh city { nameZh } products { product { nameZh } } } }`);
    const page = await open("?chain=BIGDATA&region=SD-JINAN&lang=zh&firm=E-INSPUR-EI");
    const heat = page.getByTestId("heatmap");
    await heat.scrollIntoViewIfNeeded();
    await heat.locator("canvas").first().waitFor({ state: "visible", timeout: 15_000 });
    await page.waitForTimeout(500); // ECharts' entry animation
    await heat.screenshot({ path: path.join(SHOTS, "comparison-jinan-zh.png") });
    const drawn = () => page.evaluate(() => (globalThis as unknown as BrowserGlobals).__app!.heatCells());
    const counts = await drawn();
    expect(counts.measure).toBe("FIRMS");
    expect(counts.cells.length).toBeGreaterThan(0);

    // Switched to RCA: each cell is the RCA of the city in the product, in the product space of the
    // comparison scope (Jinan's circle), to one decimal; 0 where the city makes none of it.
    const space = await g.query<{
      productSpace: { cells: { nodes: Array<{ region: { code: string }; product: { code: string }; rca: number }> } };
    }>(
      `{ productSpace(scope: {region: "SD-C-JINAN"}) { cells(chain: "BIGDATA", first: 1000) { nodes { region { code } product { code } rca } } } }`,
    );
    const rca = new Map(space.data!.productSpace.cells.nodes.map((c) => [`${c.region.code} ${c.product.code}`, c.rca]));
    expect([...rca.values()].some((v) => v >= 1)).toBe(true);
    await page.getByTestId("heat-measure").selectOption("RCA");
    await expect.poll(() => heat.getAttribute("data-measure"), POLL).toBe("RCA");
    const shown = await drawn();
    expect(shown.cells.map(([city, product]) => `${city} ${product}`)).toEqual(
      counts.cells.map(([city, product]) => `${city} ${product}`),
    );
    expect(shown.cells.map(([city, product, v]) => [city, product, v])).toEqual(
      shown.cells.map(([city, product]) => [city, product, Math.round((rca.get(`${city} ${product}`) ?? 0) * 10) / 10]),
    );
    await expect.poll(() => page.locator("#heat p.muted").first().innerText(), POLL).toContain("RCA");
    await page.waitForTimeout(300);
    await heat.screenshot({ path: path.join(SHOTS, "comparison-rca-jinan-zh.png") });
    await page.getByTestId("heat-measure").selectOption("FIRMS");
    await expect.poll(() => heat.getAttribute("data-measure"), POLL).toBe("FIRMS");
    expect(await drawn()).toEqual(counts);
    const portrait = page.getByTestId("portrait");
    await portrait.scrollIntoViewIfNeeded();
    // The picker lists the scope's firms by name, so wait for what only the portrait shows: its city and products.
    await expect.poll(() => portrait.innerText(), POLL).toContain(data!.enterprise.city.nameZh);
    const text = await portrait.innerText();
    expect(text).toContain(data!.enterprise.nameZh);
    for (const { product } of data!.enterprise.products) expect(text).toContain(product.nameZh);
    await portrait.screenshot({ path: path.join(SHOTS, "portrait-inspur-zh.png") });
    await page.close();
  });

  it("opens the annual report of the current region and chain in a new tab", async () => {
    const page = await open("?chain=BIGDATA&region=SD-QINGDAO&lang=en");
    const link = page.getByTestId("report-link");
    expect(await link.innerText()).toBe("Annual report");
    const href = new URL((await link.getAttribute("href"))!);
    expect([
      href.pathname,
      href.searchParams.get("region"),
      href.searchParams.get("chain"),
      href.searchParams.get("lang"),
    ]).toEqual(["/report", "SD-QINGDAO", "BIGDATA", "en"]);
    const [tab] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
    await tab.waitForLoadState("load");
    expect(new URL(tab.url()).pathname).toBe("/report");
    expect(await tab.locator("h1").innerText()).toContain("Qingdao");
    expect(await tab.locator("section[data-chain]").evaluateAll((els) => els.map((e) => e.getAttribute("data-chain")))).toEqual([
      "BIGDATA",
    ]);
    expect(await tab.locator("svg.chain-map g.node").count()).toBeGreaterThan(0);
    await tab.screenshot({ path: path.join(SHOTS, "report-qingdao-en.png"), fullPage: false });
    await tab.close();
    await page.close();
  });

  it("picks an earlier year: the map shows that year's weak links, and the address keeps the year", async () => {
    const kinds = async (year: number) => {
      const { data, errors } = await g.query<{
        chainMap: { products: Array<{ product: { code: string }; kinds: string[]; localProducerCount: number }> };
      }>(
        `query($year: Int) { chainMap(chain: "BIGDATA", scope: {region: "SD-JINAN"}, first: 400, year: $year) {
          products { product { code } kinds localProducerCount } } }`,
        { year },
      );
      expect(errors).toBeUndefined();
      return new Map(data!.chainMap.products.map((p) => [p.product.code, `${p.kinds.join(",")} ${p.localProducerCount}`]));
    };
    const [early, late] = await Promise.all([kinds(2021), kinds(2024)]);
    // The seed's 2024 state adds BYD's Jinan semiconductor plant: some product's kinds or local producers differ.
    const changed = [...late.keys()].filter((code) => early.get(code) !== late.get(code));
    expect(changed.length).toBeGreaterThan(0);

    const page = await open("?chain=BIGDATA&region=SD-JINAN&lang=zh");
    const picker = page.getByTestId("year-picker");
    expect(await picker.locator("option").evaluateAll((els) => els.map((e) => e.getAttribute("value")))).toEqual([
      "",
      "2024",
      "2021",
    ]);
    const drawn = async () =>
      new Map(
        (await page.evaluate(() => (globalThis as unknown as BrowserGlobals).__app!.mapProducts())).map((p) => [
          p.code,
          `${p.kind} ${p.producers}`,
        ]),
      );
    const latest = await drawn();
    await picker.selectOption("2021");
    await page.waitForFunction(
      () =>
        (globalThis as unknown as BrowserGlobals).__app?.ready === true &&
        (globalThis as unknown as BrowserGlobals).location.search.includes("year=2021"),
    );
    const then = await drawn();
    expect(changed.filter((code) => then.get(code) !== latest.get(code))).toEqual(changed);
    expect(new URL((await page.getByTestId("report-link").getAttribute("href"))!).searchParams.get("year")).toBe("2021");
    await page.screenshot({ path: path.join(SHOTS, "chain-map-jinan-2021-zh.png") });
    await page.close();
  });

  it("sent no request beyond 127.0.0.1, and the console showed no errors", () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith(base) && !url.startsWith("data:") && !url.startsWith("blob:"))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
