import neo4j from "neo4j-driver";
import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields.js";
import { MAX_PAGE_SIZE } from "../../schema/page.args.js";
import type { Params } from "../executor.js";
import { FIELDS, linkItem, supplyLink, type ConnectionField, type FieldSpec, type ListField, type OneField } from "../fields.js";
import type { Label } from "../model.js";
import { decodeCursor, encodeCursor } from "../paging.js";
import { projection, toRecord } from "../records.js";
import { PLANNED, type PlannedValues } from "./planned.js";

/** Where a selection applies: its response path (see planned.ts) and the field nodes selecting it. */
export interface Occurrence {
  path: string;
  nodes: readonly FieldNode[];
}

/** A planned value: one Cypher expression over bound variables, and how to shape what it returns. */
export interface Planned {
  expr: string;
  shape: (value: unknown) => unknown;
}

type Row = Record<string, unknown>;

/**
 * Turns a selection over the graph's object types into one Cypher expression per entity: the
 * entity's own properties plus, for every graph field selected (src/graph/fields.ts), a nested
 * subquery expression (`COLLECT { … }`, `COUNT { … }`). Every value becomes a parameter; variable
 * and parameter names are generated, so no text of the request reaches the statement.
 *
 * A field the planner declines (an argument out of bounds, a malformed cursor) is left to its
 * resolver, which reports the error at the field's own path as the level-by-level path does.
 */
export class Planner {
  readonly params: Params = {};
  private names = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  static of(info: GraphQLResolveInfo): Planner {
    return new Planner(info.schema, info.fragments, info.variableValues);
  }

