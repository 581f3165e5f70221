import type { Page } from "../vocabulary/paging.js";
import type { Product } from "../../schema/product.type.js";
import { findPage } from "./entity.repository.js";
import type { Executor } from "../db/executor.js";
import type { PagePlan } from "../planner/roots.js";
import { related } from "../import/years.js";
import { Label } from "../vocabulary/model.js";

export interface ProductFilter {
  chain?: string | null | undefined;
  stage?: string | null | undefined;
  text?: string | null | undefined;
  /** List what holds in this year (null: every year). */
  year?: number | null | undefined;
}

export function listProducts(
  executor: Executor,
  filter: ProductFilter,
  first: number,
  after?: string | null,
  plan?: PagePlan,
): Promise<Page<Product>> {
  const where: string[] = [];
  if (filter.chain) where.push(related("(n)-[:IN_CHAIN]->(:IndustryChain {code: $chain})"));
  if (filter.stage) where.push("n.stage = $stage");
  if (filter.text) where.push("n.searchText CONTAINS $text");
  return findPage<Product>(
    executor,
    {
      label: Label.Product,
      where,
      params: { chain: filter.chain ?? null, stage: filter.stage ?? null, text: filter.text?.toLowerCase() ?? null },
      first,
      after,
      year: filter.year,
    },
    plan,
  );
}
