import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { GraphQLError } from "graphql";
import { badInput, ErrorCode, notFound } from "../errors.js";
import type { Executor } from "../graph/db/executor.js";
import type { Logger } from "../logger.js";
import { isRole, ROLES, type Role } from "./viewer.js";

/**
 * API keys, stored as `(:ApiKey {keyId, name, role, hash, createdAt, lastUsedAt, revokedAt})`.
 *
 * A key reads `ckg_<keyId>_<secret>`: the prefix lets secret scanners and log filters spot it, the
 * keyId (public, in logs as `key:<keyId>`) finds the node through a unique constraint, and the secret
 * is 256 random bits. Only a SHA-256 hash of the whole key is stored, so a copy of the database does
 * not hand out working keys.
 *
 * Rotating a key is creating a new one and revoking the old one once its users have switched:
 * `keys create --name ci-2 --role editor`, deploy, `keys revoke ci`. Names stay unique for good, a
 * revoked key's too, so the log of who used which name stays unambiguous.
 */

export const KEY_PREFIX = "ckg_";
const KEY_ID_BYTES = 8;
const SECRET_BYTES = 32;
/** `ckg_` + 16 hex digits + `_` + 43 base64url characters (32 bytes, unpadded). */
const KEY_PATTERN = /^ckg_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A key as listed: everything but its hash. Times are ISO-8601 strings. */
export interface ApiKeyRecord {
  keyId: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedKey {
  /** The key itself. It exists nowhere else: show it once and forget it. */
  key: string;
  record: ApiKeyRecord;
}

/** What checking a presented key found; `authenticate` turns each into its own message. */
export type KeyCheck =
  | { status: "valid"; record: ApiKeyRecord }
  | { status: "malformed" }
  /** No key with this keyId, or one whose hash differs: the same answer, so keyIds cannot be probed. */
  | { status: "unknown"; keyId: string }
  | { status: "revoked"; record: ApiKeyRecord };

export interface KeyStoreOptions {
  logger?: Logger;
  /** lastUsedAt is written at most this often per key and process; default one minute. */
  touchIntervalMs?: number;
  /**
   * How long a key found valid is taken on trust before it is looked up again (KEY_CACHE_MS); default 0,
   * every check reads the database. A key revoked through this store is dropped at once.
   */
  cacheMs?: number;
  /**
   * Where revocations are told to the other replicas, and heard from them (server/redis.ts): a key any
   * replica revokes is dropped from this store's cache as soon as the message arrives.
   */
  revocations?: {
    publishRevoked(keyId: string): Promise<void>;
    onRevoked(listener: (keyId: string) => void): void;
  };
}

/** Throws BAD_USER_INPUT unless `name` is 1–64 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export function validateKeyName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw badInput(
      `An API key name is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit; got "${name}"`,
      "name",
    );
  }
}

/** Throws BAD_USER_INPUT unless `role` is one of the roles. */
export function validateRole(role: string): asserts role is Role {
  if (!isRole(role)) throw badInput(`The role must be one of ${ROLES.join(", ")}; got "${role}"`, "role");
}

/**
 * SHA-256, hex. A fast hash is right here, unlike for passwords: a slow KDF (bcrypt, argon2) exists
 * to make guessing low-entropy secrets expensive, but a 256-bit random secret cannot be guessed at
 * any hashing speed, so slowness would only add latency to every request. GitHub stores its tokens
 * the same way.
 */
export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Splits a key into its parts; null when it is not shaped like one of ours. */
export function parseKey(key: string): { keyId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { keyId: match[1]!, secret: match[2]! } : null;
}

const RECORD = `{
  keyId: k.keyId, name: k.name, role: k.role,
  createdAt: toString(k.createdAt), lastUsedAt: toString(k.lastUsedAt), revokedAt: toString(k.revokedAt)
}`;

// MERGE on the constrained name takes its lock, so two concurrent creates of one name cannot both
// win; the fresh random keyId tells whether this call created the node or found an older one.
const CREATE = `MERGE (k:ApiKey {name: $name})
ON CREATE SET k.keyId = $keyId, k.role = $role, k.hash = $hash, k.createdAt = datetime()
RETURN k.keyId = $keyId AS created, ${RECORD} AS record`;

const LIST = `MATCH (k:ApiKey) RETURN ${RECORD} AS record ORDER BY k.createdAt, k.name`;

const REVOKE = `MATCH (k:ApiKey {name: $name})
WITH k, k.revokedAt IS NOT NULL AS already
SET k.revokedAt = coalesce(k.revokedAt, datetime())
RETURN already, ${RECORD} AS record`;

const LOOKUP = `MATCH (k:ApiKey {keyId: $keyId}) RETURN k.hash AS hash, ${RECORD} AS record`;

// The WHERE also spares the write when another process touched the key within the interval.
const TOUCH = `MATCH (k:ApiKey {keyId: $keyId})
WHERE k.lastUsedAt IS NULL OR k.lastUsedAt < datetime() - duration({milliseconds: $intervalMs})
SET k.lastUsedAt = datetime()`;

interface StoredRecord {
  keyId: string;
  name: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toRecord(stored: StoredRecord): ApiKeyRecord {
  // Only a hand-edited node could hold another role; refuse it rather than guess its rights.
  if (!isRole(stored.role)) throw new Error(`ApiKey "${stored.name}" has the unknown role "${stored.role}"`);
  return { ...stored, role: stored.role };
}

const MAX_CACHED_KEYS = 10_000;

/** A key found valid, kept for `cacheMs`: by the hash of the whole key, so only that exact key hits. */
interface CachedKey {
  record: ApiKeyRecord;
  until: number;
}

/**
 * The API keys, through the executor. One store per process: it remembers when it last wrote each
 * key's lastUsedAt, and (with `cacheMs`) which keys it found valid lately.
 *
 * The cache's bound on revocation: a key revoked through this store is refused on the very next
 * request; one revoked elsewhere (another replica, `npm run keys -- revoke`) is refused here as soon as
 * the revocation channel says so, and at the latest `cacheMs` after this store last looked it up. Only
 * valid keys are cached: an unknown or revoked key is looked up every time, so creating a key takes
 * effect at once.
 */
export class ApiKeyStore {
  private readonly touched = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  private readonly touchIntervalMs: number;
  private readonly cacheMs: number;
  /** hash of the key → its record and until when it is trusted. */
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    private readonly executor: Executor,
    private readonly options: KeyStoreOptions = {},
  ) {
    this.touchIntervalMs = options.touchIntervalMs ?? 60_000;
    this.cacheMs = options.cacheMs ?? 0;
    options.revocations?.onRevoked((keyId) => this.forget(keyId));
  }

