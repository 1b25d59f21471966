/**
 * Test helper: Debian's headless Chromium driven over the DevTools protocol with Deno's built-in
 * WebSocket; no browser download, no npm package. {@linkcode openBrowser} starts one with a
 * fresh profile and hands back a session on its page; the report checks and the playground's
 * browser tests build on it.
 *
 * @module
 */

/** The Chromium binary, or `undefined` when it is not installed. */
export function findChromium(): string | undefined {
  for (const path of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch { /* not there */ }
  }
  return undefined;
}

/** A running headless Chromium and a DevTools session on its one page. */
export interface Browser {
  /** The session on the page. */
  page: DevToolsSession;
  /** Closes the session, stops Chromium and removes its profile. */
  close(): Promise<void>;
}

/**
 * Starts `chromium` headless (window `width` x `height`) and opens a session on its page.
 *
 * @example
 * ```ts
 * const browser = await openBrowser(findChromium()!);
 * await browser.page.send("Page.navigate", { url: "http://127.0.0.1:8000/" });
 * await browser.close();
 * ```
 */
export async function openBrowser(chromium: string, width = 1200, height = 900): Promise<Browser> {
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
      "--no-proxy-server",
      `--window-size=${width},${height}`,
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "about:blank",
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stop = async () => {
    browser.kill();
    await browser.status;
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  };
  try {
    const endpoint = await devToolsEndpoint(browser.stderr);
    const port = new URL(endpoint).port;
    const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const target = targets.find((target: { type: string }) => target.type === "page");
    const page = await DevToolsSession.open(target.webSocketDebuggerUrl);
    return {
      page,
      close: async () => {
        page.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
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
export class DevToolsSession {
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

  /** Connects to the DevTools WebSocket at `url`. */
  static open(url: string): Promise<DevToolsSession> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.onopen = () => resolve(new DevToolsSession(socket));
      socket.onerror = () => reject(new Error(`cannot connect to ${url}`));
    });
  }

  /** Sends `method` with `params` and resolves to its result. */
  send(method: string, params: Params = {}): Promise<Params> {
    const id = this.#nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  /** Calls `listener` with the parameters of every `method` event. */
  on(method: string, listener: (params: Params) => void): void {
    this.#listeners.set(method, [...(this.#listeners.get(method) ?? []), listener]);
  }

  /** Resolves at the next `method` event. */
  next(method: string): Promise<Params> {
    return new Promise((resolve) => this.on(method, resolve));
  }

  /**
   * Evaluates `expression` in the page, awaiting a promise, and returns its value (JSON);
   * an exception in the page rejects with its text.
   */
  async evaluate(expression: string): Promise<Params> {
    const { result, exceptionDetails } = await this.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) {
      throw new Error(
        `${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      );
    }
    return result.value;
  }

  /** Closes the connection. */
  close(): void {
    this.socket.close();
  }
}
