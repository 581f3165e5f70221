import { chromiumAvailable, chromiumPath, launchChromium } from "../browser/chromium.js";

/** Where the PDF of a report written to `htmlPath` goes: beside it, `report.html` → `report.pdf`. */
export function pdfPathFor(htmlPath: string): string {
  return /\.html?$/i.test(htmlPath) ? htmlPath.replace(/\.html?$/i, ".pdf") : `${htmlPath}.pdf`;
}

/**
 * Prints a report's HTML to a PDF with headless Chromium (A4, the page's own @page margins). Any
 * request the page made would be refused: the report needs none. Returns false, writing nothing,
 * when there is no Chromium.
 */
export async function writePdf(html: string, pdfPath: string, browserPath = chromiumPath()): Promise<boolean> {
  if (!chromiumAvailable(browserPath)) return false;
  const browser = await launchChromium(browserPath);
  try {
    const page = await browser.newPage();
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    await page.pdf({ path: pdfPath, printBackground: true, preferCSSPageSize: true });
    return true;
  } finally {
    await browser.close();
  }
}