  /** Drops `keyId` from the cache: its next check reads the database. */
  forget(keyId: string): void {
    for (const [hash, cached] of this.cache) if (cached.record.keyId === keyId) this.cache.delete(hash);
  }

  /** Creates a key; BAD_USER_INPUT for a bad name or role, or a name already taken (revoked keys' names included). */
  async createKey(input: { name: string; role: string }): Promise<CreatedKey> {
    validateKeyName(input.name);
    validateRole(input.role);
    const keyId = randomBytes(KEY_ID_BYTES).toString("hex");
    const key = `${KEY_PREFIX}${keyId}_${randomBytes(SECRET_BYTES).toString("base64url")}`;
    const [row] = await this.executor.write<{ created: boolean; record: StoredRecord }>("apiKey.create", CREATE, {
      name: input.name,
      keyId,
      role: input.role,
      hash: hashKey(key),
    });
    if (!row?.created) {
      throw badInput(`An API key named "${input.name}" already exists; choose another name`, "name");
    }
    return { key, record: toRecord(row.record) };
  }

  /** Every key, oldest first, revoked ones included. Hashes never leave the store. */
  async listKeys(): Promise<ApiKeyRecord[]> {
    const rows = await this.executor.read<{ record: StoredRecord }>("apiKey.list", LIST);
    return rows.map((r) => toRecord(r.record));
  }

