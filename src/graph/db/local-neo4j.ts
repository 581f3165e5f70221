import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../../logger.js";

const LAUNCHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../neo4j-launcher");
const CLASSPATH_FILE = path.join(LAUNCHER_DIR, "target/classpath.txt");
const CLASSES_DIR = path.join(LAUNCHER_DIR, "target/classes");

export interface LocalNeo4jOptions {
  dir: string;
  port: number;
  pageCacheMb: number;
  heapMb: number;
  logger: Logger;
  /** How long to wait for "ready", in milliseconds. */
  startTimeoutMs?: number;
}

export interface LocalNeo4j {
  uri: string;
  /** Stops Neo4j cleanly (SIGTERM, then SIGKILL after 30 s). */
  stop(): Promise<void>;
  /**
   * Kills Neo4j abruptly (SIGKILL: no shutdown, like a crash or an OOM kill); resolves once it has
   * exited. `startLocalNeo4j` with the same `dir` and `port` starts it again on the same data.
   */
  kill(): Promise<void>;
  /** Resolves when the process exits, for whatever reason. */
  exited: Promise<number | null>;
}

/** True when the launcher's classpath has been built (by `npm run neo4j:setup`). */
export function launcherIsBuilt(): boolean {
  return existsSync(CLASSPATH_FILE) && existsSync(path.join(CLASSES_DIR, "chain/neo4j/LocalNeo4j.class"));
}

/**
 * Builds the launcher with Maven: downloads Neo4j Community from Maven Central, compiles the one Java
 * class and writes the runtime classpath. Runs once; later starts only read `target/classpath.txt`.
 */
export function buildLauncher(logger: Logger): void {
  logger.info({ dir: LAUNCHER_DIR }, "building the local Neo4j launcher with Maven (first run only)");
  const result = spawnSync("mvn", ["-q", "-B", "-f", path.join(LAUNCHER_DIR, "pom.xml"), "package"], {
    stdio: "inherit",
  });
  if (result.error) throw new Error(`could not run Maven (is it installed?): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`Maven failed with exit code ${result.status}`);
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts Neo4j Community embedded (neo4j-launcher/) with Bolt on 127.0.0.1:`port` and data under `dir`.
 * Resolves once the default database answers. The child also watches its stdin, so it stops when this
 * process dies without a chance to signal it.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  if (!launcherIsBuilt()) buildLauncher(options.logger);
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const classpath = `${CLASSES_DIR}${path.delimiter}${readFileSync(CLASSPATH_FILE, "utf8").trim()}`;
  const child: ChildProcess = spawn(
    "java",
    [
      `-Xmx${options.heapMb}m`,
      "-XX:+UseG1GC",
      "-cp",
      classpath,
      "chain.neo4j.LocalNeo4j",
      dir,
      String(options.port),
      String(options.pageCacheMb),
      "--watch-stdin",
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const uri = `bolt://127.0.0.1:${options.port}`;
  const log = options.logger.child({ component: "local-neo4j" });
  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`local Neo4j did not start within ${options.startTimeoutMs ?? 120_000} ms\n${stderrTail}`)),
      options.startTimeoutMs ?? 120_000,
    );
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes("NEO4J_READY")) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`local Neo4j exited with code ${code} before it was ready (is port ${options.port} free?)\n${stderrTail}`),
      );
    });
  });
  log.info({ uri, dir }, "local Neo4j ready");

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(killer);
      log.info("local Neo4j stopped");
    })();
    return stopping;
  };
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    log.info("local Neo4j killed");
  };
  return { uri, stop, kill, exited };
}
