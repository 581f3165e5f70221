import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, or CHROMIUM_PATH: playwright-core cannot download a browser on this network. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Starts headless Chromium, or fails with what to install: the browser tests are part of `npm test`
 * and must say why they cannot run, not skip.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install chromium fonts-noto-cjk\` ` +
        "(README, Quick start), or point CHROMIUM_PATH at another Chromium",
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
}
