import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
// The service under `npm start` (PORT=4300 in development); the app calls it on the same origin.
const api = process.env.APP_API ?? "http://127.0.0.1:4300";

export default defineConfig({
  root,
  base: "/app/",
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // Fonts stay files (woff2 subsets loaded by unicode-range), never inlined as data URLs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { "/graphql": api } },
  // The service's CSP, so a preview shows what would break under it (no inline scripts, no eval).
  preview: { proxy: { "/graphql": api }, headers: { "Content-Security-Policy": "script-src 'self'; script-src-attr 'none'" } },
});
