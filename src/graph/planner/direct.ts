import {
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  locatedError,
} from "graphql";
import { collectFields, collectSubfields } from "graphql/execution/collectFields.js";
import { FIELDS } from "../vocabulary/fields.js";
import { declarationOf } from "./declarations.js";
import { PLANNED, type PlannedValues } from "./planned.js";

/**
 * Answers a read whose every root field is one the planner reads whole, without graphql-js walking
 * the answer field by field: each root field's resolver runs as usual (type-graphql validates its
 * arguments; the planner runs its one statement), then the planned records are written out in the
 * shape of the selection, the scalars serialized by the schema's own scalar and enum types.
 *
 * Anything unusual (a root field the planner does not read whole, an argument the resolver refuses,
 * a field the planner declined, a null where the schema says non-null, any error) gives `null`, and
 * the request runs through graphql-js as before, which reports it in the standard way. So this only
 * ever gives the answer graphql-js would have given; the planner's property test checks that too.
 */

const ABORT = Symbol("abort");
type Value = unknown;

/**
 * `promise`, marked as handled: when the answer is given up (another root field failed first, or
 * graphql-js answers instead), a rejection nobody waits for any more is not an unhandled rejection.
 * Whoever awaits it still sees the rejection.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export interface DirectInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  contextValue: unknown;
}

/** Errors a root field reports as graphql-js would, rather than running the request again. */
const DATABASE_CODES = new Set(["DATABASE_UNAVAILABLE", "DATABASE_BUSY", "QUERY_TIMEOUT"]);

export interface DirectAnswer {
  data: Record<string, unknown> | null;
  errors?: GraphQLError[];
}

/**
 * The answer, or null when graphql-js should answer instead. A database that fails a root field
 * gives that field's error at its path (its data null, and the whole `data` null for a non-null
 * field), as graphql-js gives it, so an outage is not waited out twice.
 */
export async function answerPlanned(input: DirectInput): Promise<DirectAnswer | null> {
  const { schema, document } = input;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = input.operationName
    ? operations.find((o) => o.name?.value === input.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  const query = schema.getQueryType();
  if (!operation || operation.operation !== "query" || !query) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], input.variables ?? {});
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;

  const roots = collectFields(schema, fragments, variables, query, operation.selectionSet);
  const walk = new Walk(schema, fragments, variables);
  const data: Record<string, unknown> = {};
  // Every root field is checked before any resolver starts: a request that graphql-js must answer
  // starts nothing here.
  const calls: Array<{
    key: string;
    nodes: readonly FieldNode[];
    def: GraphQLField<unknown, unknown>;
    args: Record<string, unknown>;
  }> = [];
  for (const [key, nodes] of roots) {
    const name = nodes[0]!.name.value;
    if (name === "__typename") {
      data[key] = query.name;
      continue;
    }
    const def = query.getFields()[name];
    // Only root fields whose whole selection is planned (declared `root: "planned"`; roots.ts) are answered here.
    if (!def?.resolve || declarationOf(def)?.root !== "planned") return null;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(def, nodes[0]!, variables);
    } catch {
      return null;
    }
    data[key] = undefined; // keeps the answer's keys in the order of the selection
    calls.push({ key, nodes, def, args });
  }
  const failed: Array<{ error: GraphQLError; nonNull: boolean; key: string }> = [];
  const pending = calls.map(({ key, nodes, def, args }) => {
    const info: GraphQLResolveInfo = {
      fieldName: def.name,
      fieldNodes: nodes,
      returnType: def.type,
      parentType: query,
      path: { prev: undefined, key, typename: query.name },
      schema,
      fragments,
      rootValue: undefined,
      operation,
      variableValues: variables,
    };
    const resolved = new Promise<Value>((resolve) => resolve(def.resolve!(undefined, args, input.contextValue, info)));
    return handled(
      resolved.then(
        (value) => walk.complete(def.type, nodes, value, key, (done) => (data[key] = done)),
        (error: unknown) => {
          const code = error instanceof GraphQLError ? error.extensions.code : undefined;
          if (typeof code !== "string" || !DATABASE_CODES.has(code)) throw error;
          failed.push({ error: locatedError(error, nodes, [key]), nonNull: isNonNullType(def.type), key });
        },
      ),
    );
  });
  try {
    await Promise.all(pending);
    await walk.settled();
  } catch {
    return null;
  }
  if (walk.aborted) return null;
  if (failed.length === 0) return { data };
  for (const f of failed) data[f.key] = null;
  return { data: failed.some((f) => f.nonNull) ? null : data, errors: failed.map((f) => f.error) };
}

