import type { Browser } from "playwright-core";
import { chromiumAvailable, chromiumPath, launchChromium as launch } from "../../src/browser/chromium.js";

/** Debian's Chromium, or CHROMIUM_PATH: playwright-core cannot download a browser on this network. */
export const CHROMIUM = chromiumPath();

/**
 * Starts headless Chromium (src/browser/chromium.ts), or fails with what to install: the browser tests
 * are part of `npm test` and must say why they cannot run, not skip.
 */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install chromium fonts-noto-cjk\` ` +
        "(README, Quick start), or point CHROMIUM_PATH at another Chromium",
    );
  }
  return launch(CHROMIUM);
}
