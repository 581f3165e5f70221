import type { Page } from "playwright-core";

/** What a report page shows, read from the DOM Chromium built from it (tests/integration/report.int.test.ts). */
export interface ReportSummary {
  lang: string;
  title: string;
  h2: string[];
  plan: { heading: string; plans: string[]; targets: string[] };
  chains: Array<{
    code: string;
    heading: string;
    h3: Record<string, string>;
    topBoard: string;
    nodes: Array<{ product: string; kind: string; top: boolean }>;
    leftOut: number;
    shortBoards: Array<{ product: string; score: number; kinds: string; reasons: string[] }>;
    targetFirms: Array<{ enterprise: string; covers: string; reasons: string[] }>;
    cooperation: Array<{ product: string; demandCity: string; supplierCity: string; reasons: string[] }>;
  }>;
  sources: string[];
  scripts: number;
}

// Run in the page as a string: the root tsconfig has no DOM types. A reasons cell holds one sentence per text node.
const SUMMARY = `(() => {
  const text = (el) => (el ? el.textContent.trim() : "");
  const reasons = (row) => Array.from(row.querySelector("td.reasons").childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent);
  const rows = (section, sel) => Array.from(section.querySelectorAll("tbody tr" + sel));
  const plan = document.querySelector('[data-section="plan"]');
  return {
    lang: document.documentElement.lang,
    title: text(document.querySelector('[data-section="title"] h1')),
    h2: Array.from(document.querySelectorAll("h2")).map(text),
    plan: {
      heading: text(plan && plan.querySelector("h2")),
      plans: Array.from(document.querySelectorAll("[data-plan]")).map((p) => p.getAttribute("data-plan")),
      targets: Array.from(document.querySelectorAll("tr[data-item]")).map((t) => t.getAttribute("data-item")),
    },
    chains: Array.from(document.querySelectorAll('section[data-section="chain"]')).map((c) => {
      const part = (name) => c.querySelector('[data-section="' + name + '"]');
      const h3 = {};
      for (const name of ["map", "short-boards", "target-firms", "cooperation"]) h3[name] = text(part(name) && part(name).querySelector("h3"));
      const left = c.querySelector("[data-left-out]");
      return {
        code: c.getAttribute("data-chain"),
        heading: text(c.querySelector("h2")),
        h3,
        topBoard: text(c.querySelector(".top-board")),
        nodes: Array.from(c.querySelectorAll("svg.chain-map g.node")).map((n) => ({
          product: n.getAttribute("data-product"),
          kind: n.getAttribute("data-kind"),
          top: n.getAttribute("data-top") === "true",
        })),
        leftOut: left ? Number(left.getAttribute("data-left-out")) : 0,
        shortBoards: rows(part("short-boards"), "[data-product]").map((r) => ({
          product: r.getAttribute("data-product"),
          score: Number(r.getAttribute("data-score")),
          kinds: r.querySelector("[data-kinds]").getAttribute("data-kinds"),
          reasons: reasons(r),
        })),
        targetFirms: rows(part("target-firms"), "[data-enterprise]").map((r) => ({
          enterprise: r.getAttribute("data-enterprise"),
          covers: r.querySelector("[data-covers]").getAttribute("data-covers"),
          reasons: reasons(r),
        })),
        cooperation: rows(part("cooperation"), "[data-product]").map((r) => ({
          product: r.getAttribute("data-product"),
          demandCity: r.getAttribute("data-demand-city"),
          supplierCity: r.getAttribute("data-supplier-city"),
          reasons: reasons(r),
        })),
      };
    }),
    sources: Array.from(document.querySelectorAll('[data-section="sources"] li[data-source]')).map((l) => l.getAttribute("data-source")),
    scripts: document.querySelectorAll("script").length,
  };
})()`;

/**
 * Loads a report's HTML into the page with every network request refused and counted, and reads it.
 * `requests` is what the page tried to fetch: a self-contained report tries nothing.
 */
export async function readReport(page: Page, html: string): Promise<{ summary: ReportSummary; requests: string[] }> {
  const requests: string[] = [];
  await page.unroute("**/*").catch(() => undefined);
  await page.route("**/*", (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  await page.setContent(html, { waitUntil: "load" });
  return { summary: await page.evaluate<ReportSummary>(SUMMARY), requests };
}

/**
 * Every reference in an HTML text to another resource: a `src`, `href`, `xlink:href`, `action`,
 * `poster` or `srcset` attribute, or a CSS `url(…)` / `@import`, whose target is not a `#fragment`
 * or a `data:` URI. Absolute (`http:`, `https:`, `//host`) and relative ones alike.
 */
export function externalReferences(html: string): string[] {
  const found: string[] = [];
  const local = (target: string) => /^\s*(#|data:)/i.test(target);
  for (const m of html.matchAll(/\s(?:src|href|xlink:href|action|poster|srcset)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const target = m[2] ?? m[3] ?? m[4] ?? "";
    if (!local(target)) found.push(m[0].trim());
  }
  for (const m of html.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) if (!local(m[2]!)) found.push(m[0]);
  for (const m of html.matchAll(/@import\s+[^;]+/gi)) found.push(m[0]);
  return found;
}
