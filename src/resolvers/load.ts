import type { Context } from "../context.js";
import { Label } from "../graph/vocabulary/model.js";
import type { Cluster } from "../schema/cluster.type.js";
import type { Enterprise } from "../schema/enterprise.type.js";
import type { Product } from "../schema/product.type.js";
import type { Region } from "../schema/region.type.js";

/** Loads entities for codes an analysis returned, in order, through the request's DataLoaders. */
async function many<T>(ctx: Context, label: Label, codes: readonly string[]): Promise<T[]> {
  const loaded = await ctx.loaders.entity<T>(label).loadMany(codes);
  return loaded.filter((x): x is T => x !== null && !(x instanceof Error));
}

export const loadProducts = (ctx: Context, codes: readonly string[]) => many<Product>(ctx, Label.Product, codes);
export const loadEnterprises = (ctx: Context, codes: readonly string[]) => many<Enterprise>(ctx, Label.Enterprise, codes);
export const loadProduct = (ctx: Context, code: string) => ctx.loaders.entity<Product>(Label.Product).load(code);
export const loadEnterprise = (ctx: Context, code: string) => ctx.loaders.entity<Enterprise>(Label.Enterprise).load(code);
export const loadRegion = (ctx: Context, code: string) => ctx.loaders.entity<Region>(Label.Region).load(code);
export const loadCluster = (ctx: Context, code: string) => ctx.loaders.entity<Cluster>(Label.Cluster).load(code);
