// `npm run build`: compiles src/ to dist/ (tsconfig.build.json), and copies what the service reads
// beside its code at run time: the persisted-operations manifest (src/server/persisted.ts).
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
rmSync(path.join(root, "dist"), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")],
  {
    stdio: "inherit",
  },
);
cpSync(path.join(root, "src/generated/persisted-operations.json"), path.join(root, "dist/generated/persisted-operations.json"));
