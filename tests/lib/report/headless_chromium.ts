/**
 * Opens a page in Debian's headless Chromium and reports what a reader would see: every image
 * with whether it loaded, and every console error or failed load. Talks to Chromium over the
 * DevTools protocol with Deno's built-in WebSocket; no browser download, no npm package.
 *
 * @module
 */

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

/** The Chromium binary, or `undefined` when it is not installed. */
export function findChromium(): string | undefined {
  for (const path of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch { /* not there */ }
  }
  return undefined;
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
  const profile = await Deno.makeTempDir({ prefix: "digits-chromium-" });
  const browser = new Deno.Command(chromium, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "about:blank",
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  try {
    const endpoint = await devToolsEndpoint(browser.stderr);
    const port = new URL(endpoint).port;
    const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const page = targets.find((target: { type: string }) => target.type === "page");
    const session = await DevToolsSession.open(page.webSocketDebuggerUrl);
    try {
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
      session.close();
    }
  } finally {
    browser.kill();
    await browser.status;
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

async function devToolsEndpoint(stderr: ReadableStream<Uint8Array>): Promise<string> {
  let seen = "";
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  const deadline = setTimeout(() => reader.cancel(), 30_000);
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`Chromium did not start its DevTools server:\n${seen}`);
      seen += value;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        // Keep draining stderr so Chromium never blocks on a full pipe.
        (async () => {
          while (!(await reader.read().catch(() => ({ done: true }))).done) { /* drain */ }
        })();
        return match[1];
      }
    }
  } finally {
    clearTimeout(deadline);
  }
}

// deno-lint-ignore no-explicit-any
type Params = any;

/** A minimal DevTools protocol client: numbered requests, awaited replies, event listeners. */
class DevToolsSession {
  #nextId = 1;
  #pending = new Map<number, { resolve: (v: Params) => void; reject: (e: Error) => void }>();
  #listeners = new Map<string, ((params: Params) => void)[]>();

  private constructor(private readonly socket: WebSocket) {
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.id !== undefined) {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error) pending?.reject(new Error(JSON.stringify(message.error)));
        else pending?.resolve(message.result);
      } else {
        for (const listener of this.#listeners.get(message.method) ?? []) listener(message.params);
      }
    };
  }

  static open(url: string): Promise<DevToolsSession> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.onopen = () => resolve(new DevToolsSession(socket));
      socket.onerror = () => reject(new Error(`cannot connect to ${url}`));
    });
  }

  send(method: string, params: Params = {}): Promise<Params> {
    const id = this.#nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  on(method: string, listener: (params: Params) => void): void {
    this.#listeners.set(method, [...(this.#listeners.get(method) ?? []), listener]);
  }

  next(method: string): Promise<Params> {
    return new Promise((resolve) => this.on(method, resolve));
  }

  close(): void {
    this.socket.close();
  }
}
