import DataLoader from "dataloader";
import { getNamedType, type GraphQLObjectType, type GraphQLResolveInfo } from "graphql";
import neo4j from "neo4j-driver";
import type { Executor, Params } from "../db/executor.js";
import { holds as holdsIn, yearOf } from "../import/years.js";
import { ALL_LABELS, type Label } from "../vocabulary/model.js";
import { fieldTemplates, Planner, rootProjection } from "./plan.js";

/**
 * The root fields of a read, each planned with its whole selection (a root statement, then one
 * statement per nested field, in one transaction):
 * entity lookups and `node(id)` here, lists and `search` through their repositories.
 */

type Row = Record<string, unknown>;

/**
 * A root list's plan: the caller's statement binds the page (a list of entities) to `ROOT` and returns
 * `columns` (with `params`); `read` runs it and then the nested fields (Planner.read); `records` turns
 * the row back into the page's records, in order.
 */
export interface PagePlan {
  columns: string;
  params: Params;
  withTotal: boolean;
  read: (executor: Executor, operation: string, cypher: string, params: Params) => Promise<Row | undefined>;
  records: (row: Row) => unknown[];
}

/** The variable a root statement binds its list of root entities to. */
export const ROOT = "roots";

/**
 * The plan of a root connection field (\`enterprises\`, \`regions\`, …) over entities of \`label\`, its
 * nested fields read as they hold in \`year\` (null: every year).
 */
export function planPage(info: GraphQLResolveInfo, label: Label, year: number | null = null): PagePlan {
  const planner = Planner.of(info).inYear(year);
  const connection = getNamedType(info.returnType) as GraphQLObjectType;
  const { items, withTotal } = planner.connectionParts(connection, info.fieldNodes, String(info.path.key));
  const set = planner.root(ROOT, [label], items);
  const { columns } = planner.compile();
  return {
    columns,
    params: planner.params,
    withTotal,
    read: planner.read.bind(planner),
    records: (row) => planner.reader(row).records(set),
  };
}

/** The root statement of a lookup of `label`: the entities with `$codes` that hold in `$year`, as `columns`. */
const lookupStatement = (label: Label, columns: string) =>
  `MATCH (n:${label}) WHERE n.code IN $args.codes AND ${holdsIn("n")} WITH collect(n) AS ${ROOT}\nRETURN ${columns}`;

/**
 * The statements every planned read is made of, whatever its document: each field's statement and
 * each lookup's root statement, with parameters to run them once in `year` (the types a request
 * gives). Run at start and after an outage, they leave a new document nothing to plan but the root
 * statement of a list or search.
 */
export function readTemplates(
  year: number | null,
): Array<{ operation: string; variant: string; cypher: string; params: Params }> {
  const y = year === null ? null : neo4j.int(year);
  const lookups = ALL_LABELS.flatMap((label) =>
    [false, true].map((all) => ({
      operation: `plan.${label}`,
      variant: all ? "lookup, all properties" : "lookup, properties in $args.k_s0",
      cypher: lookupStatement(label, `${rootProjection([label], ROOT, "s0", all)} AS s0`),
      params: { args: { codes: ["-"], ...(all ? {} : { k_s0: ["code"] }) }, year: y },
    })),
  );
  return [...lookups, ...fieldTemplates(year)];
}

/** The plan of `search`: the hits' nodes, of any label, bound to `ROOT` in score order. */
export type SearchPlan = Omit<PagePlan, "withTotal">;

export function planSearch(info: GraphQLResolveInfo, year: number | null = null): SearchPlan {
  const planner = Planner.of(info).inYear(year);
  const hit = getNamedType(info.returnType) as GraphQLObjectType;
  const occurrences = [...planner.subfields(hit, info.fieldNodes)]
    .filter(([, nodes]) => nodes[0]!.name.value === "node")
    .map(([key, nodes]) => ({ path: `${String(info.path.key)}/${key}`, nodes }));
  const set = planner.root(ROOT, ALL_LABELS, occurrences);
  const { columns } = planner.compile();
  return {
    columns,
    params: planner.params,
    read: planner.read.bind(planner),
    records: (row) => planner.reader(row).records(set),
  };
}

interface LookupKey {
  label: Label;
  statement: string;
  params: Params;
  /** Runs the statement and the nested fields' (Planner.read). */
  run: Planner["read"];
  /** The year asked (undefined: the latest the graph holds); resolved once per batch, into \`$year\`. */
  year: number | null | undefined;
  /** Root fields with the same statement and parameters share one round trip. */
  group: string;
  path: string;
  code: string;
  /** The record for `code` in a result row. */
  read: (row: Row, code: string) => unknown;
}

export type Lookups = DataLoader<LookupKey, unknown, string>;

/**
 * A request's root lookups. Root fields whose plans are the same statement (50 aliased `node(id:)`
 * with one selection, say) run as one round trip for all their codes; each reads the row for its own path.
 */
export function createLookups(executor: Executor): Lookups {
  return new DataLoader<LookupKey, unknown, string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      keys.forEach((key, i) => groups.set(key.group, [...(groups.get(key.group) ?? []), i]));
      const results: unknown[] = new Array(keys.length).fill(null);
      // The year is resolved here, once per batch: resolving it before \`load\` would split the batch.
      const held = await executor.heldYears();
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          const { label, statement, params, run, year: asked } = keys[indexes[0]!]!;
          const codes = [...new Set(indexes.map((i) => keys[i]!.code))];
          const year = yearOf(held, asked);
          const row = await run(executor, `plan.${label}`, statement, {
            ...params,
            // In \`$args\`, as the planner's lists are (see fieldStatement).
            args: { ...(params.args as Params | undefined), codes },
            year: year === null ? null : neo4j.int(year),
          });
          for (const i of indexes) results[i] = row ? keys[i]!.read(row, keys[i]!.code) : null;
        }),
      );
      return results;
    },
    { cacheKeyFn: (key) => `${key.group}\u0000${key.path}\u0000${key.code}` },
  );
}

/**
 * The entity of \`label\` with \`code\` and this root field's whole selection, as it holds in the year
 * asked (undefined: the latest the graph holds); null when unknown (or, in a year, when it does not
 * hold then). A year the graph does not hold is BAD_USER_INPUT.
 */
export function lookup<T>(
  lookups: Lookups,
  info: GraphQLResolveInfo,
  label: Label,
  code: string,
  year?: number | null,
): Promise<T | null> {
  const planner = Planner.of(info).inYearOf("$year");
  const path = String(info.path.key);
  const set = planner.root(ROOT, [label], [{ path, nodes: info.fieldNodes }]);
  const { columns, fields } = planner.compile();
  const statement = lookupStatement(label, columns);
  // Lookups with the same statements and parameters (the same selection) share one read; each reads its own path.
  const group = `${statement}\u0000${fields}\u0000${JSON.stringify(planner.params)}\u0000${String(year)}`;
  const read = (row: Row, wanted: string) => planner.reader(row).byCode(set, wanted);
  const run = planner.read.bind(planner);
  return lookups.load({ label, statement, params: planner.params, run, year, group, path, code, read }) as Promise<T | null>;
}
