import DataLoader from "dataloader";
import type { Page } from "../schema/connection.js";
import { findByCodes } from "./entity.repository.js";
import type { Executor, Params } from "./executor.js";
import { ALL_LABELS, type Label } from "./model.js";
import { neighbours, type NeighbourSpec } from "./neighbours.repository.js";
import {
  relationCacheKey,
  relationCounts,
  relationPages,
  type RelationKey,
  type RelationPage,
  type RelationSpec,
} from "./relation.repository.js";
import * as relations from "./relations.js";

/** Loads one page of a relation per parent, with `totalCount` counted (batched too) only if selected. */
export class RelationLoader<T> {
  private readonly pages: DataLoader<RelationKey, RelationPage<T>, string>;
  private readonly counts: DataLoader<{ parent: string; opts?: Params }, number, string>;

  constructor(executor: Executor, spec: RelationSpec<T>) {
    this.pages = new DataLoader((keys) => relationPages(executor, spec, keys), { cacheKeyFn: relationCacheKey });
    this.counts = new DataLoader((keys) => relationCounts(executor, spec as RelationSpec<unknown>, keys), {
      cacheKeyFn: (k) => JSON.stringify([k.parent, k.opts ?? {}]),
    });
  }

  async load(key: RelationKey): Promise<Page<T>> {
    const page = await this.pages.load(key);
    if (page.total !== undefined) {
      const total = page.total;
      return { ...page, totalCount: () => Promise.resolve(total) };
    }
    const countKey = { parent: key.parent, ...(key.opts ? { opts: key.opts } : {}) };
    return { ...page, totalCount: () => this.counts.load(countKey) };
  }
}

function neighbourLoader<T>(executor: Executor, spec: NeighbourSpec<T>) {
  return new DataLoader<string, T[]>((codes) => neighbours(executor, spec, codes));
}

/**
 * The DataLoaders of one request. Made fresh per request (in the context), so caching never leaks
 * between callers, and every batch function answers in the order of its keys.
 */
export function createLoaders(executor: Executor) {
  const entities = Object.fromEntries(
    ALL_LABELS.map((label) => [label, new DataLoader<string, unknown>((codes) => findByCodes(executor, label, codes))]),
  ) as Record<Label, DataLoader<string, unknown>>;
  const n = relations.neighbourSpecs;
  return {
    /** Entities by code, per label. */
    entity: <T>(label: Label) => entities[label] as DataLoader<string, T | null>,
    regionChildren: neighbourLoader(executor, n.regionChildren),
    regionParent: neighbourLoader(executor, n.regionParent),
    regionClusters: neighbourLoader(executor, n.regionClusters),
    regionPlanItems: neighbourLoader(executor, n.regionPlanItems),
    productInputs: neighbourLoader(executor, n.productInputs),
    productUsedBy: neighbourLoader(executor, n.productUsedBy),
    enterpriseProducts: neighbourLoader(executor, n.enterpriseProducts),
    clusterFocus: neighbourLoader(executor, n.clusterFocus),
    chainIndustry: neighbourLoader(executor, n.chainIndustry),
    chainClusters: neighbourLoader(executor, n.chainClusters),
    chainPlanItems: neighbourLoader(executor, n.chainPlanItems),
    industryChains: neighbourLoader(executor, n.industryChains),
    planItems: neighbourLoader(executor, n.planItems),
    planItemPlan: neighbourLoader(executor, n.planItemPlan),
    planItemChains: neighbourLoader(executor, n.planItemChains),
    planItemRegions: neighbourLoader(executor, n.planItemRegions),
    planItemIndustries: neighbourLoader(executor, n.planItemIndustries),
    regionEnterprises: new RelationLoader(executor, relations.regionEnterprises),
    productProducers: new RelationLoader(executor, relations.productProducers),
    chainProducts: new RelationLoader(executor, relations.chainProducts),
    clusterMembers: new RelationLoader(executor, relations.clusterMembers),
    enterpriseSuppliers: new RelationLoader(executor, relations.enterpriseSuppliers),
    enterpriseCustomers: new RelationLoader(executor, relations.enterpriseCustomers),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
