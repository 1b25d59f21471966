/**
 * What the playground's server answers: the course home, the playground, its script and style,
 * tfjs from the installed packages, the saved models' list, MNIST's test digits, and the files
 * under `--out`; nothing else (no other folder, no listings, no writes: only GET and HEAD).
 *
 * @module
 */
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { type Language, speaker } from "../cli/language.ts";
import { homePage } from "./home_page.ts";
import { modelEntries } from "./models.ts";
import { playgroundPage } from "./playground_page.ts";
import { fileUnder } from "./safe_path.ts";
import { testDigitBytes } from "./test_digits.ts";
import { vendorFiles } from "./vendor.ts";

/** What the server serves. */
export interface ServeOptions {
  /** The folder of the lessons' outputs (`--out`). */
  outRoot: string;
  /** The language of the pages and of the plain replies ("not found"). */
  language: Language;
  /** The playground's script, bundled by `bundlePage` (bundle.ts). */
  script: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/** The page's stylesheet, the only static asset besides the bundled script. */
const STYLESHEET = fileURLToPath(new URL("./page/playground.css", import.meta.url));

function respond(body: BodyInit, type: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: { "content-type": type, "x-content-type-options": "nosniff" },
  });
}

async function fileResponse(path: string): Promise<Response> {
  const file = await Deno.open(path);
  return respond(file.readable, TYPES[extname(path).toLowerCase()] ?? "application/octet-stream");
}

/**
 * The server's request handler for `options`. MNIST's test digits are read at the first request
 * for them, then kept.
 *
 * @example
 * ```ts
 * Deno.serve({ hostname: "127.0.0.1", port: 8000 }, courseHandler({ outRoot: "out", language: "en", script: await bundlePage() }));
 * ```
 */
export function courseHandler(
  { outRoot, language, script }: ServeOptions,
): (request: Request) => Promise<Response> {
  const vendor = vendorFiles();
  let digits: Promise<Uint8Array<ArrayBuffer>> | undefined;
  const html = (text: string) => respond(text, TYPES[".html"]);
  const say = speaker(language);
  const notFound = () => respond(say({ en: "not found\n", zh: "找不到\n" }), TYPES[".txt"], 404);
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response(say({ en: "only GET and HEAD\n", zh: "只接受 GET 和 HEAD 请求\n" }), {
        status: 405,
        headers: { allow: "GET, HEAD", "content-type": TYPES[".txt"] },
      });
    }
    const path = new URL(request.url).pathname;
    if (path === "/") return html(await homePage(outRoot, language));
    if (path === "/favicon.ico") return new Response(null, { status: 204 }); // no icon, no error
    if (path === "/playground") return html(playgroundPage(language));
    if (path === "/assets/playground.js") {
      return respond(script, TYPES[".js"]);
    }
    if (path === "/assets/playground.css") return await fileResponse(STYLESHEET);
    if (path === "/api/models") {
      return respond(JSON.stringify(await modelEntries(outRoot)), TYPES[".json"]);
    }
    if (path === "/api/test-digits") {
      return respond(await (digits ??= testDigitBytes()), "application/octet-stream");
    }
    if (path.startsWith("/vendor/")) {
      const file = vendor.get(path.slice("/vendor/".length));
      return file ? await fileResponse(file) : notFound();
    }
    if (path.startsWith("/out/")) {
      const file = await fileUnder(outRoot, path.slice("/out/".length));
      return file ? await fileResponse(file) : notFound();
    }
    return notFound();
  };
}
