import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Executor } from "../../src/graph/db/executor.js";
import { buildGraphSchema } from "../../src/schema/build.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { logger, setupGraph } from "../support/graph.js";
import { serveApp } from "../support/serve.js";
import { ApiKeyStore } from "../../src/auth/keys.js";

/**
 * Random requests against the service in-process (production mode, on the Shandong graph): documents
 * built from the schema (right and wrong arguments and variables, aliases, nesting), broken documents,
 * and bodies that are not GraphQL requests at all. Whatever comes in, the answer is a JSON body with a
 * status below 500, and every error has a code of its own (never INTERNAL_SERVER_ERROR) and no stack
 * trace or file path. FUZZ_SEED replays a run; FUZZ_RUNS changes its length.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const g = setupGraph(SHANDONG_SEED);

interface Request {
  method: string;
  path: string;
  contentType?: string;
  body?: string;
  /** An API key, sent as \`Authorization: Bearer <key>\`. */
  key?: string;
}

interface Outcome {
  status: number;
  text: string;
}

/** A stack frame or a path of this machine, in any part of a response. */
const LEAK = /\n\s*at |\bat (?:async )?[\w$.<>[\]]+ \(|\/work\/|node_modules|\.[jt]s:\d/;

/** The property, as a list of what is wrong with one answer (empty: nothing). */
function problems(outcome: Outcome): string[] {
  const found: string[] = [];
  if (outcome.status >= 500) found.push(`HTTP ${outcome.status}`);
  let body: unknown;
  try {
    body = JSON.parse(outcome.text);
  } catch {
    found.push("the body is not JSON");
  }
  if (LEAK.test(outcome.text)) found.push("a stack trace or file path");
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (errors !== undefined) {
    if (!Array.isArray(errors)) found.push("errors is not a list");
    else
      for (const error of errors as Array<{ message?: unknown; extensions?: { code?: unknown } }>) {
        const code = error.extensions?.code;
        if (typeof code !== "string") found.push("an error without a string extensions.code");
        else if (code === "INTERNAL_SERVER_ERROR") found.push("INTERNAL_SERVER_ERROR");
        if (typeof error.message !== "string") found.push("an error without a message");
      }
  }
  return found;
}

// --- documents from the schema --------------------------------------------------------------------

type Gen = fc.GeneratorValue;

/** One of `items`, drawn by index: fc.gen() compares the arguments of its draws, and schema objects are cyclic. */
const pick = <T>(gen: Gen, items: readonly T[]): T => items[gen(fc.nat, items.length - 1)]!;

const CODES = ["BIGDATA", "SD-JINAN", "SD-QINGDAO", "E-INSPUR-EI", "济南", "", "NOPE", 'a"b\\c', "🙂".repeat(3)];

/**
 * Text that is syntax somewhere a string could be parsed: Lucene's query parser (the full-text index
 * behind `search`), Cypher (were a value ever spliced into a statement) and regular expressions (were
 * one ever matched with `=~` or `RegExp`). Every string argument is sometimes sent these, and the
 * free-text ones (FREE_TEXT) mostly: they must be taken as the plain text typed.
 */
const SYNTAX = [
  // Lucene: operators, lone and dangling; special characters; unbalanced quotes and brackets; fields
  "济南 AND",
  "AND",
  "OR",
  "NOT",
  "a OR",
  "NOT NOT",
  "AND OR NOT",
  "&&",
  "||",
  "!",
  "+",
  "-",
  "+济南 -青岛",
  "(",
  ")",
  "((济南",
  "{a TO b]",
  "[* TO *]",
  '"',
  '"济南',
  "^",
  "^2",
  "济南~",
  "济南~0.8",
  "*",
  "?",
  "济?",
  "*:*",
  ":",
  "a:b",
  "title:x",
  "\\",
  "/",
  "/.*/",
  " ",
  "\u3000",
  "\u0000",
  "济南\u0000\u0007",
  "AND ".repeat(25),
  "(".repeat(100),
  "x".repeat(101),
  // Cypher
  "' }) MATCH (n) DETACH DELETE n //",
  '" }) MATCH (n) DETACH DELETE n //',
  "') RETURN 1 UNION MATCH (n) RETURN n //",
  "`",
  "`n`) DETACH DELETE n //",
  "$param",
  "$text",
  "{text: $t}",
  "/* x */ //",
  ";",
  // regular expressions
  ".*",
  "(?i)",
  "(?i)济南.*",
  "[",
  "[^]",
  "\\",
  "\\d+",
  "^$",
  "(a+)+$",
  "a{1000}",
  "\\Q",
];

/** Free text: `search(text:)` and the `text` of every list's filter. */
const FREE_TEXT = new Set(["text"]);

const codeOrString = () => fc.oneof(fc.constantFrom(...CODES), fc.string({ maxLength: 12 }), fc.constantFrom(...SYNTAX));
/** Free text: syntax alone, syntax among words, or any string. */
const freeText = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SYNTAX) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.constantFrom(...SYNTAX, "济南", "Inspur", "servers"), { minLength: 1, maxLength: 4 })
        .map((w) => w.join(" ")),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
