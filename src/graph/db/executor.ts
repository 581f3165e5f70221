import neo4j, { type Driver, isRetriableError, Neo4jError, type Session, type Transaction } from "neo4j-driver";
import { GraphQLError } from "graphql";
import { context, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import type { Logger } from "../../logger.js";
import { databaseBusy, databaseUnavailable, ErrorCode, queryTimeout } from "../../errors.js";
import { PlanWarmer } from "./plan-warmer.js";

/** Parameters of a Cypher statement. Every value a user gave travels here, never in the query text. */
export type Params = Record<string, unknown>;

/** Statements sent together in one transaction, each resolving to its rows (`Executor.readSteps`). */
export type Wave = (
  statements: ReadonlyArray<{ operation: string; cypher: string; params: Params }>,
) => Promise<Array<Array<Record<string, unknown>>>>;

/** A statement inside \`Executor.transaction\`: its rows. */
export type TxRun = <Row = Record<string, unknown>>(operation: string, cypher: string, params?: Params) => Promise<Row[]>;

/** Counts the round trips a request makes; the N+1 test and the logs read it. */
export interface QueryStats {
  queries: number;
  /** When present, the operation name of every statement, in order (tests read it). */
  operations?: string[];
}

export interface ExecutorOptions {
  driver: Driver;
  database?: string | undefined;
  logger: Logger;
  timeoutMs: number;
  stats?: QueryStats;
  /** At most this many sessions open at once through this executor (one request's); unset: no limit. */
  sessions?: Semaphore;
  /** Told of every statement and session (the service's metrics, src/server/metrics.ts); unset: nobody. */
  observer?: StatementObserver;
  /** The request's span: each statement is traced as its child (src/server/tracing.ts); unset: a root span, or none. */
  span?: Span;
}

/** The service's tracer: a no-op until an OpenTelemetry SDK is registered (OTEL_* variables, src/server/tracing.ts). */
const tracer = trace.getTracer("chain-kg");

/** What an executor reports as it runs: each statement's time by kind (its operation label), and its sessions. */
export interface StatementObserver {
  /** A statement (or a wave of statements, each reported) ran for `seconds`; `failed` when it ended in an error. */
  statement(kind: string, seconds: number, failed: boolean): void;
  /** Sessions opened (+1) and closed (-1). */
  sessions(delta: number): void;
  /** Statements that began (+1) and ended (-1) waiting for one of their request's sessions (MAX_REQUEST_SESSIONS). */
  waiting(delta: number): void;
}

/** A counting semaphore: `run` waits for one of `size` places, then runs `work`. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {}

  /** Whether `run` would wait now. */
  get full(): boolean {
    return this.active >= this.size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await work();
    } finally {
      // Hand the place straight to the next waiter, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/** First pause before a statement retries a transient failure; each later pause doubles, up to the cap. */
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 1_000;
/** Without a request deadline (migrations, imports, the seed), transient failures are retried this long. */
const RETRY_BUDGET_MS = 5_000;

/**
 * The pause before retry number `attempt` (0 for the first): 200 ms doubling up to 1 s, ±20 % jitter
 * so that the requests of an outage do not reconnect in lockstep.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** attempt, MAX_RETRY_MS);
  return base * (0.8 + 0.4 * random());
}

/**
 * Settles as `work` does, or rejects with `statement.expire()` after `ms`, whichever comes first. The
 * one timer is the only cost beyond the promise.
 */
export function settleWithin<T>(work: Promise<T>, ms: number, statement: { expire(): Error }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(statement.expire()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Shared by an executor and every executor made from it: did the last attempt reach the database? */
export interface Reachability {
  down: boolean;
  /** When (`performance.now()`) a statement last succeeded after the database had been unreachable. */
  upAt: number;
}

/**
 * For this long after an outage ends the database counts as recovering: a restarted Neo4j answers,
 * but with a cold JVM, page cache and plan cache it can take seconds over statements that usually
 * take milliseconds. A deadline that passes then is the outage's (DATABASE_UNAVAILABLE: try again
 * shortly), not the query's (QUERY_TIMEOUT: ask for less).
 */
const RECOVERY_MS = 20_000;

/** The database is unreachable, or came back less than RECOVERY_MS ago. */
function recovering(r: Reachability): boolean {
  return r.down || performance.now() - r.upAt < RECOVERY_MS;
}

type Work = (tx: Transaction) => Promise<{ records: Array<{ toObject(): unknown }> } | undefined>;

/**
 * One statement on its session, through its first try and its retries: what its deadline's expiry
 * needs to know to close it and to say whose fault it was.
 */
export class Statement {
  /** Neo4j acknowledged the current try's BEGIN: the statement is running there. */
  began = false;
  /** The database had been unreachable when the statement started. */
  private readonly wasDown: boolean;
  readonly begun = () => {
    this.began = true;
  };

  constructor(
    readonly session: Session,
    private readonly reachability: Reachability,
  ) {
    this.wasDown = reachability.down;
  }

  /**
   * Closes the session without waiting: that stops the driver's work on it and RESETs a running
   * transaction, which Neo4j then terminates. During an outage, or while the database recovers from
   * one, the fault is the outage's (DATABASE_UNAVAILABLE). Otherwise a statement Neo4j was running
   * timed out (QUERY_TIMEOUT), and one it never began was kept from it by the connection pool or a
   * saturated server (DATABASE_BUSY).
   */
  expire(): GraphQLError {
    this.session.close().catch(() => undefined);
    if (this.wasDown || recovering(this.reachability)) return databaseUnavailable();
    return this.began ? queryTimeout() : databaseBusy();
  }
}

/**
 * The one way the service runs Cypher. It picks the access mode explicitly, closes the session in
 * `finally`, pins the database, tags each transaction with the operation name (visible in Neo4j's
 * query log and `SHOW TRANSACTIONS`), retries transient failures, and turns driver failures into
 * typed GraphQL errors.
 *
 * The executor of a request (`forRequest`) has a deadline: each statement's transaction gets the time
 * left as its Neo4j timeout, no statement starts after it, and none outlives it (see `settleWithin`).
 * It retries itself instead of through the driver's managed transactions, so that it sees every
 * failure: a deadline that passes while the database is unreachable is DATABASE_UNAVAILABLE, not
 * QUERY_TIMEOUT.
 *
 * Rows come back as plain objects: the driver is created with `disableLosslessIntegers`, so Neo4j
 * integers arrive as JavaScript numbers.
 */
/** How long the years the graph holds are taken as known without asking again (another replica may import). */
const YEARS_TTL_MS = 5_000;

/** Planning a statement after an outage may take this long, whatever the deadline of the request that needs it. */
const PLAN_TIMEOUT_MS = 60_000;

/** The years the derived data holds, as last read: shared by an executor and all it derives. */
interface YearsCache {
  years?: Promise<number[]>;
  readAt: number;
}

export class Executor {
  private readonly reachability: Reachability;
  /** On `performance.now()`'s clock; unset: each statement gets `timeoutMs` and a retry budget of its own. */
  private readonly deadline: number | undefined;
  private readonly yearsCache: YearsCache;
  private readonly warmer: PlanWarmer;

  constructor(
    private readonly options: ExecutorOptions,
    shared?: { reachability: Reachability; deadline?: number | undefined; years: YearsCache; warmer: PlanWarmer },
  ) {
    this.reachability = shared?.reachability ?? { down: false, upAt: -Infinity };
    this.deadline = shared?.deadline;
    this.yearsCache = shared?.years ?? { readAt: -Infinity };
    this.warmer = shared?.warmer ?? new PlanWarmer((cypher, params) => this.rehearse(cypher, params), options.logger);
  }

  /** What an executor made from this one shares with it, with `deadline`. */
  private shared(deadline: number | undefined) {
    return { reachability: this.reachability, deadline, years: this.yearsCache, warmer: this.warmer };
  }

  /** The same executor, telling `observer` of its statements and sessions (and so every executor made from it). */
  withObserver(observer: StatementObserver): Executor {
    return new Executor({ ...this.options, observer }, this.shared(this.deadline));
  }

  /** What the plan warmer holds (src/graph/db/plan-warmer.ts), for the service's metrics. */
  planState() {
    return this.warmer.state();
  }

  /** The same executor, counting its round trips into `stats` (one per request). */
  withStats(stats: QueryStats): Executor {
    return new Executor({ ...this.options, stats }, this.shared(this.deadline));
  }

  /**
   * The years the graph holds, ascending ([] for a graph without years): what a list or lookup without
   * a \`year\` reads the latest of. Read from the derived state at most every few seconds, outside any
   * request's count of round trips; an import in this process makes it read again (\`yearsChanged\`).
   */
  heldYears(): Promise<number[]> {
    const cache = this.yearsCache;
    if (!cache.years || performance.now() - cache.readAt > YEARS_TTL_MS) {
      cache.readAt = performance.now();
      // Shared by every request that asks meanwhile, so it belongs to none: no request's deadline,
      // session budget or count of round trips; it has the executor's own timeout and retries.
      const { stats: _stats, sessions: _sessions, ...own } = this.options;
      const read = new Executor(own, this.shared(undefined))
        .read<{ years: number[] | null }>(
          "years.held",
          "OPTIONAL MATCH (d:DerivedState {code: 'analytics'}) RETURN d.years AS years",
        )
        .then(([row]) => (row?.years ?? []).map(Number).filter((y) => y !== 0));
      cache.years = read;
      // A failed read is not kept: the next caller asks again.
      read.catch(() => {
        if (cache.years === read) cache.years = undefined;
      });
    }
    return this.withinDeadline(cache.years);
  }

  /** Shared work this request waits for no longer than its own deadline. */
  private withinDeadline<T>(work: Promise<T>): Promise<T> {
    if (this.deadline === undefined) return work;
    const left = this.deadline - performance.now();
    if (left <= 0) return Promise.reject(this.expired());
    return settleWithin(work, left, { expire: () => this.expired() });
  }

  /** Forgets the years read (after an import). */
  yearsChanged(): void {
    this.yearsCache.years = undefined;
  }

  /**
   * The executor of one request: it counts the request's round trips, holds at most `maxSessions`
   * sessions at once (so one request's parallel resolvers cannot take the whole connection pool from
   * the others), and stops the request's statements `timeoutMs` from now (QUERY_TIMEOUT_MS by default).
   */
  forRequest(stats: QueryStats, maxSessions: number, timeoutMs: number = this.options.timeoutMs, span?: Span): Executor {
    return new Executor(
      { ...this.options, stats, sessions: new Semaphore(maxSessions), ...(span && { span }) },
      this.shared(performance.now() + timeoutMs),
    );
  }

  get stats(): QueryStats | undefined {
    return this.options.stats;
  }

  read<Row = Record<string, unknown>>(operation: string, cypher: string, params: Params = {}): Promise<Row[]> {
    return this.limited(async () => {
      await this.planned(cypher, params);
      return this.run<Row>("READ", operation, (tx) => tx.run(cypher, params), cypher, params);
    });
  }

  /**
   * Runs `work` in one read transaction, in which it sends waves of statements: each wave's statements
   * go out together (the driver pipelines them) and count as one round trip; the next wave may depend
   * on the rows of the last. The planner reads a selection this way, one wave per level.
   */
  readSteps<T>(operation: string, work: (wave: Wave) => Promise<T>): Promise<T> {
    return this.limited(async () => {
      let out: T | undefined;
      await this.run(
        "READ",
        operation,
        async (tx) => {
          out = await work(async (statements) => {
            for (const s of statements) await this.planned(s.cypher, s.params);
            this.count(statements.map((s) => s.operation));
            const started = performance.now();
            const spans = statements.map((s) => this.startSpan(s.operation));
            const results = await Promise.all(statements.map((s) => tx.run(s.cypher, s.params))).catch((error: unknown) => {
              const seconds = (performance.now() - started) / 1000;
              statements.forEach((s, i) => this.ended(s.operation, spans[i]!, seconds, error));
              throw error;
            });
            const ms = Math.round(performance.now() - started);
            statements.forEach((s, i) => this.ended(s.operation, spans[i]!, ms / 1000));
            return results.map((result, i) => {
              const { operation: op, cypher, params } = statements[i]!;
              this.options.logger.debug({ operation: op, ms, rows: result.records.length, cypher, params }, "cypher");
              return result.records.map((r) => r.toObject() as Record<string, unknown>);
            });
          });
          return undefined;
        },
        undefined,
        undefined,
        false,
      );
      return out as T;
    });
  }

  /**
   * While the database recovers from an outage, waits (until the deadline) for the warmer to plan
   * `cypher` instead of planning it once more in a transaction the deadline may cut off.
   */
  private async planned(cypher: string, params: Params): Promise<void> {
    this.warmer.remember(cypher, params);
    const ready = this.warmer.ready(cypher);
    if (ready) await this.withinDeadline(ready);
  }

  /**
   * Has Neo4j plan `statements` now, in the background, and again after every outage (see PlanWarmer);
   * a request that needs one of them meanwhile waits for its plan. Resolves when all are planned.
   */
  warmPlans(statements: ReadonlyArray<{ cypher: string; params: Params }>): Promise<void> {
    return this.warmer.warm(statements);
  }

  /**
   * Runs `cypher` once, its rows discarded: the warmer's work, no request's. EXPLAIN would plan it
   * too, but leaves Neo4j a third of the planning to do at its first real run (measured: EXPLAIN
   * 1.2-1.6 s, then 300-380 ms, against 12-15 ms once cached); a run also reads its pages into the page cache.
   */
  private async rehearse(cypher: string, params: Params): Promise<void> {
    const session = this.session("READ");
    try {
      await session
        .run(cypher, params, { timeout: PLAN_TIMEOUT_MS, metadata: { app: "chain-kg", operation: "plan.warm" } })
        .summary();
    } finally {
      await session.close();
    }
  }

  write<Row = Record<string, unknown>>(operation: string, cypher: string, params: Params = {}): Promise<Row[]> {
    return this.limited(() => this.run<Row>("WRITE", operation, (tx) => tx.run(cypher, params), cypher, params));
  }

  /** Several statements in one write transaction: all of them land, or none. */
  async writeAll(operation: string, statements: Array<{ cypher: string; params?: Params }>): Promise<void> {
    await this.limited(() =>
      this.run("WRITE", operation, async (tx) => {
        for (const s of statements) await tx.run(s.cypher, s.params ?? {});
        return undefined;
      }),
    );
  }

  /**
   * Runs \`work\` in one write transaction, in which it may read and write as it goes (\`run\`): all of
   * it lands, or none. A transient failure (a deadlock, a leader switch) runs \`work\` again from the
   * start in a new transaction, so \`work\` must keep no state outside it. The mutations
   * (src/graph/mutate) and their audit records commit this way.
   */
  transaction<T>(operation: string, work: (run: TxRun) => Promise<T>): Promise<T> {
    return this.limited(async () => {
      let out: T | undefined;
      await this.run("WRITE", operation, async (tx) => {
        out = await work(async <Row = Record<string, unknown>>(op: string, cypher: string, params: Params = {}) => {
          const started = performance.now();
          const result = await tx.run(cypher, params);
          this.options.logger.debug(
            { operation: op, ms: Math.round(performance.now() - started), rows: result.records.length, cypher, params },
            "cypher",
          );
          return result.records.map((r) => r.toObject() as Row);
        });
        return undefined;
      });
      return out as T;
    });
  }

  private limited<T>(work: () => Promise<T>): Promise<T> {
    // A waiter waits only for this request's own statements, which end by the deadline; it then finds
    // the deadline passed and fails at once.
    const sessions = this.options.sessions;
    if (!sessions) return work();
    const observer = this.options.observer;
    if (!observer || !sessions.full) return sessions.run(work);
    observer.waiting(1);
    let waited = true;
    const done = () => {
      if (waited) observer.waiting(-1);
      waited = false;
    };
    return sessions
      .run(() => {
        done();
        return work();
      })
      .finally(done);
  }

  private async run<Row>(
    mode: "READ" | "WRITE",
    operation: string,
    work: Work,
    cypher?: string,
    params?: Params,
    counted = true,
  ): Promise<Row[]> {
    const started = performance.now();
    const deadline = this.deadline;
    if (deadline !== undefined && started >= deadline) throw this.expired();
    if (counted) this.count([operation]);
    const statement = new Statement(this.session(mode), this.reachability);
    const observer = this.options.observer;
    // A readSteps transaction times and traces its waves' statements itself.
    const span = counted ? this.startSpan(operation) : undefined;
    observer?.sessions(1);
    try {
      const attempts = this.attempts(statement, operation, work, deadline ?? started + RETRY_BUDGET_MS);
      const result = deadline === undefined ? await attempts : await settleWithin(attempts, deadline - started, statement);
      const rows = result?.records.length ?? 0;
      this.options.logger.debug({ operation, ms: Math.round(performance.now() - started), rows, cypher, params }, "cypher");
      if (span) this.ended(operation, span, (performance.now() - started) / 1000);
      return result ? result.records.map((r) => r.toObject() as Row) : [];
    } catch (error) {
      if (span) this.ended(operation, span, (performance.now() - started) / 1000, error);
      throw this.translate(error, operation);
    } finally {
      try {
        await statement.session.close();
      } finally {
        observer?.sessions(-1);
      }
    }
  }

  /** Runs `work` in a transaction of its own, retrying transient failures while a retry can start before `until`. */
  private async attempts(statement: Statement, operation: string, work: Work, until: number) {
    for (let attempt = 0; ; attempt += 1) {
      statement.began = false;
      const tx = statement.session.beginTransaction(this.txConfig(operation));
      // Resolves on BEGIN's answer without holding RUN back (the driver pipelines them).
      tx.then(statement.begun, () => undefined);
      try {
        const result = await work(tx);
        await tx.commit();
        if (this.reachability.down) {
          this.reachability.down = false;
          this.reachability.upAt = performance.now();
          this.warmer.restart();
        }
        return result;
      } catch (error) {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        if (isUnavailable(error)) this.reachability.down = true;
        const pause = retryDelay(attempt);
        if (!isRetriableError(error) || performance.now() + pause >= until) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  /** The error of a statement that would start after the deadline: the outage's while the database is down or recovering. */
  private readonly expired = (): GraphQLError => (recovering(this.reachability) ? databaseUnavailable() : queryTimeout());

  /** A span for one statement, `cypher <operation>`, the request's child when there is one. */
  private startSpan(operation: string): Span {
    const parent = this.options.span;
    return tracer.startSpan(
      `cypher ${operation}`,
      { kind: SpanKind.CLIENT, attributes: { "db.system.name": "neo4j", "db.operation.name": operation } },
      parent ? trace.setSpan(context.active(), parent) : undefined,
    );
  }

  /** A statement ended: its time to the observer, and its span closed, with the error when it failed. */
  private ended(operation: string, span: Span, seconds: number, error?: unknown): void {
    this.options.observer?.statement(operation, seconds, error !== undefined);
    if (error !== undefined)
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.end();
  }

  private session(mode: "READ" | "WRITE") {
    return this.options.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  private txConfig(operation: string) {
    // Neo4j cancels the transaction at its timeout; with a deadline that is the time left (at least 1 ms: 0 means none).
    const timeout =
      this.deadline === undefined ? this.options.timeoutMs : Math.max(1, Math.ceil(this.deadline - performance.now()));
    return { timeout, metadata: { app: "chain-kg", operation } };
  }

  /** One round trip, with the operations of the statements it carried. */
  private count(operations: readonly string[]): void {
    if (!this.options.stats) return;
    this.options.stats.queries += 1;
    this.options.stats.operations?.push(...operations);
  }

  /** Driver errors become GraphQL errors with a code; anything unexpected is logged and re-thrown as is (masked later). */
  private translate(error: unknown, operation: string): Error {
    if (error instanceof GraphQLError) {
      const code = error.extensions.code;
      if (code === ErrorCode.QUERY_TIMEOUT || code === ErrorCode.DATABASE_UNAVAILABLE || code === ErrorCode.DATABASE_BUSY) {
        this.options.logger.warn({ operation, code }, "request deadline passed");
      }
      return error;
    }
    if (isUnavailable(error)) {
      this.options.logger.warn({ operation, err: error }, "neo4j unavailable");
      return databaseUnavailable(error);
    }
    if (isPoolExhausted(error)) {
      this.options.logger.warn({ operation, err: error }, "neo4j connection pool exhausted");
      return databaseBusy(error);
    }
    if (error instanceof Neo4jError && /TransactionTimedOut|TransactionTimedOutClientConfiguration/.test(error.code)) {
      this.options.logger.warn({ operation, err: error }, "neo4j transaction timed out");
      // Neo4j's own timeout is the time the request had left, so it can fire just before ours does.
      return recovering(this.reachability) ? databaseUnavailable(error) : queryTimeout(error);
    }
    this.options.logger.error({ operation, err: error }, "cypher failed");
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** True when no connection of the driver's pool came free in time (the driver gives it no code of its own). */
export function isPoolExhausted(error: unknown): boolean {
  return error instanceof Error && /Connection acquisition timed out/.test(error.message);
}

/** True for errors that mean "the database cannot be reached right now", as opposed to a bad query. */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) {
    return error instanceof Error && /ECONNREFUSED|ECONNRESET|connect ETIMEDOUT/.test(error.message);
  }
  return (
    error.code === "ServiceUnavailable" ||
    error.code === "SessionExpired" ||
    error.code === "Neo.TransientError.General.DatabaseUnavailable" ||
    error.code.startsWith("Neo.ClientError.Security.AuthenticationRateLimit")
  );
}
