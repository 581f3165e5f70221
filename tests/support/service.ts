import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../src/graph/db/local-neo4j.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Service {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** The process's resident set size now, in kB (VmRSS of /proc/<pid>/status). */
  rssKb(): number;
  /** The last 32 kB of what the service wrote, for failure messages. */
  output(): string;
  /** SIGTERM (the service's clean shutdown), SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** Sends a signal and returns at once. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (null: killed by a signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns the real service, `node --import tsx src/main.ts` (or, with `entry: "dist/main.js"`, the
 * production build), as one process (no npm or tsx wrapper, so its pid is the server's own), with
 * `env` over the parent's environment and a free PORT, and waits until `/ready` answers 200. The child
 * dies with this process (its stdin is a pipe we hold).
 */
export async function startService(
  env: Record<string, string>,
  readyTimeoutMs = 120_000,
  entry: "src/main.ts" | "dist/main.js" = "src/main.ts",
  /** Called with everything the service writes, as it writes it (before it is ready, too). */
  onOutput?: (text: string) => void,
): Promise<Service> {
  const port = await freePort();
  const args = entry === "src/main.ts" ? ["--import", "tsx", entry] : [entry];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-32_000);
    onOutput?.(chunk.toString());
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  const service: Service = {
    url,
    pid: child.pid!,
    rssKb() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (!match) throw new Error(`no VmRSS in /proc/${child.pid}/status`);
      return Number(match[1]);
    },
    output: () => tail,
    exited,
    signal: (signal) => void child.kill(signal),
    async stop(graceMs = 10_000) {
      if (!alive()) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };

  const until = Date.now() + readyTimeoutMs;
  for (;;) {
    if (!alive()) throw new Error(`the service exited before it was ready:\n${tail}`);
    try {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return service;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      await service.stop(1_000);
      throw new Error(`the service was not ready within ${readyTimeoutMs} ms:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
