import { GraphQLError } from "graphql";

/** The `extensions.code` values this API uses. Clients may switch on them. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  DATABASE_UNAVAILABLE: "DATABASE_UNAVAILABLE",
  DATABASE_BUSY: "DATABASE_BUSY",
  QUERY_TOO_COSTLY: "QUERY_TOO_COSTLY",
  QUERY_TIMEOUT: "QUERY_TIMEOUT",
  DERIVED_DATA_STALE: "DERIVED_DATA_STALE",
  /** No valid credentials: HTTP 401. */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** The viewer's role lacks the right: HTTP 403 when nothing ran. */
  FORBIDDEN: "FORBIDDEN",
  /** The viewer's points for the window are spent: HTTP 429 with Retry-After. */
  RATE_LIMITED: "RATE_LIMITED",
  /** Document limits, checked before execution (SECURITY.md). */
  QUERY_TOO_DEEP: "QUERY_TOO_DEEP",
  TOO_MANY_ALIASES: "TOO_MANY_ALIASES",
  TOO_MANY_TOKENS: "TOO_MANY_TOKENS",
  TOO_MANY_DIRECTIVES: "TOO_MANY_DIRECTIVES",
  DOCUMENT_TOO_LARGE: "DOCUMENT_TOO_LARGE",
  BATCH_TOO_LARGE: "BATCH_TOO_LARGE",
  /** PERSISTED_OPERATIONS=only and the operation is not in the manifest. */
  PERSISTED_OPERATION_NOT_FOUND: "PERSISTED_OPERATION_NOT_FOUND",
  /** HTTP-level errors, before GraphQL: a body that is not a GraphQL request, a wrong content type, a body over the limit, an unknown route or method. */
  BAD_REQUEST: "BAD_REQUEST",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  REQUEST_TOO_LARGE: "REQUEST_TOO_LARGE",
  ROUTE_NOT_FOUND: "ROUTE_NOT_FOUND",
  METHOD_NOT_ALLOWED: "METHOD_NOT_ALLOWED",
  /** /app/ was asked for, but web/dist has not been built (npm run app:build). */
  APP_NOT_BUILT: "APP_NOT_BUILT",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
}

/** `when` qualifies it, e.g. " in 2024" for a code that does not hold in the year asked. */
export function notFound(what: string, code: string, when = ""): GraphQLError {
  return new GraphQLError(`Unknown ${what} "${code}"${when}`, { extensions: { code: ErrorCode.NOT_FOUND, what, value: code } });
}

export function databaseUnavailable(cause?: unknown): GraphQLError {
  return new GraphQLError("The graph database is unavailable; try again shortly", {
    extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
    originalError: cause instanceof Error ? cause : undefined,
  });
}

/** Every connection to the database is taken by other requests; retrying shortly will do. */
export function databaseBusy(cause?: unknown): GraphQLError {
  return new GraphQLError("The graph database is busy with other requests; try again shortly", {
    extensions: { code: ErrorCode.DATABASE_BUSY, retryable: true },
    originalError: cause instanceof Error ? cause : undefined,
  });
}

/** The request asks for more nodes than one request may (see docs/architecture.md, "Cost"). */
export function queryTooCostly(requested: number, limit: number): GraphQLError {
  return new GraphQLError(
    `This request could return up to ${requested} nodes, more than the limit of ${limit} (MAX_QUERY_NODES): ask for smaller pages or fewer nested lists`,
    { extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost: { requested, limit } } },
  );
}

export function queryTimeout(cause?: unknown): GraphQLError {
  return new GraphQLError("The query took too long and was stopped", {
    extensions: { code: ErrorCode.QUERY_TIMEOUT },
    originalError: cause instanceof Error ? cause : undefined,
  });
}

/** The derived analytics data is being recomputed (an import is running, or one failed before it could recompute). */
export function derivedDataStale(): GraphQLError {
  return new GraphQLError(
    "The analytics data is being recomputed after an import; retry in a moment, or run the import again if it failed",
    { extensions: { code: ErrorCode.DERIVED_DATA_STALE, retryable: true } },
  );
}

/** No credentials where they are required, or credentials that are not valid (unknown, revoked, expired, bad signature). */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

/** The viewer is known, but its role does not have this right. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}
