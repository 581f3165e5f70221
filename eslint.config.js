import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "web/dist/", "node_modules/", "**/generated/", "neo4j-launcher/", "coverage/", ".data/", "bench/data/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
    },
  },
  { files: ["scripts/**", "bench/**", "tests/**"], rules: { "no-console": "off" } },
  // graphql-codegen loads plugins with require(): the project's own plugin is CommonJS.
  { files: ["codegen/**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
);
