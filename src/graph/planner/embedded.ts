import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  type GraphQLNamedType,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import type { Executor } from "../db/executor.js";
import type { Label } from "../vocabulary/model.js";
import { entityRefsOf, nestedRefsOf, type EntityRef, type NestedRef } from "./declarations.js";
import { Planner, type PlanSet } from "./plan.js";
import { PLANNED, type PlannedValues } from "./planned.js";

/**
 * Analysis results name entities by code (a short board's product, its demanders, a target firm's
 * enterprise). This loads every entity a result embeds, each with its whole nested selection, in one
 * statement for the whole result, instead of one round trip per kind and level.
 */

type Row = Record<string, unknown>;

/**
 * The entity fields of the analysis result types, by type and field (a short board's `product`, its
 * `demanders(first:)`, a target firm's `enterprise`, …), as their resolvers read them. Each is declared
 * beside its field (`@Declare({ entity })`, src/graph/planner/declarations.ts); `learnEntityRefs`
 * gathers them here when the schema is built (src/schema/build.ts).
 */
export const ENTITY_REFS: Record<string, Record<string, EntityRef>> = {};

/** The fields holding further analysis objects, by type and field, and how their resolvers pick them. */
const NESTED_REFS: Record<string, Record<string, NestedRef>> = {};

/** The object types from which a field path leads to an entity field: where `loadEmbedded` looks. */
const LEADS_TO_ENTITIES = new Set<string>();

/**
 * Fills `ENTITY_REFS` and the nested-result fields from the declarations of `schema`'s fields, and the
 * types that lead to them; returns the entity refs.
 */
export function learnEntityRefs(schema: GraphQLSchema): Record<string, Record<string, EntityRef>> {
  Object.assign(ENTITY_REFS, entityRefsOf(schema));
  Object.assign(NESTED_REFS, nestedRefsOf(schema));
  // A fixed point: a type leads to entities when one of its fields names them or leads to a type that does.
  const objects = Object.values(schema.getTypeMap()).filter(isObjectType);
  for (const t of objects) if (ENTITY_REFS[t.name]) LEADS_TO_ENTITIES.add(t.name);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of objects) {
      if (LEADS_TO_ENTITIES.has(t.name) || t.name.startsWith("__")) continue;
      const leads = Object.values(t.getFields()).some((f) =>
        LEADS_TO_ENTITIES.has((getNamedType(f.type) as GraphQLNamedType).name),
      );
      if (leads) {
        LEADS_TO_ENTITIES.add(t.name);
        grew = true;
      }
    }
  }
  return ENTITY_REFS;
}

const firstOf = (args: Record<string, unknown>) => args.first as number;

interface Group {
  label: Label;
  variable: string;
  set: PlanSet;
  codes: Set<string>;
  uses: Array<{ record: { [PLANNED]?: PlannedValues }; path: string; codes: string | string[] }>;
}

/**
 * Loads the entities `result` (the value of the analysis root field of `info`) embeds, with their
 * selections, in one statement, and hangs them on the result's records for the field resolvers.
 */
export async function loadEmbedded<T>(
  executor: Executor,
  info: GraphQLResolveInfo,
  result: T,
  year: number | null = null,
): Promise<T> {
  const planner = Planner.of(info).inYear(year);
  const groups = new Map<string, Group>();
  // A list's items share their field nodes: collect their subfields and arguments once, not per item.
  const subfields = new Map<readonly FieldNode[], Map<string, readonly FieldNode[]>>();
  const fieldsOf = (type: GraphQLObjectType, nodes: readonly FieldNode[]) => {
    let fields = subfields.get(nodes);
    if (!fields) subfields.set(nodes, (fields = planner.subfields(type, nodes)));
    return fields;
  };
  const argumentsOf = new Map<FieldNode, Record<string, unknown>>();
  const visit = (type: GraphQLObjectType, value: unknown, nodes: readonly FieldNode[], path: string) => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) visit(type, item, nodes, path);
      return;
    }
    const record = value as Row & { [PLANNED]?: PlannedValues };
    for (const [key, fieldNodes] of fieldsOf(type, nodes)) {
      const name = fieldNodes[0]!.name.value;
      const def = type.getFields()[name];
      const named = def ? getNamedType(def.type) : undefined;
      const ref = ENTITY_REFS[type.name]?.[name];
      const nested = NESTED_REFS[type.name]?.[name];
      // Analysis objects further down (candidates, a map's products and cities, lost products, pages).
      const inner = isObjectType(named) && LEADS_TO_ENTITIES.has(named.name) ? named : undefined;
      if (!def || (!ref && !inner)) continue;
      let args = argumentsOf.get(fieldNodes[0]!);
      if (!args) argumentsOf.set(fieldNodes[0]!, (args = getArgumentValues(def, fieldNodes[0]!, info.variableValues)));
      const max = ref ? ref.max : nested?.max;
      // Out of bounds: the field's resolver reports it, at its own path.
      if (max !== undefined && !(Number.isInteger(args.first) && firstOf(args) >= 0 && firstOf(args) <= max)) continue;
      const fieldPath = `${path}/${key}`;
      if (!ref) {
        visit(inner!, nested !== undefined ? nested.pick(record, args) : record[name], fieldNodes, fieldPath);
        continue;
      }
      let group = groups.get(fieldPath);
      if (!group) {
        const variable = planner.variable("e");
        const set = planner.root(variable, [ref.label], [{ path: fieldPath, nodes: fieldNodes }]);
        group = { label: ref.label, variable, set, codes: new Set(), uses: [] };
        groups.set(fieldPath, group);
      }
      const codes = ref.codes(record, args);
      for (const code of typeof codes === "string" ? [codes] : codes) group.codes.add(code);
      group.uses.push({ record, path: fieldPath, codes });
    }
  };
  const root = getNamedType(info.returnType) as GraphQLObjectType;
  visit(root, result, info.fieldNodes, String(info.path.key));
  if (groups.size === 0) return result;

  const list = [...groups.values()];
  const roots = list.map(
    (g) =>
      `CALL { UNWIND ${planner.arg(`c_${g.variable}`, [...g.codes])} AS code MATCH (n:${g.label} {code: code}) RETURN collect(n) AS ${g.variable} }`,
  );
  const { columns } = planner.compile();
  const row = await planner.read(
    executor,
    `plan.${String(info.fieldName)}.entities`,
    `${roots.join("\n")}\nRETURN ${columns}`,
    planner.params,
  );
  if (!row) return result;
  const reader = planner.reader(row);
  for (const g of list) {
    const byCode = new Map(reader.records(g.set).map((r) => [(r as { code: string }).code, r]));
    const found = (code: string) => byCode.get(code) ?? null;
    for (const use of g.uses) {
      const values = (use.record[PLANNED] ??= {});
      values[use.path] = typeof use.codes === "string" ? found(use.codes) : use.codes.map(found).filter((x) => x !== null);
    }
  }
  return result;
}
