/**
 * Yearly states of a data set, for benchmarking a graph with years (README.md, "Benchmarks"):
 *
 *   npx tsx bench/yearly.ts --from bench/data/province --years 2023,2024,2025 --out bench/data/province-years
 *
 * writes one full data-set folder per year under --out. The last year is the data set as it is; each
 * earlier year leaves out a different, deterministic share of it: `--firms` (default 0.03) of the
 * enterprises, with their produces rows and supply links, and `--links` (default 0.05) of the other
 * supply links. So between years firms enter and leave and links are made and lost, while everything
 * the graph holds holds in the latest year (the default year of every read), and the other ways of
 * the three-way read comparison, which know nothing of years, read the same graph as the latest year.
 *
 * Then: import each folder with `npm run import -- <folder> --year <year>`, oldest first.
 */
import { createReadStream, createWriteStream, mkdirSync, readdirSync, copyFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { numberArg, parseArgs, stringArg } from "./util.js";

const args = parseArgs(process.argv.slice(2));
const from = stringArg(args, "from") ?? "bench/data/province";
const out = stringArg(args, "out") ?? `${from}-years`;
const years = (stringArg(args, "years") ?? "2023,2024,2025").split(",").map(Number);
const firmShare = numberArg(args, "firms", 0.03);
const linkShare = numberArg(args, "links", 0.05);
if (years.some((y) => !Number.isInteger(y)) || years.length < 2)
  throw new Error("--years: two or more years, e.g. 2023,2024,2025");

/** A deterministic number in [0, 1) for a key in a year. */
function draw(year: number, key: string): number {
  return createHash("sha1").update(`${year}\u0000${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** The first `n` cells of a CSV line whose first cells are ids (no quotes, no commas). */
function ids(line: string, n: number): string[] {
  return line.split(",", n);
}

async function filterFile(src: string, dst: string, keep: (line: string) => boolean): Promise<{ kept: number; dropped: number }> {
  const input = createInterface({ input: createReadStream(src), crlfDelay: Infinity });
  const output = createWriteStream(dst);
  let header = true;
  let kept = 0;
  let dropped = 0;
  for await (const line of input) {
    if (header || line === "" || keep(line)) {
      output.write(`${line}\n`);
      if (!header && line !== "") kept++;
    } else dropped++;
    header = false;
  }
  await new Promise<void>((resolve, reject) => output.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { kept, dropped };
}

const latest = years[years.length - 1]!;
for (const year of years) {
  const dir = path.join(out, String(year));
  mkdirSync(dir, { recursive: true });
  const full = year === latest;
  const gone = (firm: string) => !full && draw(year, `firm:${firm}`) < firmShare;
  const report: string[] = [];
  for (const file of readdirSync(from).filter((f) => f.endsWith(".csv"))) {
    const src = path.join(from, file);
    const dst = path.join(dir, file);
    let keep: ((line: string) => boolean) | undefined;
    if (!full && file === "enterprises.csv") keep = (l) => !gone(ids(l, 1)[0]!);
    if (!full && file === "produces.csv") keep = (l) => !gone(ids(l, 1)[0]!);
    if (!full && file === "supply_links.csv") {
      keep = (l) => {
        const [supplier, customer, product] = ids(l, 3) as [string, string, string];
        return !gone(supplier) && !gone(customer) && draw(year, `link:${supplier}>${customer}:${product}`) >= linkShare;
      };
    }
    if (keep) {
      const { kept, dropped } = await filterFile(src, dst, keep);
      report.push(`${file} ${kept} kept, ${dropped} left out`);
    } else copyFileSync(src, dst);
  }
  console.log(`${dir}: ${full ? "the data set as it is" : report.join("; ")}`);
}
