/**
 * The `extensions.code` values the service answers with (the service's src/errors.ts), and the
 * client's own: NETWORK_ERROR (no answer), HTTP_ERROR (an answer that is not a GraphQL response).
 */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  DATABASE_UNAVAILABLE: "DATABASE_UNAVAILABLE",
  DATABASE_BUSY: "DATABASE_BUSY",
  QUERY_TOO_COSTLY: "QUERY_TOO_COSTLY",
  QUERY_TIMEOUT: "QUERY_TIMEOUT",
  DERIVED_DATA_STALE: "DERIVED_DATA_STALE",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  RATE_LIMITED: "RATE_LIMITED",
  QUERY_TOO_DEEP: "QUERY_TOO_DEEP",
  TOO_MANY_ALIASES: "TOO_MANY_ALIASES",
  TOO_MANY_TOKENS: "TOO_MANY_TOKENS",
  TOO_MANY_DIRECTIVES: "TOO_MANY_DIRECTIVES",
  DOCUMENT_TOO_LARGE: "DOCUMENT_TOO_LARGE",
  BATCH_TOO_LARGE: "BATCH_TOO_LARGE",
  PERSISTED_OPERATION_NOT_FOUND: "PERSISTED_OPERATION_NOT_FOUND",
  BAD_REQUEST: "BAD_REQUEST",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  REQUEST_TOO_LARGE: "REQUEST_TOO_LARGE",
  ROUTE_NOT_FOUND: "ROUTE_NOT_FOUND",
  METHOD_NOT_ALLOWED: "METHOD_NOT_ALLOWED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  NETWORK_ERROR: "NETWORK_ERROR",
  HTTP_ERROR: "HTTP_ERROR",
} as const;
/** A known code; a newer service may answer with others, so codes are typed `ErrorCode | (string & {})`. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export type AnyErrorCode = ErrorCode | (string & {});

/** Codes a later attempt may not get: the service was busy, limited or recomputing, not the request wrong. */
const TRANSIENT: ReadonlySet<string> = new Set([
  ErrorCode.RATE_LIMITED,
  ErrorCode.DATABASE_BUSY,
  ErrorCode.DATABASE_UNAVAILABLE,
  ErrorCode.DERIVED_DATA_STALE,
  ErrorCode.NETWORK_ERROR,
]);

/** One error of a GraphQL response, as the service shapes it. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: AnyErrorCode; retryable?: boolean; retryAfter?: number; [key: string]: unknown };
}

/**
 * A request that did not give its data: the GraphQL errors of the response (each with its
 * `extensions.code`), the HTTP status (0 without an answer) and whatever data came with them.
 */
export class ChainKgError extends Error {
  override readonly name = "ChainKgError";
  readonly errors: readonly GraphQLErrorEntry[];
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The data of a partial answer (GraphQL may answer some fields and fail others). */
  readonly data: unknown;
  /** How long the service asked to wait before trying again (Retry-After or `extensions.retryAfter`), in ms. */
  readonly retryAfterMs: number | undefined;
  /** The operation's name, for messages and logs. */
  readonly operationName: string | undefined;

  constructor(
    errors: readonly GraphQLErrorEntry[],
    options: {
      status: number;
      data?: unknown;
      retryAfterMs?: number | undefined;
      operationName?: string | undefined;
      cause?: unknown;
    },
  ) {
    const first = errors[0];
    super(
      `${options.operationName ?? "request"}: ${first?.message ?? "failed"}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.errors = errors;
    this.status = options.status;
    this.data = options.data;
    this.operationName = options.operationName;
    const fromExtensions = errors.map((e) => e.extensions?.retryAfter).find((s): s is number => typeof s === "number");
    this.retryAfterMs = options.retryAfterMs ?? (fromExtensions === undefined ? undefined : fromExtensions * 1000);
  }

  /** The first error's code (INTERNAL_SERVER_ERROR when it has none). */
  get code(): AnyErrorCode {
    return this.errors[0]?.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
  }

  /** Every error's code, in order. */
  get codes(): AnyErrorCode[] {
    return this.errors.map((e) => e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  }

  /** True when some error has `code`. */
  has(code: AnyErrorCode): boolean {
    return this.codes.includes(code);
  }

  /**
   * Whether trying again later may succeed: every error is transient (RATE_LIMITED, DATABASE_BUSY,
   * DATABASE_UNAVAILABLE, DERIVED_DATA_STALE, NETWORK_ERROR, or `extensions.retryable`), or the HTTP
   * status is 429, 502, 503 or 504.
   */
  get retryable(): boolean {
    if ([429, 502, 503, 504].includes(this.status)) return true;
    return (
      this.errors.length > 0 &&
      this.errors.every((e) => e.extensions?.retryable === true || TRANSIENT.has(e.extensions?.code ?? ""))
    );
  }

  /**
   * Whether the service refused the request before running anything (rate limit, credentials, a
   * document it would not run), so that trying a mutation again cannot apply it twice.
   */
  get refusedBeforeRunning(): boolean {
    return this.status === 429 || this.codes.every((c) => BEFORE_RUNNING.has(c));
  }
}

/** Codes the service answers before it runs an operation. */
const BEFORE_RUNNING: ReadonlySet<string> = new Set([
  ErrorCode.RATE_LIMITED,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.PERSISTED_OPERATION_NOT_FOUND,
  ErrorCode.QUERY_TOO_COSTLY,
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_TOKENS,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.DOCUMENT_TOO_LARGE,
  ErrorCode.BATCH_TOO_LARGE,
  ErrorCode.BAD_REQUEST,
  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  ErrorCode.REQUEST_TOO_LARGE,
]);
