import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Label } from "../graph/model.js";
import type { SupplyLinkRecord } from "../graph/relations.js";
import { Enterprise } from "../schema/enterprise.type.js";
import { Product } from "../schema/product.type.js";
import { SupplyLink } from "../schema/supply-link.type.js";

@Resolver(() => SupplyLink)
export class SupplyLinkResolver {
  @FieldResolver(() => Enterprise)
  supplier(@Root() link: SupplyLinkRecord, @Ctx() ctx: Context) {
    return link.supplier ?? ctx.loaders.entity<Enterprise>(Label.Enterprise).load(link.supplierCode);
  }

  @FieldResolver(() => Enterprise)
  customer(@Root() link: SupplyLinkRecord, @Ctx() ctx: Context) {
    return link.customer ?? ctx.loaders.entity<Enterprise>(Label.Enterprise).load(link.customerCode);
  }

  @FieldResolver(() => Product)
  product(@Root() link: SupplyLinkRecord, @Ctx() ctx: Context) {
    return link.product ?? ctx.loaders.entity<Product>(Label.Product).load(link.productCode);
  }
}
