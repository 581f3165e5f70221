import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from "neo4j-driver";
import { GraphQLError } from "graphql";
import type { Logger } from "../logger.js";
import { databaseBusy, databaseUnavailable, queryTimeout } from "../errors.js";

/** Parameters of a Cypher statement. Every value a user gave travels here, never in the query text. */
export type Params = Record<string, unknown>;

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
}

/** A counting semaphore: `run` waits for one of `size` places, then runs `work`. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {}

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

/**
 * The one way the service runs Cypher. It picks `executeRead` or `executeWrite` explicitly, closes the
 * session in `finally`, pins the database, tags each transaction with the operation name (visible in
 * Neo4j's query log and `SHOW TRANSACTIONS`), and turns driver failures into typed GraphQL errors.
 *
 * Rows come back as plain objects: the driver is created with `disableLosslessIntegers`, so Neo4j
 * integers arrive as JavaScript numbers.
 */
export class Executor {
  constructor(private readonly options: ExecutorOptions) {}

  /** The same executor, counting its round trips into `stats` (one per request). */
  withStats(stats: QueryStats): Executor {
    return new Executor({ ...this.options, stats });
  }

  /**
   * The executor of one request: it counts the request's round trips and holds at most
   * `maxSessions` sessions at once, so one request's parallel resolvers cannot take the whole
   * connection pool from the others.
   */
  forRequest(stats: QueryStats, maxSessions: number): Executor {
    return new Executor({ ...this.options, stats, sessions: new Semaphore(maxSessions) });
  }

  get stats(): QueryStats | undefined {
    return this.options.stats;
  }

  read<Row = Record<string, unknown>>(operation: string, cypher: string, params: Params = {}): Promise<Row[]> {
    return this.limited(() => this.run<Row>("READ", operation, (tx) => tx.run(cypher, params), cypher, params));
  }

  write<Row = Record<string, unknown>>(operation: string, cypher: string, params: Params = {}): Promise<Row[]> {
    return this.limited(() => this.run<Row>("WRITE", operation, (tx) => tx.run(cypher, params), cypher, params));
  }

  private limited<T>(work: () => Promise<T>): Promise<T> {
    return this.options.sessions ? this.options.sessions.run(work) : work();
  }

  /** Several statements in one write transaction: all of them land, or none. */
  async writeAll(operation: string, statements: Array<{ cypher: string; params?: Params }>): Promise<void> {
    const session = this.session("WRITE");
    const started = performance.now();
    try {
      this.count(operation);
      await session.executeWrite(async (tx) => {
        for (const s of statements) await tx.run(s.cypher, s.params ?? {});
      }, this.txConfig(operation));
      this.options.logger.debug(
        { operation, ms: Math.round(performance.now() - started), statements: statements.length },
        "cypher",
      );
    } catch (error) {
      throw this.translate(error, operation);
    } finally {
      await session.close();
    }
  }

  private async run<Row>(
    mode: "READ" | "WRITE",
    operation: string,
    work: (tx: ManagedTransaction) => Promise<{ records: Array<{ toObject(): unknown }> }>,
    cypher: string,
    params: Params,
  ): Promise<Row[]> {
    const session = this.session(mode);
    const started = performance.now();
    try {
      this.count(operation);
      const config = this.txConfig(operation);
      const result = mode === "READ" ? await session.executeRead(work, config) : await session.executeWrite(work, config);
      this.options.logger.debug(
        { operation, ms: Math.round(performance.now() - started), rows: result.records.length, cypher, params },
        "cypher",
      );
      return result.records.map((r) => r.toObject() as Row);
    } catch (error) {
      throw this.translate(error, operation);
    } finally {
      await session.close();
    }
  }

  private session(mode: "READ" | "WRITE") {
    return this.options.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  private txConfig(operation: string) {
    return { timeout: this.options.timeoutMs, metadata: { app: "chain-kg", operation } };
  }

  private count(operation: string): void {
    if (!this.options.stats) return;
    this.options.stats.queries += 1;
    this.options.stats.operations?.push(operation);
  }

  /** Driver errors become GraphQL errors with a code; anything unexpected is logged and re-thrown as is (masked later). */
  private translate(error: unknown, operation: string): Error {
    if (error instanceof GraphQLError) return error;
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
      return queryTimeout(error);
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
