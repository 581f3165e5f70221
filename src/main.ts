import "reflect-metadata";
import { createServer } from "node:http";
import type { ApolloServer } from "@apollo/server";
import { loadConfig } from "./config.js";
import type { Context } from "./context.js";
import { openDatabase, type Database } from "./graph/db/database.js";
import { createLogger } from "./logger.js";
import { buildGraphSchema, buildSubgraphGraphSchema } from "./schema/build.js";
import { seedIfEmpty } from "./seed.js";
import { refreshDerivedIfStale } from "./graph/derived/derived.js";
import { warmReads } from "./server/warm.js";
import { createApp } from "./server/app.js";
import { createAuthenticator, type Authenticator } from "./auth/authenticate.js";
import type { Executor } from "./graph/db/executor.js";
import { Metrics, metricsHandler } from "./server/metrics.js";
import { startTracing } from "./server/tracing.js";
import { connectShared, type SharedStore } from "./server/redis.js";

/** The longest /ready answers 503 while Neo4j plans the read statements at start. */
const WARM_READY_MS = 120_000;

/** `npm start`: the GraphQL service, on the configured or the local Neo4j. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Traces only when the OTEL_* variables ask for them (src/server/tracing.ts).
  const stopTracing = await startTracing(process.env, logger);
  const started = performance.now();
  const httpServer = createServer();
  let apollo: ApolloServer<Context> | undefined;
  let db: Database | undefined;
  let authenticator: Authenticator | undefined;
  let shared: SharedStore | undefined;
  let closing = false;
  // The scrape's own read (the derived data's age) goes through the unobserved executor, so that it does
  // not count itself among the sessions in use.
  let scrapeWith: Executor | undefined;
  const metrics = config.metrics ? new Metrics(() => scrapeWith) : undefined;
  const metricsServer = metrics && config.metricsPort !== undefined ? createServer(metricsHandler(metrics)) : undefined;

  /**
   * A clean stop: `/ready` answers 503 at once (\`closing\`) while requests are still served for
   * SHUTDOWN_DELAY_MS, so a load balancer stops sending new ones; then the server stops listening and
   * the requests in flight have SHUTDOWN_GRACE_MS to finish (Apollo's drain plugin closes what is left);
   * then the driver and the local Neo4j close.
   */
  const shutdown = async (reason: string, code = 0) => {
    if (closing) return;
    closing = true;
    logger.info({ reason }, "shutting down");
    setTimeout(() => process.exit(1), config.shutdownDelayMs + config.shutdownGraceMs + 30_000).unref();
    try {
      if (apollo && config.shutdownDelayMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDelayMs));
      await apollo?.stop();
      if (httpServer.listening) httpServer.close();
      if (metricsServer?.listening) metricsServer.close();
      await authenticator?.settle();
      await shared?.close();
      await db?.close();
      await stopTracing?.();
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      code = 1;
    }
    process.exit(code);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    db = await openDatabase(config, logger);
    void db.local?.exited.then((code) => {
      if (!closing) {
        logger.error({ code }, "the local Neo4j exited unexpectedly");
        void shutdown("neo4j-exit", 1);
      }
    });
    await seedIfEmpty(db.executor, config.seed, logger);
    // Stale derived data: an import stopped before it could recompute (or the graph came from an older
    // version). Replicas starting together recompute it once: the others wait for the lease, then find
    // it fresh.
    let waited = false;
    const derived = await refreshDerivedIfStale(db.executor, {
      onWait: (holder) => {
        waited = true;
        logger.info({ holder }, "derived analytics data is stale and another process is recomputing it: waiting");
      },
    });
    if (derived) logger.info({ ...derived, seconds: Number(derived.seconds.toFixed(1)) }, "derived analytics data recomputed");
    else if (waited) logger.info("derived analytics data recomputed by another process");
    if (config.rateLimit.store) shared = await connectShared(config.rateLimit.store, logger);
    // Every statement from here on is timed in the metrics (src/server/metrics.ts).
    const executor = metrics ? db.executor.withObserver(metrics) : db.executor;
    scrapeWith = db.executor;
    authenticator = createAuthenticator({
      executor,
      config: config.auth,
      logger,
      keyCacheMs: config.keyCacheMs,
      ...(shared && { revocations: shared }),
    });
    // FEDERATION=on: the same schema, with the subgraph's `_entities` and `_service` (src/schema/federation.ts).
    const schema = config.federation ? await buildSubgraphGraphSchema() : await buildGraphSchema();
    // Neo4j plans what the first requests will run before /ready says so (bounded: a slow warm-up
    // stops starting operations, and the service is ready, after WARM_READY_MS).
    const warming = { done: false };
    setTimeout(() => (warming.done = true), WARM_READY_MS).unref();
    void warmReads({ schema, executor, logger, until: Date.now() + WARM_READY_MS })
      .then((warmed) => logger.info(warmed, "read statements planned"))
      .catch((error: unknown) => logger.warn({ err: error }, "planning the read statements failed"))
      .finally(() => (warming.done = true));
    const built = await createApp({
      schema,
      warming: () => !warming.done,
      stopping: () => closing,
      shutdownGraceMs: config.shutdownGraceMs,
      executor,
      logger,
      ping: db.ping,
      ...(metrics && { metrics }),
      metricsRoute: config.metricsPort === undefined,
      httpServer,
      maxQueryNodes: config.maxQueryNodes,
      maxRequestSessions: config.maxRequestSessions,
      production: config.production,
      explorer: config.explorer,
      limits: config.limits,
      rateLimit: config.rateLimit,
      persistedOperations: config.persistedOperations,
      corsOrigins: config.corsOrigins,
      trustProxy: config.trustProxy,
      authenticator,
      ...(shared && { shared }),
    });
    apollo = built.apollo;
    httpServer.on("request", built.app);
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(config.port, resolve);
    });
    if (metricsServer)
      await new Promise<void>((resolve, reject) => {
        metricsServer.once("error", reject);
        metricsServer.listen(config.metricsPort, resolve);
      });
  } catch (error) {
    logger.fatal({ err: error }, "could not start");
    await shutdown("startup-failed", 1);
    return;
  }
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info(
    {
      ...(config.explorer ? { explorer: `http://localhost:${port}/` } : {}),
      graphql: `http://localhost:${port}/graphql`,
      neo4j: db.uri,
      ...(metricsServer ? { metrics: `http://localhost:${(metricsServer.address() as { port: number }).port}/metrics` } : {}),
      startupMs: Math.round(performance.now() - started),
      production: config.production,
      anonymousAccess: config.auth.anonymousAccess,
      ...(config.federation ? { federation: "subgraph" } : {}),
    },
    config.explorer ? "service ready: open the explorer in a browser" : "service ready",
  );
}

void main();
