/**
 * The playground's script: `page/playground.ts` and everything it imports (predict's picture
 * preparation among them, the very module `deno task predict` uses) bundled into one browser
 * module by `deno bundle`. TensorFlow.js is not in it: the page loads tfjs's own browser build
 * (see `vendor.ts`) and the script uses its global `tf`.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { DataError } from "../cli/errors.ts";

/** The browser entry point of the playground. */
export const PLAYGROUND_ENTRY = fileURLToPath(new URL("./page/playground.ts", import.meta.url));

/**
 * Bundles `entry` (default {@linkcode PLAYGROUND_ENTRY}) for the browser and returns the
 * JavaScript. Throws a {@linkcode DataError} naming `entry` with `deno bundle`'s first error
 * line when it fails.
 *
 * @example
 * ```ts
 * const script = await bundlePage(); // "// lib/cli/errors.ts\nvar DataError = ..."
 * ```
 */
export async function bundlePage(entry = PLAYGROUND_ENTRY): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform=browser", "--format=esm", entry],
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  if (code !== 0) {
    const reason = text(stderr).split("\n").find((line) => line.trim() !== "") ?? `exit ${code}`;
    throw new DataError(entry, {
      en: `cannot bundle it for the browser: ${reason}`,
      zh: `无法为浏览器打包：${reason}`,
    });
  }
  return text(stdout);
}
