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
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
}

export function notFound(what: string, code: string): GraphQLError {
  return new GraphQLError(`Unknown ${what} "${code}"`, { extensions: { code: ErrorCode.NOT_FOUND, what, value: code } });
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
