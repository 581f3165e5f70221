import { loadAuthConfig, type AuthConfig } from "./auth/config.js";
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
  /** Longest one request may spend in the database, all its statements together, in milliseconds; Neo4j cancels what runs past it. */
  queryTimeoutMs: number;
  /** Requests whose worst-case node count is above this are refused with QUERY_TOO_COSTLY. */
  maxQueryNodes: number;
  /** Database sessions one request may hold at once. */
  maxRequestSessions: number;
  /**
   * How long a checked API key is taken on trust before it is looked up again, in milliseconds
   * (KEY_CACHE_MS): the longest a key revoked through another replica is still admitted here, unless
   * the replicas share RATE_LIMIT_STORE's Redis, which tells them at once. 0: every request looks it up.
   */
  keyCacheMs: number;
  /** METRICS=off: no Prometheus metrics are kept or served (on by default; bench/observability.ts measures their cost). */
  metrics: boolean;
  /** Set: `GET /metrics` is served on this port, without credentials; unset: on PORT, to admin keys only. */
  metricsPort: number | undefined;
  /** On SIGTERM: how long `/ready` answers 503 while the service still serves, before it stops listening. */
  shutdownDelayMs: number;
  /** On SIGTERM, once it stops listening: how long requests in flight may take before their connections are closed. */
  shutdownGraceMs: number;
  /** NODE_ENV=production: no introspection (except for admins) or field suggestions, no explorer unless EXPLORER=on. */
  production: boolean;
  /** Serve the offline explorer at `/`: on by default in development, off in production. */
  explorer: boolean;
  limits: DocumentLimits;
  rateLimit: RateLimitConfig;
  /** `only`: run only the operations of the committed manifest (src/generated/persisted-operations.json). */
  persistedOperations: "off" | "only";
  /** FEDERATION=on: serve the schema as an Apollo Federation 2 subgraph (`_entities`, `_service`; src/schema/federation.ts). */
  federation: boolean;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS, comma-separated; `*` for any). Empty: same origin only. */
  corsOrigins: readonly string[];
  /** Express's `trust proxy`: how to find the client's address behind proxies (TRUST_PROXY). */
  trustProxy: boolean | number | string;
  auth: AuthConfig;
}

/** Checked before a document runs (src/server/limits.ts); each has its own error code (SECURITY.md). */
export interface DocumentLimits {
  /** Largest HTTP body, in bytes (REQUEST_TOO_LARGE, HTTP 413). */
  maxBodyBytes: number;
  /** Largest GraphQL document, in bytes of UTF-8 (DOCUMENT_TOO_LARGE). */
  maxDocumentBytes: number;
  /** Most lexical tokens in a document (TOO_MANY_TOKENS). */
  maxTokens: number;
  /** Deepest field nesting (QUERY_TOO_DEEP). */
  maxDepth: number;
  /** Most aliased fields in an operation (TOO_MANY_ALIASES). */
  maxAliases: number;
  /** Most directives in an operation (TOO_MANY_DIRECTIVES). */
  maxDirectives: number;
  /** Most operations in one batched (array) body (BATCH_TOO_LARGE). */
  maxBatch: number;
}

export const DEFAULT_LIMITS: DocumentLimits = {
  maxBodyBytes: 100_000,
  maxDocumentBytes: 20_000,
  maxTokens: 2_000,
  maxDepth: 15,
  maxAliases: 30,
  maxDirectives: 50,
  maxBatch: 5,
};

export interface RateLimitConfig {
  /** Points each viewer (a key, a token's subject, or an anonymous IP) may spend per window; 0 turns rate limits off. */
  points: number;
  windowSeconds: number;
  /**
   * RATE_LIMIT_STORE: where the counts live. Unset or `memory`: in this process (each replica counts
   * on its own); `redis://…` or `rediss://…`: in Redis, one budget across every replica that names it.
   */
  store?: string;
}

/** GitHub's GraphQL API: 5,000 points an hour. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { points: 5_000, windowSeconds: 3_600 };

/** GitHub allows 500,000 nodes; our nodes are larger and our memory budget smaller (docs/architecture.md). */
export const DEFAULT_MAX_QUERY_NODES = 50_000;
export const DEFAULT_REQUEST_SESSIONS = 4;

