import { analyticsFieldResolvers } from "./analytics-fields.resolver.js";
import { AnalyticsResolver } from "./analytics.resolver.js";
import { AuditResolver, EnterpriseHistoryResolver } from "./audit.resolver.js";
import { changesResolvers } from "./changes.resolver.js";
import { ChainResolver } from "./chain.resolver.js";
import { ClusterResolver } from "./cluster.resolver.js";
import { EnterpriseResolver } from "./enterprise.resolver.js";
import { IndicatorResolver } from "./indicator.resolver.js";
import { IndustryResolver } from "./industry.resolver.js";
import { MutationResolver } from "./mutation.resolver.js";
import { NodeResolver } from "./node.resolver.js";
import { PlanItemResolver, PlanResolver } from "./plan.resolver.js";
import { ProductResolver } from "./product.resolver.js";
import { RegionResolver } from "./region.resolver.js";
import { relatednessResolvers } from "./relatedness.resolver.js";
import { SupplyLinkResolver } from "./supply-link.resolver.js";
import { ViewerResolver } from "./viewer.resolver.js";

export const resolvers = [
  NodeResolver,
  RegionResolver,
  IndustryResolver,
  ChainResolver,
  ProductResolver,
  ClusterResolver,
  EnterpriseResolver,
  SupplyLinkResolver,
  PlanResolver,
  PlanItemResolver,
  AnalyticsResolver,
  IndicatorResolver,
  ViewerResolver,
  MutationResolver,
  AuditResolver,
  EnterpriseHistoryResolver,
  ...analyticsFieldResolvers,
  ...changesResolvers,
  ...relatednessResolvers,
] as const;
