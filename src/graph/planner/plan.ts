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
import type { Executor, Params } from "../db/executor.js";
import { FIELDS, linkItem, supplyLink, throughProps, type FieldSpec } from "../vocabulary/fields.js";
import { holds, pathHolds } from "../import/years.js";
import type { Label } from "../vocabulary/model.js";
import { connectionPage, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from "../vocabulary/paging.js";
import { toRecord } from "../vocabulary/records.js";
import { relationshipValue } from "../vocabulary/yearly.js";
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
  /** Bound by the root statement (the others are read by field statements). */
  root: boolean;
  /** The properties its selection reads, or all of them. */
  keys: readonly string[] | "all";
}

interface PlanField {
  set: PlanSet;
  /** The concrete type of the parents this field is selected on. */
  type: string;
  /** The field's name in its type. */
  name: string;
  path: string;
  spec: FieldSpec;
  child: PlanSet;
  column: string;
  /** Its statement (`fieldStatement`) and parameters, but for the parents and the year. */
  cypher: string;
  params: Params;
  /**
   * A supply link's end or product read by its link's own statement (see `inlineEnds`), not by a
   * statement of its own.
   */
  inline?: boolean;
  /** A field listing supply links: the properties of the ends and products its statement also returns. */
  ends?: Ends;
  /** Connections: the page asked for. */
  page?: { first: number; after: string | null; withTotal: boolean; args: Record<string, unknown> };
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
 * Plans a read's whole selection, level by level: from the set of root entities, each graph field of
 * src/graph/vocabulary/fields.ts is read for every distinct parent of its set at once (so an element listed under
 * many parents is expanded once), and its distinct children become the next set.
 *
 * Deciding and printing are apart. `compile` decides the sets and fields of the selection; each field
 * is then printed as a statement of its own whose text depends only on the field (its type, name and
 * the shape of its arguments), never on the document around it: every value, including the parents'
 * codes and the properties to return, is a parameter. So every document that reads
 * `Enterprise.suppliers` shares one statement and one plan in Neo4j's cache, and a new document is a
 * new combination of statements Neo4j has planned already (`fieldTemplates` lists them for warming).
 * `read` runs the root statement and then one wave of field statements per level, pipelined in one
 * read transaction.
 *
 * A field the planner declines (an argument out of bounds, a malformed cursor) is left to its
 * resolver, which reports the error at the field's own path as the level-by-level path does.
 */
export class Planner {
  readonly params: Params = {};
  private names = 0;
  private readonly sets: PlanSet[] = [];
  private readonly queue: PlanSet[] = [];
  /** The parameter holding the year every field is read in; null: every year (src/graph/import/years.ts). */
  private yearParam: string | null = null;
  /** The year the fields are read in: a year, null (every year), or the root statement's `$year`. */
  private year: number | null | "$year" = null;

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
    this.year = year;
    return this;
  }

  /**
   * Reads every field in the year the root statement's parameter \`$year\` holds, whose value the caller
   * sets when it runs the statement (null: every year). For statements planned before the year is known.
   */
  inYearOf(name: "$year"): this {
    this.yearParam = name;
    this.year = name;
    return this;
  }

  /** Cypher true when the node bound to \`v\` holds in the planned year (always without one). */
  holds(v: string): string {
    const y = this.yearParam;
    return y === null ? "true" : `(${y} IS NULL OR ${v}.years IS NULL OR ${y} IN ${v}.years)`;
  }

