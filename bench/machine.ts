/** The machine, the Neo4j and the data the benchmark ran on. */
import { execFileSync } from "node:child_process";
import os from "node:os";
import type { Driver } from "neo4j-driver";
import { ROOT } from "./util.js";

export interface Machine {
  date: string;
  nproc: number;
  cpu: string;
  memoryGiB: number;
  loadAverage: number[];
  node: string;
  platform: string;
}

export interface GraphInfo {
  neo4j: string;
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  totalNodes: number;
  totalRelationships: number;
}

export function machine(): Machine {
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Neo4j version and edition, and node/relationship counts per label/type (from the count store). */
export async function graphInfo(driver: Driver, database: string | undefined): Promise<GraphInfo> {
  const q = async (cypher: string) => (await driver.executeQuery(cypher, {}, { database, routing: "READ" })).records;
  const version = (
    await q("CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition")
  )[0];
  const labels = (await q("CALL db.labels() YIELD label RETURN label ORDER BY label")).map((r) => String(r.get("label")));
  const types = (
    await q("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType")
  ).map((r) => String(r.get("relationshipType")));
  const nodes: Record<string, number> = {};
  for (const label of labels) {
    nodes[label] = Number((await q(`MATCH (n:\`${label}\`) RETURN count(n) AS n`))[0]!.get("n"));
  }
  const relationships: Record<string, number> = {};
  for (const type of types) {
    relationships[type] = Number((await q(`MATCH ()-[r:\`${type}\`]->() RETURN count(r) AS n`))[0]!.get("n"));
  }
  return {
    neo4j: version ? `${version.get("name")} ${version.get("version")} ${version.get("edition")}` : "unknown",
    nodes,
    relationships,
    totalNodes: Number((await q("MATCH (n) RETURN count(n) AS n"))[0]!.get("n")),
    totalRelationships: Number((await q("MATCH ()-[r]->() RETURN count(r) AS n"))[0]!.get("n")),
  };
}

/** The commit the service ran from, and whether src/ had uncommitted changes. */
export function serviceCommit(): string {
  try {
    const git = (args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    const commit = git(["rev-parse", "--short", "HEAD"]);
    return git(["status", "--porcelain", "--", "src"]) ? `${commit} + uncommitted changes in src/` : commit;
  } catch {
    return "unknown";
  }
}