class Walk {
  aborted = false;
  private readonly waiting: Array<Promise<void>> = [];
  private readonly subfieldCache = new Map<GraphQLObjectType, Map<readonly FieldNode[], Map<string, readonly FieldNode[]>>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  /** Waits for the values that came as promises (a root list's lazily counted total). */
  async settled(): Promise<void> {
    while (this.waiting.length) await this.waiting.shift();
  }

  /** Writes `value` out in the shape of `nodes` for `type`, then hands it to `done`. */
  complete(type: GraphQLOutputType, nodes: readonly FieldNode[], value: Value, path: string, done: (v: Value) => void): void {
    if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function") {
      this.waiting.push(handled((value as Promise<Value>).then((v) => this.complete(type, nodes, v, path, done))));
      return;
    }
    const result = this.value(type, nodes, value, path);
    if (result === ABORT) this.aborted = true;
    else done(result);
  }

  private value(type: GraphQLOutputType, nodes: readonly FieldNode[], value: Value, path: string): Value {
    if (isNonNullType(type)) {
      const inner = this.value(type.ofType, nodes, value, path);
      return inner === null ? ABORT : inner;
    }
    if (value === null || value === undefined) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) return ABORT;
      const out = new Array<Value>(value.length);
      for (let i = 0; i < value.length; i++) {
        const item = this.value(type.ofType, nodes, value[i], path);
        if (item === ABORT) return ABORT;
        out[i] = item;
      }
      return out;
    }
    if (isLeafType(type)) return type.serialize(value);
    const object = isAbstractType(type) ? this.schema.getType(String((value as { __typename?: unknown }).__typename)) : type;
    if (!isObjectType(object) || (isAbstractType(type) && !this.schema.isSubType(type, object))) return ABORT;
    return this.object(object, nodes, value as Record<string | symbol, unknown>, path);
  }

  private object(
    type: GraphQLObjectType,
    nodes: readonly FieldNode[],
    value: Record<string | symbol, unknown>,
    path: string,
  ): Value {
    const out: Record<string, unknown> = {};
    const graphFields = FIELDS[type.name];
    const planned = value[PLANNED] as PlannedValues | undefined;
    for (const [key, fieldNodes] of this.subfields(type, nodes)) {
      const name = fieldNodes[0]!.name.value;
      if (name === "__typename") {
        out[key] = type.name;
        continue;
      }
      const def = type.getFields()[name]!;
      const fieldPath = `${path}/${key}`;
      let child: Value;
      if (graphFields?.[name]) {
        if (!planned || !(fieldPath in planned)) return ABORT; // not planned: let its resolver run
        child = planned[fieldPath];
      } else child = value[name];
      if (child !== null && typeof child === "object" && typeof (child as { then?: unknown }).then === "function") {
        out[key] = undefined;
        this.complete(def.type, fieldNodes, child, fieldPath, (done) => (out[key] = done));
        continue;
      }
      const completed = this.value(def.type, fieldNodes, child, fieldPath);
      if (completed === ABORT) return ABORT;
      out[key] = completed;
    }
    return out;
  }

  /** collectSubfields, once per type and field nodes (the same nodes recur for every item of a list). */
  private subfields(type: GraphQLObjectType, nodes: readonly FieldNode[]) {
    let byNodes = this.subfieldCache.get(type);
    if (!byNodes) this.subfieldCache.set(type, (byNodes = new Map()));
    let fields = byNodes.get(nodes);
    if (!fields) byNodes.set(nodes, (fields = collectSubfields(this.schema, this.fragments, this.variables, type, nodes)));
    return fields;
  }
}
