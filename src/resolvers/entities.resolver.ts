import { getNamedType, isUnionType, type GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";
import { ALL_LABELS, type Label } from "../graph/vocabulary/model.js";
import { ENTITY_KEY } from "../schema/entity-key.js";
import { findOne } from "./graph-field.js";

/**
 * Federation's `_entities(representations:)` (src/schema/federation.ts): each representation
 * `{ __typename, code }` is a root lookup of that type by code, as `enterprise(code:)` is, with the
 * selection the gateway asks for (its `... on Enterprise { … }`). The lookups of one type share one
 * planned read whatever their number (roots.ts batches them by statement), so 50 enterprises with
 * their cities are one root statement and one field statement. An unknown code, or one that does not
 * hold in the latest year, is null.
 */
export function resolveEntities(
  representations: ReadonlyArray<Record<string, unknown>>,
  ctx: Context,
  info: GraphQLResolveInfo,
): unknown {
  const union = getNamedType(info.returnType);
  const keyed = new Set(isUnionType(union) ? union.getTypes().map((t) => t.name) : []);
  const labelOf = (typename: unknown) =>
    typeof typename === "string" && keyed.has(typename) ? ALL_LABELS.find((l) => l === typename) : undefined;
  const wellFormed = representations.every((r) => labelOf(r.__typename) && typeof r[ENTITY_KEY] === "string");
  const lookups = representations.map((r): Promise<unknown> | GraphQLError => {
    const label: Label | undefined = labelOf(r.__typename);
    const code = r[ENTITY_KEY];
    // An error as a list item is that item's error (graphql-js), at its own index.
    if (!label) return badInput(`_entities: "${String(r.__typename)}" is not an entity of this subgraph`);
    if (typeof code !== "string") return badInput(`_entities: a ${label} representation needs its ${ENTITY_KEY}`);
    return findOne(ctx, info, label, code);
  });
  // One promise for the whole list lets the direct path (src/graph/planner/direct.ts) write the answer
  // out; a malformed representation keeps them apart, so that graphql-js reports it at its own index.
  // The direct path gives such a list up to graphql-js, which asks again: the lookups it leaves behind
  // must not end as unhandled rejections.
  if (!wellFormed) for (const l of lookups) if (l instanceof Promise) l.catch(() => undefined);
  return wellFormed ? Promise.all(lookups) : lookups;
}
