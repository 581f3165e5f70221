/**
 * Query plans of the hot queries: the Cypher the service sends for each read (captured from its
 * LOG_LEVEL=debug log, which carries every statement with its parameters) and the raw Cypher, each run
 * once with PROFILE. Flags every NodeByLabelScan / AllNodesScan (a scan of a whole label where an index
 * seek could start the query), with the plan around it.
 */
import { readFileSync } from "node:fs";
import neo4j, { type Driver, type ProfiledPlan } from "neo4j-driver";

export interface CapturedStatement {
  operation: string;
  cypher: string;
  params: Record<string, unknown>;
  /** As the service logged it: the statement's time (ms, session to last record) and rows. */
  ms?: number;
  rows?: number;
}

export interface PlanReport {
  source: string;
  operation: string;
  cypher: string;
  dbHits: number;
  rows: number;
  ms: number;
  /** Operators that scan a whole label or all nodes. */
  scans: Array<{ operator: string; details: string; rows: number; dbHits: number }>;
  /** The plan, one operator a line, indented by depth. */
  plan: string[];
  /** The operators with the most db hits, heaviest first (at most five). */
  heaviest?: Array<{ operator: string; details: string; rows: number; dbHits: number }>;
}

/** pino prints a neo4j Integer as {low, high}; turn those back into Integers. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 2 && keys.includes("low") && keys.includes("high")) {
      const v = value as { low: number; high: number };
      return neo4j.Integer.fromBits(v.low, v.high);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** Every statement in a pino JSON log's text, in order, with the time and rows the service logged. */
export function statementsIn(text: string): CapturedStatement[] {
  const out: CapturedStatement[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    let entry: {
      msg?: string;
      cypher?: string;
      params?: Record<string, unknown>;
      operation?: string;
      ms?: number;
      rows?: number;
    };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (entry.msg !== "cypher" || !entry.cypher || entry.operation?.startsWith("migrate")) continue;
    out.push({
      operation: entry.operation ?? "?",
      cypher: entry.cypher,
      params: revive(entry.params ?? {}) as Record<string, unknown>,
      ...(entry.ms !== undefined && { ms: entry.ms }),
      ...(entry.rows !== undefined && { rows: entry.rows }),
    });
  }
  return out;
}

/** The distinct statements (by text) in a pino JSON log, in first-seen order. */
export function captureStatements(logFile: string): CapturedStatement[] {
  const seen = new Map<string, CapturedStatement>();
  for (const statement of statementsIn(readFileSync(logFile, "utf8"))) {
    if (!seen.has(statement.cypher)) seen.set(statement.cypher, statement);
  }
  return [...seen.values()];
}

type Operator = { operator: string; details: string; rows: number; dbHits: number };

function walk(
  plan: ProfiledPlan,
  depth: number,
  out: PlanReport["plan"],
  scans: PlanReport["scans"],
  all: Operator[] = [],
): number {
  const details = String(plan.arguments?.Details ?? plan.identifiers.join(", "));
  const operator = plan.operatorType.replace(/@.*$/, "");
  out.push(`${"  ".repeat(depth)}${operator}  ${details}  rows=${plan.rows} dbHits=${plan.dbHits}`);
  all.push({ operator, details, rows: plan.rows, dbHits: plan.dbHits });
  if (/^(NodeByLabelScan|AllNodesScan|UnionNodeByLabelsScan|IntersectionNodeByLabelsScan)$/.test(operator)) {
    scans.push({ operator, details, rows: plan.rows, dbHits: plan.dbHits });
  }
  let hits = plan.dbHits;
  for (const child of plan.children) hits += walk(child, depth + 1, out, scans, all);
  return hits;
}

export async function profile(
  driver: Driver,
  database: string | undefined,
  source: string,
  statement: CapturedStatement,
): Promise<PlanReport> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const started = performance.now();
    const result = await session.run(`PROFILE ${statement.cypher}`, statement.params);
    const took = performance.now() - started;
    const plan = result.summary.profile;
    const lines: string[] = [];
    const scans: PlanReport["scans"] = [];
    const all: Operator[] = [];
    const dbHits = plan ? walk(plan, 0, lines, scans, all) : 0;
    return {
      source,
      operation: statement.operation,
      cypher: statement.cypher.replace(/\s+/g, " ").trim(),
      dbHits,
      rows: result.records.length,
      ms: took,
      scans,
      plan: lines,
      heaviest: all
        .filter((o) => o.dbHits > 0)
        .sort((a, b) => b.dbHits - a.dbHits)
        .slice(0, 5),
    };
  } finally {
    await session.close();
  }
}
