import type { Context } from "../context.js";
import { badInput } from "../errors.js";

/**
 * The year a root field reads: the one asked, or the latest the graph holds; null for a graph
 * without years (its data holds in every year). A year the graph does not hold is BAD_USER_INPUT,
 * as for the analyses.
 */
export async function readYear(ctx: Context, asked: number | null | undefined): Promise<number | null> {
  const years = await ctx.executor.heldYears();
  if (years.length === 0) return null;
  const year = asked ?? years[years.length - 1]!;
  if (!years.includes(year)) throw badInput(`The graph holds no data for ${year}; it holds ${years.join(", ")}`, "year");
  return year;
}
