import { spawn } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "../../src/graph/db/local-neo4j.js";

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Stops the server (SIGTERM, which exits at once with `--save ''`); resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * A real redis-server (Debian's package: `apt-get install redis-server`; .ci/run installs it) on a
 * free loopback port, keeping nothing on disk. Resolves once it answers PING.
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  child.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once("error", (error) =>
      reject(new Error(`redis-server could not start (apt-get install redis-server): ${error.message}`)),
    ),
  );
  const url = `redis://127.0.0.1:${port}`;
  const until = Date.now() + 20_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => undefined);
    const answered = await Promise.race([
      probe
        .connect()
        .then(() => probe.ping())
        .then(
          () => true,
          () => false,
        ),
      spawnFailed,
    ]);
    probe.disconnect();
    if (answered) break;
    if (child.exitCode !== null || Date.now() > until) throw new Error(`redis-server did not answer on ${url}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