  /**
   * A list (or string) for the root statement, in the map parameter \`$args\` (see \`fieldStatement\`);
   * returns the Cypher expression that reads it.
   */
  arg(name: string, value: unknown): string {
    ((this.params.args ??= {}) as Params)[name] = value;
    return `$args.${name}`;
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

  /** A root set: the list the root statement binds to `variable`, of entities of `types`, selected by `occurrences`. */
  root(variable: string, types: readonly string[], occurrences: Occurrence[]): PlanSet {
    return this.addSet(variable, types, occurrences, true);
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
   * Decides every set below the roots and prints each field's statement. Returns the RETURN columns
   * with which the root statement (the caller's, binding each root set's variable) returns the roots.
   */
  compile(): { columns: string; fields: string } {
    for (let set = this.queue.shift(); set; set = this.queue.shift()) this.expand(set);
    for (const set of this.sets) set.keys = this.keysOf(set);
    for (const set of this.sets) for (const field of set.fields) this.inlineEnds(field);
    const fields: string[] = [];
    for (const set of this.sets) {
      for (const field of set.fields) {
        this.print(field);
        fields.push(`${field.column}<${set.column}:${field.cypher}:${JSON.stringify(field.params)}`);
      }
    }
    const columns = this.sets.filter((s) => s.root).map((set) => `${this.projection(set)} AS ${set.column}`);
    // `fields` tells two plans apart that read different fields with the same root statement.
    return { columns: columns.join(", "), fields: fields.join("\n") };
  }

  /**
   * Runs `cypher` (the root statement: it binds the root sets and returns `compile()`'s columns, with
   * `params`), then every field, one wave of statements per level, in one read transaction. Returns the
   * row for `reader`, or undefined when the root statement returned none.
   */
  async read(executor: Executor, operation: string, cypher: string, params: Params): Promise<Row | undefined> {
    const year = this.year === "$year" ? (params.year ?? null) : this.year === null ? null : neo4j.int(this.year);
    return executor.readSteps(operation, async (wave) => {
      const [rows] = await wave([{ operation, cypher, params }]);
      const root = rows?.[0];
      if (!root) return undefined;
      const row: Row = { ...root };
      const roots = this.sets.filter((s) => s.root);
      for (const set of roots) row[set.column] = ((root[set.column] ?? []) as Element[]).map((e) => this.element(set, e));
      for (let fields = roots.flatMap((s) => s.fields).filter((f) => !f.inline); fields.length;) {
        const runs = fields.map((field) => ({ field, parents: this.parentsOf(row, field) }));
        const due = runs.filter((r) => r.parents.length > 0);
        const results = due.length
          ? await wave(
              due.map(({ field, parents }) => ({
                operation: `plan.${field.type}.${field.name}`,
                cypher: field.cypher,
                params: { ...field.params, args: { ...(field.params.args as Params), parents }, year },
              })),
            )
          : [];
        for (const { field } of runs) {
          const i = due.findIndex((r) => r.field === field);
          this.absorb(row, field, i < 0 ? [] : (results[i] as unknown as StepRow[]));
          for (const end of field.child.fields) if (end.inline) this.absorbEnd(row, end);
        }
        fields = fields.flatMap((f) => f.child.fields).filter((f) => !f.inline);
      }
      return row;
    });
  }

  private addSet(variable: string, types: readonly string[], occurrences: Occurrence[], root = false): PlanSet {
    const set: PlanSet = { variable, types, occurrences, fields: [], column: this.variable("s"), root, keys: ALL };
    this.sets.push(set);
    this.queue.push(set);
    return set;
  }

  /** Plans the graph fields selected on a set's elements, each read over the whole set. */
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
    const name = nodes[0]!.name.value;
    const def = type.getFields()[name]!;
    let page: PlanField["page"];
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
      name,
      path,
      spec,
      child,
      column: this.variable("f"),
      cypher: "",
      params: {},
      ...(page ? { page, first: page.first, after: page.after } : {}),
    };
    set.fields.push(field);
  }

  /**
   * A field listing supply links reads, with each link, the properties of its supplier, customer and
   * product that the selection asks of them, when they select no graph field of their own (and not
   * `attributes`): `suppliers { nodes { supplier { code name } product { code } } }` is then one
   * statement where it would be three in two waves.
   */
  private inlineEnds(field: PlanField): void {
    const { child } = field;
    if (child.types.length !== 1 || child.types[0] !== LINK) return;
    const ends: Ends = { supplier: null, customer: null, product: null };
    for (const end of child.fields) {
      const name = end.name as keyof Ends;
      if (!(name in ends) || end.child.fields.length > 0 || end.child.keys === ALL || ends[name]) continue;
      end.inline = true;
      ends[name] = end.child.keys;
    }
    if (child.fields.some((f) => f.inline)) field.ends = ends;
  }

  /** Hangs an end read with its links (`inlineEnds`) on the row, as `absorb` does a field statement's rows. */
  private absorbEnd(row: Row, end: PlanField): void {
    const index = END_NAMES.indexOf(end.name as keyof Ends);
    const elements = new Map<string, Element>();
    const lists: Children[] = [];
    for (const link of (row[end.set.column] ?? []) as Element[]) {
      const values = ((link.v.e ?? []) as Array<unknown[] | null>)[index] ?? null;
      const element = values ? this.element(end.child, values, "") : null;
      const code = element ? String(element.v.code) : null;
      if (element && code !== null && !elements.has(code)) elements.set(code, element);
      lists.push({ p: link.id!, c: code });
    }
    row[end.column] = lists;
    row[end.child.column] = [...elements.values()];
  }