/** A string for an argument or input field called `name`. */
const stringFor = (name: string | undefined) => (name !== undefined && FREE_TEXT.has(name) ? freeText() : codeOrString());
const INTS = [0, 1, 2, 5, 20, 100, -1, 5000, 1_000_000, 2 ** 31, -(2 ** 31) - 1];

/** A literal of `type` for the argument or input field `name`, or (sometimes, or when `wrong`) of another kind. */
function literal(gen: Gen, type: GraphQLInputType, depth: number, wrong = false, name?: string): string {
  if (wrong || gen(fc.nat, 19) === 0) {
    return gen(fc.constantFrom, "null", "1", "-2.5e3", "true", '"x"', "[1, 2]", "{a: 1}", "SOMETHING", "[]", "{}", '"""block"""');
  }
  if (isNonNullType(type)) return literal(gen, type.ofType, depth, false, name);
  if (isListType(type)) {
    if (gen(fc.boolean)) return literal(gen, type.ofType, depth, false, name);
    const n = gen(fc.nat, 2);
    return `[${Array.from({ length: n }, () => literal(gen, type.ofType, depth + 1, false, name)).join(", ")}]`;
  }
  if (isEnumType(type)) return gen(fc.constantFrom, ...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    if (depth > 3) return "{}";
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || gen(fc.nat, 2) === 0);
    return `{${fields.map((f) => `${f.name}: ${literal(gen, f.type, depth + 1, false, f.name)}`).join(", ")}}`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
        return String(pick(gen, INTS));
      case "Float":
        return String(gen(fc.double, { noNaN: true, noDefaultInfinity: true }));
      case "Boolean":
        return String(gen(fc.boolean));
      default:
        return JSON.stringify(gen(stringFor, name));
    }
  }
  return "null";
}

/** A JSON value for a variable of `type`, the argument or input field `name` (or of another kind). */
function value(gen: Gen, type: GraphQLInputType, depth: number, name?: string): unknown {
  if (gen(fc.nat, 9) === 0) return gen(fc.jsonValue, { maxDepth: 2 });
  if (isNonNullType(type)) return value(gen, type.ofType, depth, name);
  if (isListType(type)) return Array.from({ length: gen(fc.nat, 2) }, () => value(gen, type.ofType, depth + 1, name));
  if (isEnumType(type)) return gen(fc.constantFrom, ...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    if (depth > 3) return {};
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) || gen(fc.nat, 2) === 0) out[f.name] = value(gen, f.type, depth + 1, f.name);
    }
    return out;
  }
  if (isScalarType(type)) {
    if (type.name === "Int") return pick(gen, INTS);
    if (type.name === "Float") return gen(fc.double, { noNaN: true, noDefaultInfinity: true });
    if (type.name === "Boolean") return gen(fc.boolean);
    return gen(stringFor, name);
  }
  return null;
}

class DocumentBuilder {
  private readonly variables: string[] = [];
  readonly values: Record<string, unknown> = {};
  private aliases = 0;

  constructor(
    private readonly gen: Gen,
    private readonly schema: GraphQLSchema,
    private readonly operation: "query" | "mutation" = "query",
  ) {}

  document(): string {
    const type = this.operation === "mutation" ? this.schema.getMutationType()! : this.schema.getQueryType()!;
    const root = this.selection(type, 0);
    const header = this.variables.length > 0 ? `(${this.variables.join(", ")})` : "";
    const name = this.gen(fc.boolean) ? " Fuzz" : "";
    return this.variables.length > 0 || name || this.operation === "mutation"
      ? `${this.operation}${name}${header} ${root}`
      : root;
  }

