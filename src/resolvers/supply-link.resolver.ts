import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import type { SupplyLinkRecord } from "../graph/vocabulary/fields.js";
import { Enterprise } from "../schema/enterprise.type.js";
import { Product } from "../schema/product.type.js";
import { SupplyLink } from "../schema/supply-link.type.js";
import { loadGraphField } from "./graph-field.js";

/** On the level-by-level path a link arrives with its far end and product, which answer here first. */
@Resolver(() => SupplyLink)
export class SupplyLinkResolver {
  @FieldResolver(() => Enterprise)
  supplier(@Root() link: SupplyLinkRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return link.supplier ?? loadGraphField(ctx, "SupplyLink", "supplier", link, info);
  }

  @FieldResolver(() => Enterprise)
  customer(@Root() link: SupplyLinkRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return link.customer ?? loadGraphField(ctx, "SupplyLink", "customer", link, info);
  }

  @FieldResolver(() => Product)
  product(@Root() link: SupplyLinkRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return link.product ?? loadGraphField(ctx, "SupplyLink", "product", link, info);
  }
}
