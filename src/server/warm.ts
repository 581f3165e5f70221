import { execute, parse, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { createContext } from "../context.js";
import type { Executor } from "../graph/db/executor.js";
import { readTemplates } from "../graph/planner/roots.js";
import type { Logger } from "../logger.js";
import { PersistedOperations } from "./persisted.js";

/**
 * Has Neo4j plan, before the first requests, what they will run: every field statement and lookup
 * (readTemplates: the statements every planned read is made of), then each persisted operation (the
 * app's documents and the explorer's examples, src/generated/persisted-operations.json) run once
 * in-process, on values taken from the graph, so that the analyses' own statements are planned too.
 * Measured on the Shandong graph after a restart: without it, the app's first view took 5.3 s to draw
 * its map and 7.6 s to fill its tables, against 2.8 s the second time (bench/results.cold.before.md).
 *
 * The statements stay known to the plan warmer, which plans them again after an outage. Failures are
 * logged, never thrown: a service that could not warm still serves, more slowly at first.
 */
export async function warmReads(options: {
  schema: GraphQLSchema;
  executor: Executor;
  logger: Logger;
  operations?: PersistedOperations;
  /**
   * When to stop starting operations (ms since the epoch): on a very large graph the analyses take
   * minutes to warm, and they run in the process that serves, so a warm-up past its time would make
   * the first live requests wait behind it.
   */
  until?: number;
}): Promise<{ statements: number; operations: number; skipped: number; ms: number }> {
  const { schema, executor, logger } = options;
  const started = performance.now();
  const years = await executor.heldYears();
  const templates = readTemplates(years.at(-1) ?? null);
  await executor.warmPlans(templates);
  const samples = await sampleValues(executor);
  let operations = 0;
  let skipped = 0;
  for (const document of (options.operations ?? PersistedOperations.load()).documents()) {
    const ast = parse(document);
    const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
    if (!operation || operation.operation !== "query") continue;
    for (const variables of variablesFor(operation, samples)) {
      if (options.until !== undefined && Date.now() >= options.until) {
        skipped += 1;
        continue;
      }
      const contextValue = createContext({ executor, logger }, "warm");
      const result = await execute({ schema, document: ast, variableValues: variables, contextValue });
      if (result.errors?.length)
        logger.debug({ operation: operation.name?.value, errors: result.errors }, "warming an operation");
      operations += 1;
    }
  }
  return { statements: templates.length, operations, skipped, ms: Math.round(performance.now() - started) };
}

/** Codes the operations' variables can take: one chain with a product made by a firm in a city, the top region, a cluster. */
interface Samples {
  chain: string;
  product: string;
  enterprise: string;
  city: string;
  /** A region between the city and the top (a circle), when there is one. */
  middle: string | null;
  top: string;
  name: string;
  cluster: string | null;
  plan: string | null;
}

async function sampleValues(executor: Executor): Promise<Samples | undefined> {
  const [row] = await executor.read<Samples>(
    "warm.samples",
    `MATCH (c:IndustryChain)<-[:IN_CHAIN]-(p:Product)<-[:PRODUCES]-(e:Enterprise)-[:LOCATED_IN]->(r:Region)
     WITH c, p, e, r ORDER BY c.code, p.code, e.code LIMIT 1
     MATCH (r)-[:PART_OF*0..]->(top:Region) WHERE NOT (top)-[:PART_OF]->()
     OPTIONAL MATCH (r)-[:PART_OF]->(mid:Region) WHERE mid <> top
     OPTIONAL MATCH (pl:Plan)
     WITH c, p, e, r, top, mid, pl ORDER BY pl.code LIMIT 1
     OPTIONAL MATCH (cl:Cluster)
     WITH c, p, e, r, top, mid, pl, cl ORDER BY cl.code LIMIT 1
     RETURN c.code AS chain, p.code AS product, e.code AS enterprise, r.code AS city, mid.code AS middle, top.code AS top,
            coalesce(e.name, e.code) AS name, pl.code AS plan, cl.code AS cluster`,
  );
  return row;
}

/**
 * Values for an operation's variables, by name, from the samples; the nullable ones it does not know
 * are left out. An analysis' statements differ by the kind of scope, so an operation with a `scope`
 * runs for a city, for the region between it and the top (a circle), for the top region and for a cluster. None when a required variable is unknown.
 */
function variablesFor(operation: OperationDefinitionNode, s: Samples | undefined): Array<Record<string, unknown>> {
  if (!s) return [];
  const known: Record<string, unknown> = {
    chain: s.chain,
    product: s.product,
    code: s.enterprise,
    region: s.city,
    scope: { region: s.city },
    lang: "ZH",
    first: 10,
    text: s.name,
    without: [s.enterprise],
    ...(s.plan ? { plan: s.plan } : {}),
  };
  const variables: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    const name = v.variable.name.value;
    if (name in known) variables[name] = known[name];
    else if (v.type.kind === "NonNullType" && v.defaultValue === undefined) return [];
  }
  if (!("scope" in variables)) return [variables];
  // Neo4j plans a statement again for a list of cities of another size bucket: a city (one), a circle
  // (a few) and the province (all) each get their plans.
  const scopes = [
    { region: s.city },
    ...(s.middle ? [{ region: s.middle }] : []),
    { region: s.top },
    ...(s.cluster ? [{ cluster: s.cluster }] : []),
  ];
  return scopes.map((scope) => ({ ...variables, scope }));
}
