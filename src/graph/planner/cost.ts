import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields.js";
import { FIELDS } from "../vocabulary/fields.js";
import { declarationOf } from "./declarations.js";

/**
 * What a request may cost, known before it runs, the way GitHub's GraphQL API counts it: every list
 * of objects in the answer counts its items, a connection's items being its `first`, a nested list
 * multiplying by the lists above it; summed over all paths. Each analysis adds a fixed weight for the
 * reading it does before it answers. A list with no `first` counts the weight its field declares,
 * in src/graph/vocabulary/fields.ts or beside it (`@Declare`). docs/architecture.md ("Cost") gives the rules.
 */

/** What one analysis costs on top of the items it returns. */
export const ANALYSIS_WEIGHT = 1_000;

/** The weight of a list with neither `first` nor a weight in src/graph/vocabulary/fields.ts or its declaration. */
export const DEFAULT_LIST_WEIGHT = 20;

/**
 * What a root field reads before it answers: an analysis `ANALYSIS_WEIGHT`, and whatever its
 * declaration adds (`reads`). The weights of lists without `first` are declared beside their fields
 * too (`items`; src/graph/planner/declarations.ts).
 */
function readWeight(def: GraphQLField<unknown, unknown>): number {
  const declared = declarationOf(def);
  return (declared?.root === "analysis" ? ANALYSIS_WEIGHT : 0) + (declared?.reads ?? 0);
}

/**
 * What a root Mutation field writes: its declared \`writes\` for each item of its list arguments (a
 * batch of 100 changes costs 100 times one), or once when it has none.
 */
function writeWeight(def: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const writes = declarationOf(def)?.writes ?? 0;
  const items = Object.values(args).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
  return writes * Math.max(1, items);
}

/** Object types that are properties rather than nodes, and count nothing. */
const NOT_NODES = new Set(["Attribute", "PageInfo"]);

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** The requested (worst-case) node count of the operation a request runs; 0 when there is none. */
export function requestedNodes(input: CostInput): number {
  const found = operationOf(input);
  if (!found) return 0;
  const { walk, operation, root } = found;
  return estimate(walk, root, [rootField(operation)], 1);
}

/** The node count of an answer, by the same rules with the lists' real lengths. */
export function actualNodes(input: CostInput, data: unknown): number {
  const found = operationOf(input);
  if (!found || !data) return 0;
  const { walk, operation, root } = found;
  return actual(walk, root, [rootField(operation)], data);
}

