import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express, type RequestHandler } from "express";
import type { GraphQLSchema } from "graphql";
import cors from "cors";
import helmet from "helmet";
import { createAuthenticator, type Authenticator } from "../auth/authenticate.js";
import { loadAuthConfig } from "../auth/config.js";
import {
  DEFAULT_LIMITS,
  DEFAULT_MAX_QUERY_NODES,
  DEFAULT_RATE_LIMIT,
  DEFAULT_REQUEST_SESSIONS,
  type DocumentLimits,
  type RateLimitConfig,
} from "../config.js";
import { createContext, type Context, type Viewer } from "../context.js";
import type { Executor } from "../graph/db/executor.js";
import type { Logger } from "../logger.js";
import { authenticate, introspectionPlugin } from "./access.js";
import { costPlugin } from "./cost-plugin.js";
import { bodyErrors, graphqlRequestChecks, lastResort, routeNotFound, sendGraphQLError } from "./http.js";
import type { Metrics } from "./metrics.js";
import { startRequestSpan, tracingPlugin } from "./tracing.js";
import { DocumentChecker } from "./limits.js";
import { PersistedOperations } from "./persisted.js";
import { OperationCharges, RateLimits, rateLimitGate } from "./rate-limit.js";
import type { SharedStore } from "./redis.js";
import { forbidden, unauthenticated } from "../errors.js";
import { formatError, outcomeCode } from "./errors.js";
import { plannedResponsePlugin } from "./planned-response.js";
import { mountExplorer } from "./explorer.js";
import { mountWebApp } from "./web-app.js";
import { reportRoute } from "./report-route.js";
import { exportRoute } from "./export-route.js";
import { STREAM_NAMES } from "../graph/export/streams.js";

export interface AppOptions {
  schema: GraphQLSchema;
  executor: Executor;
  logger: Logger;
  /** Resolves when the database answers; `/ready` calls it. */
  ping: () => Promise<void>;
  /** True while Neo4j plans the read statements at start (src/server/warm.ts): `/ready` answers 503. */
  warming?: () => boolean;
  /** True once the service is shutting down (SIGTERM): `/ready` answers 503 while requests are still served. */
  stopping?: () => boolean;
  httpServer: Server;
  /** How long requests in flight may take once the server stops listening (SHUTDOWN_GRACE_MS; Apollo's default 10 s). */
  shutdownGraceMs?: number;
  /** Requests whose worst-case node count is above this are refused (MAX_QUERY_NODES). */
  maxQueryNodes?: number;
  /** Database sessions one request may hold at once (MAX_REQUEST_SESSIONS). */
  maxRequestSessions?: number;
  /** NODE_ENV=production: introspection for admins only, no field suggestions, no explorer unless `explorer`. */
  production?: boolean;
  /** Serve the explorer at `/` (EXPLORER); default: on in development, off in production. */
  explorer?: boolean;
  /** Document limits; each unset one takes its default (DEFAULT_LIMITS). */
  limits?: Partial<DocumentLimits>;
  /** Points per viewer per window; default 5,000 an hour; `points: 0` turns rate limits off. */
  rateLimit?: RateLimitConfig;
  /** `only`: run only the committed manifest's operations (PERSISTED_OPERATIONS). */
  persistedOperations?: "off" | "only";
  /** Browser origins allowed to call /graphql (CORS_ORIGINS); default none but the page's own. */
  corsOrigins?: readonly string[];
  /** Express's `trust proxy` (TRUST_PROXY), for the client address that anonymous rate limits count by. */
  trustProxy?: boolean | number | string;
  /** Checks credentials; default: API keys in this database, no JWTs, anonymous callers may read. */
  authenticator?: Authenticator;
  /** Redis shared by the replicas (RATE_LIMIT_STORE=redis://…): the rate-limit counts live there. */
  shared?: SharedStore;
  /** The service's metrics: every /graphql request is counted in them. */
  metrics?: Metrics;
  /** Serve `GET /metrics` on this app, to admin keys only (without METRICS_PORT). */
  metricsRoute?: boolean;
}