  /** Prints a field's statement (shared by every document, see `fieldStatement`) and its parameters. */
  private print(field: PlanField): void {
    const { spec, page, child } = field;
    const all = child.keys === ALL;
    field.cypher = fieldStatement(field.type, field.name, spec, {
      after: page !== undefined && page.after !== null,
      total: page?.withTotal === true,
      all,
      ends: field.ends !== undefined,
    });
    const args: Params = {};
    const params: Params = { args };
    if (!all) args.keys = child.keys;
    if (field.ends) args.ends = field.ends;
    if (page) {
      params.limit = neo4j.int(page.first + 1);
      if (page.after !== null) args.after = page.after;
      if (spec.kind === "connection" && spec.where) params.opts = spec.options?.(page.args) ?? {};
    }
    field.params = params;
  }

  /** The codes (or a set of supply links' element ids) of a field's parents, as the field's statement takes them. */
  private parentsOf(row: Row, field: PlanField): string[] {
    const { set } = field;
    const elements = (row[set.column] ?? []) as Element[];
    const mine = set.types.length > 1 ? elements.filter((e) => e.l === field.type) : elements;
    return mine.map((e) => e.id ?? String(e.v.code));
  }

  /** Hangs a field statement's rows on the row: the field's parent → children lists and its child set. */
  private absorb(row: Row, field: PlanField, rows: StepRow[]): void {
    const { spec, child } = field;
    const elements = new Map<string, Element>();
    const lists: Children[] = [];
    for (const r of rows) {
      for (const item of r.i) {
        if (!elements.has(item.c)) elements.set(item.c, this.element(child, item.v, item.c));
      }
      if (spec.kind === "one") lists.push({ p: r.p, c: r.i[0]?.c ?? null });
      else if (spec.kind === "list")
        lists.push({ p: r.p, i: r.i.map((item) => (spec.through ? { c: item.c, r: item.r } : item.c)) });
      else lists.push({ p: r.p, t: r.t, i: r.i.map((item) => ({ c: item.c, k: item.k })) });
    }
    row[field.column] = lists;
    row[child.column] = [...elements.values()];
  }

  /**
   * An element of `set` from what a statement returned for it: an entity's property values in the
   * order of the set's keys (or its whole property map), a supply link's map with its element id, or
   * a root of a mixed set `{l, v}`.
   */
  private element(set: PlanSet, value: unknown, id?: string): Element {
    if (set.types[0] === LINK && set.types.length === 1) return { id: id!, v: value as Row };
    const labelled = set.types.length > 1 && id === undefined;
    const raw = labelled ? (value as { l: string; v: unknown }).v : id === undefined ? (value as { v: unknown }).v : value;
    const v = set.keys === ALL ? (raw as Row) : zip(set.keys, raw as unknown[]);
    return labelled ? { l: (value as { l: string }).l, v } : { v };
  }

  /** The properties a set's selection reads (every one where `attributes` is read), over all its types. */
  private keysOf(set: PlanSet): readonly string[] | typeof ALL {
    if (set.types.length === 1 && set.types[0] === LINK) return ALL;
    const keys = new Set<string>(["code"]);
    for (const typeName of set.types) {
      const type = this.schema.getType(typeName) as GraphQLObjectType;
      for (const o of set.occurrences) {
        for (const nodes of this.subfields(type, o.nodes).values()) {
          const name = nodes[0]!.name.value;
          const def = type.getFields()[name];
          if (name === "attributes") return ALL;
          if (def && isLeafType(getNamedType(def.type)) && name !== "id" && name !== "__typename") keys.add(name);
        }
      }
    }
    return [...keys].sort();
  }

  /** A root set's elements as the root statement returns them (`rootProjection`), its keys a parameter. */
  private projection(set: PlanSet): string {
    if (set.keys !== ALL) this.arg(`k_${set.column}`, set.keys);
    return rootProjection(set.types, set.variable, set.column, set.keys === ALL);
  }

