// Builds the policymaker's app (web/ → web/dist) with Vite. Run by `npm install` (postinstall) and
// before `npm start` (prestart), where it builds only when web/dist is missing or older than a file
// of web/. Needs nothing from the network: every library and font comes from node_modules.
// A failure only warns: the API serves without the app, and /app/ then says how to build it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const WEB = "web";
const INDEX = path.join(WEB, "dist", "index.html");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const file = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }
  return latest;
}

if (!existsSync(path.join(WEB, "vite.config.ts"))) process.exit(0);
if (process.argv.includes("--if-stale") && existsSync(INDEX) && statSync(INDEX).mtimeMs >= newest(WEB)) process.exit(0);
const vite = path.join("node_modules", ".bin", "vite");
if (!existsSync(vite)) {
  console.warn("warning: Vite is not installed (npm install without dev dependencies?): the app at /app/ is not built");
  process.exit(0);
}
const result = spawnSync(vite, ["build", "--config", path.join(WEB, "vite.config.ts"), "--logLevel", "warn"], {
  stdio: "inherit",
});
if (result.status !== 0) console.warn("warning: could not build the app at /app/; `npm run app:build` shows why");
