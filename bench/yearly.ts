/**
 * Yearly states of a data set, for benchmarking a graph with years (README.md, "Benchmarks"):
 *
 *   npx tsx bench/yearly.ts --from bench/data/province --years 2023,2024,2025 --out bench/data/province-years
 *     [--firms 0.03] [--links 0.05] [--entries 0.05]
 *
 * writes one full data-set folder per year under --out (src/generate/yearly.ts): the last year is the
 * data set as it is; each earlier year leaves out a deterministic share of the enterprises (--firms) and
 * of the other supply links (--links), at random, and enters --entries of the present (city, product)
 * pairs of the year after it, drawn by relatedness density.
 *
 * Then: import each folder with `npm run import -- <folder> --year <year>`, oldest first.
 */
import { writeYearlyStates } from "../src/generate/yearly.js";
import { numberArg, parseArgs, stringArg } from "./util.js";

const args = parseArgs(process.argv.slice(2));
const from = stringArg(args, "from") ?? "bench/data/province";
const states = await writeYearlyStates({
  from,
  out: stringArg(args, "out") ?? `${from}-years`,
  years: (stringArg(args, "years") ?? "2023,2024,2025").split(",").map(Number),
  firmShare: numberArg(args, "firms", 0.03),
  linkShare: numberArg(args, "links", 0.05),
  entryShare: numberArg(args, "entries", 0.05),
});
for (const s of states) {
  const files = Object.entries(s.files).map(([file, { kept, dropped }]) => `${file} ${kept} kept, ${dropped} left out`);
  const entries = s.entries
    ? `; ${s.entries.planted} (city, product) pairs enter the next year (mean density ${s.entries.meanDensity.toFixed(3)}, of all present pairs ${s.entries.meanDensityOfPresent.toFixed(3)})`
    : "";
  console.log(`${s.dir}: ${files.length ? files.join("; ") : "the data set as it is"}${entries}`);
}
