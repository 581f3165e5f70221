import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { listEnterprises } from "../graph/repositories/enterprise.repository.js";
import { Label } from "../graph/vocabulary/model.js";
import { Cluster } from "../schema/cluster.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { toConnection } from "../schema/connection.js";
import { EnterpriseFilter } from "../schema/enterprise.input.js";
import { Enterprise, EnterpriseConnection, ProducedProduct } from "../schema/enterprise.type.js";
import { PageArgs } from "../schema/page.args.js";
import { YearArgs } from "../schema/year.args.js";
import { Region } from "../schema/region.type.js";
import { SupplyLinkConnection } from "../schema/supply-link.type.js";
import { findOne, listInYear, loadGraphField } from "./graph-field.js";
import { Declare } from "../schema/declare.js";

const productArg = { nullable: true, description: "Only links of this product code." } as const;

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => EnterpriseConnection, { description: "Enterprises, by code." })
  @Declare({ root: "planned" })
  enterprises(
    @Arg("filter", () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listInYear(ctx, info, Label.Enterprise, year, (y, plan) =>
      listEnterprises(ctx.executor, { ...filter, year: y }, page.first, page.after, plan),
    ).then(toConnection);
  }

  @Query(() => Enterprise, { nullable: true, description: "An enterprise by code; null when unknown." })
  @Declare({ root: "planned" })
  enterprise(
    @Args(() => CodeArgs) { code }: CodeArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return findOne(ctx, info, Label.Enterprise, code, year);
  }

  @FieldResolver(() => Region, { description: "The city the enterprise is located in." })
  city(@Root() enterprise: Enterprise, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Enterprise, "city", enterprise, info);
  }

  @FieldResolver(() => Cluster, { nullable: true })
  cluster(@Root() enterprise: Enterprise, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Enterprise, "cluster", enterprise, info);
  }

  @FieldResolver(() => [ProducedProduct], { description: "What the enterprise makes, with capacity." })
  products(@Root() enterprise: Enterprise, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Enterprise, "products", enterprise, info);
  }

  @FieldResolver(() => SupplyLinkConnection, { description: "Supply links into this enterprise, by supplier." })
  suppliers(
    @Root() enterprise: Enterprise,
    @Arg("product", () => String, productArg) product: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return loadGraphField(ctx, Label.Enterprise, "suppliers", enterprise, info, { ...page, product });
  }

  @FieldResolver(() => SupplyLinkConnection, { description: "Supply links out of this enterprise, by customer." })
  customers(
    @Root() enterprise: Enterprise,
    @Arg("product", () => String, productArg) product: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return loadGraphField(ctx, Label.Enterprise, "customers", enterprise, info, { ...page, product });
  }
}
