/**
 * The analytics queries of the service (issue 3), found by introspection so the benchmark runs
 * whichever of them the running service has. Each is asked for its whole answer: every scalar field,
 * entities as `{ code }`, nested objects to a small depth; optional arguments keep their defaults.
 */
import type { Driver } from "neo4j-driver";
import { rootFields } from "../src/graph/planner/declarations.js";
import { buildGraphSchema } from "../src/schema/build.js";

/** The analyses of our own schema: its root fields declared `root: "analysis"`, in its order. */
export const analyticsQueries = async () => rootFields(await buildGraphSchema(), "analysis");
export type AnalyticsName = string;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface Field {
  name: string;
  args: Array<{ name: string; type: TypeRef; defaultValue: string | null }>;
  type: TypeRef;
}
interface FullType {
  name: string;
  kind: string;
  fields: Field[] | null;
}

const TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";
const INTROSPECTION = `{
  __schema {
    queryType { name }
    types { name kind fields { name args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
  }
}`;

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const required = (t: TypeRef) => t.kind === "NON_NULL";

export interface AnalyticsPlan {
  name: AnalyticsName;
  /** The GraphQL operation, with variables $chain, $scope and (resilience) $without. */
  query: string;
  needsWithout: boolean;
}

export interface AnalyticsDiscovery {
  available: AnalyticsPlan[];
  /** Query name -> why it is not run. */
  missing: Record<string, string>;
}

/** Asks the service's schema which analytics queries exist and builds an operation for each. */
export async function discoverAnalytics(graphqlUrl: string): Promise<AnalyticsDiscovery> {
  const res = await fetch(graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: INTROSPECTION }),
  });
  const body = (await res.json()) as { data?: { __schema: { queryType: { name: string }; types: FullType[] } } };
  if (!body.data) throw new Error(`introspection failed: ${JSON.stringify(body).slice(0, 300)}`);
  const types = new Map(body.data.__schema.types.map((t) => [t.name, t]));
  const queryType = types.get(body.data.__schema.queryType.name)!;
  const fields = new Map((queryType.fields ?? []).map((f) => [f.name, f]));

  const selection = (typeName: string, depth: number): string => {
    const type = types.get(typeName);
    if (!type?.fields) return "__typename";
    const parts: string[] = [];
    for (const f of type.fields) {
      if (f.args.some((a) => required(a.type) && a.defaultValue === null)) continue;
      const inner = named(f.type);
      if (inner.kind === "SCALAR" || inner.kind === "ENUM") {
        parts.push(f.name);
        continue;
      }
      const target = types.get(inner.name ?? "");
      const hasCode = target?.fields?.some((x) => x.name === "code");
      if (hasCode) parts.push(`${f.name} { __typename code }`);
      else if (depth < 3) parts.push(`${f.name} { ${selection(inner.name!, depth + 1)} }`);
    }
    return parts.length ? parts.join(" ") : "__typename";
  };

  const available: AnalyticsPlan[] = [];
  const missing: Record<string, string> = {};
  for (const name of await analyticsQueries()) {
    const field = fields.get(name);
    if (!field) {
      missing[name] = "not in the service's schema";
      continue;
    }
    const vars: string[] = [];
    const args: string[] = [];
    let needsWithout = false;
    let unknown: string | undefined;
    for (const arg of field.args) {
      const typeText = printType(arg.type);
      if (arg.name === "chain") {
        vars.push(`$chain: ${typeText}`);
        args.push("chain: $chain");
      } else if (arg.name === "scope") {
        vars.push(`$scope: ${typeText}`);
        args.push("scope: $scope");
      } else if (arg.name === "without") {
        vars.push(`$without: ${typeText}`);
        args.push("without: $without");
        needsWithout = true;
      } else if (required(arg.type) && arg.defaultValue === null) {
        unknown = arg.name;
      }
    }
    if (unknown) {
      missing[name] = `required argument "${unknown}" the benchmark does not know how to fill`;
      continue;
    }
    const query = `query ${name[0]!.toUpperCase()}${name.slice(1)}(${vars.join(", ")}) { ${name}(${args.join(", ")}) { ${selection(named(field.type).name!, 1)} } }`;
    available.push({ name, query, needsWithout });
  }
  return { available, missing };
}

function printType(t: TypeRef): string {
  if (t.kind === "NON_NULL") return `${printType(t.ofType!)}!`;
  if (t.kind === "LIST") return `[${printType(t.ofType!)}]`;
  return t.name!;
}

/**
 * For `resilience(without:)`: the five enterprises in scope that make the most products of the chain
 * (ties by code), i.e. the firms whose loss hurts most.
 */
export async function topProducers(
  driver: Driver,
  database: string | undefined,
  chain: string,
  scope: string,
): Promise<string[]> {
  const { records } = await driver.executeQuery(
    `MATCH (:Region {code: $scope})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(e:Enterprise)-[:PRODUCES]->(:Product)-[:IN_CHAIN]->(:IndustryChain {code: $chain})
     WITH e.code AS code, count(*) AS n
     RETURN code ORDER BY n DESC, code LIMIT 5`,
    { chain, scope },
    { database, routing: "READ" },
  );
  return records.map((r) => String(r.get("code")));
}
