import type { Page } from "../vocabulary/paging.js";
import { findPage } from "./entity.repository.js";
import type { Executor } from "../db/executor.js";
import type { PagePlan } from "../planner/roots.js";
import { related } from "../import/years.js";
import { Label } from "../vocabulary/model.js";

/** Lists of the smaller catalogues: chains, clusters, industries and plans. */

export function listChains<T>(
  executor: Executor,
  filter: { text?: string | null | undefined; industry?: string | null | undefined; year?: number | null | undefined },
  first: number,
  after?: string | null,
  plan?: PagePlan,
): Promise<Page<T>> {
  const where: string[] = [];
  if (filter.text) where.push("n.searchText CONTAINS $text");
  if (filter.industry) where.push(related("(n)-[:OF_INDUSTRY]->(:Industry {code: $industry})"));
  return findPage<T>(
    executor,
    {
      label: Label.IndustryChain,
      where,
      params: { text: filter.text?.toLowerCase() ?? null, industry: filter.industry ?? null },
      first,
      after,
      year: filter.year,
    },
    plan,
  );
}

export function listClusters<T>(
  executor: Executor,
  filter: {
    text?: string | null | undefined;
    region?: string | null | undefined;
    chain?: string | null | undefined;
    year?: number | null | undefined;
  },
  first: number,
  after?: string | null,
  plan?: PagePlan,
): Promise<Page<T>> {
  const where: string[] = [];
  if (filter.text) where.push("n.searchText CONTAINS $text");
  if (filter.region) where.push(related("(n)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(:Region {code: $region})"));
  if (filter.chain) where.push(related("(n)-[:FOCUSES_ON]->(:IndustryChain {code: $chain})"));
  return findPage<T>(
    executor,
    {
      label: Label.Cluster,
      where,
      params: { text: filter.text?.toLowerCase() ?? null, region: filter.region ?? null, chain: filter.chain ?? null },
      first,
      after,
      year: filter.year,
    },
    plan,
  );
}

export function listAll<T>(
  executor: Executor,
  label: Label,
  first: number,
  after?: string | null,
  plan?: PagePlan,
  year?: number | null,
): Promise<Page<T>> {
  return findPage<T>(executor, { label, where: [], params: {}, first, after, year }, plan);
}
