import neo4j from "neo4j-driver";
import {
  getArgumentValues,
  getNamedType,
  isLeafType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields.js";
import type { Params } from "../executor.js";
import { FIELDS, linkItem, supplyLink, type FieldSpec } from "../fields.js";
import { pathHolds } from "../import/years.js";
import type { Label } from "../model.js";
import { connectionPage, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from "../paging.js";
import { toRecord } from "../records.js";
import { PLANNED, type PlannedValues } from "./planned.js";

/** Where a selection applies: its response path (see planned.ts) and the field nodes selecting it. */
export interface Occurrence {
  path: string;
  nodes: readonly FieldNode[];
}

/** The GraphQL type of supply links, whose sets hold relationships rather than nodes. */
const LINK = "SupplyLink";

/**
 * A set of graph elements the answer holds at one place of the selection: the roots, or the items of
 * one field below another set. Each element is read once per set, however many parents list it.
 */
export interface PlanSet {
  /** The Cypher variable that holds the set as a list. */
  variable: string;
  /** Its possible GraphQL object types (several under `node` and `search`). */
  types: readonly string[];
  occurrences: Occurrence[];
  fields: PlanField[];
  /** The RETURN column with its elements' properties. */
  column: string;
}

interface PlanField {
  set: PlanSet;
  /** The concrete type of the parents this field is selected on. */
  type: string;
  path: string;
  spec: FieldSpec;
  child: PlanSet;
  column: string;
  /** Connections: the page asked for. */
  first?: number;
  after?: string | null;
}

type Row = Record<string, unknown>;
/** An element of a set: a supply link's element id, or an entity's label (in mixed sets) and properties. */
interface Element {
  id?: string;
  l?: string;
  v: Row;
}
/** One parent's children in a field: a one-entity field's child, or a list's, or a page's with sort keys. */
interface Children {
  p: string;
  c?: string | null;
  t?: number | null;
  i?: Array<string | { c: string; k?: string; r?: Row | null }>;
}

/** The key of an element within its set (what `Children` refer to it by). */
const keyOf = (e: Element) => e.id ?? (e.l ? `${e.l}:${String(e.v.code)}` : String(e.v.code));

/**
 * Plans a read's whole selection into one Cypher statement, level by level: from the set of root
 * entities, each graph field of src/graph/fields.ts becomes one `CALL` that reads the field for
 * every distinct parent of the set at once (so an element listed under many parents is expanded
 * once), and gathers the distinct children as the next set. The statement returns every set's
 * elements (only the properties the selection reads) and every field's parent→children lists;
 * `Reader` joins them back into records. Every value becomes a parameter; variable and parameter
 * names are generated, so no text of the request reaches the statement.
 *
 * A field the planner declines (an argument out of bounds, a malformed cursor) is left to its
 * resolver, which reports the error at the field's own path as the level-by-level path does.
 */
export class Planner {
  readonly params: Params = {};
  private names = 0;
  private readonly sets: PlanSet[] = [];
  private readonly queue: PlanSet[] = [];
  private readonly clauses: string[] = [];
  /** The parameter holding the year every field is read in; null: every year (src/graph/import/years.ts). */
  private yearParam: string | null = null;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  static of(info: GraphQLResolveInfo): Planner {
    return new Planner(info.schema, info.fragments, info.variableValues);
  }

  /**
   * Reads every field as it holds in \`year\` (the root field's): a nested list, connection or entity
   * lists only what holds then, through relationships that hold then. Null: every year.
   */
  inYear(year: number | null): this {
    this.yearParam = year === null ? null : this.param(neo4j.int(year));
    return this;
  }

  /**
   * Reads every field in the year the statement's parameter \`name\` (\`$year\`) holds, whose value the
   * caller sets when it runs the statement (null: every year). For statements planned before the year
   * is known.
   */
  inYearOf(name: `$${string}`): this {
    this.yearParam = name;
    return this;
  }

  /** Cypher true when the node bound to \`v\` holds in the planned year (always without one). */
  holds(v: string): string {
    const y = this.yearParam;
    return y === null ? "true" : `(${y} IS NULL OR ${v}.years IS NULL OR ${y} IN ${v}.years)`;
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

  /** A root set: the list the statement binds to `variable`, of entities of `types`, selected by `occurrences`. */
  root(variable: string, types: readonly string[], occurrences: Occurrence[]): PlanSet {
    return this.addSet(variable, types, occurrences);
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

  /**
   * The clauses that read every set below the roots (to follow the clauses binding the roots), and
   * the RETURN columns they fill.
   */
  compile(): { clauses: string; columns: string } {
    for (let set = this.queue.shift(); set; set = this.queue.shift()) this.expand(set);
    const columns = this.sets.map((set) => `${this.projection(set)} AS ${set.column}`);
    for (const set of this.sets) for (const field of set.fields) columns.push(`${field.column}`);
    return { clauses: this.clauses.join("\n"), columns: columns.join(", ") };
  }

  private addSet(variable: string, types: readonly string[], occurrences: Occurrence[]): PlanSet {
    const set: PlanSet = { variable, types, occurrences, fields: [], column: this.variable("s") };
    this.sets.push(set);
    this.queue.push(set);
    return set;
  }

  /** Plans the graph fields selected on a set's elements, each one `CALL` over the whole set. */
  private expand(set: PlanSet): void {
    for (const typeName of set.types) {
      const type = this.schema.getType(typeName);
      const specs = FIELDS[typeName];
      if (!isObjectType(type) || !specs) continue;
      for (const o of set.occurrences) {
        for (const [key, nodes] of this.subfields(type, o.nodes)) {
          const spec = specs[nodes[0]!.name.value];
          if (spec) this.field(set, type, spec, nodes, `${o.path}/${key}`);
        }
      }
    }
  }

  private field(set: PlanSet, type: GraphQLObjectType, spec: FieldSpec, nodes: readonly FieldNode[], path: string): void {
    const def = type.getFields()[nodes[0]!.name.value]!;
    let page: { first: number; after: string | null; withTotal: boolean; args: Record<string, unknown> } | undefined;
    let occurrences: Occurrence[] = [{ path, nodes }];
    if (spec.kind === "connection") {
      const args = getArgumentValues(def, nodes[0]!, this.variables);
      const first = args.first as number;
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return;
      let after: string | null;
      try {
        after = decodeCursor(args.after as string | null | undefined);
      } catch {
        return;
      }
      const parts = this.connectionParts(getNamedType(def.type) as GraphQLObjectType, nodes, path);
      page = { first, after, withTotal: parts.withTotal, args };
      occurrences = parts.items;
    } else if (spec.kind === "list" && spec.through) {
      // The wrapper (ProducedProduct) is a plain object: its entity field may stand under several aliases.
      const wrapper = getNamedType(def.type) as GraphQLObjectType;
      const as = spec.through.as;
      occurrences = [...this.subfields(wrapper, nodes)]
        .filter(([, fieldNodes]) => fieldNodes[0]!.name.value === as)
        .map(([key, fieldNodes]) => ({ path: `${path}/${key}`, nodes: fieldNodes }));
    }
    const links = spec.kind === "connection" && spec.links === true;
    const child = this.addSet(this.variable("l"), [links ? LINK : spec.target], occurrences);
    const field: PlanField = {
      set,
      type: type.name,
      path,
      spec,
      child,
      column: this.variable("f"),
      ...(page ? { first: page.first, after: page.after } : {}),
    };
    set.fields.push(field);
    this.clauses.push(this.read(field, page));
  }

  /** The `CALL`s that read one field for every parent in its set, and gather the next set. */
  private read(
    field: PlanField,
    page?: { first: number; after: string | null; withTotal: boolean; args: Record<string, unknown> },
  ) {
    const { spec, set, child } = field;
    const [p, n, r, sk, items, total, raw, row, it, c] = ["p", "n", "r", "sk", "i", "t", "w", "row", "it", "c"].map((x) =>
      this.variable(x),
    ) as [string, string, string, string, string, string, string, string, string, string];
    const usesR = (spec.kind === "connection" && spec.links === true) || (spec.kind === "list" && spec.through !== undefined);
    // In a year, every node and relationship on the way must hold then.
    const held = this.yearParam === null ? null : this.variable("y");
    const pattern = held ? `${held} = ${spec.pattern(p, n, r)}` : spec.pattern(p, n, r);
    const inYear = held ? [pathHolds(held, this.yearParam!)] : [];
    const where =
      spec.kind === "connection" && spec.where ? spec.where(n, r, this.param(spec.options?.(page!.args) ?? {})) : undefined;
    const sortKey = spec.kind === "connection" && spec.sortKey ? spec.sortKey(n, r) : `${n}.code`;
    const conditions = [
      ...(page && page.after !== null ? [`${sortKey} > ${this.param(page.after)}`] : []),
      ...(where ? [where] : []),
      ...inYear,
    ];
    const counting = [...(where ? [where] : []), ...inYear];
    const limit = page ? ` LIMIT ${this.param(neo4j.int(page.first + 1))}` : spec.kind === "one" ? " LIMIT 1" : "";
    // Only the parents of the field's type: under `node` and `search` a set mixes labels.
    const filter = set.types.length > 1 ? `WITH ${p} WHERE ${p}:${field.type}\n` : "";
    const counted = page?.withTotal
      ? `CALL { WITH ${p} MATCH ${pattern}${counting.length ? ` WHERE ${counting.join(" AND ")}` : ""} RETURN count(*) AS ${total} }\n`
      : "";
    const through = spec.kind === "list" ? spec.through : undefined;
    const relProps = through ? `{${through.props.map((prop) => `${prop}: ${it}.r.${prop}`).join(", ")}}` : "null";
    const links = spec.kind === "connection" && spec.links === true;
    const element = links ? "r" : "n";
    // Elements are keyed by code within a set (entities), by element id in a set of supply links.
    const parentKey = set.types[0] === LINK ? `elementId(${p})` : `${p}.code`;
    const childKey = links ? `elementId(${it}.r)` : `${it}.n.code`;
    const out =
      spec.kind === "one"
        ? `{p: ${row}.p, c: head([${it} IN ${row}.i | ${childKey}])}`
        : spec.kind === "list"
          ? `{p: ${row}.p, i: [${it} IN ${row}.i | ${through ? `{c: ${childKey}, r: ${relProps}}` : childKey}]}`
          : `{p: ${row}.p, t: ${row}.t, i: [${it} IN ${row}.i | {c: ${childKey}, k: ${it}.k}]}`;
    return `CALL {
  WITH ${set.variable}
  UNWIND ${set.variable} AS ${p}
  ${filter}CALL {
    WITH ${p}
    MATCH ${pattern}${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""}
    WITH ${n}${usesR ? `, ${r}` : ""}, ${sortKey} AS ${sk} ORDER BY ${sk}${limit}
    RETURN collect({n: ${n}, r: ${usesR ? r : "null"}, k: ${sk}}) AS ${items}
  }
  ${counted}RETURN collect({p: ${parentKey}, i: ${items}, t: ${page?.withTotal ? total : "null"}}) AS ${raw}
}
CALL {
  WITH ${raw}
  UNWIND ${raw} AS ${row} UNWIND ${row}.i AS ${it}
  WITH DISTINCT ${it}.${element} AS ${c}
  RETURN collect(${c}) AS ${child.variable}
}
WITH *, [${row} IN ${raw} | ${out}] AS ${field.column}`;
  }

  /** A set's elements with the properties its selection reads (all of them where `attributes` is read). */
  private projection(set: PlanSet): string {
    const x = this.variable("x");
    if (set.types.length === 1 && set.types[0] === LINK)
      return `[${x} IN ${set.variable} | {id: elementId(${x}), v: ${linkItem(x)}}]`;
    const props = (typeName: string) => {
      const type = this.schema.getType(typeName) as GraphQLObjectType;
      const keys = new Set<string>(["code"]);
      for (const o of set.occurrences) {
        for (const nodes of this.subfields(type, o.nodes).values()) {
          const name = nodes[0]!.name.value;
          const def = type.getFields()[name];
          if (name === "attributes") return `${x} {.*}`;
          if (def && isLeafType(getNamedType(def.type)) && name !== "id" && name !== "__typename") keys.add(name);
        }
      }
      return `${x} {${[...keys].map((k) => `.${k}`).join(", ")}}`;
    };
    if (set.types.length === 1) return `[${x} IN ${set.variable} | {v: ${props(set.types[0]!)}}]`;
    const label = `CASE ${set.types.map((t) => `WHEN ${x}:${t} THEN '${t}'`).join(" ")} END`;
    const value = `CASE ${set.types.map((t) => `WHEN ${x}:${t} THEN ${props(t)}`).join(" ")} END`;
    return `[${x} IN ${set.variable} | {l: ${label}, v: ${value}}]`;
  }

  /** Joins a result row of the compiled statement back into records. */
  reader(row: Row): Reader {
    return new Reader(row);
  }
}

/**
 * Builds the records of a compiled statement's row: each element once per set, with the values of
 * its planned fields hung on it under their response paths (planned.ts).
 */
export class Reader {
  private readonly elements = new Map<PlanSet, Map<string, Element>>();
  private readonly children = new Map<PlanField, Map<string, Children>>();
  private readonly built = new Map<PlanSet, Map<string, unknown>>();

  constructor(private readonly row: Row) {}

  /** The records of a set, in the set's order. */
  records(set: PlanSet): unknown[] {
    return ((this.row[set.column] ?? []) as Element[]).map((e) => this.record(set, keyOf(e)));
  }

  /** The record of the entity with `code` in a set of entities, or null; builds no other root. */
  byCode(set: PlanSet, code: string): unknown {
    const element = ((this.row[set.column] ?? []) as Element[]).find((e) => e.v.code === code);
    return element ? this.record(set, keyOf(element)) : null;
  }

  private record(set: PlanSet, id: string): unknown {
    let built = this.built.get(set);
    if (!built) this.built.set(set, (built = new Map()));
    if (built.has(id)) return built.get(id);
    const element = this.elementsOf(set).get(id);
    if (!element) return null;
    const typeName = element.l ?? set.types[0]!;
    const record = (typeName === LINK ? supplyLink(element.v) : toRecord(typeName as Label, element.v)) as {
      [PLANNED]?: PlannedValues;
    };
    built.set(id, record);
    const fields = set.fields.filter((f) => f.type === typeName);
    if (fields.length) {
      const planned: PlannedValues = {};
      const parent = element.id ?? String(element.v.code);
      for (const field of fields) planned[field.path] = this.value(field, parent);
      record[PLANNED] = planned;
    }
    return record;
  }

  private elementsOf(set: PlanSet): Map<string, Element> {
    let map = this.elements.get(set);
    if (!map) {
      map = new Map(((this.row[set.column] ?? []) as Element[]).map((e) => [keyOf(e), e]));
      this.elements.set(set, map);
    }
    return map;
  }

  private value(field: PlanField, parent: string): unknown {
    let map = this.children.get(field);
    if (!map) {
      map = new Map(((this.row[field.column] ?? []) as Children[]).map((c) => [c.p, c]));
      this.children.set(field, map);
    }
    const children = map.get(parent);
    const { spec, child } = field;
    switch (spec.kind) {
      case "one":
        return children?.c ? this.record(child, children.c) : null;
      case "list": {
        const through = spec.through;
        const items = children?.i ?? [];
        if (!through) return items.map((c) => this.record(child, c as string));
        return items.map((item) => {
          const { c, r } = item as { c: string; r: Row | null };
          return {
            ...Object.fromEntries(through.props.map((prop) => [prop, r?.[prop] ?? null])),
            [through.as]: this.record(child, c),
          };
        });
      }
      case "connection":
        return plannedPage(field, (children?.i ?? []) as Array<{ c: string; k: string }>, children?.t ?? 0, (c) =>
          this.record(child, c),
        );
    }
  }
}

function plannedPage(field: PlanField, items: Array<{ c: string; k: string }>, total: number, record: (c: string) => unknown) {
  const first = field.first!;
  const page = items.slice(0, first);
  const connection = connectionPage(
    page.map((i) => record(i.c)),
    page.map((i) => encodeCursor(String(i.k))),
    items.length > first,
    field.after !== null && field.after !== undefined,
  );
  return { ...connection, totalCount: total };
}
