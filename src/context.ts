import type { Span } from "@opentelemetry/api";
import { DEFAULT_REQUEST_SESSIONS } from "./config.js";
import type { Executor, QueryStats } from "./graph/db/executor.js";
import { createLoaders, type Loaders } from "./graph/repositories/loaders.js";
import { createLookups, type Lookups } from "./graph/planner/roots.js";
import type { Logger } from "./logger.js";
import { anonymousViewer, type Viewer } from "./auth/viewer.js";
import type { ApiKeyStore } from "./auth/keys.js";

export type { Viewer } from "./auth/viewer.js";

export interface ContextOptions {
  /** Plan each root field's whole selection into one statement (default); false: level by level. */
  planner?: boolean;
  maxSessions?: number;
  /** Record the operation name of every statement in `stats.operations` (tests read it). */
  recordOperations?: boolean;
  /** Who is calling (src/server/access.ts authenticates it); in-process callers default to an anonymous reader. */
  viewer?: Viewer;
  /** The request's span (src/server/tracing.ts): its statements are traced as its children. */
  span?: Span;
}

/**
 * Everything one GraphQL request sees: its own executor (counting its round trips, holding a bounded
 * number of sessions), its own DataLoaders and planned lookups, its logger and the caller's identity
 * (`viewer`, whose role resolvers check).
 */
export interface Context {
  requestId: string;
  viewer: Viewer;
  executor: Executor;
  /** True: root fields are read by the query planner (src/graph/planner); false: by the loaders alone. */
  planner: boolean;
  lookups: Lookups;
  loaders: Loaders;
  stats: QueryStats;
  logger: Logger;
  /** The request's span, when the service traces (src/server/tracing.ts). */
  span?: Span;
  /** The process's API-key store (its cache, and the replicas' revocation channel); unset in-process. */
  keys?: ApiKeyStore;
}

export function createContext(
  base: { executor: Executor; logger: Logger; keys?: ApiKeyStore },
  requestId: string,
  options: ContextOptions = {},
): Context {
  const stats: QueryStats = { queries: 0, ...(options.recordOperations ? { operations: [] } : {}) };
  const viewer = options.viewer ?? anonymousViewer("local", "reader");
  const executor = base.executor.forRequest(stats, options.maxSessions ?? DEFAULT_REQUEST_SESSIONS, undefined, options.span);
  return {
    ...(options.span && { span: options.span }),
    ...(base.keys && { keys: base.keys }),
    requestId,
    viewer,
    executor,
    planner: options.planner ?? true,
    lookups: createLookups(executor),
    loaders: createLoaders(executor),
    stats,
    // The logs name the viewer by its id (a key's id, a token's subject, an IP), never by its secret.
    logger: base.logger.child({ requestId, viewer: viewer.id }),
  };
}
