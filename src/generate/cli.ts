/**
 * Command line for the synthetic data-set generator:
 *
 *   tsx src/generate/cli.ts --enterprises 100000 --links 1000000 --seed 42 --out <folder> [--chains 10] [--products N]
 *
 * Prints a summary (rows and bytes per file, seconds, peak memory). Bad flags print a message and the
 * usage on stderr and exit with status 2; a failure while writing exits with status 1.
 */

import { pathToFileURL } from "node:url";
import { parseOrExit, UsageError } from "../cli/usage.js";
import { DEFAULT_CHAINS, GenerateOptionsError, generateDataSet, type GenerateOptions, type Summary } from "./generate.js";

export { UsageError };

export const USAGE = `Usage: tsx src/generate/cli.ts --enterprises N --links N --seed N --out FOLDER [--chains N] [--products N]

  --enterprises N  number of enterprises (required, 1 to 9999999)
  --links N        number of supply links (required)
  --seed N         PRNG seed, an integer from 0 to 4294967295 (required)
  --out FOLDER     output folder, created if missing; existing data-set files are overwritten (required)
  --chains N       number of industrial chains, 1 to 99 (default ${DEFAULT_CHAINS}; with --products, 32 per 100,000
                   products scaled as the square root)
  --products N     a real-scale catalogue of N products, 100 to 1000000, shaped like ChainKnowledgeGraph
                   (default: the small catalogue of about 35 products per chain)
  --help           show this help`;

const NUMERIC = new Set(["enterprises", "links", "seed", "chains", "products"]);
const KNOWN = new Set([...NUMERIC, "out"]);
const REQUIRED = ["enterprises", "links", "seed", "out"];

/** Parses `--name value` / `--name=value` flags; returns null when help was asked for. */
export function parseArgs(argv: readonly string[]): GenerateOptions | null {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return null;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!KNOWN.has(name)) throw new UsageError(`unknown flag --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    if (values.has(name)) throw new UsageError(`--${name} given twice`);
    if (value === "") throw new UsageError(`--${name} needs a value`);
    values.set(name, value);
  }
  for (const name of REQUIRED) if (!values.has(name)) throw new UsageError(`--${name} is required`);

  const num = (name: string): number | undefined => {
    const raw = values.get(name);
    if (raw === undefined) return undefined;
    // Plain decimal digits only (underscores allowed as separators): no signs, fractions or exponents.
    if (!/^\d[\d_]*$/.test(raw)) throw new UsageError(`--${name} must be a non-negative integer, got "${raw}"`);
    return Number(raw.replace(/_/g, ""));
  };
  const options: GenerateOptions = {
    enterprises: num("enterprises")!,
    links: num("links")!,
    seed: num("seed")!,
    out: values.get("out")!,
  };
  const chains = num("chains");
  if (chains !== undefined) options.chains = chains;
  const products = num("products");
  if (products !== undefined) options.products = products;
  return options;
}

export function formatSummary(summary: Summary): string {
  const width = Math.max(...summary.files.map((f) => f.file.length));
  const lines = [
    `Generated ${summary.out} (seed ${summary.seed}, ${summary.chains} chains) in ${summary.seconds.toFixed(2)} s, ` +
      `peak RSS ${summary.peakRssMb} MiB`,
    ...summary.files.map(
      (f) => `  ${f.file.padEnd(width)}  ${String(f.rows).padStart(9)} rows  ${(f.bytes / 1048576).toFixed(1).padStart(7)} MiB`,
    ),
  ];
  const s = summary.linkStats;
  const total = s.sameCity + s.sameCircle + s.otherCircle;
  if (total > 0) {
    const pct = (x: number): string => `${((100 * x) / total).toFixed(1)}%`;
    lines.push(
      `  links: ${pct(s.sameCity)} same city, ${pct(s.sameCircle)} same circle, ${pct(s.otherCircle)} other circle; ` +
        `${pct(s.inputProduct)} buy an input of their products; ${s.fallback} placed by fallback`,
    );
  }
  const c = summary.catalogue;
  if (c) {
    const share = (x: number): string => `${((100 * x) / c.products).toFixed(0)}%`;
    lines.push(
      `  catalogue: ${c.products} products, ${c.requires} requires (${(c.requires / c.products).toFixed(2)} per product), ` +
        `${c.cycles} planted cycles; max ${c.maxInputs} inputs, max ${c.maxUsers} users; ` +
        `${share(c.noInputs)} without inputs, ${share(c.noUsers)} without users`,
      `  most transitive dependents: ${c.maxDependents} (${c.mostDependedOn}); ` +
        `largest chain ${c.largestChain.id} (${c.largestChain.products} products), ` +
        `smallest ${c.smallestChain.id} (${c.smallestChain.products})`,
      `  produces: ${c.produces} rows, max ${c.maxProducers} makers of one product, ${share(c.noProducers)} of products made by nobody`,
    );
  }
  lines.push(`  planted gaps: ${summary.planted} (see planted.json)`);
  return lines.join("\n");
}

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseOrExit(parseArgs, argv, USAGE, "error: ");
  if ("exit" in parsed) return parsed.exit;
  const options = parsed.args;
  try {
    const summary = await generateDataSet(options);
    process.stdout.write(`${formatSummary(summary)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof GenerateOptionsError) {
      process.stderr.write(`error: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
