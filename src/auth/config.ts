import path from "node:path";
import { ConfigError } from "../config.js";
import { isRole, ROLES, type Role } from "./viewer.js";

/** How JWTs are checked; absent from `AuthConfig` when JWT_JWKS is unset, and then every JWT is refused. */
export interface JwtConfig {
  /** Where the signing keys come from: an http(s) JWKS URL (fetched and cached), or an absolute path to a JWKS file. */
  jwks: { kind: "url"; url: URL } | { kind: "file"; path: string };
  /** Set: the token's `iss` must equal it. */
  issuer: string | undefined;
  /** Set: the token's `aud` must contain it. */
  audience: string | undefined;
  /** The claim that carries the caller's roles or groups: a name, or a dotted path such as `realm_access.roles`. */
  rolesClaim: string;
  /** Set: claim values are looked up here (`idp-group` → role). Unset: the claim's values are role names themselves. */
  roleMap: ReadonlyMap<string, Role> | undefined;
}

export interface AuthConfig {
  /** `read`: a request without credentials is a reader; `none`: it is refused with UNAUTHENTICATED. */
  anonymousAccess: "read" | "none";
  jwt: JwtConfig | undefined;
}

export const DEFAULT_ROLES_CLAIM = "roles";

function str(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const raw = env[key]?.trim();
  return raw === undefined || raw === "" ? undefined : raw;
}

/**
 * Reads the identity settings (ANONYMOUS_ACCESS, JWT_JWKS, JWT_ISSUER, JWT_AUDIENCE, JWT_ROLES_CLAIM,
 * JWT_ROLE_MAP) and validates them; a bad value throws a `ConfigError` that names the variable.
 * A relative JWT_JWKS path is resolved against the working directory. The file itself is read when the
 * authenticator is created (`createJwtVerifier`), which fails just as clearly.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const anonymous = str(env, "ANONYMOUS_ACCESS") ?? "read";
  if (anonymous !== "read" && anonymous !== "none") {
    throw new ConfigError(`ANONYMOUS_ACCESS must be "read" or "none", got "${anonymous}"`);
  }
  const jwks = str(env, "JWT_JWKS");
  const issuer = str(env, "JWT_ISSUER");
  const audience = str(env, "JWT_AUDIENCE");
  const rolesClaim = str(env, "JWT_ROLES_CLAIM");
  const roleMap = str(env, "JWT_ROLE_MAP");
  if (jwks === undefined) {
    // A JWT setting without the keys would silently do nothing: say so rather than refuse every token later.
    const orphan = Object.entries({
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: audience,
      JWT_ROLES_CLAIM: rolesClaim,
      JWT_ROLE_MAP: roleMap,
    })
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key);
    if (orphan.length > 0) throw new ConfigError(`${orphan.join(", ")} set but JWT_JWKS is not: set JWT_JWKS to accept JWTs`);
    return { anonymousAccess: anonymous, jwt: undefined };
  }
  return {
    anonymousAccess: anonymous,
    jwt: {
      jwks: parseJwks(jwks),
      issuer,
      audience,
      rolesClaim: parseRolesClaim(rolesClaim ?? DEFAULT_ROLES_CLAIM),
      roleMap: roleMap === undefined ? undefined : parseRoleMap(roleMap),
    },
  };
}

function parseJwks(raw: string): JwtConfig["jwks"] {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(`JWT_JWKS is not a valid URL: "${raw}"`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new ConfigError(`JWT_JWKS must be an http(s) URL or a file path, got "${raw}"`);
    }
    return { kind: "url", url };
  }
  return { kind: "file", path: path.resolve(raw) };
}

function parseRolesClaim(raw: string): string {
  if (raw.split(".").some((part) => part === "")) {
    throw new ConfigError(`JWT_ROLES_CLAIM must be a claim name or a dotted path such as realm_access.roles, got "${raw}"`);
  }
  return raw;
}

/**
 * `idp-group:admin,other:reader`. The role follows the last colon, so a group may itself hold colons
 * (`urn:acme:group:ops:editor`).
 */
export function parseRoleMap(raw: string): ReadonlyMap<string, Role> {
  const map = new Map<string, Role>();
  for (const entry of raw.split(",")) {
    const item = entry.trim();
    if (item === "") continue;
    const colon = item.lastIndexOf(":");
    const value = colon > 0 ? item.slice(0, colon).trim() : "";
    const role = colon > 0 ? item.slice(colon + 1).trim() : "";
    if (value === "" || role === "") {
      throw new ConfigError(`JWT_ROLE_MAP entries are claim-value:role, got "${item}"`);
    }
    if (!isRole(role))
      throw new ConfigError(`JWT_ROLE_MAP maps "${value}" to "${role}", which is not one of ${ROLES.join(", ")}`);
    if (map.has(value)) throw new ConfigError(`JWT_ROLE_MAP maps "${value}" twice`);
    map.set(value, role);
  }
  if (map.size === 0) throw new ConfigError("JWT_ROLE_MAP has no entries; leave it unset to take role names from the claim");
  return map;
}
