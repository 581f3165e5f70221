import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import * as relatedness from "../analytics/relatedness.js";
import type { Context } from "../context.js";
import { all, one } from "../graph/planner/declarations.js";
import { Label } from "../graph/vocabulary/model.js";
import { connectionPage, decodeCursor, encodeCursor } from "../graph/vocabulary/paging.js";
import { Lang } from "../schema/analytics/enums.js";
import {
  BacktestArgs,
  CellsArgs,
  EntryCandidate,
  EntryCandidatesArgs,
  LocationComplexity,
  ProductProximity,
  ProductSpace,
  ProductSpaceArgs,
  ProductSpaceCell,
  ProductSpaceCellConnection,
  ProximityArgs,
  RelatedArgs,
  RelatednessBacktest,
} from "../schema/analytics/relatedness.type.js";
import { Declare } from "../schema/declare.js";
import { Product } from "../schema/product.type.js";
import { Region } from "../schema/region.type.js";
import { withEntities } from "./graph-field.js";
import { loadProduct, loadRegion } from "./load.js";
import { childFieldStrings } from "./selection.js";

/** A city's complexity, as `ProductSpace.complexity` lists it. */
interface Complexity {
  regionCode: string;
  diversity: number;
  eci: number | null;
  coi: number | null;
}

type View = relatedness.ProductSpaceView;
type Row = Record<string, unknown>;
type Args = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : null);

/** The products of the chain a field names (null: none named), read before it is computed (`readChain`). */
function chainProducts(v: View, chain: string | null): ReadonlySet<string> | null {
  const products = chain === null ? null : v.chains.get(chain);
  if (products === undefined) throw new Error(`the products of chain ${String(chain)} were not read`);
  return products;
}

/**
 * Reads the products of the chain a field names, unless the start read them: a chain it could not
 * read (unknown) is read here, where its NOT_FOUND lands at the field.
 */
async function readChain(v: View, ctx: Context, chain: string | null | undefined): Promise<void> {
  if (chain && !v.chains.has(chain)) v.chains.set(chain, await relatedness.chainProductCodes(ctx.executor, chain));
}

/**
 * What each field of a product space computes, remembered on the view per arguments: the field's
 * resolver and the planner (`nested` declarations, embedded.ts) get the same objects, so the entities
 * the planner loads hang on the objects the answer holds. Each throws what its resolver reports.
 */
const compute = {
  cells(v: View, a: Args) {
    const [region, product, chain, first, after] = [str(a.region), str(a.product), str(a.chain), Number(a.first), str(a.after)];
    return relatedness.remember(v, ["cells", region, product, chain, first, after], () => {
      const cursor = decodeCursor(after);
      const all = relatedness.spaceCellKeys(v, { region, product, products: chainProducts(v, chain) });
      const key = ([r, p]: [string, string]) => `${r}\u0001${p}`;
      const start = cursor === null ? 0 : all.findIndex((c) => key(c) > cursor);
      const from = start < 0 ? all.length : start;
      const keys = all.slice(from, from + first);
      const page = keys.map(([r, p]) => relatedness.spaceCell(v, r, p));
      return {
        ...connectionPage(
          page,
          keys.map((c) => encodeCursor(key(c))),
          from + first < all.length,
          cursor !== null,
        ),
        totalCount: all.length,
      };
    });
  },
  proximity(v: View, a: Args) {
    const [product, first] = [String(a.product), Number(a.first)];
    return relatedness.remember(v, ["proximity", product, first], () => relatedness.proximities(v, product, first));
  },
  entryCandidates(v: View, a: Args) {
    const [region, chain, first] = [String(a.region), str(a.chain), Number(a.first)];
    return relatedness.remember(v, ["entryCandidates", region, chain, first], () => {
      return relatedness.entryCandidates(v, region, first, chainProducts(v, chain));
    });
  },
  complexity(v: View): Complexity[] {
    return relatedness.remember(v, ["complexity"], () =>
      v.space.locations.map((regionCode) => ({
        regionCode,
        diversity: v.space.diversity(regionCode)!,
        eci: v.space.eci(regionCode),
        coi: v.space.coi(regionCode),
      })),
    );
  },
};

/** For the planner: the field's value, or undefined where the resolver will report an error. */
const picked =
  (f: (v: View, a: Args) => unknown) =>
  (row: Row, args: Args): unknown => {
    try {
      return f(row as unknown as View, args);
    } catch {
      return undefined;
    }
  };

/** What a city could enter next (docs/analytics.md, "Relatedness"): each field delegates to src/analytics/relatedness.ts. */
@Resolver(() => ProductSpace)
export class ProductSpaceResolver {
  @Query(() => ProductSpace, {
    description:
      "The product space of a region's cities in a year: RCA, density, complexity, and what each city could enter next.",
  })
  @Declare({ root: "analysis" })
  productSpace(@Args(() => ProductSpaceArgs) args: ProductSpaceArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const view = (async () => {
      const v = await relatedness.productSpace(ctx.executor, args);
      // The chains entryCandidates names, read now so that the whole answer is built before its entities are planned.
      for (const chain of [
        ...childFieldStrings(info, "entryCandidates", "chain"),
        ...childFieldStrings(info, "cells", "chain"),
      ]) {
        const codes = await relatedness.chainProductCodes(ctx.executor, chain).catch(() => undefined);
        if (codes) v.chains.set(chain, codes);
      }
      return v;
    })();
    return withEntities(ctx, info, view, args.year ?? undefined);
  }

