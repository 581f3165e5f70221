/**
 * How long the policymaker's app takes to its first view on a running service: from opening
 * `/app/?chain=…&region=…` in Debian's Chromium until the chain map is drawn with its top short board
 * marked (`window.__app.ready`), and until the target-firm table (the last of the tables to ask) holds
 * its rows. It also checks that the top short board (the first of `shortBoards`) is among the products
 * drawn: on a chain too large to draw whole, that is what the weakest-first map is for.
 *
 *   npx tsx bench/app-first-view.ts --url http://127.0.0.1:4400 --chain GCH01 \
 *     --regions SD-JINAN,SD,SD-QINGDAO [--rounds 3] [--out bench/results.app.json]
 *
 * Point it at a service on the graph to measure (the bench graph of bench/run.ts, for one); each
 * round opens a fresh browser page, so only the service's and Neo4j's caches carry over.
 */
import { writeFileSync } from "node:fs";
import { launchChromium } from "../tests/support/browser.js";
import { machine, serviceCommit } from "./machine.js";
import { numberArg, parseArgs, percentile, stringArg } from "./util.js";

interface AppHooks {
  ready: boolean;
  mapProducts(): Array<{ code: string; kind: string }>;
}

interface Round {
  region: string;
  round: number;
  /** Until the map is drawn with its top short board marked. */
  mapMs: number;
  /** Until the target-firm table holds its rows (or its error). */
  tablesMs: number;
  drawn: number;
  topShortBoard: string | null;
  topDrawn: boolean;
  consoleErrors: number;
}

const args = parseArgs(process.argv.slice(2));
const url = stringArg(args, "url") ?? "http://127.0.0.1:4000";
const chain = stringArg(args, "chain") ?? "BIGDATA";
const regions = (stringArg(args, "regions") ?? "SD-JINAN").split(",");
const rounds = numberArg(args, "rounds", 3);
const out = stringArg(args, "out");

async function topShortBoard(region: string): Promise<string | null> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query:
        "query($chain: String!, $region: String!) { shortBoards(chain: $chain, scope: {region: $region}, first: 1) { product { code } } }",
      variables: { chain, region },
    }),
  });
  const body = (await res.json()) as { data?: { shortBoards: Array<{ product: { code: string } }> } };
  return body.data?.shortBoards[0]?.product.code ?? null;
}

const browser = await launchChromium();
const results: Round[] = [];
try {
  for (let round = 0; round < rounds; round++) {
    for (const region of regions) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      let consoleErrors = 0;
      page.on("console", (m) => m.type() === "error" && consoleErrors++);
      const start = performance.now();
      await page.goto(`${url}/app/?chain=${encodeURIComponent(chain)}&region=${encodeURIComponent(region)}&lang=zh`);
      await page.waitForFunction(() => (globalThis as unknown as { __app?: AppHooks }).__app?.ready === true, undefined, {
        timeout: 180_000,
      });
      const mapMs = performance.now() - start;
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector(
            '[data-testid="table-targetFirms"] :is(tbody, .error, .empty)',
          ) !== null,
        undefined,
        { timeout: 180_000 },
      );
      const tablesMs = performance.now() - start;
      const drawn = await page.evaluate(() => (globalThis as unknown as { __app: AppHooks }).__app.mapProducts());
      const top = await topShortBoard(region);
      results.push({
        region,
        round,
        mapMs: Math.round(mapMs),
        tablesMs: Math.round(tablesMs),
        drawn: drawn.length,
        topShortBoard: top,
        topDrawn: top === null || drawn.some((p) => p.code === top),
        consoleErrors,
      });
      console.log(JSON.stringify(results.at(-1)));
      await page.close();
    }
  }
} finally {
  await browser.close();
}

const summary = regions.map((region) => {
  const rows = results.filter((r) => r.region === region);
  const sorted = (k: "mapMs" | "tablesMs") => rows.map((r) => r[k]).sort((a, b) => a - b);
  return {
    region,
    firstRoundMapMs: rows[0]?.mapMs,
    medianMapMs: percentile(sorted("mapMs"), 50),
    medianTablesMs: percentile(sorted("tablesMs"), 50),
    topDrawnEveryRound: rows.every((r) => r.topDrawn),
  };
});
console.table(summary);
if (out) {
  writeFileSync(
    out,
    JSON.stringify(
      { at: new Date().toISOString(), commit: serviceCommit(), machine: machine(), url, chain, summary, results },
      null,
      2,
    ) + "\n",
  );
}
