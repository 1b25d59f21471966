/**
 * The browser builds of TensorFlow.js the playground loads, served from the npm packages the
 * course installed (so the page works offline, no CDN): tfjs itself (WebGL and CPU backends)
 * and the wasm backend with its three `.wasm` binaries. Only these files are served.
 *
 * @module
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The folder of an installed npm package. */
function packageDir(name: string): string {
  return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
}

/**
 * Every vendored file by the name the page asks for (`/vendor/<name>`), mapped to its path in
 * `node_modules`.
 *
 * @example
 * ```ts
 * vendorFiles().get("tf.min.js"); // ".../node_modules/@tensorflow/tfjs/dist/tf.min.js"
 * ```
 */
export function vendorFiles(): Map<string, string> {
  const tfjs = join(packageDir("@tensorflow/tfjs"), "dist");
  const wasm = join(packageDir("@tensorflow/tfjs-backend-wasm"), "dist");
  return new Map([
    ["tf.min.js", join(tfjs, "tf.min.js")],
    ["tf-backend-wasm.min.js", join(wasm, "tf-backend-wasm.min.js")],
    ...[
      "tfjs-backend-wasm.wasm",
      "tfjs-backend-wasm-simd.wasm",
      "tfjs-backend-wasm-threaded-simd.wasm",
    ]
      .map((name): [string, string] => [name, join(wasm, name)]),
  ]);
}
