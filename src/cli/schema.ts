import { writeFileSync } from "node:fs";
import { printGraphSchema, printSubgraphGraphSchema } from "../schema/build.js";

/**
 * `npm run schema`: writes schema.graphql and the Federation 2 subgraph's SDL, schema.subgraph.graphql,
 * from the code (a test fails when either is stale); `-- --federation` writes the subgraph's alone.
 */
const onlySubgraph = process.argv.includes("--federation");
if (!onlySubgraph) {
  writeFileSync("schema.graphql", await printGraphSchema());
  process.stdout.write("wrote schema.graphql\n");
}
writeFileSync("schema.subgraph.graphql", await printSubgraphGraphSchema());
process.stdout.write("wrote schema.subgraph.graphql\n");
