import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, or CHROMIUM_PATH: playwright-core cannot download a browser on this network. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/** True when a Chromium is installed where `launchChromium` looks for it. */
export function chromiumAvailable(path = chromiumPath()): boolean {
  return existsSync(path);
}

/**
 * Starts headless Chromium at `path` (Debian's, or CHROMIUM_PATH), the way the browser tests and the
 * report's PDF need it: no sandbox (containers), no GPU, no background requests to other hosts.
 * Throws when no Chromium is there; callers that can do without one check `chromiumAvailable` first.
 */
export async function launchChromium(path = chromiumPath()): Promise<Browser> {
  if (!chromiumAvailable(path)) {
    throw new Error(
      `No Chromium at ${path}: install it with \`apt-get install chromium fonts-noto-cjk\`, or point CHROMIUM_PATH at another Chromium`,
    );
  }
  return chromium.launch({
    executablePath: path,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
}
