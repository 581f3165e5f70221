import DataLoader from "dataloader";
import { getNamedType, type GraphQLObjectType, type GraphQLResolveInfo } from "graphql";
import type { Executor, Params } from "../executor.js";
import { ALL_LABELS, type Label } from "../model.js";
import { Planner, type Planned } from "./plan.js";

/**
 * The root fields of a read, each planned into one statement with its whole selection:
 * entity lookups and `node(id)` here, lists and `search` through their repositories.
 */

/** A root list's items with their nested selection (bound to `n`), and whether `totalCount` is selected. */
export interface PagePlan {
  item: Planned;
  params: Params;
  withTotal: boolean;
}

/** The plan of a root connection field (`enterprises`, `regions`, …) over entities of `label`. */
export function planPage(info: GraphQLResolveInfo, label: Label): PagePlan {
  const planner = Planner.of(info);
  const connection = getNamedType(info.returnType) as GraphQLObjectType;
  const { items, withTotal } = planner.connectionParts(connection, info.fieldNodes, String(info.path.key));
  return { item: planner.entity(label, "n", items), params: planner.params, withTotal };
}

/** The plan of `search`: the hit's node, planned for every label it may have. */
export interface SearchPlan {
  byLabel: Record<Label, Planned>;
  params: Params;
}

export function planSearch(info: GraphQLResolveInfo): SearchPlan {
  const planner = Planner.of(info);
  const hit = getNamedType(info.returnType) as GraphQLObjectType;
  const occurrences = [...planner.subfields(hit, info.fieldNodes)]
    .filter(([, nodes]) => nodes[0]!.name.value === "node")
    .map(([key, nodes]) => ({ path: `${String(info.path.key)}/${key}`, nodes }));
  const byLabel = Object.fromEntries(ALL_LABELS.map((label) => [label, planner.entity(label, "n", occurrences)]));
  return { byLabel: byLabel as Record<Label, Planned>, params: planner.params };
}

interface LookupKey {
  label: Label;
  statement: string;
  params: Params;
  /** Root fields with the same statement and parameters share one round trip. */
  group: string;
  path: string;
  code: string;
  shape: Planned["shape"];
}

export type Lookups = DataLoader<LookupKey, unknown, string>;

/**
 * A request's root lookups. Root fields whose plans are the same statement (50 aliased `node(id:)`
 * with one selection, say) run as one `UNWIND $codes` round trip; each is shaped for its own path.
 */
export function createLookups(executor: Executor): Lookups {
  return new DataLoader<LookupKey, unknown, string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      keys.forEach((key, i) => groups.set(key.group, [...(groups.get(key.group) ?? []), i]));
      const results: unknown[] = new Array(keys.length).fill(null);
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          const { label, statement, params } = keys[indexes[0]!]!;
          const codes = [...new Set(indexes.map((i) => keys[i]!.code))];
          const rows = await executor.read<{ code: string; x: unknown }>(`plan.${label}`, statement, { ...params, codes });
          const byCode = new Map(rows.map((row) => [row.code, row.x]));
          for (const i of indexes) {
            const value = byCode.get(keys[i]!.code);
            results[i] = value === undefined ? null : keys[i]!.shape(value);
          }
        }),
      );
      return results;
    },
    { cacheKeyFn: (key) => `${key.group}\u0000${key.path}\u0000${key.code}` },
  );
}

/** The entity of `label` with `code` and this root field's whole selection; null when unknown. */
export function lookup<T>(lookups: Lookups, info: GraphQLResolveInfo, label: Label, code: string): Promise<T | null> {
  const planner = Planner.of(info);
  const path = String(info.path.key);
  const item = planner.entity(label, "n", [{ path, nodes: info.fieldNodes }]);
  const statement = `UNWIND $codes AS code MATCH (n:${label} {code: code}) RETURN code, ${item.expr} AS x`;
  const group = `${statement}\u0000${JSON.stringify(planner.params)}`;
  return lookups.load({ label, statement, params: planner.params, group, path, code, shape: item.shape }) as Promise<T | null>;
}
