import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { explainRead } from "../../src/graph/planner/explain.js";
import { fieldTemplates } from "../../src/graph/planner/plan.js";
import { buildGraphSchema } from "../../src/schema/build.js";

/**
 * The planner's output pinned for a reviewer, without a database (as neo4j/graphql's TCK pins its
 * Cypher): tests/unit/plans/statements.cypher holds every field statement there is, numbered; each
 * document of the corpus (the explorer's examples, the app's documents, the end-to-end documents)
 * has a file beside it saying, root field by root field, which statements it runs at which level,
 * with which parameters. A change to the generated Cypher is a diff in these files
 * (`npx vitest run tests/unit/planner-plans.test.ts -u` writes them anew).
 */

/** Parameters as JSON, Neo4j integers as numbers. */
const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (neo4j.isInt(v) ? v.toNumber() : v));

const ROOT = path.resolve(import.meta.dirname, "../..");
const PLANS = path.join(import.meta.dirname, "plans");

/** Reads only: a mutation's document is planned by no planner (src/graph/mutate writes it). */
const isRead = (file: string) =>
  parse(readFileSync(path.join(ROOT, file), "utf8")).definitions.every(
    (d) => d.kind !== "OperationDefinition" || d.operation === "query",
  );

const corpus = ["examples", "web/src/queries", "tests/e2e/documents"]
  .flatMap((dir) =>
    readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith(".graphql"))
      .sort()
      .map((f) => `${dir}/${f}`),
  )
  .filter(isRead);

/** The variables an example names in its `# variables:` line, or a value of each required variable's type. */
function variablesOf(schema: GraphQLSchema, file: string, source: string): Record<string, unknown> {
  const line = /^# variables: (.*)$/m.exec(source);
  if (line) return JSON.parse(line[1]!) as Record<string, unknown>;
  const sample = (type: GraphQLInputType): unknown => {
    const named = getNamedType(type);
    if (isListType(getNullableType(type))) return [sample(named)];
    if (isEnumType(named)) return named.getValues()[0]!.value;
    if (isInputObjectType(named)) return { region: "SD-JINAN" };
    return named.name === "Int" ? 10 : named.name === "Float" ? 1 : named.name === "Boolean" ? true : "CODE";
  };
  const operation = parse(source).definitions.find((d) => d.kind === "OperationDefinition");
  const variables: Record<string, unknown> = {};
  for (const v of operation?.kind === "OperationDefinition" ? (operation.variableDefinitions ?? []) : []) {
    const type = typeFromAST(schema, v.type as never) as GraphQLInputType | undefined;
    if (!type) throw new Error(`${file}: unknown type of $${v.variable.name.value}`);
    if (isNonNullType(type)) variables[v.variable.name.value] = sample(type);
  }
  return variables;
}

describe("the planner's statements, pinned without a database", async () => {
  const schema = await buildGraphSchema();
  const templates = fieldTemplates(null);
  const number = new Map(templates.map((t, i) => [t.cypher, i + 1]));

  it("prints every field statement once, numbered (plans/statements.cypher)", async () => {
    const text = templates.map((t, i) => `// #${i + 1} ${t.operation} (${t.variant})\n${t.cypher};\n`).join("\n");
    await expect(text).toMatchFileSnapshot(path.join(PLANS, "statements.cypher"));
  });

  it.each(corpus)("%s: its root fields' plans, each field statement one of the numbered ones", async (file) => {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    const roots = explainRead(schema, parse(source), variablesOf(schema, file, source));
    const lines = [`# ${file}`, ""];
    for (const root of roots) {
      lines.push(`${root.key}: ${root.field} → ${root.types.join(" | ")}`);
      lines.push(`  root columns: ${root.columns}`);
      lines.push(`  root parameters: ${json(root.params)}`);
      for (const step of root.steps) {
        if (step.inline) {
          lines.push(`  level ${step.level}  (with its links) ${step.field} at ${step.path}`);
          continue;
        }
        // The statement's text does not depend on the document: it is one of the printed ones.
        expect(number.get(step.cypher), `${file}: ${step.field}`).toBeDefined();
        lines.push(`  level ${step.level}  #${number.get(step.cypher)} ${step.field} at ${step.path}  ${json(step.params)}`);
      }
      lines.push("");
    }
    if (roots.length === 0) lines.push("(no root field the planner reads whole: analyses and resolvers answer it)", "");
    await expect(lines.join("\n")).toMatchFileSnapshot(path.join(PLANS, `${file.replaceAll("/", "__")}.plan`));
  });

  it("plans a document three levels deep into three waves of field statements, breadth first", () => {
    const document = parse(`{ enterprise(code: "X") { city { parent { children { code } } } cluster { code }
      products { product { chain { code } inputs { code } } }
      suppliers(first: 3) { totalCount nodes { supplier { city { code } } product { code } } } } }`);
    const [root] = explainRead(schema, document);
    expect(root!.steps.map((s) => `${s.level} ${s.field}`)).toEqual([
      "1 Enterprise.city",
      "1 Enterprise.cluster",
      "1 Enterprise.products",
      "1 Enterprise.suppliers",
      "2 Region.parent",
      "2 Product.chain",
      "2 Product.inputs",
      "2 SupplyLink.supplier",
      "2 SupplyLink.product",
      "3 Region.children",
      "3 Enterprise.city",
    ]);
    // The product selects no graph field: its link's statement reads it; the supplier selects its city.
    expect(root!.steps.filter((s) => s.inline).map((s) => s.field)).toEqual(["SupplyLink.product"]);
    const suppliers = root!.steps.find((s) => s.field === "Enterprise.suppliers")!;
    expect(suppliers.params.args).toMatchObject({ ends: { supplier: null, customer: null, product: ["code"] } });
  });

  it("reads a link's ends with the link unless they select graph fields or attributes", () => {
    const inline = (selection: string) =>
      explainRead(schema, parse(`{ enterprise(code: "X") { customers(first: 5) { nodes { ${selection} } } } }`))[0]!
        .steps.filter((s) => s.inline)
        .map((s) => s.field);
    expect(inline("volume customer { code name } supplier { nameZh } product { code stage }")).toEqual([
      "SupplyLink.customer",
      "SupplyLink.supplier",
      "SupplyLink.product",
    ]);
    expect(inline("customer { code city { code } }")).toEqual([]);
    expect(inline("customer { attributes { key value } }")).toEqual([]);
    expect(inline("volume")).toEqual([]);
  });
});
