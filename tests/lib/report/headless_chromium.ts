/**
 * Opens a page in Debian's headless Chromium and reports what a reader would see: every image
 * with whether it loaded, and every console error or failed load. Talks to Chromium over the
 * DevTools protocol (`tests/browser/chromium.ts`); no browser download, no npm package.
 *
 * @module
 */
import { findChromium, openBrowser } from "../../browser/chromium.ts";

export { findChromium };

/** What the browser saw of one page. */
export interface PageCheck {
  /** Each `<img>`: its source and whether it decoded to a picture with a size. */
  images: { src: string; loaded: boolean; width: number }[];
  /** Console errors, uncaught exceptions and failed resource loads. */
  errors: string[];
  /** The page's title. */
  title: string;
  /** What the optional `expression` given to {@linkcode checkPage} evaluated to, as JSON. */
  measured?: unknown;
}

/**
 * Loads `url` (e.g. a `file://` URL) in headless Chromium and checks it; `expression`, if
 * given, is evaluated in the page and its JSON-serialisable value returned as `measured`.
 */
export async function checkPage(
  chromium: string,
  url: string,
  expression?: string,
): Promise<PageCheck> {
  const browser = await openBrowser(chromium);
  try {
    const session = browser.page;
    const errors: string[] = [];
    session.on("Runtime.exceptionThrown", (p) => errors.push(p.exceptionDetails.text));
    session.on("Runtime.consoleAPICalled", (p) => {
      if (p.type === "error") errors.push(JSON.stringify(p.args));
    });
    session.on("Log.entryAdded", (p) => {
      if (p.entry.level === "error") errors.push(`${p.entry.text} ${p.entry.url ?? ""}`);
    });
    await session.send("Runtime.enable");
    await session.send("Log.enable");
    await session.send("Page.enable");
    const loaded = session.next("Page.loadEventFired");
    await session.send("Page.navigate", { url });
    await loaded;
    const { result } = await session.send("Runtime.evaluate", {
      expression: `JSON.stringify({
        title: document.title,
        images: [...document.images].map((img) => ({
          src: img.getAttribute("src"), loaded: img.complete && img.naturalWidth > 0,
          width: img.naturalWidth,
        })),
      })`,
      returnByValue: true,
    });
    const measured = expression === undefined
      ? undefined
      : (await session.send("Runtime.evaluate", { expression, returnByValue: true })).result
        .value;
    return { ...JSON.parse(result.value), errors, measured };
  } finally {
    await browser.close();
  }
}