/** Counts each GraphQL operation Apollo answers: its name, its first error's code (or OK), its time. */
function metricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ request, response }) {
          metrics.request(request.operationName ?? undefined, outcomeCode(response), (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/** `GET /metrics` in Prometheus' text format, for an admin key (on the service's port). */
function metricsRoute(metrics: Metrics): RequestHandler {
  return (_req, res, next) => {
    const viewer = res.locals.viewer as Viewer | undefined;
    if (viewer?.role !== "admin") {
      // An anonymous caller is asked for credentials; a known one without the role is refused.
      const known = viewer !== undefined && viewer.kind !== "anonymous";
      sendGraphQLError(res, known ? 403 : 401, (known ? forbidden : unauthenticated)("/metrics is for admin keys"));
      return;
    }
    metrics.text().then((text) => res.type(metrics.contentType).send(text), next);
  };
}

/** Logs every error of a request whole (the client sees the masked form), and slow requests. */
function loggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = performance.now();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            const level = code === "INTERNAL_SERVER_ERROR" || code === undefined ? "error" : "info";
            contextValue.logger[level]({ err: error.originalError ?? error, code, path: error.path }, "graphql error");
          }
        },
        async willSendResponse() {
          contextValue.logger.info(
            {
              operation: request.operationName,
              ms: Math.round(performance.now() - started),
              dbQueries: contextValue.stats.queries,
            },
            "graphql request",
          );
        },
      };
    },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Field suggestions off: graphql-js's validation messages end "Did you mean "x" or "y"?", which would
 * let a client map a schema it may not introspect. graphql-armor's plugin for this leaves a stray "?"
 * behind its mask; this one removes the whole sentence.
 */
function blockFieldSuggestions(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = error.message.replace(/ ?Did you mean [^?]*\?/g, "");
        },
      };
    },
  };
}

/**
 * Builds the HTTP app: `/graphql`, `/report` (src/server/report-route.ts), `/export/*.ndjson` (src/server/export-route.ts), `/health`, `/ready` and the offline explorer. `/graphql` runs its
 * guards in this order, each refusing with its own code before the next costs anything:
 * CORS → credentials (401) → spent rate limit (429) → body size and JSON (413, 400) → content type,
 * shape, batch, document size, tokens, depth, aliases and directives, persisted-operation safelist
 * (415, 400) → Apollo: parse and validation, introspection (400, 403) → node-count cost and the
 * rate-limit charge (200 with QUERY_TOO_COSTLY, 429) → execution, bounded by QUERY_TIMEOUT_MS.
 */
