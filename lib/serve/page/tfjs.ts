/**
 * TensorFlow.js in the page: the global `tf` that tfjs's browser build (`/vendor/tf.min.js`,
 * then `/vendor/tf-backend-wasm.min.js`) defines, typed as the npm package it comes from. The
 * bundle holds no copy of tfjs; this module only names the one the page loaded.
 *
 * @module
 */
import type * as Tfjs from "@tensorflow/tfjs";

/** tfjs as the browser build defines it: the package plus the wasm backend's `tf.wasm`. */
export type BrowserTfjs = typeof Tfjs & { wasm: { setWasmPaths(prefix: string): void } };

/** The page's tfjs. */
export const tf: BrowserTfjs = (globalThis as unknown as { tf: BrowserTfjs }).tf;

/** The backends tried, best first: WebGL on the graphics card, then wasm, then plain CPU. */
export const BACKENDS = ["webgl", "wasm", "cpu"] as const;

/**
 * Starts the first backend of {@linkcode BACKENDS} (from `first` on, when the page's address
 * asks for one with `?backend=`) that works in this browser, and returns its name.
 *
 * @example
 * ```ts
 * await startBrowserBackend(); // "webgl", or "wasm" where WebGL is missing
 * ```
 */
export async function startBrowserBackend(first?: string | null): Promise<string> {
  tf.wasm.setWasmPaths("/vendor/");
  const start = Math.max(0, BACKENDS.findIndex((name) => name === first));
  for (const name of BACKENDS.slice(start)) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // this backend cannot start here: try the next one
    }
  }
  throw new Error("no TensorFlow.js backend could start in this browser");
}
