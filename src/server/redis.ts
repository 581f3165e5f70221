import { Redis } from "ioredis";
import type { Logger } from "../logger.js";

/**
 * What replicas of the service share through Redis (RATE_LIMIT_STORE=redis://…): the rate-limit
 * counts (rate-limit.ts keeps them under `chain-kg:rl:*`) and a channel on which a replica that revokes
 * an API key tells the others to drop it from their key caches at once (auth/keys.ts).
 *
 * Redis is a help, not a dependency: when it cannot be reached, requests go on (the rate limits fall
 * back to per-process counts, and a revoked key is refused elsewhere once KEY_CACHE_MS has passed), and
 * ioredis reconnects in the background.
 */
export interface SharedStore {
  /** The connection commands go through (rate-limiter-flexible's storeClient). */
  readonly client: Redis;
  /** Tells every replica subscribed (this one included) that `keyId` was revoked. */
  publishRevoked(keyId: string): Promise<void>;
  /** Calls `listener` with each keyId any replica revokes, from now on. */
  onRevoked(listener: (keyId: string) => void): void;
  close(): Promise<void>;
}

/** The channel revocations travel on. */
export const REVOKED_CHANNEL = "chain-kg:api-keys:revoked";

/** How long start-up waits for Redis before going on without it (it keeps reconnecting). */
const CONNECT_WAIT_MS = 5_000;

/** The URL without its password, for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "redis://…";
  }
}

/**
 * Connects to the Redis at `url` (two connections: one for commands, one subscribed to the revocation
 * channel). Waits up to CONNECT_WAIT_MS for both; if Redis does not answer by then, logs it and returns
 * anyway.
 */
export async function connectShared(url: string, logger: Logger): Promise<SharedStore> {
  const where = redactRedisUrl(url);
  // No offline queue: a command while Redis is away fails at once (and the rate limiter's insurance
  // takes over) instead of waiting for a reconnection with the request held.
  const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, connectionName: "chain-kg" };
  const client = new Redis(url, options);
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
  const listeners: Array<(keyId: string) => void> = [];
  let warned = false;
  for (const connection of [client, subscriber]) {
    connection.on("error", (error: Error) => {
      // ioredis reports every failed reconnection: log the first of a run, not each one.
      if (!warned) logger.warn({ err: error, redis: where }, "redis unreachable: rate limits count per process until it is back");
      warned = true;
    });
    connection.on("ready", () => {
      if (warned) logger.info({ redis: where }, "redis reachable again");
      warned = false;
    });
  }
  subscriber.on("message", (channel: string, keyId: string) => {
    if (channel !== REVOKED_CHANNEL) return;
    for (const listener of listeners) listener(keyId);
  });

  const connected = Promise.all([client.connect(), subscriber.connect().then(() => subscriber.subscribe(REVOKED_CHANNEL))]);
  const waited = await Promise.race([
    connected.then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), CONNECT_WAIT_MS).unref()),
  ]);
  if (waited) logger.info({ redis: where }, "shared store connected: rate limits and key revocations are shared");
  else logger.warn({ redis: where }, "redis did not answer at start: going on, and reconnecting in the background");
  // A subscription made while Redis was away is made again by ioredis when it reconnects
  // (autoResubscribe); a connect() that failed is retried by its reconnect strategy.
  connected.catch(() => undefined);

  return {
    client,
    async publishRevoked(keyId) {
      await client.publish(REVOKED_CHANNEL, keyId);
    },
    onRevoked(listener) {
      listeners.push(listener);
    },
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
