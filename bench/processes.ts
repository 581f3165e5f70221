/**
 * The servers under test, each a child `node` process of its own (started as
 * `node --import tsx <script>`, so the child's pid is the node process itself and /proc/<pid>/status
 * gives its peak RSS), with its output in a log file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, closeSync } from "node:fs";
import path from "node:path";
import { cpuMsOf, memoryOf, ROOT, sleep } from "./util.js";

export interface Child {
  name: string;
  pid: number;
  url: string;
  logFile: string;
  /** Peak (VmHWM) and current (VmRSS) resident set in kB, read from /proc. */
  memory(): { peakKb: number; rssKb: number } | null;
  /** CPU time used so far (user + system), in ms. */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

export { freePort } from "../src/graph/db/local-neo4j.js";

export interface StartOptions {
  name: string;
  /** Script path relative to the repository root. */
  script: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** GET this path until it answers 200 (or a POST probe, see `probe`). */
  ready: { path: string; method?: "GET" | "POST"; body?: string };
  logDir: string;
  timeoutMs?: number;
}

export async function startChild(options: StartOptions): Promise<Child> {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const fd = openSync(logFile, "w");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", options.script], {
    cwd: ROOT,
    env: { ...options.env, PORT: String(options.port) },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`${options.name} exited with code ${exitCode} before it was ready; see ${logFile}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} was not ready within ${options.timeoutMs ?? 120_000} ms; see ${logFile}`);
    }
    try {
      const res = await fetch(url + options.ready.path, {
        method: options.ready.method ?? "GET",
        headers: { "content-type": "application/json" },
        ...(options.ready.body ? { body: options.ready.body } : {}),
      });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  const pid = child.pid!;
  return {
    name: options.name,
    pid,
    url,
    logFile,
    memory: () => memoryOf(pid),
    cpuMs: () => cpuMsOf(pid),
    stop: async () => {
      if (exitCode !== undefined) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Samples a child's RSS while `work` runs; returns the largest sample in kB, and the CPU ms it used meanwhile. */
export async function sampled<T>(
  child: Child,
  work: () => Promise<T>,
): Promise<{ value: T; maxKb: number; cpuMs: number | null }> {
  let maxKb = child.memory()?.rssKb ?? 0;
  const cpuBefore = child.cpuMs();
  const timer = setInterval(() => {
    maxKb = Math.max(maxKb, child.memory()?.rssKb ?? 0);
  }, 100);
  try {
    const value = await work();
    const cpuAfter = child.cpuMs();
    return { value, maxKb, cpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null };
  } finally {
    clearInterval(timer);
  }
}
