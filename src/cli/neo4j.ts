import { loadConfig } from "../config.js";
import { waitForDatabase, createDriver } from "../graph/db/driver.js";
import { buildLauncher, launcherIsBuilt, startLocalNeo4j } from "../graph/db/local-neo4j.js";
import { createLogger } from "../logger.js";

/**
 * `npm run neo4j`: the local Neo4j alone, in the foreground, like a database server.
 * `npm run neo4j -- --setup` only builds the launcher (downloads the jars with Maven).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (process.argv.includes("--setup")) {
    if (!launcherIsBuilt() || process.argv.includes("--force")) buildLauncher(logger);
    process.stdout.write("local Neo4j launcher is built\n");
    return;
  }
  const neo4j = await startLocalNeo4j({
    dir: config.localNeo4jDir,
    port: config.localNeo4jPort,
    pageCacheMb: config.localNeo4jPageCacheMb,
    heapMb: config.localNeo4jHeapMb,
    logger,
  });
  const driver = createDriver({ uri: neo4j.uri, username: "", password: "", logger });
  await waitForDatabase(driver, undefined, 30_000);
  await driver.close();
  process.stdout.write(`Neo4j is ready at ${neo4j.uri} (data in ${config.localNeo4jDir}); Ctrl-C stops it\n`);
  const stop = () => void neo4j.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const code = await neo4j.exited;
  process.exit(code ?? 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
