import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents for the operations the tests send (and, later, a typed client for other services),
 * and the manifest of persisted operations: every example of the explorer, every client document
 * and every operation of the app (web/src/queries).
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  generates: {
    "tests/e2e/generated/graphql.ts": {
      documents: ["tests/e2e/documents/*.graphql"],
      plugins: ["typescript-operations", "typed-document-node"],
      config: { useTypeImports: true, enumsAsTypes: true, avoidOptionals: { field: true } },
    },
    "src/generated/persisted-operations.json": {
      documents: ["examples/*.graphql", "tests/e2e/documents/*.graphql", "web/src/queries/*.graphql"],
      plugins: ["./codegen/persisted-operations.cjs"],
    },
  },
};

export default config;
