// Builds the local Neo4j launcher after `npm install` (downloads Neo4j Community from Maven Central
// once). npm 11 runs the root package's own postinstall, unlike dependencies' install scripts.
// Skipped when NEO4J_URI points elsewhere or SKIP_NEO4J_SETUP=1; a failure here only warns, since
// `npm start` and the tests build the launcher themselves when it is missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (process.env.NEO4J_URI || process.env.SKIP_NEO4J_SETUP === "1") process.exit(0);
if (existsSync("neo4j-launcher/target/classpath.txt") && existsSync("neo4j-launcher/target/classes/chain/neo4j/LocalNeo4j.class"))
  process.exit(0);
const result = spawnSync("mvn", ["-q", "-B", "-f", "neo4j-launcher/pom.xml", "package"], { stdio: "inherit" });
if (result.status !== 0) {
  console.warn("warning: could not build the local Neo4j launcher now; `npm start` will try again");
}