  private selection(type: GraphQLNamedType, depth: number): string {
    if (isUnionType(type)) {
      const members = type.getTypes();
      const member = pick(this.gen, members);
      return `{ __typename ... on ${member.name} ${this.selection(member, depth + 1)} }`;
    }
    if (!isObjectType(type) && !isInterfaceType(type)) return "";
    const fields = Object.values(type.getFields());
    const n = 1 + this.gen(fc.nat, depth === 0 ? 2 : 3);
    const picked = Array.from({ length: n }, () => pick(this.gen, fields));
    const parts = picked.map((f) => this.field(f, depth));
    if (this.gen(fc.nat, 9) === 0) parts.push("__typename");
    return `{ ${parts.join(" ")} }`;
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const alias = this.gen(fc.nat, 3) === 0 ? `a${(this.aliases += 1)}: ` : "";
    const args = field.args.filter((a) => isNonNullType(a.type) || this.gen(fc.nat, 2) === 0).map((a) => this.argument(a));
    if (this.gen(fc.nat, 29) === 0) args.push(`bogus: 1`);
    const named = getNamedType(field.type);
    const leaf = !isObjectType(named) && !isInterfaceType(named) && !isUnionType(named);
    // A deep enough selection ends in __typename, so the document stays valid.
    const sub = leaf
      ? ""
      : depth >= this.gen(fc.integer, { min: 1, max: 4 })
        ? "{ __typename }"
        : this.selection(named, depth + 1);
    return `${alias}${field.name}${args.length > 0 ? `(${args.join(", ")})` : ""} ${sub}`;
  }

  private argument(arg: GraphQLArgument): string {
    if (this.gen(fc.nat, 4) === 0) {
      const name = `v${this.variables.length}`;
      const declared =
        this.gen(fc.nat, 9) === 0 ? this.gen(fc.constantFrom, "Int", "String!", "[String]", "Boolean") : String(arg.type);
      this.variables.push(`$${name}: ${declared}`);
      if (this.gen(fc.nat, 7) !== 0) this.values[name] = value(this.gen, arg.type, 0, arg.name);
      return `${arg.name}: $${name}`;
    }
    return `${arg.name}: ${literal(this.gen, arg.type, 0, this.gen(fc.nat, 9) === 0, arg.name)}`;
  }
}

/** A valid literal of `type`: for the other required arguments of a field under test. */
function sample(type: GraphQLInputType): string {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return `[${sample(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{${required.map((f) => `${f.name}: ${sample(f.type)}`).join(", ")}}`;
  }
  if (type.name === "Int" || type.name === "Float") return "1";
  if (type.name === "Boolean") return "true";
  return '"BIGDATA"';
}

/**
 * Every root field's free-text argument, as a document that sends `$t` there, and one that writes
 * `text` into the document as a literal: `search(text: …)`, `products(filter: {text: …})`, ….
 */
function freeTextPlaces(
  schema: GraphQLSchema,
): Array<{ place: string; documents: (text: string) => Array<{ query: string; variables?: { t: string } }> }> {
  const places = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const named = getNamedType(field.type);
    const selection = isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? " { __typename }" : "";
    for (const arg of field.args) {
      const argType = getNamedType(arg.type);
      const targets: Array<{ place: string; type: GraphQLInputType; at: (value: string) => string }> = [];
      if (isScalarType(argType) && argType.name === "String" && FREE_TEXT.has(arg.name)) {
        targets.push({ place: `${field.name}(${arg.name})`, type: arg.type, at: (v) => `${arg.name}: ${v}` });
      }
      if (isInputObjectType(argType)) {
        for (const f of Object.values(argType.getFields())) {
          const fType = getNamedType(f.type);
          if (!isScalarType(fType) || fType.name !== "String" || !FREE_TEXT.has(f.name)) continue;
          const others = Object.values(argType.getFields()).filter(
            (o) => o !== f && isNonNullType(o.type) && o.defaultValue === undefined,
          );
          const rest = others.map((o) => `, ${o.name}: ${sample(o.type)}`).join("");
          targets.push({
            place: `${field.name}(${arg.name}: {${f.name}})`,
            type: f.type,
            at: (v) => `${arg.name}: {${f.name}: ${v}${rest}}`,
          });
        }
      }
      for (const target of targets) {
        const others = field.args
          .filter((a) => a !== arg && isNonNullType(a.type) && a.defaultValue === undefined)
          .map((a) => `, ${a.name}: ${sample(a.type)}`)
          .join("");
        const call = (v: string) => `${field.name}(${target.at(v)}${others})${selection}`;
        places.push({
          place: target.place,
          documents: (text: string) => [
            { query: `query($t: ${String(target.type)}) { ${call("$t")} }`, variables: { t: text } },
            { query: `{ ${call(JSON.stringify(text))} }` },
          ],
        });
      }
    }
  }
  return places;
}

