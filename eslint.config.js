import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "web/dist/",
      "clients/*/dist/",
      "node_modules/",
      "**/generated/",
      "neo4j-launcher/",
      "coverage/",
      ".data/",
      "bench/data/",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
    },
  },
  { files: ["scripts/**", "bench/**", "tests/**"], rules: { "no-console": "off" } },
  // The graph layer stands below the analyses, the schema, the resolvers and the server: its imports
  // point down (types of the records it returns excepted).
  {
    files: ["src/graph/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/analytics/*", "**/schema/*", "**/resolvers/*", "**/server/*", "**/report/*", "**/cli/*"],
              message: "src/graph stands below this: move what it needs down into src/graph.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  // graphql-codegen loads plugins with require(): the project's own plugin is CommonJS.
  { files: ["codegen/**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
);
