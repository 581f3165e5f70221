import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import * as analytics from "../analytics/index.js";
import type { Context } from "../context.js";
import { Label } from "../graph/vocabulary/model.js";
import {
  ChainChanges,
  ChangesArgs,
  KindChange,
  LinkChange,
  ProducerChange,
  ShortBoardState,
} from "../schema/analytics/changes.type.js";
import { Lang } from "../schema/analytics/enums.js";
import { IndustryChain } from "../schema/chain.type.js";
import { Enterprise } from "../schema/enterprise.type.js";
import { Product } from "../schema/product.type.js";
import { withEntities } from "./graph-field.js";
import { loadEnterprise, loadEnterprises, loadProduct } from "./load.js";
import { all, one } from "../graph/planner/declarations.js";
import { Declare } from "../schema/declare.js";

/** Read in every year. */
const NO_YEAR = null;

/** The weight of each list of the changes: each is cut at the query's `first` (default 100), not a `first` of its own. */
const CUT_AT_FIRST = 100;

@Resolver(() => ChainChanges)
export class ChangesResolver {
  @Query(() => ChainChanges, {
    description: "What changed in a chain in a scope between two years: short boards, firms, producers and supply links.",
  })
  @Declare({ root: "analysis" })
  changes(@Args(() => ChangesArgs) args: ChangesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    // The entities named span both years (a firm that left holds only in \`from\`): they are read without one.
    return withEntities(ctx, info, analytics.changes(ctx.executor, args), NO_YEAR);
  }

  @FieldResolver(() => IndustryChain)
  @Declare({ entity: one<analytics.ChainChanges>(Label.IndustryChain, (r) => r.chain.code) })
  chain(@Root() r: analytics.ChainChanges, @Ctx() ctx: Context) {
    return ctx.loaders.entity<IndustryChain>(Label.IndustryChain).load(r.chain.code);
  }

  @FieldResolver(() => [ShortBoardState], { description: "Weak in `to`, not in `from`: worst first." })
  @Declare({ items: CUT_AT_FIRST })
  shortBoardsOpened(@Root() r: analytics.ChainChanges) {
    return r.shortBoardsOpened;
  }

  @FieldResolver(() => [ShortBoardState], { description: "Weak in `from`, not in `to`: worst (in `from`) first." })
  @Declare({ items: CUT_AT_FIRST })
  shortBoardsClosed(@Root() r: analytics.ChainChanges) {
    return r.shortBoardsClosed;
  }

  @FieldResolver(() => [KindChange], { description: "Weak in both years, of another kind in `to`; by product code." })
  @Declare({ items: CUT_AT_FIRST })
  kindChanges(@Root() r: analytics.ChainChanges) {
    return r.kindChanges;
  }

  @FieldResolver(() => [Enterprise], {
    description: "The scope's firms in the chain in `to` and not in `from`, by code (the first `first`).",
  })
  @Declare({ entity: all(Label.Enterprise, "enterprisesEnteredCodes"), items: CUT_AT_FIRST })
  enterprisesEntered(@Root() r: analytics.ChainChanges, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.enterprisesEnteredCodes);
  }

  @FieldResolver(() => [Enterprise], {
    description: "The scope's firms in the chain in `from` and not in `to`, by code (the first `first`).",
  })
  @Declare({ entity: all(Label.Enterprise, "enterprisesLeftCodes"), items: CUT_AT_FIRST })
  enterprisesLeft(@Root() r: analytics.ChainChanges, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.enterprisesLeftCodes);
  }

  @FieldResolver(() => [ProducerChange], {
    description: "Per chain product, the scope's firms that make it in `to` and did not in `from`.",
  })
  @Declare({ items: CUT_AT_FIRST })
  producersGained(@Root() r: analytics.ChainChanges) {
    return r.producersGained;
  }

  @FieldResolver(() => [ProducerChange], {
    description: "Per chain product, the scope's firms that made it in `from` and do not in `to`.",
  })
  @Declare({ items: CUT_AT_FIRST })
  producersLost(@Root() r: analytics.ChainChanges) {
    return r.producersLost;
  }

  @FieldResolver(() => [LinkChange], {
    description: "Supply links of chain products into the scope in `to` and not in `from` (the first `first`).",
  })
  @Declare({ items: CUT_AT_FIRST })
  linksMade(@Root() r: analytics.ChainChanges) {
    return r.linksMade;
  }

  @FieldResolver(() => [LinkChange], {
    description: "Supply links of chain products into the scope in `from` and not in `to` (the first `first`).",
  })
  @Declare({ items: CUT_AT_FIRST })
  linksLost(@Root() r: analytics.ChainChanges) {
    return r.linksLost;
  }

  @FieldResolver(() => [String], { description: "What changed, in short sentences." })
  reasons(@Root() r: analytics.ChainChanges, @Arg("lang", () => Lang, { defaultValue: Lang.EN }) lang: Lang) {
    return analytics.pickReasons(r.reasons, lang);
  }
}

@Resolver(() => ShortBoardState)
export class ShortBoardStateFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.ShortBoardState, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }
}

@Resolver(() => KindChange)
export class KindChangeFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.KindChange, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }
}

@Resolver(() => ProducerChange)
export class ProducerChangeFields {
  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.ProducerChange, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }

  @FieldResolver(() => [Enterprise], { description: "By code." })
  @Declare({ entity: all(Label.Enterprise, "enterpriseCodes"), items: 20 })
  enterprises(@Root() r: analytics.ProducerChange, @Ctx() ctx: Context) {
    return loadEnterprises(ctx, r.enterpriseCodes);
  }
}

@Resolver(() => LinkChange)
export class LinkChangeFields {
  @FieldResolver(() => Enterprise)
  @Declare({ entity: one(Label.Enterprise, "supplierCode") })
  supplier(@Root() r: analytics.LinkChange, @Ctx() ctx: Context) {
    return loadEnterprise(ctx, r.supplierCode);
  }

  @FieldResolver(() => Enterprise)
  @Declare({ entity: one(Label.Enterprise, "customerCode") })
  customer(@Root() r: analytics.LinkChange, @Ctx() ctx: Context) {
    return loadEnterprise(ctx, r.customerCode);
  }

  @FieldResolver(() => Product)
  @Declare({ entity: one(Label.Product, "productCode") })
  product(@Root() r: analytics.LinkChange, @Ctx() ctx: Context) {
    return loadProduct(ctx, r.productCode);
  }
}

export const changesResolvers = [
  ChangesResolver,
  ShortBoardStateFields,
  KindChangeFields,
  ProducerChangeFields,
  LinkChangeFields,
];