  /**
   * The field statements `compile` printed, in the order `read` runs them: level 1 reads the roots'
   * fields, level 2 the fields of their children, and so on (src/graph/planner/explain.ts shows them).
   */
  steps(): PlanStep[] {
    const steps: PlanStep[] = [];
    const visit = (fields: PlanField[], level: number) => {
      for (const f of fields)
        steps.push({
          level,
          field: `${f.type}.${f.name}`,
          path: f.path,
          cypher: f.inline ? "" : f.cypher,
          params: f.params,
          ...(f.inline ? { inline: true } : {}),
        });
      const next = fields.flatMap((f) => f.child.fields);
      if (next.length) visit(next, level + 1);
    };
    visit(
      this.sets.filter((s) => s.root).flatMap((s) => s.fields),
      1,
    );
    return steps;
  }

  /** Joins a row of `read` back into records. */
  reader(row: Row): Reader {
    return new Reader(row);
  }
}

/**
 * The projection of a root set bound to `variable`: each element's property values in the order of
 * the parameter `$k_<column>` (or all its properties), with its label in a mixed set. Its text depends
 * only on its arguments, so a root statement is the same for every selection.
 */
export function rootProjection(types: readonly string[], variable: string, column: string, all: boolean): string {
  const value = all ? "x {.*}" : `[k IN $args.k_${column} | x[k]]`;
  if (types.length === 1) return `[x IN ${variable} | {v: ${value}}]`;
  const label = `CASE ${types.map((t) => `WHEN x:${t} THEN '${t}'`).join(" ")} END`;
  return `[x IN ${variable} | {l: ${label}, v: ${value}}]`;
}

/** A field statement of a plan: its level, its field, where it stands in the answer, and its text and parameters but for the parents and the year. */
export interface PlanStep {
  level: number;
  field: string;
  path: string;
  cypher: string;
  params: Params;
  /** Read by its supply links' statement, one level up (no statement of its own). */
  inline?: boolean;
}

/** The properties of a supply link's ends and product that its statement returns (null: not read there). */
export interface Ends {
  supplier: readonly string[] | null;
  customer: readonly string[] | null;
  product: readonly string[] | null;
}

/** In the order of the list `e` a link statement with ends returns. */
const END_NAMES: ReadonlyArray<keyof Ends> = ["supplier", "customer", "product"];

/** A set's properties are all read (its selection reads `attributes`, or it is a set of supply links). */
const ALL = "all" as const;

/** One parent's row of a field statement: its items (child key, sort key, relationship properties, value) and total. */
interface StepRow {
  p: string;
  t: number | null;
  i: Array<{ c: string; k: string; r: Row | null; v: unknown }>;
}

/** An entity's properties from their values in the order of `keys`; Neo4j has no null properties, so nulls are absent. */
function zip(keys: readonly string[], values: readonly unknown[]): Row {
  const v: Row = {};
  keys.forEach((key, i) => {
    if (values[i] !== null && values[i] !== undefined) v[key] = values[i];
  });
  return v;
}

/**
 * The list `e` of a supply link `r` read with its ends (`Ends`, in `$args.ends`): the properties of its
 * supplier, customer and product named there, each null where not asked for. The ends hold in
 * `$year` when the link's path does; the product, found by its code, must hold too.
 */
function linkEnds(r: string): string {
  const values = (list: string, node: string) => `CASE WHEN ${list} IS NULL THEN null ELSE [k IN ${list} | ${node}[k]] END`;
  const product =
    `CASE WHEN $args.ends.product IS NULL THEN null ELSE COLLECT { MATCH (q:Product {code: ${r}.product}) ` +
    `WHERE ${holds("q")} RETURN [k IN $args.ends.product | q[k]] }[0] END`;
  return `[${values("$args.ends.supplier", `startNode(${r})`)}, ${values("$args.ends.customer", `endNode(${r})`)}, ${product}]`;
}

const statements = new Map<string, string>();

/**
 * The statement that reads `type.name` for a list of parents (`$parents`: codes, or supply links'
 * element ids), each parent's items with their sort keys and values, in the year `$year` (null: every
 * year). Its text depends only on the field and on which arguments are given, so it is printed once
 * per process and planned once per database: parameters carry the parents, the page (`limit`,
 * `after`), the field's options (`$opts`) and the properties to return (`keys`, or all of them).
 *
 * Lists and strings travel inside the map \`$args\` (\`$args.parents\`, \`$args.keys\`, \`$args.after\`):
 * Neo4j 5 keys a cached plan by the size of each list or string parameter too, in buckets, so as
 * parameters of their own they would make a statement planned for one parent be planned again for
 * three, and again for twelve (measured on the Shandong graph: 80-420 ms each time). A map's
 * entries do not count.
 */
