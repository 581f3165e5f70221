import { writeFileSync } from "node:fs";
import { printGraphSchema } from "../schema/build.js";

/** `npm run schema`: writes schema.graphql from the code. */
writeFileSync("schema.graphql", await printGraphSchema());
process.stdout.write("wrote schema.graphql\n");
