import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import type { Viewer } from "../auth/viewer.js";
import { ErrorCode } from "../errors.js";
import type { Executor } from "../graph/db/executor.js";
import type { Logger } from "../logger.js";
import { loadReport } from "../report/data.js";
import { parseReportOptions, ReportParamError, type ReportOptions } from "../report/options.js";
import { renderReport } from "../report/render.js";
import { sendError, sendGraphQLError } from "./http.js";
import { rateLimited, setRateLimitHeaders, type RateLimits } from "./rate-limit.js";

/**
 * What one report costs, in rate-limit points, whatever its region and chains: about what the app's
 * views of two chains cost (README, "The annual report"). A fixed price can be told before the report
 * runs; a province's report of every chain reads about 25 analyses, each a few round trips.
 */
export const REPORT_POINTS = 300;

const PARAMS = ["region", "year", "chain", "lang"] as const;

export interface ReportRouteOptions {
  executor: Executor;
  logger: Logger;
  limits: RateLimits;
  maxSessions: number;
}

/**
 * `GET /report?region=SD&year=2025[&chain=BIGDATA][&lang=zh|en]`: the annual report's HTML, the same
 * page `npm run report` writes. It runs after the credentials and the spent-limit gate, as /graphql
 * does; then the parameters are checked (400 BAD_USER_INPUT, free), REPORT_POINTS are charged (429
 * RATE_LIMITED when fewer are left), and the report is read with one request's executor: at most
 * `maxSessions` sessions and QUERY_TIMEOUT_MS for all its statements. An unknown region or chain is 404
 * NOT_FOUND.
 */
export function reportRoute(options: ReportRouteOptions): RequestHandler {
  return (req, res, next) => {
    const viewer = res.locals.viewer as Viewer;
    const raw: Record<string, string | undefined> = {};
    for (const key of Object.keys(req.query)) {
      if (!(PARAMS as readonly string[]).includes(key)) {
        sendError(
          res,
          400,
          ErrorCode.BAD_USER_INPUT,
          `Unknown parameter "${key.slice(0, 50)}": /report takes ${PARAMS.join(", ")}`,
        );
        return;
      }
    }
    for (const key of PARAMS) {
      const value = req.query[key];
      if (value !== undefined && typeof value !== "string") {
        sendError(res, 400, ErrorCode.BAD_USER_INPUT, `${key} must be given once`, { field: key });
        return;
      }
      raw[key] = value;
    }
    let asked: ReportOptions;
    try {
      asked = parseReportOptions(raw);
    } catch (error) {
      if (!(error instanceof ReportParamError)) throw error;
      sendError(res, 400, ErrorCode.BAD_USER_INPUT, error.message, { field: error.param });
      return;
    }
    void (async () => {
      if (options.limits.enabled) {
        const charged = await options.limits.charge(viewer, REPORT_POINTS);
        setRateLimitHeaders(res, charged.state);
        if (!charged.ok) {
          res.set("Retry-After", String(charged.retryAfterS));
          sendGraphQLError(res, 429, rateLimited(charged.state, charged.retryAfterS));
          return;
        }
      }
      const started = performance.now();
      const stats = { queries: 0 };
      const executor = options.executor.forRequest(stats, options.maxSessions);
      try {
        const html = renderReport(await loadReport(executor, asked));
        res.status(200).type("html").set("Cache-Control", "no-store").send(html);
        options.logger.info(
          {
            route: "/report",
            viewer: viewer.id,
            ...asked,
            ms: Math.round(performance.now() - started),
            dbQueries: stats.queries,
          },
          "report",
        );
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        const code = error.extensions.code;
        const status =
          code === ErrorCode.NOT_FOUND
            ? 404
            : code === ErrorCode.BAD_USER_INPUT
              ? 400
              : code === ErrorCode.QUERY_TIMEOUT
                ? 504
                : 503;
        if (status >= 500) options.logger.warn({ route: "/report", code, err: error }, "report failed");
        sendGraphQLError(res, status, error);
      }
    })().catch(next);
  };
}
