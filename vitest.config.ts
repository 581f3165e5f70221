import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql 16 ships index.js and index.mjs without an exports map; pin one copy so type-graphql
    // (loaded by Node as CJS) and the tests share one graphql realm.
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"] },
      },
      // The app's pure parts (web/src); the app in a browser is tests/e2e/app.e2e.test.ts.
      {
        extends: true,
        test: { name: "web", include: ["web/test/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.int.test.ts", "tests/e2e/**/*.e2e.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          // One Neo4j Community database serves every file, and each file resets it: run them one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
