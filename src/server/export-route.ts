import type { RequestHandler, Response } from "express";
import { GraphQLError } from "graphql";
import type { Viewer } from "../auth/viewer.js";
import { ErrorCode } from "../errors.js";
import type { Executor } from "../graph/db/executor.js";
import { Pager, PAGE_ROWS, type PageRead } from "../graph/export/pages.js";
import { STREAMS, type StreamName } from "../graph/export/streams.js";
import { yearOf } from "../graph/import/years.js";
import type { Logger } from "../logger.js";
import { sendError, sendGraphQLError } from "./http.js";
import { pointsFor, rateLimited, setRateLimitHeaders, type RateLimits } from "./rate-limit.js";

/**
 * What one page of an export costs, in rate-limit points: its rows at the price /graphql asks for as
 * many nodes (`pointsFor`: a page of 1,000 rows, 10 points). Each page is charged before it is read, so a
 * viewer never gets rows it has not paid for, and the price of a whole export is known from its size.
 */
export const pagePoints = (pageRows: number) => pointsFor(pageRows);

export interface ExportRouteOptions {
  executor: Executor;
  logger: Logger;
  limits: RateLimits;
  maxSessions: number;
  /** Rows per page (default PAGE_ROWS, 1,000): what is read, written and charged at once. */
  pageRows?: number;
}

/** The service's error shape, as one NDJSON line: the last line of an export cut short. */
const errorLine = (error: GraphQLError) =>
  `${JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] })}\n`;

const internalError = () => new GraphQLError("Internal server error", { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });

/** The HTTP status of a refusal before the stream starts. */
function statusOf(error: GraphQLError): number {
  const code = error.extensions.code;
  if (code === ErrorCode.BAD_USER_INPUT) return 400;
  if (code === ErrorCode.QUERY_TIMEOUT) return 504;
  if (code === ErrorCode.DATABASE_UNAVAILABLE || code === ErrorCode.DATABASE_BUSY) return 503;
  return 500;
}

/**
 * Writes `text`, waiting while the response's buffer is full (backpressure): true once written, false
 * when the client has gone.
 */
function send(res: Response, text: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(text)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (written: boolean) => {
      res.off("drain", drained);
      res.off("close", closed);
      resolve(written);
    };
    const drained = () => settle(true);
    const closed = () => settle(false);
    res.once("drain", drained);
    res.once("close", closed);
  });
}

/**
 * `GET /export/<name>.ndjson[?year=YYYY]`: one JSON record per line (src/graph/export/streams.ts), the
 * state of `year` (by default the latest year the graph holds, named in `X-Export-Year`; a graph
 * without years is read whole). It runs after the credentials and the spent-limit gate, as /graphql
 * does; a bad `year` is 400 BAD_USER_INPUT (free). Pages of `pageRows` rows are read one at a time,
 * each with its own QUERY_TIMEOUT_MS and charged `pagePoints` first, and each is written before
 * the next is read, waiting while the client is slower than the database. A refusal before the first
 * row is an HTTP error (429 RATE_LIMITED, 503 DATABASE_UNAVAILABLE); once rows are sent, a stream cut
 * short (points spent, database down, a page's timeout) ends with one line in the service's error
 * shape, `{"errors":[…]}`, and the failure is logged. A client that goes away stops the reads.
 */
export function exportRoute(name: StreamName, options: ExportRouteOptions): RequestHandler {
  const stream = STREAMS[name];
  const route = `/export/${name}.ndjson`;
  const pageRows = options.pageRows ?? PAGE_ROWS;
  const points = pagePoints(pageRows);
  return (req, res) => {
    const viewer = res.locals.viewer as Viewer;
    for (const key of Object.keys(req.query)) {
      if (key !== "year") {
        sendError(res, 400, ErrorCode.BAD_USER_INPUT, `Unknown parameter "${key.slice(0, 50)}": ${route} takes year`);
        return;
      }
    }
    const raw = req.query.year;
    if (raw !== undefined && (typeof raw !== "string" || !/^\d{4}$/.test(raw))) {
      const message =
        typeof raw === "string" ? `year must be a year of four digits, got "${raw.slice(0, 20)}"` : "year must be given once";
      sendError(res, 400, ErrorCode.BAD_USER_INPUT, message, { field: "year" });
      return;
    }
    const asked = raw === undefined ? undefined : Number(raw);
    const started = performance.now();
    const stats = { queries: 0 };
    // Each page is one request's worth of work: its own deadline and session budget.
    const executor = () => options.executor.forRequest(stats, options.maxSessions);
    const read: PageRead = <Row>(operation: string, cypher: string, params: Record<string, unknown>) =>
      executor().read<Row>(operation, cypher, params);
    let gone = false;
    res.on("close", () => {
      gone = !res.writableFinished;
    });
    // A socket error mid-stream is the client's going away ('close' follows), not the process's end.
    res.on("error", (error) => options.logger.info({ route, err: error }, "export response failed"));
    let rows = 0;
    let year: number | null = null;
    /** Ends the response with `error`: an HTTP error before the first row, a last line after. */
    const fail = (error: GraphQLError, cause?: unknown) => {
      const code = error.extensions.code;
      if (!res.headersSent) {
        if (code === ErrorCode.RATE_LIMITED) res.set("Retry-After", String(error.extensions.retryAfter));
        sendGraphQLError(res, code === ErrorCode.RATE_LIMITED ? 429 : statusOf(error), error);
      } else if (!gone) {
        res.end(errorLine(error));
      }
      if (code !== ErrorCode.BAD_USER_INPUT && code !== ErrorCode.RATE_LIMITED) {
        const level = code === ErrorCode.INTERNAL_SERVER_ERROR ? "error" : "warn";
        options.logger[level]({ route, viewer: viewer.id, year, rows, code, err: cause ?? error }, "export cut short");
      }
    };
    void (async () => {
      year = yearOf(await executor().heldYears(), asked);
      const pager = new Pager(read, stream.pages, { year }, pageRows);
      while (!pager.done && !gone) {
        if (options.limits.enabled) {
          const charged = await options.limits.charge(viewer, points);
          if (!res.headersSent) setRateLimitHeaders(res, charged.state);
          if (!charged.ok) {
            fail(rateLimited(charged.state, charged.retryAfterS));
            return;
          }
        }
        const page = await pager.next();
        if (!res.headersSent) {
          res.status(200).type("application/x-ndjson; charset=utf-8").set("Cache-Control", "no-store");
          if (year !== null) res.set("X-Export-Year", String(year));
          res.flushHeaders();
          if (req.method === "HEAD") break;
        }
        if (page.length === 0) continue;
        const text = `${page.map((row) => JSON.stringify(stream.record(row))).join("\n")}\n`;
        rows += page.length;
        if (!(await send(res, text))) break;
      }
      if (!gone) res.end();
      options.logger.info(
        {
          route,
          viewer: viewer.id,
          year,
          rows,
          complete: !gone,
          ms: Math.round(performance.now() - started),
          dbQueries: stats.queries,
        },
        "export",
      );
    })().catch((error: unknown) => {
      // Never thrown on: a failure once the stream has started must end it, not the process.
      try {
        fail(error instanceof GraphQLError ? error : internalError(), error);
      } catch (failure) {
        options.logger.error({ route, err: failure }, "export could not end its response");
        res.destroy();
      }
    });
  };
}