  @Query(() => RelatednessBacktest, {
    description: "Whether the product space of `from` predicted which products the cities entered by `to`, against baselines.",
  })
  @Declare({ root: "analysis" })
  relatednessBacktest(@Args(() => BacktestArgs) args: BacktestArgs, @Ctx() ctx: Context) {
    return relatedness.relatednessBacktest(ctx.executor, args);
  }

  @FieldResolver(() => [Region], { description: "The cities of the space (those with output), by code." })
  @Declare({ entity: all(Label.Region, (v: View) => v.space.locations), items: 200 })
  locations(@Root() v: View, @Ctx() ctx: Context) {
    return Promise.all(v.space.locations.map((code) => loadRegion(ctx, code)));
  }

  @FieldResolver(() => Int)
  productCount(@Root() v: View) {
    return v.space.products.length;
  }

  @FieldResolver(() => ProductSpaceCellConnection, { description: "The cells, city by city then product by product (codes)." })
  @Declare({ nested: { pick: picked(compute.cells), max: 1000 } })
  async cells(@Root() v: View, @Args(() => CellsArgs) args: CellsArgs, @Ctx() ctx: Context) {
    await readChain(v, ctx, args.chain);
    return compute.cells(v, { ...args });
  }

  @FieldResolver(() => [ProductProximity], { description: "The products closest to one, closest first, then by code." })
  @Declare({ nested: { pick: picked(compute.proximity), max: 1000 } })
  proximity(@Root() v: View, @Args(() => ProximityArgs) args: ProximityArgs) {
    return compute.proximity(v, { ...args });
  }

  @FieldResolver(() => [EntryCandidate], {
    description: "Products absent in a city, densest first (then less ubiquitous, then by code), with why.",
  })
  @Declare({ nested: { pick: picked(compute.entryCandidates), max: 1000 } })
  async entryCandidates(@Root() v: View, @Args(() => EntryCandidatesArgs) args: EntryCandidatesArgs, @Ctx() ctx: Context) {
    await readChain(v, ctx, args.chain);
    return compute.entryCandidates(v, { ...args });
  }

  @FieldResolver(() => [LocationComplexity], { description: "Each city's diversity, ECI and COI, by code." })
  @Declare({ items: 200, nested: { pick: picked(compute.complexity) } })
  complexity(@Root() v: View): Complexity[] {
    return compute.complexity(v);
  }
}

@Resolver(() => ProductSpaceCell)
export class ProductSpaceCellFields {
  @FieldResolver(() => Region)
  @Declare({ entity: one(Label.Region, "regionCode") })
  region(@Root() c: relatedness.SpaceCell, @Ctx() ctx: Context) {
    return loadRegion(ctx, c.regionCode);
  }

  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() c: relatedness.SpaceCell, @Ctx() ctx: Context) {
    return loadProduct(ctx, c.productCode);
  }
}

@Resolver(() => ProductProximity)
export class ProductProximityFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() p: relatedness.Proximity, @Ctx() ctx: Context) {
    return loadProduct(ctx, p.productCode);
  }
}

@Resolver(() => EntryCandidate)
export class EntryCandidateFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() e: relatedness.EntryCandidate, @Ctx() ctx: Context) {
    return loadProduct(ctx, e.productCode);
  }

  @FieldResolver(() => [ProductProximity], { description: "The products present in the city that make it close, closest first." })
  @Declare({
    nested: {
      pick: (row, args) => (row as unknown as relatedness.EntryCandidate).relatedPresent.slice(0, args.first as number),
      max: 1000,
    },
  })
  relatedPresent(@Root() e: relatedness.EntryCandidate, @Args(() => RelatedArgs) { first }: RelatedArgs) {
    return e.relatedPresent.slice(0, first);
  }

  @FieldResolver(() => Int, { description: "How many products present in the city are close to it (φ > 0)." })
  relatedPresentCount(@Root() e: relatedness.EntryCandidate) {
    return e.relatedPresent.length;
  }

  @FieldResolver(() => [String], { description: "Why, in short sentences." })
  reasons(@Root() e: relatedness.EntryCandidate, @Arg("lang", () => Lang, { defaultValue: Lang.EN }) lang: Lang) {
    return lang === Lang.ZH ? e.reasons.zh : e.reasons.en;
  }
}

@Resolver(() => LocationComplexity)
export class LocationComplexityFields {
  @FieldResolver(() => Region)
  @Declare({ entity: one(Label.Region, "regionCode") })
  region(@Root() c: Complexity, @Ctx() ctx: Context) {
    return loadRegion(ctx, c.regionCode);
  }
}

export const relatednessResolvers = [
  ProductSpaceResolver,
  ProductSpaceCellFields,
  ProductProximityFields,
  EntryCandidateFields,
  LocationComplexityFields,
];