function operationOf(input: CostInput) {
  const operations = input.document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = input.operationName
    ? operations.find((o) => o.name?.value === input.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  const root = operation ? input.schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return undefined;
  const fragments = Object.fromEntries(
    input.document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { walk: { schema: input.schema, fragments, variables: input.variables ?? {} }, operation, root };
}

/** A field node standing for the operation, so the root selection is collected like any other. */
function rootField(operation: OperationDefinitionNode): FieldNode {
  return { kind: Kind.FIELD, name: { kind: Kind.NAME, value: "__root" }, selectionSet: operation.selectionSet };
}

function objectTypes(walk: Walk, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isAbstractType(type) ? walk.schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
}

function argumentsOf(walk: Walk, def: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  try {
    return getArgumentValues(def, node, walk.variables);
  } catch {
    return {}; // execution reports the bad argument; the cost of what cannot run is nothing
  }
}

/** How many items a list field holds: its `first`, inside a connection its connection's, else its weight. */
function listItems(parent: GraphQLObjectType, def: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (isConnectionPart(parent)) return 1; // edges and nodes: the connection's `first` is already counted
  if (typeof args.first === "number") return args.first;
  return declaredWeight(parent, def) ?? DEFAULT_LIST_WEIGHT;
}

/** The weight a list without `first` declares: its spec's in src/graph/vocabulary/fields.ts, else its declaration's `items`. */
export function declaredWeight(parent: GraphQLObjectType, def: GraphQLField<unknown, unknown>): number | undefined {
  const spec = FIELDS[parent.name]?.[def.name];
  return spec?.kind === "list" ? spec.weight : declarationOf(def)?.items;
}

/** Whether a field counts its declared weight of items: a list of nodes, outside a connection, with no `first` it must have. */
export function countedByWeight(parent: GraphQLObjectType, def: GraphQLField<unknown, unknown>): boolean {
  const named = getNamedType(def.type);
  if (!isCompositeType(named) || NOT_NODES.has(named.name) || isConnectionPart(parent)) return false;
  const first = def.args.find((arg) => arg.name === "first");
  return isListType(getNullableType(def.type)) && !(first && isNonNullType(first.type));
}

const isConnection = (type: GraphQLCompositeType) => type.name.endsWith("Connection");
const isConnectionPart = (type: GraphQLObjectType) => type.name.endsWith("Connection") || type.name.endsWith("Edge");

function estimate(walk: Walk, type: GraphQLCompositeType, nodes: readonly FieldNode[], multiplier: number): number {
  // An interface or union costs what its most expensive possible type would.
  let worst = 0;
  for (const object of objectTypes(walk, type)) {
    let total = 0;
    for (const fieldNodes of collectSubfields(walk.schema, walk.fragments, walk.variables, object, nodes).values()) {
      const def = object.getFields()[fieldNodes[0]!.name.value];
      if (!def) continue; // __typename
      const named = getNamedType(def.type);
      if (!isCompositeType(named) || NOT_NODES.has(named.name)) continue;
      const args = argumentsOf(walk, def, fieldNodes[0]!);
      const per = declarationOf(def)?.oneItemPer;
      if (per !== undefined) {
        total += perElement(walk, named, fieldNodes, args[per], multiplier);
        continue;
      }
      let items = 1;
      if (isConnection(named)) items = typeof args.first === "number" ? args.first : 0;
      else if (isListType(getNullableType(def.type))) {
        items = listItems(object, def, args);
        total += multiplier * items;
      }
      if (object === walk.schema.getQueryType()) total += readWeight(def);
      if (object === walk.schema.getMutationType()) total += writeWeight(def, args);
      total += estimate(walk, named, fieldNodes, multiplier * items);
    }
    worst = Math.max(worst, total);
  }
  return worst;
}

/**
 * A list of one item per element of a list argument (federation's `_entities(representations:)`):
 * each element counts one node and the selection of the type it names in `__typename`, so 50
 * enterprises with their cities cost 100; an element naming none of the list's types counts one.
 */
function perElement(
  walk: Walk,
  type: GraphQLCompositeType,
  nodes: readonly FieldNode[],
  elements: unknown,
  multiplier: number,
): number {
  if (!Array.isArray(elements)) return 0;
  const counts = new Map<string, number>();
  for (const element of elements) {
    const name = (element as { __typename?: unknown } | null)?.__typename;
    const key = typeof name === "string" ? name : "";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const possible = objectTypes(walk, type);
  let total = 0;
  for (const [name, n] of counts) {
    total += multiplier * n;
    const object = possible.find((t) => t.name === name);
    if (object) total += estimate(walk, object, nodes, multiplier * n);
  }
  return total;
}

function actual(walk: Walk, type: GraphQLCompositeType, nodes: readonly FieldNode[], value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const object = runtimeType(walk, type, nodes, value as Record<string, unknown>);
  if (!object) return 0;
  let total = 0;
  for (const [key, fieldNodes] of collectSubfields(walk.schema, walk.fragments, walk.variables, object, nodes)) {
    const def = object.getFields()[fieldNodes[0]!.name.value];
    if (!def) continue;
    const named = getNamedType(def.type);
    if (!isCompositeType(named) || NOT_NODES.has(named.name)) continue;
    const child = (value as Record<string, unknown>)[key];
    if (object === walk.schema.getQueryType() && child !== undefined) total += readWeight(def);
    if (object === walk.schema.getMutationType() && child !== undefined)
      total += writeWeight(def, argumentsOf(walk, def, fieldNodes[0]!));
    if (Array.isArray(child)) {
      total += child.length;
      for (const item of child) total += actual(walk, named, fieldNodes, item);
    } else total += actual(walk, named, fieldNodes, child);
  }
  return total;
}

/** The object type of an answer's value: its `__typename`, or the possible type whose fields it has. */
function runtimeType(
  walk: Walk,
  type: GraphQLCompositeType,
  nodes: readonly FieldNode[],
  value: Record<string, unknown>,
): GraphQLObjectType | undefined {
  const candidates = objectTypes(walk, type);
  if (candidates.length <= 1) return candidates[0];
  const named = typeof value.__typename === "string" ? candidates.find((t) => t.name === value.__typename) : undefined;
  if (named) return named;
  const keys = Object.keys(value).sort().join(",");
  return candidates.find(
    (t) => [...collectSubfields(walk.schema, walk.fragments, walk.variables, t, nodes).keys()].sort().join(",") === keys,
  );
}
