import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKeyStore } from "../../src/auth/keys.js";
import type { Viewer } from "../../src/auth/viewer.js";
import { seedIfEmpty } from "../../src/seed.js";
import { launchChromium } from "../support/browser.js";
import { logger, setupGraph } from "../support/graph.js";
import { serveApp } from "../support/serve.js";

/**
 * The portrait's edit panel in Chromium (issue 21, part 5): an editor moves a firm to another city and
 * changes a product's capacity; the API holds the change and the firm's history lists it. A reader
 * and an anonymous visitor see no edit panel. Screenshot: docs/screenshots/portrait-edit-zh.png.
 */
const g = setupGraph();
const SHOTS = path.resolve("docs/screenshots");
const POLL = { timeout: 15_000 };
const FIRM = "E-INSPUR-EI";
/** The in-process API as an editor would call it (history is for editors and admins). */
const EDITOR: Viewer = { kind: "key", id: "key:e2e", name: "e2e", role: "editor" };

interface Firm {
  version: number;
  city: { code: string; nameZh: string };
  cluster: { code: string } | null;
  products: Array<{ capacity: number | null; version: number; product: { code: string } }>;
  history: Array<{ operation: string; element: string; viewer: string; before: string | null; after: string | null }>;
}

async function firm(): Promise<Firm> {
  const { data, errors } = await g.query<{ enterprise: Firm }>(
    `query($code: String!) { enterprise(code: $code) {
      version city { code nameZh } cluster { code } products { capacity version product { code } }
      history(first: 10) { operation element viewer before after } } }`,
    { code: FIRM },
    { viewer: EDITOR },
  );
  expect(errors).toBeUndefined();
  return data!.enterprise;
}

describe("editing a firm from its portrait", () => {
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;
  let editorKey: string;
  let editorId: string;
  let readerKey: string;
  const problems: string[] = [];

  beforeAll(async () => {
    await seedIfEmpty(g.executor, "shandong", logger);
    const build = spawnSync(process.execPath, ["scripts/app-build.mjs", "--if-stale"], { stdio: "inherit" });
    expect(build.status).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    const keys = new ApiKeyStore(g.executor);
    const editor = await keys.createKey({ name: "app-editor", role: "editor" });
    editorKey = editor.key;
    editorId = `key:${editor.record.keyId}`;
    readerKey = (await keys.createKey({ name: "app-reader", role: "reader" })).key;
    // The app sends only its own operations, the mutations included: the committed manifest holds them.
    const served = await serveApp({ executor: g.executor, production: true, persistedOperations: "only" });
    base = served.url;
    close = served.close;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  /** The portrait of FIRM, with `key` stored as the app stores a key given at its prompt. */
  async function open(key: string | null): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    if (key)
      await page.addInitScript(
        (k) =>
          (globalThis as unknown as { localStorage: { setItem(n: string, v: string): void } }).localStorage.setItem(
            "chain-kg.apiKey",
            k,
          ),
        key,
      );
    const viewer = page.waitForResponse((r) => r.request().postData()?.includes("AppViewer") === true);
    await page.goto(`${base}/app/?chain=BIGDATA&region=SD-JINAN&lang=zh&firm=${FIRM}`);
    await viewer;
    return page;
  }

  it("moves the firm to another city and changes a capacity; the API and the history show it", async () => {
    const before = await firm();
    const product = before.products.find((p) => p.capacity !== null) ?? before.products[0]!;
    const capacity = (product.capacity ?? 0) + 123;

    const page = await open(editorKey);
    const panel = page.getByTestId("edit-panel");
    await panel.waitFor({ state: "visible", timeout: 30_000 });
    const city = page.getByTestId("edit-city");
    const cities = await city.locator("option").evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(cities).toContain(before.city.code);
    const target = cities.find((c) => c !== before.city.code)!;
    expect(target).toBeTruthy();
    await city.selectOption(target);
    // The cluster list is the new city's: the firm's old cluster is not among them.
    expect(await page.getByTestId("edit-cluster").inputValue()).toBe("");
    await page.getByTestId(`edit-capacity-${product.product.code}`).fill(String(capacity));
    await page.getByTestId("edit-save").click();
    await expect.poll(() => page.getByTestId("edit-message").innerText(), POLL).toContain("已保存");

    // Through the API: the city, the cluster (none in the new city), the capacity, the versions.
    const after = await firm();
    expect(after.city.code).toBe(target);
    expect(after.cluster).toBeNull();
    expect(after.version).toBe(before.version + 1);
    const changed = after.products.find((p) => p.product.code === product.product.code)!;
    expect(changed.capacity).toBe(capacity);
    expect(changed.version).toBe(product.version + 1);
    // The history, newest first: both mutations, by the editor's key.
    const ops = after.history.map((r) => r.operation);
    expect(ops.indexOf("setProduces")).toBeGreaterThanOrEqual(0);
    expect(ops.indexOf("setProduces")).toBeLessThan(ops.indexOf("upsertEnterprises"));
    for (const r of after.history.slice(0, 2)) expect(r.viewer).toBe(editorId);

    // The portrait was read again: its city and its history list both changes.
    const portrait = page.getByTestId("portrait");
    await expect.poll(() => portrait.innerText(), POLL).toContain(after.city.nameZh);
    const history = page.getByTestId("history");
    await expect.poll(() => history.locator("tbody tr").count(), POLL).toBeGreaterThanOrEqual(2);
    const rows = await history.locator("tbody tr").allInnerTexts();
    expect(rows[0]).toContain("setProduces");
    expect(rows[0]).toContain(String(capacity));
    expect(rows[1]).toContain("upsertEnterprises");
    expect(rows[1]).toContain(target);
    expect(await page.getByTestId(`edit-capacity-${product.product.code}`).inputValue()).toBe(String(capacity));
    await portrait.screenshot({ path: path.join(SHOTS, "portrait-edit-zh.png") });

    expect(problems).toEqual([]);
    await page.close();
  });

  it("says so when someone else changed the firm since it was read (CONFLICT), and reads it again", async () => {
    const read = await firm();
    const product = read.products[0]!;
    const page = await open(editorKey);
    await page.getByTestId("edit-panel").waitFor({ state: "visible", timeout: 30_000 });
    await page.getByTestId(`edit-capacity-${product.product.code}`).fill("1");
    const other = await g.query(
      `mutation($input: [ProducesInput!]!) { setProduces(input: $input) { enterprises { code } } }`,
      { input: [{ enterprise: FIRM, product: product.product.code, capacity: 2 }] },
      { viewer: EDITOR },
    );
    expect(other.errors).toBeUndefined();
    await page.getByTestId("edit-save").click();
    await expect.poll(() => page.getByTestId("edit-message").innerText(), POLL).toContain("CONFLICT");
    expect(await page.getByTestId("edit-message").innerText()).toContain("其他人已修改");
    expect(await page.getByTestId(`edit-capacity-${product.product.code}`).inputValue()).toBe("2");
    await page.close();
  });

  it("shows no edit panel and no history to a reader or an anonymous visitor", async () => {
    for (const key of [readerKey, null]) {
      const page = await open(key);
      const portrait = page.getByTestId("portrait");
      await expect.poll(() => portrait.innerText(), POLL).toContain(FIRM);
      // The edit data is asked right after the viewer; give a wrongly shown panel the time to appear.
      await page.waitForTimeout(500);
      expect(await page.getByTestId("edit-panel").count()).toBe(0);
      expect(await page.getByTestId("history").count()).toBe(0);
      await page.close();
    }
  });
});
