import type { GraphQLResponse } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { ErrorCode } from "../errors.js";
import { RULES } from "../graph/import/spec.js";
import { MutationCode } from "../graph/mutate/apply.js";

/** Codes whose messages are written for clients; anything else is masked. */
const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  // A refused mutation: the rule of the format it breaks, or the engine's reason (a conflict, an unknown reference, …).
  ...RULES,
  ...Object.values(MutationCode),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Apollo's `formatError`: typed errors pass through with their code; unexpected ones (bugs, Cypher
 * failures) reach the client as a generic message, while the plugin in server/app.ts logs them whole.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) {
    const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: "Internal server error",
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** A response's outcome, as the metrics and traces record it: `OK`, or its first error's code. */
export function outcomeCode(response: GraphQLResponse): string {
  const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
  return errors?.length ? String(errors[0]!.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR) : "OK";
}
