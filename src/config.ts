/**
 * All configuration, read from the environment once and validated here.
 * Every variable is listed in README.md ("Configuration") and .env.example.
 */
export interface Config {
  port: number;
  logLevel: string;
  /** Set: connect to this Neo4j. Unset: run the local Neo4j launcher. */
  neo4jUri: string | undefined;
  neo4jUsername: string;
  neo4jPassword: string;
  neo4jDatabase: string | undefined;
  localNeo4jDir: string;
  localNeo4jPort: number;
  localNeo4jPageCacheMb: number;
  localNeo4jHeapMb: number;
  /** `shandong` (default) loads seeds/shandong into an empty database at start; `none` skips it; anything else is a folder. */
  seed: string;
  /** Longest a single Cypher transaction may run, in milliseconds. */
  queryTimeoutMs: number;
  /** Requests whose worst-case node count is above this are refused with QUERY_TOO_COSTLY. */
  maxQueryNodes: number;
  /** Database sessions one request may hold at once. */
  maxRequestSessions: number;
}

/** GitHub allows 500,000 nodes; our nodes are larger and our memory budget smaller (docs/architecture.md). */
export const DEFAULT_MAX_QUERY_NODES = 50_000;
export const DEFAULT_REQUEST_SESSIONS = 4;

export class ConfigError extends Error {
  override name = "ConfigError";
}

function int(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function str(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const raw = env[key];
  return raw === undefined || raw === "" ? undefined : raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const neo4jUri = str(env, "NEO4J_URI");
  if (neo4jUri && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(neo4jUri)) {
    throw new ConfigError(`NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s://, got "${neo4jUri}"`);
  }
  return {
    port: int(env, "PORT", 4000, 0, 65535),
    logLevel: str(env, "LOG_LEVEL") ?? "info",
    neo4jUri,
    neo4jUsername: str(env, "NEO4J_USERNAME") ?? "neo4j",
    neo4jPassword: str(env, "NEO4J_PASSWORD") ?? "",
    neo4jDatabase: str(env, "NEO4J_DATABASE"),
    localNeo4jDir: str(env, "LOCAL_NEO4J_DIR") ?? ".data/neo4j",
    localNeo4jPort: int(env, "LOCAL_NEO4J_PORT", 7687, 1, 65535),
    localNeo4jPageCacheMb: int(env, "LOCAL_NEO4J_PAGECACHE_MB", 512, 16, 1 << 20),
    localNeo4jHeapMb: int(env, "LOCAL_NEO4J_HEAP_MB", 1024, 128, 1 << 20),
    seed: str(env, "SEED") ?? "shandong",
    queryTimeoutMs: int(env, "QUERY_TIMEOUT_MS", 30_000, 100, 3_600_000),
    maxQueryNodes: int(env, "MAX_QUERY_NODES", DEFAULT_MAX_QUERY_NODES, 1, 100_000_000),
    maxRequestSessions: int(env, "MAX_REQUEST_SESSIONS", DEFAULT_REQUEST_SESSIONS, 1, 1000),
  };
}
