import type { Page } from "../schema/connection.js";
import type { Enterprise } from "../schema/enterprise.type.js";
import { findPage } from "./entity.repository.js";
import type { Executor } from "./executor.js";
import { Label } from "./model.js";

export interface EnterpriseFilter {
  text?: string | null | undefined;
  /** Any region: the enterprises located anywhere beneath it. */
  region?: string | null | undefined;
  cluster?: string | null | undefined;
  /** Enterprises that make at least one product of this chain. */
  chain?: string | null | undefined;
  product?: string | null | undefined;
}

export function listEnterprises(
  executor: Executor,
  filter: EnterpriseFilter,
  first: number,
  after?: string | null,
): Promise<Page<Enterprise>> {
  const where: string[] = [];
  if (filter.text) where.push("n.searchText CONTAINS $text");
  if (filter.region) where.push("EXISTS { (n)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $region}) }");
  if (filter.cluster) where.push("EXISTS { (n)-[:MEMBER_OF]->(:Cluster {code: $cluster}) }");
  if (filter.chain) where.push("EXISTS { (n)-[:PRODUCES]->(:Product)-[:IN_CHAIN]->(:IndustryChain {code: $chain}) }");
  if (filter.product) where.push("EXISTS { (n)-[:PRODUCES]->(:Product {code: $product}) }");
  return findPage<Enterprise>(executor, {
    label: Label.Enterprise,
    where,
    params: {
      text: filter.text?.toLowerCase() ?? null,
      region: filter.region ?? null,
      cluster: filter.cluster ?? null,
      chain: filter.chain ?? null,
      product: filter.product ?? null,
    },
    first,
    after,
  });
}
