/**
 * @chain-kg/client: a typed client for the industrial-chain knowledge-graph service, generated from
 * its persisted operations (clients/typescript/documents, typed by graphql-codegen).
 */
export { ChainKgClient, type ChainKgClientOptions, type RequestOptions, type SendMode, type VariablesArg } from "./client.js";
export { ChainKgError, ErrorCode, type AnyErrorCode, type GraphQLErrorEntry } from "./errors.js";
export { DEFAULT_RETRY, parseRetryAfter, retryDelay, type RetryPolicy } from "./retry.js";
export { nodes, pages, type CursorPage } from "./paging.js";
export {
  changes,
  codesOf,
  feedPosition,
  parseElement,
  type FeedBatch,
  type FeedPosition,
  type FollowOptions,
  type GraphChange,
} from "./feed.js";
export * from "./generated/graphql.js";