export function fieldStatement(
  type: string,
  name: string,
  spec: FieldSpec,
  flags: { after: boolean; total: boolean; all: boolean; ends?: boolean },
): string {
  const key = `${type}.${name}:${flags.after ? "a" : ""}${flags.total ? "t" : ""}${flags.all ? "*" : ""}${flags.ends ? "e" : ""}`;
  let cypher = statements.get(key);
  if (cypher) return cypher;
  const links = spec.kind === "connection" && spec.links === true;
  const usesR = links || (spec.kind === "list" && spec.through !== undefined);
  const pattern = `y = ${spec.pattern("p", "n", "r")}`;
  const where = spec.kind === "connection" && spec.where ? [spec.where("n", "r", "$opts")] : [];
  const sortKey = spec.kind === "connection" && spec.sortKey ? spec.sortKey("n", "r") : "n.code";
  const held = [pathHolds("y", "$year")];
  const conditions = [...(flags.after ? [`${sortKey} > $args.after`] : []), ...where, ...held].join(" AND ");
  const limit = spec.kind === "connection" ? " LIMIT $limit" : spec.kind === "one" ? " LIMIT 1" : "";
  const parent = type === LINK ? "MATCH ()-[p:SUPPLIES]->() WHERE elementId(p) = pk" : `MATCH (p:${type as Label} {code: pk})`;
  const through = spec.kind === "list" ? spec.through : undefined;
  const relProps = through
    ? `{${through.props.map((prop) => `${prop}: ${relationshipValue("it.r", prop, "$year")}`).join(", ")}}`
    : "null";
  const value = links
    ? linkItem("it.r", flags.ends ? `, e: ${linkEnds("it.r")}` : "", "$year")
    : flags.all
      ? "properties(it.n)"
      : "[k IN $args.keys | it.n[k]]";
  const childKey = links ? "elementId(it.r)" : "it.n.code";
  const total = flags.total
    ? `CALL { WITH p MATCH ${pattern} WHERE ${[...where, ...held].join(" AND ")} RETURN count(*) AS t }\n`
    : "";
  cypher = `UNWIND $args.parents AS pk
${parent}
CALL {
  WITH p
  MATCH ${pattern} WHERE ${conditions}
  WITH n${usesR ? ", r" : ""}, ${sortKey} AS sk ORDER BY sk${limit}
  RETURN collect({n: n, r: ${usesR ? "r" : "null"}, k: sk}) AS i
}
${total}RETURN pk AS p, ${flags.total ? "t" : "null AS t"}, [it IN i | {c: ${childKey}, k: it.k, r: ${relProps}, v: ${value}}] AS i`;
  statements.set(key, cypher);
  return cypher;
}

/**
 * Every field statement there is, with parameters to run it once (on no parent): what a plan warmer
 * runs so that Neo4j has planned them before a request needs them.
 */
export function fieldTemplates(
  year: number | null,
): Array<{ operation: string; variant: string; cypher: string; params: Params }> {
  const out: Array<{ operation: string; variant: string; cypher: string; params: Params }> = [];
  for (const [type, specs] of Object.entries(FIELDS)) {
    for (const [name, spec] of Object.entries(specs)) {
      const links = spec.kind === "connection" && spec.links === true;
      const pages = spec.kind === "connection" ? [false, true] : [false];
      for (const after of pages) {
        for (const total of pages) {
          for (const [all, ends] of links
            ? [
                [true, false],
                [true, true],
              ]
            : [
                [false, false],
                [true, false],
              ]) {
            const params: Params = {
              args: {
                parents: ["-"],
                ...(all ? {} : { keys: ["code"] }),
                ...(after ? { after: "" } : {}),
                ...(ends ? { ends: { supplier: ["code"], customer: ["code"], product: ["code"] } } : {}),
              },
              year: year === null ? null : neo4j.int(year),
              ...(spec.kind === "connection"
                ? { limit: neo4j.int(1), ...(spec.where ? { opts: spec.options?.({}) ?? {} } : {}) }
                : {}),
            };
            out.push({
              operation: `plan.${type}.${name}`,
              variant: [
                all ? "all properties" : "properties in $args.keys",
                after ? "after" : "",
                total ? "totalCount" : "",
                ends ? "ends" : "",
              ]
                .filter(Boolean)
                .join(", "),
              cypher: fieldStatement(type, name, spec, { after, total, all: all!, ends: ends! }),
              params,
            });
          }
        }
      }
    }
  }
  return out;
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
            ...throughProps(through, r),
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
