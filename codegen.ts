import type { CodegenConfig } from "@graphql-codegen/cli";

/** Typed documents for the operations the tests send (and, later, a typed client for other services). */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["tests/e2e/documents/*.graphql"],
  generates: {
    "tests/e2e/generated/graphql.ts": {
      plugins: ["typescript-operations", "typed-document-node"],
      config: { useTypeImports: true, enumsAsTypes: true, avoidOptionals: { field: true } },
    },
  },
};

export default config;
