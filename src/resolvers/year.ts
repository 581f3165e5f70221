import type { Context } from "../context.js";
import { yearOf } from "../graph/import/years.js";

/**
 * The year a root field reads: the one asked, or the latest the graph holds; null for a graph
 * without years (its data holds in every year). A year the graph does not hold is BAD_USER_INPUT,
 * as for the analyses.
 */
export async function readYear(ctx: Context, asked: number | null | undefined): Promise<number | null> {
  return yearOf(await ctx.executor.heldYears(), asked);
}
