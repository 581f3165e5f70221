import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/graph/db/local-neo4j.js";
import { startService, type Service } from "../support/service.js";

/**
 * The production build (`npm run build`, then `node dist/main.js`) on its own local Neo4j, and its
 * clean stop: on SIGTERM `/ready` answers 503 at once while requests are still served for
 * SHUTDOWN_DELAY_MS, the request in flight finishes, and the process exits 0 with its local Neo4j.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const DELAY_MS = 2_000;

/** The pids of the processes whose command line holds `text` (the local Neo4j names its data folder). */
function pidsWith(text: string): number[] {
  try {
    return execFileSync("pgrep", ["-f", text], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe("the production build", () => {
  let service: Service | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "chain-kg-prod-neo4j-"));

  beforeAll(async () => {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "pipe" });
    service = await startService(
      {
        NEO4J_URI: "",
        LOCAL_NEO4J_DIR: dataDir,
        LOCAL_NEO4J_PORT: String(await freePort()),
        SEED: "none",
        NODE_ENV: "production",
        SHUTDOWN_DELAY_MS: String(DELAY_MS),
        SHUTDOWN_GRACE_MS: "5000",
      },
      180_000,
      "dist/main.js",
    );
  }, 240_000);

  afterAll(async () => {
    await service?.stop();
  });

  it("compiles src/ to dist/, with the manifest it reads at run time", () => {
    expect(existsSync(path.join(ROOT, "dist/main.js"))).toBe(true);
    expect(existsSync(path.join(ROOT, "dist/generated/persisted-operations.json"))).toBe(true);
  });

  it("serves GraphQL from node dist/main.js on its own local Neo4j", async () => {
    const res = await fetch(`${service!.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ regions(first: 1) { totalCount } }" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { regions: { totalCount: 0 } } });
    expect(pidsWith(dataDir).length).toBeGreaterThan(0);
  });

  it("on SIGTERM: /ready answers 503 at once, requests are served until it stops listening, and it exits 0 with its Neo4j", async () => {
    const s = service!;
    const query = (q: string) =>
      fetch(`${s.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: q }),
      });
    const inFlight = query("{ regions(first: 5) { totalCount nodes { code } } }");
    const signalled = Date.now();
    s.signal("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    const ready = await fetch(`${s.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "stopping", reason: "the service is shutting down" });
    const during = await query("{ regions(first: 1) { totalCount } }");
    expect(during.status).toBe(200);
    expect((await inFlight).status).toBe(200);
    const { code } = await s.exited;
    expect(code, s.output()).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(DELAY_MS);
    expect(s.output()).toContain("shutting down");
    // The local Neo4j went with it.
    const deadline = Date.now() + 30_000;
    while (pidsWith(dataDir).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(pidsWith(dataDir)).toEqual([]);
    await expect(fetch(`${s.url}/ready`)).rejects.toThrow();
  }, 60_000);
});
