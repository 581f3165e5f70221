import fc from "fast-check";
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from "graphql";
import { encodeCursor } from "../../src/graph/vocabulary/paging.js";
import { globalId } from "../../src/graph/vocabulary/records.js";
import type { TestGraph } from "./graph.js";

/**
 * Fields a reader may not read (`@Authorized("editor")`): the documents are a reader's, and these
 * answer FORBIDDEN, on both paths alike.
 */
const NOT_FOR_READERS = new Set(["Enterprise.history"]);

/**
 * Random read documents over the whole schema, for the planner's property test: nested object
 * fields and connections with `first`, `after` and their filters, aliases, inline and named
 * fragments, variables, `@include`/`@skip`, `__typename`, and the `Node`/`Entity` interfaces.
 * Values come from the graph under test, so most lookups find something.
 */

export interface Pools {
  codes: Record<string, string[]>;
  words: string[];
}

/** Codes of every label and words of names, read from the graph under test. */
export async function readPools(g: TestGraph): Promise<Pools> {
  const rows = await g.executor.read<{ label: string; codes: string[] }>(
    "test.pools",
    `MATCH (n) WITH labels(n)[0] AS label, n.code AS code ORDER BY code
     RETURN label, collect(code)[0..40] AS codes`,
  );
  const names = await g.executor.read<{ name: string }>("test.words", `MATCH (n:Enterprise) RETURN n.name AS name LIMIT 40`);
  const words = [...new Set(names.flatMap((r) => String(r.name ?? "").split(/\W+/)).filter((w) => w.length > 3))].slice(0, 20);
  return { codes: Object.fromEntries(rows.map((r) => [r.label, r.codes])), words: words.length ? words : ["a"] };
}

const ROOT_LOOKUPS = ["region", "industry", "chain", "product", "cluster", "enterprise", "plan"] as const;
const ROOT_LISTS = ["regions", "industries", "chains", "products", "clusters", "enterprises", "plans"] as const;
const LABEL_OF: Record<string, string> = {
  region: "Region",
  industry: "Industry",
  chain: "IndustryChain",
  product: "Product",
  cluster: "Cluster",
  enterprise: "Enterprise",
  plan: "Plan",
};

export interface RandomDocument {
  source: string;
  variables: Record<string, unknown>;
}

/** An arbitrary read document over `schema`, nested up to `depth` object levels below its roots. */
export function documents(schema: GraphQLSchema, pools: Pools, depth = 4): fc.Arbitrary<RandomDocument> {
  return fc.gen().map((gen) => new Writer(gen, schema, pools).document(depth));
}

type Gen = fc.GeneratorValue;

class Writer {
  private names = 0;
  private readonly fragments: string[] = [];
  private readonly variables: Record<string, unknown> = {};
  private readonly declarations: string[] = [];

  constructor(
    private readonly gen: Gen,
    private readonly schema: GraphQLSchema,
    private readonly pools: Pools,
  ) {}

  document(depth: number): RandomDocument {
    const roots: string[] = [];
    const count = this.int(1, 3);
    for (let i = 0; i < count; i++) roots.push(this.root(depth));
    const declared = this.declarations.length ? `(${this.declarations.join(", ")})` : "";
    return { source: `query Random${declared} { ${roots.join(" ")} }\n${this.fragments.join("\n")}`, variables: this.variables };
  }

  private int(min: number, max: number): number {
    return this.gen(fc.integer, { min, max });
  }

