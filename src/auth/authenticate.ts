import { GraphQLError } from "graphql";
import { ErrorCode, unauthenticated } from "../errors.js";
import type { Executor } from "../graph/db/executor.js";
import type { Logger } from "../logger.js";
import type { AuthConfig } from "./config.js";
import { createJwtVerifier, type JwtVerifier } from "./jwt.js";
import { ApiKeyStore, KEY_PREFIX, type KeyStoreOptions } from "./keys.js";
import { anonymousViewer, type Viewer } from "./viewer.js";

export interface Authenticator {
  /**
   * The viewer of one request, from its Authorization header:
   * - none: a reader when ANONYMOUS_ACCESS=read, else UNAUTHENTICATED;
   * - `Bearer ckg_…`: an API key; `Bearer <header>.<payload>.<signature>`: a JWT;
   * - anything else, or credentials that do not check out (unknown, revoked, expired, bad signature):
   *   UNAUTHENTICATED with the reason, whatever ANONYMOUS_ACCESS says.
   * A database failure while checking a key rejects with the executor's error (DATABASE_UNAVAILABLE, …).
   * A valid key is taken on trust for `keyCacheMs` (0 by default: a key revoked a moment ago is refused);
   * see ApiKeyStore for the bound on revocations.
   */
  authenticate(authorization: string | undefined, ip: string): Promise<Viewer>;
  /** The key store it checks keys against. */
  readonly keys: ApiKeyStore;
  /** Resolves once pending lastUsedAt writes have ended; call before closing the driver. */
  settle(): Promise<void>;
}

export interface AuthenticatorOptions {
  /** The process's executor (not a request's: lastUsedAt writes may outlive the request). */
  executor: Executor;
  config: AuthConfig;
  logger: Logger;
  /** KEY_CACHE_MS; default 0, no cache. */
  keyCacheMs?: number;
  /** The replicas' revocation channel (server/redis.ts), when they share a Redis. */
  revocations?: KeyStoreOptions["revocations"];
}

// RFC 6750's b64token: the characters a bearer credential may hold.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Builds the authenticator once per process. Reads the JWKS file now, if one is configured (a bad
 * one throws a ConfigError naming JWT_JWKS).
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { config, logger } = options;
  const keys = new ApiKeyStore(options.executor, {
    logger,
    ...(options.keyCacheMs !== undefined && { cacheMs: options.keyCacheMs }),
    ...(options.revocations && { revocations: options.revocations }),
  });
  const jwt: JwtVerifier | undefined = config.jwt ? createJwtVerifier(config.jwt) : undefined;

  // Logs carry the reason, the ip and at most a keyId: never the key or the token.
  const refuse = (ip: string, message: string, fields: Record<string, unknown> = {}): GraphQLError => {
    logger.info({ ip, ...fields, reason: message }, "credentials refused");
    return unauthenticated(message);
  };

  async function fromKey(key: string, ip: string): Promise<Viewer> {
    const check = await keys.checkKey(key);
    switch (check.status) {
      case "malformed":
        throw refuse(ip, "The API key is malformed: an API key reads ckg_<id>_<secret>");
      case "unknown":
        throw refuse(ip, "The API key is not valid: no such key", { keyId: check.keyId });
      case "revoked":
        throw refuse(ip, `The API key has been revoked (at ${check.record.revokedAt}); ask for a new one`, {
          keyId: check.record.keyId,
        });
      case "valid":
        return { kind: "key", id: `key:${check.record.keyId}`, name: check.record.name, role: check.record.role };
    }
  }

  async function fromJwt(token: string, ip: string): Promise<Viewer> {
    if (!jwt) throw refuse(ip, "This service does not accept JWTs (JWT_JWKS is not set); send an API key instead");
    try {
      return await jwt.verify(token);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === ErrorCode.UNAUTHENTICATED) throw refuse(ip, error.message);
      throw error;
    }
  }

  return {
    keys,
    settle: () => keys.settle(),
    async authenticate(authorization, ip) {
      if (authorization === undefined) {
        if (config.anonymousAccess === "read") return anonymousViewer(ip, "reader");
        throw unauthenticated(
          "This service requires credentials: send Authorization: Bearer <key> with an API key (or a JWT from the identity provider)",
        );
      }
      const bearer = BEARER.exec(authorization.trim());
      if (!bearer) {
        throw refuse(
          ip,
          /^Bearer\b/i.test(authorization.trim())
            ? "The Authorization header is malformed: expected Authorization: Bearer <key>"
            : "Unsupported Authorization scheme: send Authorization: Bearer <key>",
        );
      }
      const credential = bearer[1]!;
      const viewer = credential.startsWith(KEY_PREFIX)
        ? await fromKey(credential, ip)
        : JWT_SHAPE.test(credential)
          ? await fromJwt(credential, ip)
          : undefined;
      if (!viewer) throw refuse(ip, "The bearer credential is neither an API key (ckg_…) nor a JWT");
      logger.debug({ viewer: viewer.id, role: viewer.role, ip }, "authenticated");
      return viewer;
    },
  };
}
