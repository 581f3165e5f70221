import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";

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
 * Makes every graph field of `schema` (src/graph/vocabulary/fields.ts, and the entity fields of analysis results)
 * answer from its parent's planned values when the parent has them, before its resolver runs: no
 * argument conversion or validation (the planner checked the arguments), no loader, and no promise.
 * The resolvers' own bodies remain the level-by-level path.
 */
export function readPlannedFirst(schema: GraphQLSchema, fields: Record<string, Record<string, unknown>>): GraphQLSchema {
  for (const [typeName, names] of Object.entries(fields)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const name of Object.keys(names)) {
      const field = type.getFields()[name];
      const resolve = field?.resolve;
      if (!field || !resolve) continue;
      field.resolve = (root, args, context, info) => {
        const planned = (root as { [PLANNED]?: PlannedValues } | null)?.[PLANNED];
        if (planned) {
          const key = responsePath(info.path);
          if (key in planned) return planned[key];
        }
        return resolve(root, args, context, info);
      };
    }
  }
  return schema;
}
