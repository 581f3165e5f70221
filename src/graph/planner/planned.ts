import type { GraphQLResolveInfo } from "graphql";
import type { MiddlewareFn } from "type-graphql";

/**
 * Where a planned answer keeps the values of its graph fields. The planner reads a root field's whole
 * selection in one statement and hangs each nested field's value on its parent record, under the
 * field's response path (aliases included, list indexes left out), so that one record listed under
 * two aliases with different selections holds both.
 */
export const PLANNED = Symbol("planned");

export type PlannedValues = Record<string, unknown>;

/** The response path of a field without list indexes: `enterprise/suppliers/nodes/supplier`. */
export function responsePath(path: GraphQLResolveInfo["path"]): string {
  let key = "";
  for (let p: GraphQLResolveInfo["path"] | undefined = path; p; p = p.prev) {
    if (typeof p.key === "string") key = key ? `${p.key}/${key}` : p.key;
  }
  return key;
}

/**
 * Resolver middleware: a field whose value the planner already loaded returns it, before type-graphql
 * converts or validates arguments (the planner checked them) and before the resolver's own loader runs.
 */
export const ReadPlanned: MiddlewareFn = async ({ root, info }, next) => {
  const planned = (root as { [PLANNED]?: PlannedValues } | undefined)?.[PLANNED];
  if (planned) {
    const key = responsePath(info.path);
    if (key in planned) return planned[key];
  }
  return next();
};
