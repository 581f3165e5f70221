import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.js";
import { FIELDS } from "../graph/vocabulary/fields.js";
import type { Label } from "../graph/vocabulary/model.js";
import { loadEmbedded } from "../graph/planner/embedded.js";
import { lookup, planPage, planSearch, type PagePlan } from "../graph/planner/roots.js";
import { toConnection } from "../schema/connection.js";
import { selects } from "./selection.js";
import { readYear } from "./year.js";

/**
 * What the resolvers share. A root field is read by the query planner in one statement (unless the
 * context turns it off); a nested graph field whose value the planner already loaded is answered by
 * `readPlannedFirst` (planned.ts) before its resolver runs, so the resolver's body below is the
 * level-by-level path: the DataLoaders, for whatever the planner did not plan.
 */

/**
 * An entity by code as it holds in the year asked (default: the latest), with the root field's whole
 * selection when planned. The level-by-level path finds it in any year, and reads what is nested
 * without one (docs/architecture.md).
 */
export async function findOne<T>(
  ctx: Context,
  info: GraphQLResolveInfo,
  label: Label,
  code: string,
  asked?: number | null,
): Promise<T | null> {
  // The planned lookup resolves the year in its batch (awaiting it here would split the batch).
  if (ctx.planner) return lookup<T>(ctx.lookups, info, label, code, asked);
  await readYear(ctx, asked);
  return ctx.loaders.entity<T>(label).load(code);
}

/**
 * A root list in the year asked (default: the latest): \`list\` gets the year, and the plan of the
 * whole selection in it (undefined on the level-by-level path).
 */
export async function listInYear<P>(
  ctx: Context,
  info: GraphQLResolveInfo,
  label: Label,
  asked: number | null | undefined,
  list: (year: number | null, plan: PagePlan | undefined) => Promise<P>,
): Promise<P> {
  const year = await readYear(ctx, asked);
  return list(year, ctx.planner ? planPage(info, label, year) : undefined);
}

export const searchPlan = (ctx: Context, info: GraphQLResolveInfo) => (ctx.planner ? planSearch(info) : undefined);

/**
 * An analysis result, with the entities it embeds loaded in one statement when planned, and read as
 * they hold in the analysis' year (\`asked\`; undefined: the latest; null: in every year).
 */
export async function withEntities<T>(
  ctx: Context,
  info: GraphQLResolveInfo,
  result: Promise<T>,
  asked?: number | null,
): Promise<T> {
  if (!ctx.planner) return result;
  const [value, year] = await Promise.all([result, asked === null ? null : readYear(ctx, asked)]);
  return loadEmbedded(ctx.executor, info, value, year);
}

/** A graph field of `type` (src/graph/vocabulary/fields.ts) read one level at a time through the request's loaders. */
export function loadGraphField(
  ctx: Context,
  type: Label | "SupplyLink",
  field: string,
  parent: object,
  info: GraphQLResolveInfo,
  args: Record<string, unknown> = {},
): Promise<unknown> | null {
  const spec = FIELDS[type]?.[field];
  if (!spec) throw new Error(`src/graph/vocabulary/fields.ts describes no field ${type}.${field}`);
  const parentCode = String((parent as { code?: unknown }).code);
  switch (spec.kind) {
    case "one": {
      if (spec.code) {
        const code = spec.code(parent as Record<string, unknown>);
        return code ? ctx.loaders.entity(spec.target).load(code) : null;
      }
      return ctx.loaders
        .neighbours(type as Label, field)
        .load(parentCode)
        .then((items) => items[0] ?? null);
    }
    case "list":
      return ctx.loaders.neighbours(type as Label, field).load(parentCode);
    case "connection":
      return ctx.loaders
        .relation(type as Label, field)
        .load({
          parent: parentCode,
          withTotal: selects(info, "totalCount"),
          first: args.first as number,
          after: args.after as string | null | undefined,
          ...(spec.options ? { opts: spec.options(args) } : {}),
        })
        .then(toConnection);
  }
}
