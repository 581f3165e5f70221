import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { selects } from "./selection.js";
import { listClusters } from "../graph/catalogue.repository.js";
import { Label } from "../graph/model.js";
import { IndustryChain } from "../schema/chain.type.js";
import { ClusterFilter } from "../schema/cluster.input.js";
import { Cluster, ClusterConnection } from "../schema/cluster.type.js";
import { CodeArgs } from "../schema/code.args.js";
import { toConnection } from "../schema/connection.js";
import { EnterpriseConnection } from "../schema/enterprise.type.js";
import { PageArgs } from "../schema/page.args.js";
import { Region } from "../schema/region.type.js";

@Resolver(() => Cluster)
export class ClusterResolver {
  @Query(() => ClusterConnection, { description: "Industrial clusters, by code." })
  clusters(
    @Arg("filter", () => ClusterFilter, { nullable: true }) filter: ClusterFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listClusters<Cluster>(ctx.executor, filter ?? {}, page.first, page.after).then(toConnection);
  }

  @Query(() => Cluster, { nullable: true, description: "A cluster by code; null when unknown." })
  cluster(@Args(() => CodeArgs) { code }: CodeArgs, @Ctx() ctx: Context) {
    return ctx.loaders.entity<Cluster>(Label.Cluster).load(code);
  }

  @FieldResolver(() => Region, { description: "The city the cluster is located in." })
  city(@Root() cluster: Cluster, @Ctx() ctx: Context) {
    return ctx.loaders.entity<Region>(Label.Region).load(cluster.cityCode);
  }

  @FieldResolver(() => [IndustryChain], { description: "The chains the cluster focuses on." })
  focus(@Root() cluster: Cluster, @Ctx() ctx: Context) {
    return ctx.loaders.clusterFocus.load(cluster.code);
  }

  @FieldResolver(() => EnterpriseConnection, { description: "Member enterprises." })
  members(@Root() cluster: Cluster, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.loaders.clusterMembers
      .load({ parent: cluster.code, withTotal: selects(info, "totalCount"), first: page.first, after: page.after })
      .then(toConnection);
  }
}