/** A revoked key may pass for this long on a replica that did not revoke it, without a shared Redis. */
export const DEFAULT_KEY_CACHE_MS = 10_000;

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

function onOff(env: NodeJS.ProcessEnv, key: string, fallback: boolean): boolean {
  const raw = str(env, key);
  if (raw === undefined) return fallback;
  if (raw === "on" || raw === "off") return raw === "on";
  throw new ConfigError(`${key} must be "on" or "off", got "${raw}"`);
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === "false") return false;
  if (raw === "true") return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  // Express takes a comma-separated list of addresses or subnets ("loopback", "10.0.0.0/8", ...).
  return raw;
}

function rateLimitStore(raw: string | undefined): { store?: string } {
  if (raw === undefined || raw === "memory") return {};
  if (!/^rediss?:\/\/./.test(raw)) {
    throw new ConfigError(`RATE_LIMIT_STORE must be "memory" or a redis:// or rediss:// URL, got "${raw}"`);
  }
  return { store: raw };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const neo4jUri = str(env, "NEO4J_URI");
  if (neo4jUri && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(neo4jUri)) {
    throw new ConfigError(`NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s://, got "${neo4jUri}"`);
  }
  const production = env.NODE_ENV === "production";
  const persisted = str(env, "PERSISTED_OPERATIONS") ?? "off";
  if (persisted !== "off" && persisted !== "only") {
    throw new ConfigError(`PERSISTED_OPERATIONS must be "off" or "only", got "${persisted}"`);
  }
  const federation = onOff(env, "FEDERATION", false);
  if (federation && persisted === "only") {
    // A gateway's fetches are documents it writes from its query plans, never the manifest's.
    throw new ConfigError(
      "FEDERATION=on cannot run with PERSISTED_OPERATIONS=only: the gateway's fetches are not in the manifest; safelist operations at the gateway",
    );
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
    metrics: onOff(env, "METRICS", true),
    metricsPort: str(env, "METRICS_PORT") === undefined ? undefined : int(env, "METRICS_PORT", 0, 0, 65535),
    shutdownDelayMs: int(env, "SHUTDOWN_DELAY_MS", 0, 0, 600_000),
    shutdownGraceMs: int(env, "SHUTDOWN_GRACE_MS", 10_000, 0, 600_000),
    production,
    explorer: onOff(env, "EXPLORER", !production),
    limits: {
      maxBodyBytes: int(env, "MAX_BODY_BYTES", DEFAULT_LIMITS.maxBodyBytes, 1_000, 100_000_000),
      maxDocumentBytes: int(env, "MAX_DOCUMENT_BYTES", DEFAULT_LIMITS.maxDocumentBytes, 100, 100_000_000),
      maxTokens: int(env, "MAX_TOKENS", DEFAULT_LIMITS.maxTokens, 10, 10_000_000),
      maxDepth: int(env, "MAX_DEPTH", DEFAULT_LIMITS.maxDepth, 1, 1_000),
      maxAliases: int(env, "MAX_ALIASES", DEFAULT_LIMITS.maxAliases, 0, 100_000),
      maxDirectives: int(env, "MAX_DIRECTIVES", DEFAULT_LIMITS.maxDirectives, 0, 100_000),
      maxBatch: int(env, "MAX_BATCH", DEFAULT_LIMITS.maxBatch, 1, 1_000),
    },
    rateLimit: {
      points: int(env, "RATE_LIMIT_POINTS", DEFAULT_RATE_LIMIT.points, 0, 1_000_000_000),
      windowSeconds: int(env, "RATE_LIMIT_WINDOW_S", DEFAULT_RATE_LIMIT.windowSeconds, 1, 31_536_000),
      ...rateLimitStore(str(env, "RATE_LIMIT_STORE")),
    },
    keyCacheMs: int(env, "KEY_CACHE_MS", DEFAULT_KEY_CACHE_MS, 0, 3_600_000),
    persistedOperations: persisted,
    federation,
    corsOrigins: (str(env, "CORS_ORIGINS") ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter((o) => o !== ""),
    trustProxy: trustProxy(str(env, "TRUST_PROXY")),
    auth: loadAuthConfig(env),
  };
}
