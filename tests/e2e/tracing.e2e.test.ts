import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tracingEnabled } from "../../src/server/tracing.js";
import { SHANDONG_SEED } from "../../src/seed.js";
import { setupGraph } from "../support/graph.js";
import { serveApp, type Served } from "../support/serve.js";

/**
 * Traces (src/server/tracing.ts), collected in-process: a span per request named after its operation,
 * and a child span per Neo4j statement named after its kind; off unless the OTEL_* variables ask.
 */
const g = setupGraph(SHANDONG_SEED);
const exporter = new InMemorySpanExporter();

describe("traces", () => {
  let served: Served;
  beforeAll(async () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    served = await serveApp({ executor: g.executor });
  });
  afterAll(async () => {
    await served.close();
    trace.disable();
  });

  const post = (query: string) =>
    fetch(`${served.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });

  it("a span per request, named after the operation, with a child span per statement named after its kind", async () => {
    exporter.reset();
    expect((await post("query Cities { regions(first: 3) { nodes { code parent { code } } } }")).status).toBe(200);
    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === "query Cities");
    expect(request, spans.map((s) => s.name).join(", ")).toBeDefined();
    expect(request!.kind).toBe(SpanKind.SERVER);
    expect(request!.attributes["graphql.operation.name"]).toBe("Cities");
    expect(request!.status.code).not.toBe(SpanStatusCode.ERROR);
    const children = spans.filter((s) => s.parentSpanContext?.spanId === request!.spanContext().spanId);
    // The root statement and its field's wave; and the graph's years when the request was the one to read
    // them (the executor keeps them a few seconds).
    expect(
      children
        .map((s) => s.name)
        .filter((name) => name !== "cypher years.held")
        .sort(),
    ).toEqual(["cypher Region.plannedPage", "cypher plan.Region.parent"]);
    for (const child of children) {
      expect(child.kind).toBe(SpanKind.CLIENT);
      expect(child.attributes["db.system.name"]).toBe("neo4j");
      expect(child.spanContext().traceId).toBe(request!.spanContext().traceId);
    }
  });

  it("marks a request that failed with its code", async () => {
    exporter.reset();
    await post("query Bad { enterprises(first: 1000) { totalCount } }");
    const request = exporter.getFinishedSpans().find((s) => s.name === "query Bad")!;
    expect(request.status.code).toBe(SpanStatusCode.ERROR);
    expect(request.attributes["graphql.error.code"]).toBe("BAD_USER_INPUT");
  });
});

describe("tracingEnabled", () => {
  it("is off by default, and on with an OTLP endpoint or an exporter", () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(tracingEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" })).toBe(true);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: "otlp" })).toBe(true);
    expect(tracingEnabled({ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(false);
    expect(tracingEnabled({ OTEL_SDK_DISABLED: "true", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(false);
  });
});
