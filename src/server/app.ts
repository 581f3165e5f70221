import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import type { GraphQLSchema } from "graphql";
import { DEFAULT_MAX_QUERY_NODES, DEFAULT_REQUEST_SESSIONS } from "../config.js";
import { createContext, type Context } from "../context.js";
import type { Executor } from "../graph/executor.js";
import type { Logger } from "../logger.js";
import { costPlugin } from "./cost.js";
import { formatError } from "./errors.js";
import { plannedResponsePlugin } from "./planned.js";
import { mountExplorer } from "./explorer.js";

export interface AppOptions {
  schema: GraphQLSchema;
  executor: Executor;
  logger: Logger;
  /** Resolves when the database answers; `/ready` calls it. */
  ping: () => Promise<void>;
  httpServer: Server;
  /** Requests whose worst-case node count is above this are refused (MAX_QUERY_NODES). */
  maxQueryNodes?: number;
  /** Database sessions one request may hold at once (MAX_REQUEST_SESSIONS). */
  maxRequestSessions?: number;
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

/** Builds the HTTP app: `/graphql`, `/health`, `/ready` and the offline explorer. */
export async function createApp(options: AppOptions): Promise<{ app: Express; apollo: ApolloServer<Context> }> {
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache-control plugin hooks every field's resolution to compute cache hints; the
      // service sets none (its answers are not cached), so it would only cost CPU.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      loggingPlugin(),
      costPlugin(options.maxQueryNodes ?? DEFAULT_MAX_QUERY_NODES),
      plannedResponsePlugin(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/ready", async (_req, res) => {
    try {
      await options.ping();
      res.json({ status: "ready" });
    } catch (error) {
      options.logger.warn({ err: error }, "not ready");
      res.status(503).json({ status: "unavailable", reason: "the graph database does not answer" });
    }
  });
  mountExplorer(app);
  // A person who opens /graphql in a browser gets the explorer, not a bare GraphQL error.
  app.get("/graphql", (req, res, next) => {
    if (req.query.query === undefined && req.accepts(["json", "html"]) === "html") res.redirect(302, "/");
    else next();
  });
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext({ executor: options.executor, logger: options.logger }, req.header("x-request-id") ?? randomUUID(), {
          maxSessions: options.maxRequestSessions ?? DEFAULT_REQUEST_SESSIONS,
        }),
    }),
  );
  return { app, apollo };
}