  /**
   * Revokes the key named `name` (NOT_FOUND if there is none); revoking twice keeps the first time.
   * The next request with it is refused.
   */
  async revokeKey(name: string): Promise<{ record: ApiKeyRecord; alreadyRevoked: boolean }> {
    const [row] = await this.executor.write<{ already: boolean; record: StoredRecord }>("apiKey.revoke", REVOKE, { name });
    if (!row) throw notFound("API key", name);
    const record = toRecord(row.record);
    this.forget(record.keyId);
    // The revocation is in the database whatever happens next; the message only spares the other
    // replicas the rest of their KEY_CACHE_MS.
    await this.options.revocations?.publishRevoked(record.keyId).catch((error: unknown) => {
      this.options.logger?.warn(
        { err: error, keyId: record.keyId },
        "revocation not published: other replicas refuse the key within KEY_CACHE_MS",
      );
    });
    return { record, alreadyRevoked: row.already };
  }

  /** The key's record when it is valid and not revoked, else null. */
  async verifyKey(key: string): Promise<ApiKeyRecord | null> {
    const check = await this.checkKey(key);
    return check.status === "valid" ? check.record : null;
  }

  /**
   * Checks a presented key against the store, and on success schedules a lastUsedAt write without
   * waiting for it. A database failure rejects with the executor's typed error (DATABASE_UNAVAILABLE, …).
   */
  async checkKey(key: string): Promise<KeyCheck> {
    const parts = parseKey(key);
    if (!parts) return { status: "malformed" };
    const hash = hashKey(key);
    const cached = this.cache.get(hash);
    if (cached !== undefined) {
      if (cached.until > Date.now()) {
        this.touch(cached.record.keyId);
        return { status: "valid", record: cached.record };
      }
      this.cache.delete(hash);
    }
    const [row] = await this.executor.read<{ hash: string; record: StoredRecord }>("apiKey.lookup", LOOKUP, {
      keyId: parts.keyId,
    });
    if (!row || !sameHash(row.hash, hash)) return { status: "unknown", keyId: parts.keyId };
    const record = toRecord(row.record);
    if (record.revokedAt !== null) return { status: "revoked", record };
    if (this.cacheMs > 0) {
      // Entries expire when next looked at; a store checking a great many distinct keys starts afresh.
      if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
      this.cache.set(hash, { record, until: Date.now() + this.cacheMs });
    }
    this.touch(record.keyId);
    return { status: "valid", record };
  }

  /** Resolves once every lastUsedAt write started so far has ended (before closing the driver, and in tests). */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private touch(keyId: string): void {
    const now = Date.now();
    const last = this.touched.get(keyId);
    if (last !== undefined && now - last < this.touchIntervalMs) return;
    this.touched.set(keyId, now);
    const write = this.executor
      .write("apiKey.touch", TOUCH, { keyId, intervalMs: this.touchIntervalMs })
      .then(
        () => undefined,
        (error: unknown) => {
          // Bookkeeping only: the request goes on, and a later one tries again.
          this.touched.delete(keyId);
          const code = error instanceof GraphQLError ? error.extensions.code : undefined;
          if (code !== ErrorCode.DATABASE_UNAVAILABLE)
            this.options.logger?.warn({ err: error, keyId }, "apiKey lastUsedAt not written");
        },
      )
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }
}

/** Constant-time comparison of two hex SHA-256 digests. */
function sameHash(storedHex: string, presentedHex: string): boolean {
  const stored = Buffer.from(storedHex, "hex");
  const presented = Buffer.from(presentedHex, "hex");
  // timingSafeEqual throws on unequal lengths; a stored hash of another length is simply no match.
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}
