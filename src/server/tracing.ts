import type { ApolloServerPlugin } from "@apollo/server";
import { SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import type { Context } from "../context.js";
import type { Logger } from "../logger.js";
import { outcomeCode } from "./errors.js";

/**
 * OpenTelemetry traces (README.md, "Running in production"): a span per GraphQL request, named after
 * its operation (`query Cities`), and a child span per Neo4j statement, named after its kind (`cypher
 * plan.Enterprise.products`, src/graph/db/executor.ts). Off by default: the API's tracer is a no-op
 * until `startTracing` registers the Node SDK, which the standard OTEL_* variables turn on.
 */
const tracer = trace.getTracer("chain-kg");

/**
 * Whether the OTEL_* variables ask for traces: an OTLP endpoint, or an exporter other than `none`,
 * and the SDK not disabled.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter) return exporter !== "none";
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts the OpenTelemetry Node SDK when `tracingEnabled`: it reads the OTEL_* variables itself
 * (endpoint, headers, sampler, resource; the service name defaults to `chain-kg`) and exports over OTLP.
 * Returns the SDK's shutdown, which flushes what is left; undefined when traces are off.
 */
export async function startTracing(env: NodeJS.ProcessEnv, logger: Logger): Promise<(() => Promise<void>) | undefined> {
  if (!tracingEnabled(env)) return undefined;
  // Loaded only when asked for: the SDK is large, and a service without traces never needs it.
  const { NodeSDK } = await import("@opentelemetry/sdk-node");
  const sdk = new NodeSDK({ serviceName: env.OTEL_SERVICE_NAME ?? "chain-kg", instrumentations: [] });
  sdk.start();
  logger.info({ exporter: env.OTEL_TRACES_EXPORTER ?? "otlp" }, "tracing on");
  return () => sdk.shutdown();
}

/** A request's span, started when its context is made; `tracingPlugin` names and ends it. */
export function startRequestSpan(requestId: string): Span {
  return tracer.startSpan("graphql", { kind: SpanKind.SERVER, attributes: { "chain_kg.request_id": requestId } });
}

/** Names each request's span after its operation (`query Cities`), records its outcome, and ends it. */
export function tracingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, operation, response }) {
          const span = contextValue.span;
          if (!span) return;
          const type = operation?.operation ?? "graphql";
          const name = request.operationName ?? operation?.name?.value;
          span.updateName(name ? `${type} ${name}` : type);
          span.setAttribute("graphql.operation.type", type);
          if (name) span.setAttribute("graphql.operation.name", name);
          span.setAttribute("chain_kg.db_round_trips", contextValue.stats.queries);
          const code = outcomeCode(response);
          if (code !== "OK") {
            span.setAttribute("graphql.error.code", code);
            span.setStatus({ code: SpanStatusCode.ERROR, message: code });
          }
          span.end();
        },
      };
    },
  };
}
