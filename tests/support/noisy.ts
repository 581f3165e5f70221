import { appendFileSync, cpSync, createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { cleanCell, openCsv } from "../../src/graph/import/csv.js";

/** A row `--skip-invalid` must leave out: where, why (the reasons joined by "; "), and its cells as written. */
export interface ExpectedReject {
  file: string;
  line: number;
  reason: string;
  cells: string[];
}

export interface NoisyDataSet {
  folder: string;
  /**
   * The same data set without the noise: the source plus the valid added rows, trimmed. Importing it
   * strictly must give the graph that `--skip-invalid` gives for `folder`.
   */
  clean: string;
  /** Every row the import must reject, in file and line order. */
  rejects: ExpectedReject[];
  /** The problems strict mode must report (`file:line: message`): rejects with problems of their own. */
  problems: string[];
  /** Valid rows added (per file), which `--skip-invalid` must write. */
  added: Record<string, number>;
  /** Codes of the source data set the noise refers to. */
  codes: { province: string; city: string; enterprise: string; product: string; chain: string; user: string };
}

const ZWSP = "\u200B";
const IDEOGRAPHIC_SPACE = "\u3000";

/** RFC 4180 cell, quoted whenever it holds a delimiter or white space at an edge (so the spaces survive). */
function cell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function physicalLines(file: string): Promise<{ lines: number; endsWithNewline: boolean }> {
  let lines = 0;
  let last = -1;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 0x0a) lines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  const endsWithNewline = last === 0x0a;
  return { lines: endsWithNewline ? lines : lines + 1, endsWithNewline };
}

async function firstRow(file: string, where: (cells: Record<string, string>) => boolean = () => true) {
  for await (const row of (await openCsv(file)).rows) if (where(row.cells)) return row.cells;
  throw new Error(`noisy: no suitable row in ${file}`);
}

/**
 * Copies the data set `source` (any folder in the documented format, e.g. tests/fixtures/mini or a
 * generated one) to `out` and appends noise to its files: a nameless product, negative numbers, a
 * bad city reference, a blank id, a city under a circle whose parent does not exist, and rows that
 * name those rejected rows (transitively); plus valid rows whose codes and names carry stray spaces,
 * an ideographic space and a zero-width space. Returns what `--skip-invalid` must reject. The source's
 * rows are untouched, so its own tests' answers still hold for the rows written.
 */
