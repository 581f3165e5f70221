import { readFileSync } from "node:fs";
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import { ConfigError } from "../config.js";
import { unauthenticated } from "../errors.js";
import type { JwtConfig } from "./config.js";
import { isRole, ROLES, type Role, type Viewer } from "./viewer.js";

/** Checks bearer JWTs and turns a good one into a viewer. */
export interface JwtVerifier {
  /** The token's viewer; UNAUTHENTICATED, with the reason, for any token that is not accepted. Never echoes the token. */
  verify(token: string): Promise<Viewer>;
}

/** Clocks of the identity provider and of this service may differ by this much. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Builds the verifier. A JWKS file is read now (a bad one throws a `ConfigError` naming JWT_JWKS), so
 * new keys in it need a restart; a JWKS URL is fetched on first use, cached, and fetched again when a
 * token names a key it does not hold (jose's `createRemoteJWKSet`), which follows the provider's key rotation.
 *
 * Accepted tokens are signed by a key of the set (jose refuses `alg: none` and secret-key algorithms
 * with a key set), unexpired, carry `sub` and `exp`, match JWT_ISSUER and JWT_AUDIENCE when set, and
 * map to a role through JWT_ROLES_CLAIM (and JWT_ROLE_MAP); the highest role wins.
 */
export function createJwtVerifier(config: JwtConfig): JwtVerifier {
  const keys =
    config.jwks.kind === "url" ? createRemoteJWKSet(config.jwks.url) : createLocalJWKSet(readJwksFile(config.jwks.path));
  return {
    async verify(token: string): Promise<Viewer> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: config.issuer,
          audience: config.audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ["sub", "exp"],
        }));
      } catch (error) {
        throw unauthenticated(`The token is not accepted: ${reason(error)}`);
      }
      const role = roleOf(payload, config);
      if (role === null) {
        throw unauthenticated(
          `The token is valid but carries no role this service knows in its "${config.rolesClaim}" claim` +
            (config.roleMap ? " (none of its values is in JWT_ROLE_MAP)" : ` (expected one of ${ROLES.join(", ")})`),
        );
      }
      const sub = payload.sub!;
      const name = [payload.name, payload.preferred_username].find((v): v is string => typeof v === "string" && v !== "");
      return { kind: "jwt", id: `jwt:${payload.iss ?? ""}|${sub}`, name: name ?? sub, role };
    },
  };
}

function readJwksFile(file: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(
      `JWT_JWKS: cannot read a JSON key set from ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0)
    throw new ConfigError(`JWT_JWKS: ${file} is not a JWKS ({"keys": [...]}) with keys`);
  return parsed as JSONWebKeySet;
}

/** Why jose refused a token, in words for the caller; never the token itself. */
function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "it has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "its issuer (iss) is not the one this service trusts";
    if (error.claim === "aud") return "its audience (aud) does not include this service";
    if (error.claim === "nbf") return "it is not valid yet (nbf)";
    if (error.reason === "missing") return `it has no "${error.claim}" claim`;
    return `its "${error.claim}" claim is not valid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "its signature does not verify";
  if (error instanceof errors.JWKSNoMatchingKey) return "it is signed by a key this service does not know";
  if (error instanceof errors.JWKSMultipleMatchingKeys) return "its signature does not verify";
  if (error instanceof errors.JOSENotSupported || error instanceof errors.JOSEAlgNotAllowed)
    return "its algorithm is not accepted";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return "it is malformed";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError) {
    // TypeError: fetch failed. The token may be fine; the provider's key set could not be had.
    return "the signing keys could not be fetched from the identity provider; try again shortly";
  }
  return "it could not be verified";
}

/**
 * The claim's values: `rolesClaim` is first taken as one claim name (namespaced claims such as
 * `https://acme.example/roles` hold dots), then as a dotted path into nested objects. A string is one value.
 */
export function claimValues(payload: JWTPayload, rolesClaim: string): string[] {
  let value: unknown = payload[rolesClaim];
  if (value === undefined) {
    value = rolesClaim
      .split(".")
      .reduce<unknown>(
        (at, key) => (at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined),
        payload,
      );
  }
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** The highest role the token's claim values map to, or null when none does. */
export function roleOf(payload: JWTPayload, config: Pick<JwtConfig, "rolesClaim" | "roleMap">): Role | null {
  let best: Role | null = null;
  for (const value of claimValues(payload, config.rolesClaim)) {
    const role = config.roleMap ? config.roleMap.get(value) : isRole(value) ? value : undefined;
    if (role !== undefined && (best === null || ROLES.indexOf(role) > ROLES.indexOf(best))) best = role;
  }
  return best;
}
