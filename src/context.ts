import type { Executor, QueryStats } from "./graph/executor.js";
import { createLoaders, type Loaders } from "./graph/loaders.js";
import type { Logger } from "./logger.js";

/** Who is calling. Anonymous for now; API keys and JWT roles will fill this in. */
export interface Viewer {
  kind: "anonymous";
  roles: readonly string[];
}

/**
 * Everything one GraphQL request sees: its own executor (counting its round trips), its own
 * DataLoaders, its logger and the caller's identity.
 */
export interface Context {
  requestId: string;
  viewer: Viewer;
  executor: Executor;
  loaders: Loaders;
  stats: QueryStats;
  logger: Logger;
}

export function createContext(base: { executor: Executor; logger: Logger }, requestId: string): Context {
  const stats: QueryStats = { queries: 0 };
  const executor = base.executor.withStats(stats);
  return {
    requestId,
    viewer: { kind: "anonymous", roles: [] },
    executor,
    loaders: createLoaders(executor),
    stats,
    logger: base.logger.child({ requestId }),
  };
}
