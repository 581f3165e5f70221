import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { ErrorCode } from "../errors.js";
import type { Executor, StatementObserver } from "../graph/db/executor.js";
import { DERIVED_STATE_KEY } from "../graph/derived/derived.js";

/** Operation names a client may choose freely: past this many distinct ones, the rest count as `other`. */
const MAX_OPERATION_NAMES = 100;

/** Codes that refuse a request for its cost, its rate or its shape (SECURITY.md), counted apart. */
const REFUSALS = new Set<string>([
  ErrorCode.QUERY_TOO_COSTLY,
  ErrorCode.RATE_LIMITED,
  ErrorCode.REQUEST_TOO_LARGE,
  ErrorCode.DOCUMENT_TOO_LARGE,
  ErrorCode.TOO_MANY_TOKENS,
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.BATCH_TOO_LARGE,
  ErrorCode.PERSISTED_OPERATION_NOT_FOUND,
]);

/**
 * The service's Prometheus metrics (prom-client), served at `GET /metrics` (README.md, "Running in
 * production"): requests by operation and code, their durations, refusals, Neo4j statement times by
 * kind, sessions in use and waiting, the derived data's age, the plan warmer, and the process defaults.
 */
export class Metrics implements StatementObserver {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<"operation" | "code">;
  private readonly durations: Histogram<"operation">;
  private readonly refusals: Counter<"code">;
  private readonly statements: Histogram<"kind" | "outcome">;
  private readonly inUse: Gauge;
  private readonly waitingSessions: Gauge;

  /**
   * `executor` answers the derived data's age and the plan warmer's state when scraped: one that does not
   * report to these metrics, so that the scrape's own read is not among the sessions it shows.
   */
  constructor(executor?: () => Executor | undefined) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: "graphql_requests_total",
      help: "GraphQL requests by operation name and outcome (OK, or the first error's extensions.code)",
      labelNames: ["operation", "code"],
      registers,
    });
    this.durations = new Histogram({
      name: "graphql_request_duration_seconds",
      help: "Time from a /graphql request's arrival to its response",
      labelNames: ["operation"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.refusals = new Counter({
      name: "graphql_refusals_total",
      help: "Requests refused for their cost, their rate or their shape, by code",
      labelNames: ["code"],
      registers,
    });
    this.statements = new Histogram({
      name: "neo4j_statement_duration_seconds",
      help: "Neo4j statements by kind (the service's operation label, e.g. plan.Enterprise.products) and outcome",
      labelNames: ["kind", "outcome"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.inUse = new Gauge({ name: "neo4j_sessions_in_use", help: "Neo4j sessions open now", registers });
    this.waitingSessions = new Gauge({
      name: "neo4j_sessions_waiting",
      help: "Statements waiting for one of their request's sessions (MAX_REQUEST_SESSIONS)",
      registers,
    });
    new Gauge({
      name: "derived_data_age_seconds",
      help: "Seconds since the derived analytics data was last recomputed (absent when it never was or Neo4j does not answer)",
      registers,
      async collect() {
        this.reset();
        const ex = executor?.();
        if (!ex) return;
        try {
          const [row] = await ex.read<{ at: number | null }>(
            "metrics.derived",
            "OPTIONAL MATCH (d:DerivedState {code: $key}) RETURN d.refreshedAt AS at",
            { key: DERIVED_STATE_KEY },
          );
          if (row?.at != null) this.set(Math.max(0, (Date.now() - Number(row.at)) / 1000));
        } catch {
          // Neo4j down: no value, and /ready says why.
        }
      },
    });
    const warmer = (name: string, help: string, pick: (s: ReturnType<Executor["planState"]>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const ex = executor?.();
          if (ex) this.set(pick(ex.planState()));
        },
      });
    warmer(
      "plan_warmer_pending_statements",
      "Statements the plan warmer has still to plan (at start, or after an outage)",
      (s) => s.pending,
    );
    warmer(
      "plan_warmer_known_statements",
      "Read statements the plan warmer would plan again after an outage",
      (s) => s.known + s.pinned,
    );
    warmer("plan_warmer_outages", "Outages the plan warmer has planned the statements again after", (s) => s.outages);
  }

  /** One /graphql request: its operation name (bounded), its outcome code, its time. */
  request(operation: string | undefined, code: string, seconds: number): void {
    const name = this.operationLabel(operation);
    this.requests.inc({ operation: name, code });
    this.durations.observe({ operation: name }, seconds);
    if (REFUSALS.has(code)) this.refusals.inc({ code });
  }

  statement(kind: string, seconds: number, failed: boolean): void {
    this.statements.observe({ kind, outcome: failed ? "error" : "ok" }, seconds);
  }

  sessions(delta: number): void {
    this.inUse.inc(delta);
  }

  waiting(delta: number): void {
    this.waitingSessions.inc(delta);
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private operationLabel(operation: string | undefined): string {
    if (!operation) return "anonymous";
    const name = operation.slice(0, 100);
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return "other";
    this.operations.add(name);
    return name;
  }
}

/**
 * The METRICS_PORT server's handler: `GET /metrics` without credentials (the port is the protection:
 * keep it off the public network), 404 for anything else.
 */
export function metricsHandler(metrics: Metrics) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found: GET /metrics\n");
      return;
    }
    metrics.text().then(
      (text) => res.writeHead(200, { "content-type": metrics.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${String(error)}\n`),
    );
  };
}
