import "reflect-metadata";
import { graphql, type ExecutionResult } from "graphql";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, inject } from "vitest";
import { createContext, type Context, type ContextOptions } from "../../src/context.js";
import { createDriver } from "../../src/graph/db/driver.js";
import { Executor } from "../../src/graph/db/executor.js";
import { importDataSet } from "../../src/graph/import/importer.js";
import { migrate } from "../../src/graph/db/migrations.js";
import { createLogger } from "../../src/logger.js";
import { buildGraphSchema } from "../../src/schema/build.js";

export const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");

export interface TestGraph {
  readonly driver: Driver;
  readonly executor: Executor;
  /**
   * Runs a GraphQL document in-process, with a fresh request context; returns the result and the
   * context. `{ planner: false }` reads level by level, the path the planner's answers are checked against.
   */
  query<T = Record<string, unknown>>(
    source: string,
    variables?: Record<string, unknown>,
    options?: ContextOptions,
  ): Promise<ExecutionResult<T> & { context: Context }>;
}

/** Deletes everything in the test database (fixtures are small) and re-applies the migrations. */
export async function resetDatabase(executor: Executor): Promise<void> {
  await executor.write("test.reset", "MATCH (n) DETACH DELETE n");
  await migrate(executor);
}

/**
 * Registers hooks for a test file: connect to the run's Neo4j (tests/support/global-setup.ts), wipe
 * it, and import `folder` (a data set in the documented CSV format) with the real importer. Test files
 * run one at a time, so each file owns the database while it runs.
 */
export function setupGraph(folder?: string): TestGraph {
  let driver: Driver | undefined;
  let executor: Executor | undefined;
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("setupGraph(): use the graph inside tests or hooks, after beforeAll has run");
    return value;
  };
  beforeAll(async () => {
    driver = createDriver({
      uri: inject("neo4jUri"),
      username: "neo4j",
      password: process.env.TEST_NEO4J_PASSWORD ?? "",
      logger,
    });
    executor = new Executor({ driver, logger, timeoutMs: 60_000 });
    await resetDatabase(executor);
    if (folder) await importDataSet(executor, folder);
  });
  afterAll(async () => {
    await driver?.close();
  });
  return {
    get driver() {
      return need(driver);
    },
    get executor() {
      return need(executor);
    },
    async query<T>(source: string, variables?: Record<string, unknown>, options?: ContextOptions) {
      const context = createContext({ executor: need(executor), logger }, "test", options);
      const result = (await graphql({
        schema: await buildGraphSchema(),
        source,
        variableValues: variables ?? {},
        contextValue: context,
      })) as ExecutionResult<T>;
      return { ...result, context };
    },
  };
}
