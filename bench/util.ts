/** Small helpers shared by the benchmark scripts. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (the benchmark lives in `<root>/bench`). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BENCH = path.join(ROOT, "bench");

/** `--name value` and `--flag` arguments; `--name=value` works too. */
export function parseArgs(argv: readonly string[]): Map<string, string | true> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    if (eq > 0) {
      args.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) {
      args.set(arg.slice(2), argv[++i]!);
    } else {
      args.set(arg.slice(2), true);
    }
  }
  return args;
}

export function numberArg(args: Map<string, string | true>, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

export function stringArg(args: Map<string, string | true>, name: string): string | undefined {
  const raw = args.get(name);
  if (raw === true) throw new Error(`--${name} needs a value`);
  return raw;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The median (the mean of the middle two for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds with a sensible number of digits. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
}

/** Reads `VmHWM` (peak resident set) and `VmRSS` of a process from /proc, in kB; null when gone. */
export function memoryOf(pid: number): { peakKb: number; rssKb: number } | null {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return null;
  try {
    const text = readFileSync(file, "utf8");
    const peak = /^VmHWM:\s+(\d+) kB/m.exec(text);
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(text);
    return peak && rss ? { peakKb: Number(peak[1]), rssKb: Number(rss[1]) } : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds; null when gone. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which is in parentheses and may hold spaces): utime is field 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

export const mib = (kb: number | null | undefined) =>
  kb === null || kb === undefined ? null : Math.round((kb / 1024) * 10) / 10;
