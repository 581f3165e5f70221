import type { Page } from "../vocabulary/paging.js";
import type { Enterprise } from "../../schema/enterprise.type.js";
import { findPage } from "./entity.repository.js";
import type { Executor } from "../db/executor.js";
import type { PagePlan } from "../planner/roots.js";
import { related } from "../import/years.js";
import { Label } from "../vocabulary/model.js";

export interface EnterpriseFilter {
  text?: string | null | undefined;
  /** Any region: the enterprises located anywhere beneath it. */
  region?: string | null | undefined;
  cluster?: string | null | undefined;
  /** Enterprises that make at least one product of this chain. */
  chain?: string | null | undefined;
  product?: string | null | undefined;
  /** List what holds in this year, through relationships that hold then (null: every year). */
  year?: number | null | undefined;
}

/**
 * The most selective filter becomes the anchor the match starts from (an index seek, then a short
 * expansion); the others are checked on each enterprise found.
 */
const ANCHORS = {
  product: "(:Product {code: $product})<-[:PRODUCES]-(n:Enterprise)",
  cluster: "(:Cluster {code: $cluster})<-[:MEMBER_OF]-(n:Enterprise)",
  region: "(:Region {code: $region})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(n:Enterprise)",
  chain: "(:IndustryChain {code: $chain})<-[:IN_CHAIN]-(:Product)<-[:PRODUCES]-(n:Enterprise)",
} as const;

const CONDITIONS = {
  product: related("(n)-[:PRODUCES]->(:Product {code: $product})"),
  cluster: related("(n)-[:MEMBER_OF]->(:Cluster {code: $cluster})"),
  region: related("(n)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $region})"),
  chain: related("(n)-[:PRODUCES]->(:Product)-[:IN_CHAIN]->(:IndustryChain {code: $chain})"),
} as const;

export function listEnterprises(
  executor: Executor,
  filter: EnterpriseFilter,
  first: number,
  after?: string | null,
  plan?: PagePlan,
): Promise<Page<Enterprise>> {
  const keys = (["product", "cluster", "region", "chain"] as const).filter((k) => filter[k]);
  const [anchor, ...rest] = keys;
  const where: string[] = rest.map((k) => CONDITIONS[k]);
  if (filter.text) where.push("n.searchText CONTAINS $text");
  return findPage<Enterprise>(
    executor,
    {
      label: Label.Enterprise,
      anchor: anchor ? ANCHORS[anchor] : undefined,
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
      year: filter.year,
    },
    plan,
  );
}
