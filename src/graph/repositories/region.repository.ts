import type { Page } from "../vocabulary/paging.js";
import type { Region } from "../../schema/region.type.js";
import { findPage } from "./entity.repository.js";
import type { Executor } from "../db/executor.js";
import type { PagePlan } from "../planner/roots.js";
import { related } from "../import/years.js";
import { Label } from "../vocabulary/model.js";

export interface RegionFilter {
  kind?: string | null | undefined;
  text?: string | null | undefined;
  parent?: string | null | undefined;
  within?: string | null | undefined;
  /** List what holds in this year (null: every year). */
  year?: number | null | undefined;
}

export function listRegions(
  executor: Executor,
  filter: RegionFilter,
  first: number,
  after?: string | null,
  plan?: PagePlan,
): Promise<Page<Region>> {
  const where: string[] = [];
  if (filter.kind) where.push("n.kind = $kind");
  if (filter.text) where.push("n.searchText CONTAINS $text");
  if (filter.parent) where.push(related("(n)-[:PART_OF]->(:Region {code: $parent})"));
  if (filter.within) where.push(related("(n)-[:PART_OF*1..]->(:Region {code: $within})"));
  return findPage<Region>(
    executor,
    {
      label: Label.Region,
      where,
      params: {
        kind: filter.kind ?? null,
        text: filter.text?.toLowerCase() ?? null,
        parent: filter.parent ?? null,
        within: filter.within ?? null,
      },
      first,
      after,
      year: filter.year,
    },
    plan,
  );
}
