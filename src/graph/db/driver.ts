import net from "node:net";
import tls from "node:tls";
import neo4j, { type Driver } from "neo4j-driver";
import type { Logger } from "../../logger.js";

export interface DriverOptions {
  uri: string;
  username: string;
  password: string;
  logger: Logger;
}

let noDelay = false;

/**
 * Turns Nagle's algorithm off for the driver's sockets. neo4j-driver writes a message in chunks of
 * about 1,400 bytes and never sets TCP_NODELAY, so a statement longer than one chunk (most planned
 * reads are) waits for the server's delayed ACK: 40 ms on Linux, every time (measured: a 3.5 kB
 * statement that the server ran in 5 ms took 50 ms at the client). The driver opens its sockets with
 * `net.connect` and `tls.connect`; both get the socket option set as it connects.
 */
function enableNoDelay(): void {
  if (noDelay) return;
  noDelay = true;
  for (const module of [net, tls] as Array<{ connect: (...args: never[]) => net.Socket }>) {
    const connect = module.connect;
    module.connect = (...args: never[]) => connect.apply(module, args).setNoDelay(true);
  }
}

/**
 * One driver per process. Local Neo4j runs without auth; a remote one gets basic auth.
 * Integers arrive as JavaScript numbers (`disableLosslessIntegers`): every count and quantity in this
 * graph is far below 2^53.
 */
export function createDriver(options: DriverOptions): Driver {
  enableNoDelay();
  const auth = options.password ? neo4j.auth.basic(options.username, options.password) : undefined;
  return neo4j.driver(options.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    // Only the driver's own managed calls retry this long (waitForDatabase); the Executor runs its own
    // transactions and retries within the request's deadline (QUERY_TIMEOUT_MS) instead.
    maxTransactionRetryTime: 5_000,
    userAgent: "chain-kg/0.1",
    logging: {
      level: "warn",
      logger: (level, message) => options.logger[level === "error" ? "error" : "warn"]({ neo4j: true }, message),
    },
  });
}

/** Waits until the database answers a query, or fails after `timeoutMs`. */
export async function waitForDatabase(driver: Driver, database: string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await driver.executeQuery("RETURN 1", {}, { database });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Neo4j did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}
