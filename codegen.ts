import { createHash } from "node:crypto";
import type { CodegenConfig } from "@graphql-codegen/cli";
import { print, type DocumentNode } from "graphql";

/** The documents of the typed client for other services (clients/typescript, package @chain-kg/client). */
const CLIENT_DOCUMENTS = "clients/typescript/documents/*.graphql";

/**
 * Typed documents for the operations the tests send and for the typed client, and the manifest of
 * persisted operations: every example of the explorer, every test and client document and every
 * operation of the app (web/src/queries).
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  generates: {
    "tests/e2e/generated/graphql.ts": {
      documents: ["tests/e2e/documents/*.graphql"],
      plugins: ["typescript-operations", "typed-document-node"],
      config: { useTypeImports: true, enumsAsTypes: true, avoidOptionals: { field: true } },
    },
    // The client's documents, each carrying its persisted-operation id (`__meta__.hash`): the SHA-256
    // of the printed document, as the manifest below and src/server/persisted.ts compute it, so the
    // client sends the id without hashing at run time.
    "clients/typescript/src/generated/graphql.ts": {
      documents: [CLIENT_DOCUMENTS],
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true },
        unstable_onExecutableDocumentNode: (document: DocumentNode) => ({
          hash: createHash("sha256").update(print(document)).digest("hex"),
        }),
      },
    },
    "src/generated/persisted-operations.json": {
      documents: ["examples/*.graphql", "tests/e2e/documents/*.graphql", CLIENT_DOCUMENTS, "web/src/queries/*.graphql"],
      plugins: ["./codegen/persisted-operations.cjs"],
    },
  },
};

export default config;
