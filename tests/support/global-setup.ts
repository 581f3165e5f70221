import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startLocalNeo4j, type LocalNeo4j } from "../../src/graph/db/local-neo4j.js";
import { createLogger } from "../../src/logger.js";

/**
 * One real Neo4j for the whole integration run: the project's own launcher, on a free port, in a
 * throwaway directory. `TEST_NEO4J_URI` points the tests at another server instead (its data is wiped).
 */
let neo4j: LocalNeo4j | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  let uri = process.env.TEST_NEO4J_URI;
  if (!uri) {
    dir = mkdtempSync(path.join(tmpdir(), "chain-kg-test-"));
    neo4j = await startLocalNeo4j({ dir, port: await freePort(), pageCacheMb: 128, heapMb: 768, logger: createLogger("warn") });
    uri = neo4j.uri;
  }
  project.provide("neo4jUri", uri);
}

export async function teardown(): Promise<void> {
  await neo4j?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}