  private chance(p: number): boolean {
    return this.gen(fc.double, { min: 0, max: 1, noNaN: true }) < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  private name(prefix: string): string {
    return `${prefix}${this.names++}`;
  }

  private code(label: string): string {
    const pool = this.pools.codes[label] ?? [];
    return pool.length && !this.chance(0.1) ? this.pick(pool) : "NO-SUCH-CODE";
  }

  /** A value for an argument: sometimes a variable of its own. */
  private value(type: string, value: unknown, literal: string): string {
    if (!this.chance(0.25)) return literal;
    const variable = this.name("v");
    this.declarations.push(`$${variable}: ${type}`);
    this.variables[variable] = value;
    return `$${variable}`;
  }

  private root(depth: number): string {
    const query = this.schema.getQueryType()!;
    const kind = this.int(0, 3);
    const alias = this.name("r");
    if (kind === 0) {
      const field = this.pick(ROOT_LOOKUPS);
      const code = this.code(LABEL_OF[field]!);
      return `${alias}: ${field}(code: ${this.value("String!", code, JSON.stringify(code))}) ${this.selection(getNamedType(query.getFields()[field]!.type) as GraphQLCompositeType, depth)}`;
    }
    if (kind === 1) {
      const field = this.pick(ROOT_LISTS);
      return `${alias}: ${field}${this.args(query.getFields()[field]!)} ${this.selection(getNamedType(query.getFields()[field]!.type) as GraphQLCompositeType, depth)}`;
    }
    if (kind === 2) {
      const field = this.pick(Object.keys(LABEL_OF));
      const label = LABEL_OF[field]!;
      const id = this.chance(0.1) ? "bm9wZQ" : globalId(label, this.code(label));
      return `${alias}: node(id: ${this.value("ID!", id, JSON.stringify(id))}) ${this.selection(this.schema.getType("Node") as GraphQLCompositeType, depth)}`;
    }
    const text = this.pick(this.pools.words);
    return `${alias}: search(text: ${JSON.stringify(text)}, first: ${this.int(1, 5)}) ${this.selection(this.schema.getType("SearchHit") as GraphQLCompositeType, depth)}`;
  }

  /** Arguments for a field: `first` small, sometimes `after`, sometimes its filters. */
  private args(field: GraphQLField<unknown, unknown>): string {
    const parts: string[] = [];
    for (const arg of field.args) {
      const literal = this.argument(arg);
      if (literal !== undefined) parts.push(`${arg.name}: ${literal}`);
    }
    return parts.length ? `(${parts.join(", ")})` : "";
  }

  private argument(arg: GraphQLArgument): string | undefined {
    const named = getNamedType(arg.type);
    if (arg.name === "first") {
      if (this.chance(0.2)) return undefined; // the default
      const first = this.int(1, 4);
      return this.value("Int!", first, String(first));
    }
    if (arg.name === "after") {
      if (!this.chance(0.25)) return undefined;
      const cursor = encodeCursor(this.code(this.pick(["Enterprise", "Product", "Region"])));
      return this.value("String", cursor, JSON.stringify(cursor));
    }
    if (arg.name === "product" && !this.chance(0.7)) return JSON.stringify(this.code("Product"));
    if (isEnumType(named) && !isNonNullType(arg.type) && this.chance(0.3)) return this.pick(named.getValues()).name;
    return undefined;
  }

  /** A selection set on `type`: leaves, graph fields, fragments and directives. */
  private selection(type: GraphQLCompositeType, depth: number): string {
    const parts: string[] = [];
    if (isAbstractType(type)) {
      if (isInterfaceType(type)) parts.push(...this.fields(type.getFields(), type.name, depth, 2));
      const possible = this.schema.getPossibleTypes(type);
      const count = this.int(1, 2);
      for (let i = 0; i < count; i++) {
        const object = this.pick(possible);
        parts.push(`... on ${object.name} ${this.selection(object, depth)}`);
      }
      if (this.chance(0.3)) parts.push("__typename");
      return `{ ${parts.join(" ")} }`;
    }
    if (!isObjectType(type) && !isInterfaceType(type)) return "";
    parts.push(...this.fields(type.getFields(), type.name, depth, 4));
    if (this.chance(0.3)) parts.push("__typename");
    return `{ ${this.wrap(type.name, parts).join(" ")} }`;
  }

  /** Some of the parts in an inline fragment, a named fragment, or under `@include`/`@skip`. */
  private wrap(typeName: string, parts: string[]): string[] {
    if (parts.length < 2 || !this.chance(0.4)) return parts;
    const moved = parts.splice(this.int(0, parts.length - 1), 1);
    const how = this.int(0, 3);
    if (how === 0) return [...parts, `... on ${typeName} { ${moved.join(" ")} }`];
    if (how === 1) {
      const fragment = this.name("F");
      this.fragments.push(`fragment ${fragment} on ${typeName} { ${moved.join(" ")} }`);
      return [...parts, `...${fragment}`];
    }
    const variable = this.name("b");
    this.declarations.push(`$${variable}: Boolean!`);
    this.variables[variable] = this.chance(0.5);
    return [...parts, `... @${how === 2 ? "include" : "skip"}(if: $${variable}) { ${moved.join(" ")} }`];
  }

  private fields(all: Record<string, GraphQLField<unknown, unknown>>, typeName: string, depth: number, most: number): string[] {
    const usable = Object.values(all).filter(
      (f) =>
        f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined) &&
        !NOT_FOR_READERS.has(`${typeName}.${f.name}`),
    );
    const leaves = usable.filter((f) => isLeafType(getNamedType(f.type)));
    const objects = usable.filter((f) => isCompositeType(getNamedType(f.type)));
    const parts: string[] = [];
    if (leaves.length) parts.push(this.pick(leaves).name); // never an empty selection
    const extraLeaves = this.int(0, Math.min(2, leaves.length));
    for (let i = 0; i < extraLeaves; i++) parts.push(this.pick(leaves).name);
    if (depth > 0 && objects.length) {
      // Connections must select something beneath them to be worth it; PageInfo and edges are objects too.
      const count = this.int(typeName.endsWith("Connection") || typeName.endsWith("Edge") ? 1 : 0, Math.min(most, 3));
      for (let i = 0; i < count; i++) {
        const field = this.pick(objects);
        const alias = this.chance(0.5) ? `${this.name("a")}: ` : "";
        const inner = this.selection(getNamedType(field.type) as GraphQLCompositeType, depth - 1);
        // Without an alias the same field twice must have the same arguments: give duplicates aliases.
        const key =
          alias ||
          (parts.some((p) => p.startsWith(`${field.name}(`) || p.startsWith(`${field.name} `)) ? `${this.name("a")}: ` : "");
        parts.push(`${key}${field.name}${this.args(field)} ${inner}`);
      }
    }
    return parts;
  }
}
