import { isObjectType, type GraphQLField, type GraphQLSchema } from "graphql";
import { MAX_LIST } from "../vocabulary/paging.js";
import type { Label } from "../vocabulary/model.js";

/**
 * What the planner and the cost need to know of a schema field beyond its type: whether a root field
 * is planned whole or runs an analysis, what it reads before answering, how many items a list without
 * `first` may hold, and which entities a field of an analysis result names. Each is declared once,
 * beside its field, with `@Declare` (src/schema/declare.ts), which keeps it in the field's
 * `extensions` on the built schema; the readers below take it from there. tests/unit/declarations.test.ts
 * walks the schema and fails on a field that needs a declaration and has none.
 */

/**
 * What a root Query field is:
 * - `planned`: a lookup, list, `node` or `search`; the planner reads its whole selection in one
 *   statement, and a read of only such fields is written out without graphql-js (direct.ts);
 * - `analysis`: runs an analysis of src/analytics, then plans the entities its result names; it costs
 *   `ANALYSIS_WEIGHT` (cost.ts) for the reading it does before it answers;
 * - `resolver`: its resolver answers it, neither planned whole nor an analysis (`viewer`, `years`, …).
 */
export type RootKind = "planned" | "analysis" | "resolver";

type Row = Record<string, unknown>;
type Codes = (row: Row, args: Record<string, unknown>) => string | string[];

/**
 * A field of an analysis result that names entities by code: their label, whether it names one or a
 * list, how its resolver reads the codes from the result row, and the bound of its `first`, when it
 * has one (embedded.ts plans them with the result's whole selection).
 */
export interface EntityRef {
  label: Label;
  one: boolean;
  codes: Codes;
  max?: number;
}

/**
 * A field of an analysis result holding further result objects that name entities (a missing
 * supplier's candidates, a product space's entry candidates): how its resolver picks them from its
 * parent, so that embedded.ts plans their entities with the rest of the result. `pick` must give the
 * very objects the field's resolver returns (the planned entities hang on them), and `max` bounds the
 * field's `first` (beyond it the resolver reports the error).
 */
export interface NestedRef {
  pick: (row: Row, args: Record<string, unknown>) => unknown;
  max?: number;
}

export interface Declaration {
  /** Root Query fields only (and every one of them): what the field is. */
  root?: RootKind;
  /** Root Query fields: the nodes it reads before it answers, on top of what it returns. */
  reads?: number;
  /**
   * Root Mutation fields: what each item of its list arguments (or the whole mutation, when it has
   * none) counts toward the request's cost, for the writing and auditing it does (cost.ts).
   */
  writes?: number;
  /** A list without `first`: the items it may hold in the worst case we plan for (cost.ts). */
  items?: number;
  /**
   * A root list holding one item per element of this list argument, each of the object type the
   * element names in `__typename`: federation's `_entities(representations:)` (src/schema/federation.ts).
   * The cost counts each element with its own type's selection.
   */
  oneItemPer?: string;
  /** A field of an analysis result naming entities (src/graph/planner/embedded.ts). */
  entity?: EntityRef;
  /** A field of an analysis result holding further result objects (src/graph/planner/embedded.ts). */
  nested?: NestedRef;
}

/** The key of a field's `extensions` that holds its declaration. */
export const DECLARED = "declared";

/** The declaration of `field`, if it has one. */
export function declarationOf(field: GraphQLField<unknown, unknown>): Declaration | undefined {
  return field.extensions[DECLARED] as Declaration | undefined;
}

/** Where a result row holds the codes: a key of it, or a function of it. */
type Key<R> = (keyof R & string) | ((row: R) => unknown);
const reader =
  <R>(key: Key<R>) =>
  (row: Row): unknown =>
    typeof key === "string" ? row[key] : (key as (row: Row) => unknown)(row);

/** One entity, its code at `key` of the result row (or what `key` reads from it). */
export function one<R = Row>(label: Label, key: Key<R>): EntityRef {
  const code = reader(key);
  return { label, one: true, codes: (row) => code(row) as string };
}

/** Every entity of the code list at `key`. */
export function all<R = Row>(label: Label, key: Key<R>): EntityRef {
  const codes = reader(key);
  return { label, one: false, codes: (row) => codes(row) as string[] };
}

/** The first `first` (the field's argument, at most `MAX_LIST`) entities of the code list at `key`. */
export function firstN<R = Row>(label: Label, key: Key<R>): EntityRef {
  const codes = reader(key);
  return { label, one: false, max: MAX_LIST, codes: (row, args) => (codes(row) as string[]).slice(0, args.first as number) };
}

/** The root Query fields declared `kind`, in the schema's order. */
export function rootFields(schema: GraphQLSchema, kind: RootKind): string[] {
  const query = schema.getQueryType();
  return Object.values(query?.getFields() ?? {})
    .filter((field) => declarationOf(field)?.root === kind)
    .map((field) => field.name);
}

/** The entity fields of every object type, by type and field name: types without one are left out. */
export function entityRefsOf(schema: GraphQLSchema): Record<string, Record<string, EntityRef>> {
  const refs: Record<string, Record<string, EntityRef>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const entity = declarationOf(field)?.entity;
      if (entity) (refs[type.name] ??= {})[field.name] = entity;
    }
  }
  return refs;
}

/** The nested-result fields of every object type, by type and field name. */
export function nestedRefsOf(schema: GraphQLSchema): Record<string, Record<string, NestedRef>> {
  const refs: Record<string, Record<string, NestedRef>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const nested = declarationOf(field)?.nested;
      if (nested) (refs[type.name] ??= {})[field.name] = nested;
    }
  }
  return refs;
}