export async function createApp(options: AppOptions): Promise<{ app: Express; apollo: ApolloServer<Context> }> {
  const production = options.production ?? false;
  const limits: DocumentLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const charges = new OperationCharges(new RateLimits(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.shared));
  const persisted = options.persistedOperations === "only" ? PersistedOperations.load() : undefined;
  const authenticator =
    options.authenticator ??
    createAuthenticator({ executor: options.executor, config: loadAuthConfig({}), logger: options.logger });

  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // src/main.ts stops the server on SIGTERM and SIGINT itself, after /ready has said so (SHUTDOWN_DELAY_MS).
    stopOnTerminationSignals: false,
    // On for admins in production too; introspectionPlugin refuses everyone else there.
    introspection: true,
    allowBatchedHttpRequests: limits.maxBatch > 1,
    // Automatic persisted queries would let any client register any document: the committed manifest
    // (PERSISTED_OPERATIONS=only, checked in server/http.ts) is the only store of operations.
    persistedQueries: false,
    // Credentials travel in the Authorization header, never in cookies, so a page on another site
    // cannot send them; CORS_ORIGINS decides which sites may read answers. Apollo's CSRF check would
    // only refuse plain GETs with a text body.
    csrfPrevention: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache-control plugin hooks every field's resolution to compute cache hints; the
      // service sets none (its answers are not cached), so it would only cost CPU.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({
        httpServer: options.httpServer,
        ...(options.shutdownGraceMs !== undefined && { stopGracePeriodMillis: options.shutdownGraceMs }),
      }),
      loggingPlugin(),
      ...(options.metrics ? [metricsPlugin(options.metrics)] : []),
      tracingPlugin(),
      introspectionPlugin(production),
      ...(production ? [blockFieldSuggestions()] : []),
      costPlugin(options.maxQueryNodes ?? DEFAULT_MAX_QUERY_NODES, charges),
      charges.plugin(),
      plannedResponsePlugin(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The explorer's scripts and styles are all served from here (server/explorer.ts).
          "script-src": ["'self'"],
          // Government intranets often serve over plain HTTP: do not upgrade the explorer's requests.
          "upgrade-insecure-requests": null,
        },
      },
    }),
  );
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/ready", async (_req, res) => {
    if (options.stopping?.()) {
      res.status(503).json({ status: "stopping", reason: "the service is shutting down" });
      return;
    }
    if (options.warming?.()) {
      res.status(503).json({ status: "warming", reason: "planning the read statements" });
      return;
    }
    try {
      await options.ping();
      res.json({ status: "ready" });
    } catch (error) {
      options.logger.warn({ err: error }, "not ready");
      res.status(503).json({ status: "unavailable", reason: "the graph database does not answer" });
    }
  });
  // The policymaker's app needs no GraphQL knowledge and no introspection: it is served in every mode.
  mountWebApp(app);
  if (options.explorer ?? !production) {
    mountExplorer(app);
    // A person who opens /graphql in a browser gets the explorer, not a bare GraphQL error.
    app.get("/graphql", (req, res, next) => {
      if (req.query.query === undefined && req.accepts(["json", "html"]) === "html") res.redirect(302, "/");
      else next();
    });
  }
  // The annual report behind the same guards as /graphql: credentials (401), a spent rate limit (429),
  // then its parameters (400) and its fixed charge of REPORT_POINTS (429).
  app.get(
    "/report",
    authenticate(authenticator),
    rateLimitGate(charges.limits),
    reportRoute({
      executor: options.executor,
      logger: options.logger,
      limits: charges.limits,
      maxSessions: options.maxRequestSessions ?? DEFAULT_REQUEST_SESSIONS,
    }),
  );
  // The NDJSON exports behind the same guards: credentials (401), a spent rate limit (429), then their
  // parameters (400) and 10 points per page of 1,000 rows, charged before each page (src/server/export-route.ts).
  for (const name of STREAM_NAMES) {
    app.get(
      `/export/${name}.ndjson`,
      authenticate(authenticator),
      rateLimitGate(charges.limits),
      exportRoute(name, {
        executor: options.executor,
        logger: options.logger,
        limits: charges.limits,
        maxSessions: options.maxRequestSessions ?? DEFAULT_REQUEST_SESSIONS,
      }),
    );
  }
  const metrics = options.metrics;
  if (metrics && options.metricsRoute) app.get("/metrics", authenticate(authenticator), metricsRoute(metrics));
  // What is refused before Apollo sees it (credentials, rate, body, shape) is counted here, by its code.
  if (metrics)
    app.use("/graphql", (_req, res, next) => {
      const started = performance.now();
      res.on("finish", () => {
        const code = res.locals.refusedWith as string | undefined;
        if (code) metrics.request(undefined, code, (performance.now() - started) / 1000);
      });
      next();
    });
  const origins = options.corsOrigins ?? [];
  app.use(
    "/graphql",
    cors({
      origin: origins.includes("*") ? "*" : origins.length > 0 ? [...origins] : false,
      methods: ["GET", "POST"],
      allowedHeaders: ["content-type", "authorization", "x-request-id"],
      exposedHeaders: ["retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-request-id"],
      maxAge: 600,
    }),
    authenticate(authenticator),
    rateLimitGate(charges.limits),
    express.json({ limit: limits.maxBodyBytes, type: ["application/json", "application/graphql-response+json"] }),
    bodyErrors(),
    graphqlRequestChecks({ limits, documents: new DocumentChecker(options.schema, limits), persisted }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const header = req.header("x-request-id");
        const requestId = header !== undefined && REQUEST_ID.test(header) ? header : randomUUID();
        res.set("x-request-id", requestId);
        return createContext({ executor: options.executor, logger: options.logger, keys: authenticator.keys }, requestId, {
          maxSessions: options.maxRequestSessions ?? DEFAULT_REQUEST_SESSIONS,
          viewer: res.locals.viewer as Viewer,
          span: startRequestSpan(requestId),
        });
      },
    }),
  );
  app.use(routeNotFound);
  app.use(lastResort(options.logger));
  return { app, apollo };
}
