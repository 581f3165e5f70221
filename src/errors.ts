import { GraphQLError } from "graphql";

/** The `extensions.code` values this API uses. Clients may switch on them. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  DATABASE_UNAVAILABLE: "DATABASE_UNAVAILABLE",
  QUERY_TIMEOUT: "QUERY_TIMEOUT",
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

export function queryTimeout(cause?: unknown): GraphQLError {
  return new GraphQLError("The query took too long and was stopped", {
    extensions: { code: ErrorCode.QUERY_TIMEOUT },
    originalError: cause instanceof Error ? cause : undefined,
  });
}
