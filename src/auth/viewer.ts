/**
 * Who is calling, as every resolver, plugin and log line sees it. Built once per request by
 * `authenticate` (src/auth/authenticate.ts) from an API key, a JWT or nothing at all.
 */

/** The roles, each including the rights of those before it. */
export const ROLES = ["reader", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` has at least the rights of `needed`. */
export function hasRole(role: Role | null, needed: Role): boolean {
  return role !== null && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** How a caller proved who it is. */
export const VIEWER_KINDS = ["anonymous", "key", "jwt"] as const;
export type ViewerKind = (typeof VIEWER_KINDS)[number];

export interface Viewer {
  kind: ViewerKind;
  /**
   * A stable, non-secret identifier, used for rate limits and logs: `key:<keyId>`, `jwt:<iss>|<sub>`,
   * or `ip:<address>` for anonymous callers. Never the key or the token.
   */
  id: string;
  /** A display name: the key's name, the token's subject, or "anonymous". */
  name: string;
  /** The viewer's role; null when anonymous access is off and the request carried no credentials. */
  role: Role | null;
}

export function anonymousViewer(ip: string, role: Role | null): Viewer {
  return { kind: "anonymous", id: `ip:${ip}`, name: "anonymous", role };
}
