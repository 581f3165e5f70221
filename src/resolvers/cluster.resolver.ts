import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { listClusters } from "../graph/repositories/catalogue.repository.js";
import { Label } from "../graph/vocabulary/model.js";
import { IndustryChain } from "../schema/chain.type.js";
import { ClusterFilter } from "../schema/cluster.input.js";
import { Cluster, ClusterConnection } from "../schema/cluster.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { toConnection } from "../schema/connection.js";
import { EnterpriseConnection } from "../schema/enterprise.type.js";
import { PageArgs } from "../schema/page.args.js";
import { YearArgs } from "../schema/year.args.js";
import { Region } from "../schema/region.type.js";
import { findOne, listInYear, loadGraphField } from "./graph-field.js";
import { Declare } from "../schema/declare.js";

@Resolver(() => Cluster)
export class ClusterResolver {
  @Query(() => ClusterConnection, { description: "Industrial clusters, by code." })
  @Declare({ root: "planned" })
  clusters(
    @Arg("filter", () => ClusterFilter, { nullable: true }) filter: ClusterFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return listInYear(ctx, info, Label.Cluster, year, (y, plan) =>
      listClusters<Cluster>(ctx.executor, { ...filter, year: y }, page.first, page.after, plan),
    ).then(toConnection);
  }

  @Query(() => Cluster, { nullable: true, description: "A cluster by code; null when unknown." })
  @Declare({ root: "planned" })
  cluster(
    @Args(() => CodeArgs) { code }: CodeArgs,
    @Args(() => YearArgs) { year }: YearArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return findOne(ctx, info, Label.Cluster, code, year);
  }

  @FieldResolver(() => Region, { description: "The city the cluster is located in." })
  city(@Root() cluster: Cluster, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Cluster, "city", cluster, info);
  }

  @FieldResolver(() => [IndustryChain], { description: "The chains the cluster focuses on." })
  focus(@Root() cluster: Cluster, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Cluster, "focus", cluster, info);
  }

  @FieldResolver(() => EnterpriseConnection, { description: "Member enterprises." })
  members(@Root() cluster: Cluster, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadGraphField(ctx, Label.Cluster, "members", cluster, info, { ...page });
  }
}
