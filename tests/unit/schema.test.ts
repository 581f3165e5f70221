import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printGraphSchema } from "../../src/schema/build.js";

describe("schema.graphql", () => {
  it("is what the code emits (run `npm run schema` after an API change)", async () => {
    expect(await printGraphSchema()).toBe(readFileSync("schema.graphql", "utf8"));
  });
});
