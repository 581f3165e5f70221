import { defineConfig } from "vitest/config";

// The app's unit tests: pure functions only, no browser (the browser tests are tests/e2e/app.e2e.test.ts).
export default defineConfig({
  test: { name: "web", root: new URL(".", import.meta.url).pathname, include: ["test/**/*.test.ts"] },
});
