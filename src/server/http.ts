import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";
import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { DocumentLimits } from "../config.js";
import { ErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";
import { limitError, type DocumentChecker } from "./limits.js";
import type { PersistedOperations } from "./persisted.js";

/**
 * Everything the service answers outside GraphQL execution is JSON in the GraphQL error shape, with a
 * code: a body that is not JSON or not a GraphQL request, a wrong content type, a body over the limit,
 * an unknown route, a wrong method. Never Express's HTML page, a stack trace or a file path.
 */
export function sendError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  sendGraphQLError(res, status, new GraphQLError(message, { extensions: { code, ...extensions } }));
}

/**
 * A refusal thrown by an Apollo plugin hook answers with `status` (and `headers`) only when the error
 * says so in `extensions.http`; without it Apollo answers 500.
 */
export function withHttpStatus(error: GraphQLError, status: number, headers: Record<string, string> = {}): GraphQLError {
  error.extensions.http = { status, headers: new HeaderMap(Object.entries(headers)) };
  return error;
}

/** Sends a GraphQLError built by the service (its code and extensions) with an HTTP status. */
export function sendGraphQLError(res: Response, status: number, error: GraphQLError): void {
  // The service's metrics count it by its code (src/server/metrics.ts).
  res.locals.refusedWith = String(error.extensions.code ?? "INTERNAL_SERVER_ERROR");
  res
    .status(status)
    .type("application/json")
    .send(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || v === null || check(v);

/** A GraphQL-over-HTTP request body: the shape is checked here so Apollo only ever sees well-formed ones. */
interface RequestBody {
  query?: unknown;
  documentId?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export interface RequestChecks {
  limits: DocumentLimits;
  documents: DocumentChecker;
  /** Set when PERSISTED_OPERATIONS=only. */
  persisted?: PersistedOperations | undefined;
}

/**
 * Checks one operation of a body (or of a GET's query string) and, for a persisted operation sent by
 * id, puts its document in `query`. Returns the refusal, or undefined when the operation may go on.
 */
function checkOperation(body: RequestBody, checks: RequestChecks): { status: number; error: GraphQLError } | undefined {
  const bad = (message: string) => ({
    status: 400,
    error: refusal(ErrorCode.BAD_REQUEST, message),
  });
  if (!optional(body.operationName, (v) => typeof v === "string")) return bad("`operationName` must be a string");
  if (!optional(body.variables, isObject)) return bad("`variables` must be a JSON object");
  if (!optional(body.extensions, isObject)) return bad("`extensions` must be a JSON object");
  if (!optional(body.documentId, (v) => typeof v === "string")) return bad("`documentId` must be a string");
  const apqHash =
    isObject(body.extensions) && isObject(body.extensions.persistedQuery) ? body.extensions.persistedQuery.sha256Hash : undefined;
  const id = typeof body.documentId === "string" ? body.documentId : typeof apqHash === "string" ? apqHash : undefined;

  if (body.query === undefined || body.query === null) {
    if (id === undefined) return bad("The request has no `query`: send a GraphQL document as the string `query`");
    // An id alone is a persisted operation; without a manifest there is nothing to look it up in.
    const document = checks.persisted?.document(id);
    if (document === undefined) {
      return {
        status: 400,
        error: refusal(
          ErrorCode.PERSISTED_OPERATION_NOT_FOUND,
          checks.persisted
            ? `No persisted operation has the id "${id.slice(0, 80)}"`
            : "This service does not run operations by id (PERSISTED_OPERATIONS=off): send the document as `query`",
        ),
      };
    }
    body.query = document;
    delete body.documentId;
    if (isObject(body.extensions)) delete body.extensions.persistedQuery;
    return undefined;
  }
  if (typeof body.query !== "string") return bad("`query` must be a string holding a GraphQL document");
  const refused = checks.documents.check(body.query);
  if (refused) return { status: 400, error: refused };
  if (checks.persisted && !checks.persisted.allows(body.query)) {
    return {
      status: 400,
      error: refusal(
        ErrorCode.PERSISTED_OPERATION_NOT_FOUND,
        "This service runs only its persisted operations (PERSISTED_OPERATIONS=only), and this document is not one of them",
      ),
    };
  }
  // Apollo's automatic persisted queries would cache any document; the manifest is the only store.
  if (isObject(body.extensions)) delete body.extensions.persistedQuery;
  return undefined;
}

function refusal(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/**
 * The checks on `/graphql` before Apollo: method, content type, body shape, batch size, the document
 * limits (size, tokens, depth, aliases, directives), and the persisted-operation safelist.
 */
export function graphqlRequestChecks(checks: RequestChecks): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET") {
      const query = req.query as Record<string, unknown>;
      const body: RequestBody = { query: query.query, documentId: query.documentId, operationName: query.operationName };
      for (const key of ["variables", "extensions"] as const) {
        const raw = query[key];
        if (raw === undefined) continue;
        try {
          body[key] = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
        } catch {
          sendError(res, 400, ErrorCode.BAD_REQUEST, `The \`${key}\` parameter is not valid JSON`);
          return;
        }
      }
      const refused = checkOperation(body, checks);
      if (refused) {
        sendGraphQLError(res, refused.status, refused.error);
        return;
      }
      next();
      return;
    }
    if (req.method !== "POST") {
      res.set("Allow", "GET, POST");
      sendError(res, 405, ErrorCode.METHOD_NOT_ALLOWED, `/graphql takes GET and POST, not ${req.method}`);
      return;
    }
    if (!req.is("application/json") && !req.is("application/graphql-response+json")) {
      sendError(
        res,
        415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        "Send the request as JSON, with the header Content-Type: application/json",
      );
      return;
    }
    const body: unknown = req.body;
    const operations = Array.isArray(body) ? body : [body];
    if (Array.isArray(body)) {
      if (body.length === 0) {
        sendError(res, 400, ErrorCode.BAD_REQUEST, "A batched request must hold at least one operation");
        return;
      }
      if (body.length > checks.limits.maxBatch) {
        sendGraphQLError(
          res,
          400,
          limitError(
            ErrorCode.BATCH_TOO_LARGE,
            `A batched request may hold at most ${checks.limits.maxBatch} operations; this one has ${body.length}`,
            checks.limits.maxBatch,
            "MAX_BATCH",
          ),
        );
        return;
      }
    }
    for (const operation of operations) {
      if (!isObject(operation)) {
        sendError(res, 400, ErrorCode.BAD_REQUEST, "The body must be a JSON object with a `query` string (or an array of them)");
        return;
      }
      const refused = checkOperation(operation, checks);
      if (refused) {
        sendGraphQLError(res, refused.status, refused.error);
        return;
      }
    }
    next();
  };
}

/** The body parser's failures (express.json), as JSON errors. */
export function bodyErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: unknown }).type;
    switch (type) {
      case "entity.parse.failed":
        sendError(res, 400, ErrorCode.BAD_REQUEST, "The request body is not valid JSON");
        return;
      case "entity.too.large": {
        const limit = (error as { limit?: unknown }).limit;
        sendError(
          res,
          413,
          ErrorCode.REQUEST_TOO_LARGE,
          `The request body is larger than the limit of ${String(limit)} bytes (MAX_BODY_BYTES)`,
          {
            limit: { name: "MAX_BODY_BYTES", value: limit },
          },
        );
        return;
      }
      case "encoding.unsupported":
      case "charset.unsupported":
        sendError(res, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be UTF-8 JSON");
        return;
      case "request.aborted":
      case "request.size.invalid":
      case "stream.encoding.set":
      case "stream.not.readable":
        sendError(res, 400, ErrorCode.BAD_REQUEST, "The request body could not be read");
        return;
      default:
        next(error);
    }
  };
}

/** Unknown routes: a JSON 404. */
export const routeNotFound: RequestHandler = (req, res) => {
  sendError(
    res,
    404,
    ErrorCode.ROUTE_NOT_FOUND,
    `Nothing is served at ${req.method} ${req.path.slice(0, 200)}; the API is at /graphql`,
  );
};

/** The last handler: anything unexpected is logged whole and answered masked. */
export function lastResort(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    logger.error({ err: error, path: req.path }, "unexpected HTTP error");
    if (res.headersSent) {
      res.end();
      return;
    }
    sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
  };
}
