import neo4j, { type Driver } from "neo4j-driver";
import type { Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { createDriver, waitForDatabase } from "./driver.js";
import { Executor } from "./executor.js";
import { startLocalNeo4j, type LocalNeo4j } from "./local-neo4j.js";
import { migrate } from "./migrations.js";

export interface Database {
  driver: Driver;
  executor: Executor;
  uri: string;
  /** Set when this process started the local Neo4j. */
  local?: LocalNeo4j;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** True when a Neo4j already answers at `uri` (a quiet probe: its connection errors are expected). */
async function answers(uri: string): Promise<boolean> {
  const probe = neo4j.driver(uri, undefined, { connectionTimeout: 1_000, maxTransactionRetryTime: 0 });
  try {
    await probe.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await probe.close();
  }
}

/**
 * Connects to Neo4j and applies the migrations. With `NEO4J_URI` set it connects there; otherwise it
 * uses the local Neo4j on `LOCAL_NEO4J_PORT`, starting one (and owning it) unless one already runs,
 * e.g. from `npm run neo4j`.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  let local: LocalNeo4j | undefined;
  let uri = config.neo4jUri;
  let driver: Driver;
  if (uri) {
    driver = createDriver({ uri, username: config.neo4jUsername, password: config.neo4jPassword, logger });
    await waitForDatabase(driver, config.neo4jDatabase, 60_000);
  } else {
    uri = `bolt://127.0.0.1:${config.localNeo4jPort}`;
    driver = createDriver({ uri, username: "", password: "", logger });
    if (await answers(uri)) {
      logger.info({ uri }, "using the local Neo4j already running");
    } else {
      local = await startLocalNeo4j({
        dir: config.localNeo4jDir,
        port: config.localNeo4jPort,
        pageCacheMb: config.localNeo4jPageCacheMb,
        heapMb: config.localNeo4jHeapMb,
        logger,
      });
      await waitForDatabase(driver, undefined, 30_000);
    }
  }
  const executor = new Executor({ driver, database: config.neo4jDatabase, logger, timeoutMs: config.queryTimeoutMs });
  await migrate(executor);
  return {
    driver,
    executor,
    uri,
    ...(local ? { local } : {}),
    ping: async () => {
      await driver.verifyConnectivity({ database: config.neo4jDatabase });
    },
    close: async () => {
      await driver.close();
      await local?.stop();
    },
  };
}