  /** A parameter holding `value`; returns its `$name`. */
  param(value: unknown): string {
    const name = `_p${this.names++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** A fresh variable name. */
  variable(prefix: string): string {
    return `${prefix}${this.names++}`;
  }

  /** The fields selected on object type `type` by `nodes` (fragments, aliases and directives applied). */
  subfields(type: GraphQLObjectType, nodes: readonly FieldNode[]): Map<string, readonly FieldNode[]> {
    return collectSubfields(this.schema, this.fragments, this.variables, type, nodes);
  }

  /** An entity of `label` bound to variable `v`, with the graph fields every occurrence selects. */
  entity(label: Label, v: string, occurrences: readonly Occurrence[]): Planned {
    return this.object(label, v, occurrences, { expr: projection(label, v), shape: (n) => toRecord(label, n as Row) });
  }

  /**
   * An object of GraphQL type `typeName` whose graph fields start from variable `v`; `base` reads the
   * object's own properties. Nested values are hung on the record under their response paths.
   */
  object(typeName: string, v: string, occurrences: readonly Occurrence[], base: Planned): Planned {
    const type = this.schema.getType(typeName);
    const specs = FIELDS[typeName];
    if (!isObjectType(type) || !specs) return base;
    const nested: Array<{ key: string; path: string; planned: Planned }> = [];
    for (const o of occurrences) {
      for (const [responseKey, nodes] of this.subfields(type, o.nodes)) {
        const name = nodes[0]!.name.value;
        const spec = specs[name];
        if (!spec) continue;
        const path = `${o.path}/${responseKey}`;
        const planned = this.field(type.getFields()[name]!, spec, v, nodes, path);
        if (planned) nested.push({ key: `f${nested.length}`, path, planned });
      }
    }
    if (nested.length === 0) return base;
    return {
      expr: `{b: ${base.expr}, ${nested.map((x) => `${x.key}: ${x.planned.expr}`).join(", ")}}`,
      shape: (value) => {
        const row = value as Row;
        const record = base.shape(row.b) as { [PLANNED]?: PlannedValues };
        const planned: PlannedValues = {};
        for (const x of nested) planned[x.path] = x.planned.shape(row[x.key]);
        record[PLANNED] = planned;
        return record;
      },
    };
  }

  private field(
    def: GraphQLField<unknown, unknown>,
    spec: FieldSpec,
    p: string,
    nodes: readonly FieldNode[],
    path: string,
  ): Planned | undefined {
    switch (spec.kind) {
      case "one":
        return this.one(spec, p, nodes, path);
      case "list":
        return this.list(def, spec, p, nodes, path);
      case "connection":
        return this.connection(def, spec, p, nodes, path);
    }
  }

  private one(spec: OneField, p: string, nodes: readonly FieldNode[], path: string): Planned {
    const [n, r, x] = [this.variable("n"), this.variable("r"), this.variable("x")];
    const item = this.entity(spec.target, n, [{ path, nodes }]);
    return {
      expr: `head(COLLECT { MATCH ${spec.pattern(p, n, r)} WITH ${n} ORDER BY ${n}.code LIMIT 1 RETURN ${item.expr} AS ${x} })`,
      shape: (value) => (value === null || value === undefined ? null : item.shape(value)),
    };
  }

  private list(
    def: GraphQLField<unknown, unknown>,
    spec: ListField,
    p: string,
    nodes: readonly FieldNode[],
    path: string,
  ): Planned {
    const [n, r, x] = [this.variable("n"), this.variable("r"), this.variable("x")];
    const match = `MATCH ${spec.pattern(p, n, r)}`;
    const through = spec.through;
    if (!through) {
      const item = this.entity(spec.target, n, [{ path, nodes }]);
      return {
        expr: `COLLECT { ${match} WITH ${n} ORDER BY ${n}.code RETURN ${item.expr} AS ${x} }`,
        shape: (value) => (value as unknown[]).map(item.shape),
      };
    }
    // The wrapper (ProducedProduct) is a plain object: its entity field may be selected under several aliases.
    const wrapper = getNamedType(def.type) as GraphQLObjectType;
    const occurrences = [...this.subfields(wrapper, nodes)]
      .filter(([, fieldNodes]) => fieldNodes[0]!.name.value === through.as)
      .map(([key, fieldNodes]) => ({ path: `${path}/${key}`, nodes: fieldNodes }));
    const item = this.entity(spec.target, n, occurrences);
    const props = through.props.map((prop) => `${prop}: ${r}.${prop}`).join(", ");
    return {
      expr: `COLLECT { ${match} WITH ${n}, ${r} ORDER BY ${n}.code RETURN {${through.as}: ${item.expr}, ${props}} AS ${x} }`,
      shape: (value) =>
        (value as Row[]).map((row) => ({
          ...Object.fromEntries(through.props.map((prop) => [prop, row[prop] ?? null])),
          [through.as]: item.shape(row[through.as]),
        })),
    };
  }

  /** What a connection's selection asks for: the occurrences of its items, and whether `totalCount`. */
  connectionParts(connection: GraphQLObjectType, nodes: readonly FieldNode[], path: string) {
    const items: Occurrence[] = [];
    let withTotal = false;
    for (const [key, fieldNodes] of this.subfields(connection, nodes)) {
      const name = fieldNodes[0]!.name.value;
      if (name === "totalCount") withTotal = true;
      else if (name === "nodes") items.push({ path: `${path}/${key}`, nodes: fieldNodes });
      else if (name === "edges") {
        const edge = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
        for (const [edgeKey, edgeNodes] of this.subfields(edge, fieldNodes)) {
          if (edgeNodes[0]!.name.value === "node") items.push({ path: `${path}/${key}/${edgeKey}`, nodes: edgeNodes });
        }
      }
    }
    return { items, withTotal };
  }

  private connection(
    def: GraphQLField<unknown, unknown>,
    spec: ConnectionField,
    p: string,
    nodes: readonly FieldNode[],
    path: string,
  ): Planned | undefined {
    const args = getArgumentValues(def, nodes[0]!, this.variables);
    const first = args.first as number;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return undefined;
    let after: string | null;
    try {
      after = decodeCursor(args.after as string | null | undefined);
    } catch {
      return undefined;
    }
    const [n, r, sk, x] = [this.variable("n"), this.variable("r"), this.variable("sk"), this.variable("x")];
    const { items, withTotal } = this.connectionParts(getNamedType(def.type) as GraphQLObjectType, nodes, path);
    const item = spec.links
      ? this.object("SupplyLink", r, items, { expr: linkItem(r), shape: (row) => supplyLink(row as Row) })
      : this.entity(spec.target, n, items);
    const pattern = spec.pattern(p, n, r);
    const where = spec.where?.(n, r, this.param(spec.options?.(args) ?? {}));
    const sortKey = spec.sortKey?.(n, r) ?? `${n}.code`;
    const conditions = [...(after !== null ? [`${sortKey} > ${this.param(after)}`] : []), ...(where ? [where] : [])];
    const page =
      `COLLECT { MATCH ${pattern}${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""}` +
      ` WITH *, ${sortKey} AS ${sk} ORDER BY ${sk} LIMIT ${this.param(neo4j.int(first + 1))}` +
      ` RETURN {k: ${sk}, v: ${item.expr}} AS ${x} }`;
    const total = withTotal ? `COUNT { MATCH ${pattern}${where ? ` WHERE ${where}` : ""} }` : "null";
    return {
      expr: `{items: ${page}, total: ${total}}`,
      shape: (value) => {
        const { items: rows, total: count } = value as { items: Array<{ k: string; v: unknown }>; total: number | null };
        const page = rows.slice(0, first);
        return connectionOf(
          page.map((row) => item.shape(row.v)),
          page.map((row) => encodeCursor(row.k)),
          rows.length > first,
          after !== null,
          count ?? 0,
        );
      },
    };
  }
}

/** A Relay connection as the schema's connection types read it. */
export function connectionOf(
  nodes: unknown[],
  cursors: string[],
  hasNextPage: boolean,
  hasPreviousPage: boolean,
  totalCount: number,
) {
  return {
    nodes,
    edges: nodes.map((node, i) => ({ cursor: cursors[i]!, node })),
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: cursors[0] ?? null, endCursor: cursors[cursors.length - 1] ?? null },
    totalCount,
  };
}
