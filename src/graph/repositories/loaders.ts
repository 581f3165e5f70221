import DataLoader from "dataloader";
import type { Page } from "../vocabulary/paging.js";
import { findByCodes } from "./entity.repository.js";
import type { Executor, Params } from "../db/executor.js";
import { FIELDS, fieldSpec } from "../vocabulary/fields.js";
import { ALL_LABELS, type Label } from "../vocabulary/model.js";
import { neighbours } from "./neighbours.repository.js";
import {
  relationCacheKey,
  relationCounts,
  relationPages,
  type RelationKey,
  type RelationPage,
  type RelationSpec,
} from "./relation.repository.js";

/** Loads one page of a relation per parent, with `totalCount` counted (batched too) only if selected. */
export class RelationLoader<T> {
  private readonly pages: DataLoader<RelationKey, RelationPage<T>, string>;
  private readonly counts: DataLoader<{ parent: string; opts?: Params }, number, string>;

  constructor(executor: Executor, spec: RelationSpec) {
    this.pages = new DataLoader((keys) => relationPages<T>(executor, spec, keys), { cacheKeyFn: relationCacheKey });
    this.counts = new DataLoader((keys) => relationCounts(executor, spec, keys), {
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

/**
 * The DataLoaders of one request: the level-by-level path, for what the query planner does not
 * plan (docs/architecture.md). Made fresh per request (in the context), so caching never leaks
 * between callers, and every batch function answers in the order of its keys.
 */
export function createLoaders(executor: Executor) {
  const entities = Object.fromEntries(
    ALL_LABELS.map((label) => [label, new DataLoader<string, unknown>((codes) => findByCodes(executor, label, codes))]),
  ) as Record<Label, DataLoader<string, unknown>>;
  const lists = new Map<string, DataLoader<string, unknown[]>>();
  const relations = new Map<string, RelationLoader<unknown>>();
  return {
    /** Entities by code, per label. */
    entity: <T>(label: Label) => entities[label] as DataLoader<string, T | null>,
    /** The items of a list field (or the candidates of a one-entity field) of `type`, by parent code. */
    neighbours(type: Label, field: string): DataLoader<string, unknown[]> {
      const name = `${type}.${field}`;
      let loader = lists.get(name);
      if (!loader) {
        const spec = FIELDS[type]?.[field];
        if (!spec || spec.kind === "connection")
          throw new Error(`src/graph/vocabulary/fields.ts describes no list field ${name}`);
        loader = new DataLoader((codes) => neighbours(executor, name, type, spec, codes));
        lists.set(name, loader);
      }
      return loader;
    },
    /** The pages of a connection field of `type`. */
    relation<T>(type: Label, field: string): RelationLoader<T> {
      const name = `${type}.${field}`;
      let loader = relations.get(name);
      if (!loader) {
        loader = new RelationLoader(executor, { name, parentLabel: type, field: fieldSpec(type, field, "connection") });
        relations.set(name, loader);
      }
      return loader as RelationLoader<T>;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