// --- broken documents and bodies -------------------------------------------------------------------

const TOKENS = [
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ":",
  "$",
  "!",
  "@",
  "...",
  "=",
  "|",
  "&",
  "query",
  "mutation",
  "subscription",
  "fragment",
  "on",
  "regions",
  "first",
  "nodes",
  "code",
  "shortBoards",
  "chain",
  "scope",
  "region",
  "__schema",
  "__type",
  "__typename",
  "enterprise",
  "1",
  "-0",
  "3.5e9",
  '"s"',
  '"""',
  '"unterminated',
  "#comment\n",
  "\u0000",
  "\\u",
  "null",
  "true",
  "@include(if: true)",
  "@skip(if: $x)",
  "$x",
  ",",
  "\n",
  "\t",
  "中文",
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(" "));

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/graphql-response+json",
  "text/plain",
  "application/graphql",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  undefined,
];

describe("fuzz: whatever a client sends, the answer is JSON, below 500, with coded errors and no internals", () => {
  let url = "";
  let schema: GraphQLSchema;
  let close: () => Promise<void> = async () => {};
  let editorKey = "";

  beforeAll(async () => {
    schema = await buildGraphSchema();
    const served = await serveApp({
      executor: new Executor({ driver: g.driver, logger, timeoutMs: 10_000 }),
      production: true,
      // High enough that the documents reach execution; the limiter still charges every request.
      rateLimit: { points: 100_000_000, windowSeconds: 3_600 },
    });
    url = served.url;
    close = served.close;
    editorKey = (
      await new ApiKeyStore(new Executor({ driver: g.driver, logger, timeoutMs: 10_000 })).createKey({
        name: "fuzz-editor",
        role: "editor",
      })
    ).key;
  });
  afterAll(async () => {
    await close();
  });

  async function send(request: Request): Promise<Outcome> {
    const res = await fetch(`${url}${request.path}`, {
      method: request.method,
      headers: {
        ...(request.contentType && { "content-type": request.contentType }),
        ...(request.key && { authorization: `Bearer ${request.key}` }),
      },
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    return { status: res.status, text: await res.text() };
  }

  /**
   * Runs `arbitrary`'s requests; a failure names the request, the answer and the seed to replay it.
   * FUZZ_COLLECT=1 runs them all instead and prints the shortest request of each kind of failure.
   */
  async function check(arbitrary: fc.Arbitrary<Request>) {
    const collected = new Map<string, { request: Request; outcome: Outcome }>();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (request) => {
        const outcome = await send(request);
        const found = problems(outcome);
        if (found.length === 0) return;
        if (process.env.FUZZ_COLLECT) {
          const codes = [...outcome.text.matchAll(/"code":"(\w+)"/g)].map((m) => m[1]).join(",");
          const kind = `${found.join("; ")} | HTTP ${outcome.status} | ${codes}`;
          const seen = collected.get(kind);
          if (!seen || JSON.stringify(request).length < JSON.stringify(seen.request).length)
            collected.set(kind, { request, outcome });
          return;
        }
        throw new Error(
          `${found.join("; ")}\nrequest: ${JSON.stringify(request).slice(0, 2_000)}\nanswer: HTTP ${outcome.status} ${outcome.text.slice(0, 1_000)}`,
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
    for (const [kind, { request, outcome }] of collected) {
      process.stdout.write(
        `FUZZ ${kind}\n  request: ${JSON.stringify(request).slice(0, 600)}\n  answer: ${outcome.text.slice(0, 400)}\n`,
      );
    }
  }

  const graphql = (body: unknown): Request => ({
    method: "POST",
    path: "/graphql",
    contentType: "application/json",
    body: JSON.stringify(body),
  });

  it("documents built from the schema, with right and wrong arguments and variables", { timeout: 300_000 }, async () => {
    const documents = fc.gen().map((gen) => {
      const builder = new DocumentBuilder(gen, schema);
      const query = builder.document();
      return { query, variables: builder.values };
    });
    await check(documents.map((d) => graphql(d)));
  });

  it(
    "mutations built from the schema, sent with an editor's key: refused with a code, or applied",
    { timeout: 300_000 },
    async () => {
      const documents = fc.gen().map((gen) => {
        const builder = new DocumentBuilder(gen, schema, "mutation");
        const query = builder.document();
        return { query, variables: builder.values };
      });
      await check(documents.map((d) => ({ ...graphql(d), key: editorKey })));
    },
  );

  it(
    "every free-text argument takes Lucene, Cypher and regular-expression syntax as plain text",
    { timeout: 300_000 },
    async () => {
      const places = freeTextPlaces(schema);
      expect(places.map((p) => p.place)).toEqual(
        expect.arrayContaining([
          "search(text)",
          "chains(filter: {text})",
          "clusters(filter: {text})",
          "enterprises(filter: {text})",
          "products(filter: {text})",
          "regions(filter: {text})",
        ]),
      );
      const failures: string[] = [];
      for (const { place, documents } of places) {
        for (const text of SYNTAX) {
          for (const { query, variables } of documents(text)) {
            const outcome = await send(graphql({ query, variables }));
            const found = problems(outcome);
            if (found.length > 0)
              failures.push(`${place} ${JSON.stringify(text)}: ${found.join("; ")}: ${outcome.text.slice(0, 300)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it("broken documents: token soups and truncated documents", { timeout: 300_000 }, async () => {
    const truncated = fc
      .tuple(
        fc.gen().map((gen) => new DocumentBuilder(gen, schema).document()),
        fc.double({ min: 0, max: 1, noNaN: true }),
      )
      .map(([doc, at]) => doc.slice(0, Math.floor(doc.length * at)));
    await check(fc.oneof(tokenSoup, truncated).map((query) => graphql({ query })));
  });

  it("bodies that are not GraphQL requests, other content types, methods and routes", { timeout: 300_000 }, async () => {
    const query = fc.oneof(fc.constant("{ regions(first: 1) { nodes { code } } }"), tokenSoup);
    const bodies = fc.oneof(
      // JSON that is not a request object, or a request object with fields of the wrong types
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .record(
          {
            query: fc.oneof(query, fc.jsonValue({ maxDepth: 2 })),
            operationName: fc.oneof(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })),
            variables: fc.oneof(
              fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })),
              fc.jsonValue({ maxDepth: 1 }),
            ),
            extensions: fc.jsonValue({ maxDepth: 2 }),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
      // batches
      fc.array(fc.record({ query }), { maxLength: 8 }).map((v) => JSON.stringify(v)),
      // not JSON at all, or cut short
      fc.string({ maxLength: 40 }),
      query.map((q) => JSON.stringify({ query: q }).slice(0, -2)),
      // large: a long string, deep nesting
      fc
        .nat({ max: 300_000 })
        .map((n) => JSON.stringify({ query: `{ regions(first: 1) { nodes { code } } } #${"x".repeat(n)}` })),
      fc.nat({ max: 5_000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
    );
    const requests = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          method: fc.constant("POST"),
          path: fc.constant("/graphql"),
          contentType: fc.constantFrom(...CONTENT_TYPES),
          body: bodies,
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          method: fc.constantFrom("GET", "HEAD"),
          path: fc.oneof(
            query.map((q) => `/graphql?query=${encodeURIComponent(q)}`),
            fc.constantFrom(
              "/graphql",
              "/graphql?query=",
              "/graphql?variables=%7B",
              "/",
              "/nope",
              "/health",
              "/ready",
              "/%E0%A4%A",
              "/graphql/../etc",
            ),
          ),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          method: fc.constantFrom("PUT", "DELETE", "PATCH", "OPTIONS"),
          path: fc.constantFrom("/graphql", "/", "/health"),
          body: fc.constant("{}"),
          contentType: fc.constant("application/json"),
        }),
      },
    );
    await check(requests.map((r) => (r.method === "HEAD" ? { ...r, method: "GET" } : r)));
  });
});