export async function writeNoisyCopy(source: string, out: string): Promise<NoisyDataSet> {
  cpSync(source, out, { recursive: true });
  const clean = `${out}-clean`;
  cpSync(source, clean, { recursive: true });
  const province = (await firstRow(path.join(out, "regions.csv"), (c) => c.kind === "PROVINCE")).id!;
  const city = (await firstRow(path.join(out, "regions.csv"), (c) => c.kind === "CITY")).id!;
  const enterprise = (await firstRow(path.join(out, "enterprises.csv"))).id!;
  const { id: product, chain_id: chain } = await firstRow(path.join(out, "products.csv"));
  // A product that has inputs already: one more input, naming a rejected product, is dropped alone.
  const user = (await firstRow(path.join(out, "product_inputs.csv"))).product_id!;
  const rejects: ExpectedReject[] = [];
  const problems: string[] = [];
  const added: Record<string, number> = {};
  const lineOf = new Map<string, number>();

  /**
   * Appends rows to `file` (cells by column; columns the row lacks stay empty). A row with `reasons`
   * must be rejected; `own: false` marks a row rejected only for naming a rejected row.
   */
  const append = async (
    file: string,
    rows: Array<{ cells: Record<string, string>; key?: string; reasons?: () => string[]; own?: boolean }>,
  ) => {
    const target = path.join(out, file);
    const header = readFileSync(target, "utf8")
      .split(/\r?\n/, 1)[0]!
      .replace(/^\uFEFF/, "")
      .split(",");
    const { lines, endsWithNewline } = await physicalLines(target);
    let text = endsWithNewline ? "" : "\n";
    let cleanText = text;
    // Lines first: a row's reason may name a later row of the same file (a city before its circle).
    rows.forEach((row, i) => row.key && lineOf.set(row.key, lines + 1 + i));
    rows.forEach((row, i) => {
      const line = lines + 1 + i;
      const cells = header.map((h) => row.cells[h.trim()] ?? "");
      text += `${cells.map(cell).join(",")}\n`;
      if (row.reasons) {
        const reasons = row.reasons();
        rejects.push({ file, line, reason: reasons.join("; "), cells });
        if (row.own !== false) problems.push(...reasons.map((r) => `${file}:${line}: ${r}`));
      } else {
        added[file] = (added[file] ?? 0) + 1;
        cleanText += `${cells.map((c) => cell(cleanCell(c))).join(",")}\n`;
      }
    });
    appendFileSync(target, text);
    appendFileSync(path.join(clean, file), cleanText);
  };
  const at = (key: string) => lineOf.get(key)!;

  // A city listed before its circle, whose parent does not exist: both go, the city as a dependent.
  await append("regions.csv", [
    {
      cells: { id: "NZ-CITY", name: "Noisy city", kind: "CITY", parent_id: "NZ-CIRCLE" },
      key: "NZ-CITY",
      reasons: () => [`parent_id NZ-CIRCLE was rejected (regions.csv:${at("NZ-CIRCLE")})`],
      own: false,
    },
    {
      cells: { id: "NZ-CIRCLE", name: "Noisy circle", kind: "CIRCLE", parent_id: "NZ-NOWHERE" },
      key: "NZ-CIRCLE",
      reasons: () => ["unknown parent_id NZ-NOWHERE"],
    },
    { cells: { id: "  NZ-SPACED ", name: " Spaced city\t", kind: "CITY", parent_id: ` ${province}` } },
  ]);

  await append("products.csv", [
    { cells: { id: "NZ-GHOST", chain_id: chain!, stage: "UPSTREAM" }, key: "NZ-GHOST", reasons: () => ["needs name or name_zh"] },
    { cells: { id: `NZ-ZW${ZWSP}`, chain_id: ` ${chain}`, name: "Zero width", stage: "MIDSTREAM" } },
  ]);
  await append("product_inputs.csv", [
    {
      cells: { product_id: user, input_id: "NZ-GHOST" },
      reasons: () => [`input_id NZ-GHOST was rejected (products.csv:${at("NZ-GHOST")})`],
      own: false,
    },
    { cells: { product_id: "NZ-ZW ", input_id: product! } },
  ]);
  await append("clusters.csv", [
    { cells: { id: "NZ-K", city_id: city, focus: "" }, key: "NZ-K", reasons: () => ["needs name or name_zh"] },
  ]);
  await append("enterprises.csv", [
    {
      cells: { id: "NZ-E-BADCITY", name: "Bad city", city_id: "NZ-C404" },
      key: "NZ-E-BADCITY",
      reasons: () => ["unknown city_id NZ-C404"],
    },
    {
      cells: { id: "NZ-E-CHAIN", name: "Chained", city_id: "NZ-CITY" },
      key: "NZ-E-CHAIN",
      reasons: () => [`city_id NZ-CITY was rejected (regions.csv:${at("NZ-CITY")})`],
      own: false,
    },
    {
      cells: { id: "NZ-E-CLUSTER", name: "Clustered", city_id: city, cluster_id: "NZ-K" },
      key: "NZ-E-CLUSTER",
      reasons: () => [`cluster_id NZ-K was rejected (clusters.csv:${at("NZ-K")})`],
      own: false,
    },
    { cells: { id: "   ", name: "Blank", city_id: city }, reasons: () => ["missing id"] },
    { cells: { id: " NZ-E-SPACED  ", name: `${IDEOGRAPHIC_SPACE}Spaced firm `, city_id: ` NZ-SPACED` } },
  ]);
  await append("produces.csv", [
    { cells: { enterprise_id: enterprise!, product_id: product!, capacity: "-3" }, reasons: () => ["capacity -3 is negative"] },
    {
      cells: { enterprise_id: "NZ-E-BADCITY", product_id: product!, capacity: "1" },
      reasons: () => [`enterprise_id NZ-E-BADCITY was rejected (enterprises.csv:${at("NZ-E-BADCITY")})`],
      own: false,
    },
    {
      cells: { enterprise_id: "NZ-E-CHAIN", product_id: "NZ-GHOST", capacity: "2" },
      reasons: () => [
        `enterprise_id NZ-E-CHAIN was rejected (enterprises.csv:${at("NZ-E-CHAIN")})`,
        `product_id NZ-GHOST was rejected (products.csv:${at("NZ-GHOST")})`,
      ],
      own: false,
    },
    { cells: { enterprise_id: " NZ-E-SPACED ", product_id: "NZ-ZW ", capacity: " 7 " } },
  ]);
  await append("supply_links.csv", [
    {
      cells: { supplier_id: enterprise!, customer_id: "NZ-E-SPACED", product_id: product!, volume: "-20" },
      reasons: () => ["volume -20 is negative"],
    },
    {
      cells: { supplier_id: "NZ-E-SPACED", customer_id: "NZ-E-CLUSTER", product_id: product!, volume: "5" },
      reasons: () => [`customer_id NZ-E-CLUSTER was rejected (enterprises.csv:${at("NZ-E-CLUSTER")})`],
      own: false,
    },
    {
      cells: { supplier_id: "NZ-E-SPACED", customer_id: enterprise!, product_id: "NZ-GHOST", volume: "" },
      reasons: () => [`product_id NZ-GHOST was rejected (products.csv:${at("NZ-GHOST")})`],
      own: false,
    },
    { cells: { supplier_id: " NZ-E-SPACED", customer_id: enterprise!, product_id: `${ZWSP}NZ-ZW`, volume: "9" } },
  ]);
  if (existsSync(path.join(out, "plan_items.csv")) && existsSync(path.join(out, "plans.csv"))) {
    const plan = (await firstRow(path.join(out, "plans.csv"))).id!;
    await append("plan_items.csv", [
      {
        cells: { id: "NZ-PI", plan_id: plan, kind: "TASK", name: "Noisy task", region_ids: `${city}; NZ-CITY` },
        reasons: () => [`region_ids NZ-CITY was rejected (regions.csv:${at("NZ-CITY")})`],
        own: false,
      },
    ]);
  }
  return {
    folder: out,
    clean,
    rejects,
    problems,
    added,
    codes: { province, city, enterprise: enterprise!, product: product!, chain: chain!, user },
  };
}
