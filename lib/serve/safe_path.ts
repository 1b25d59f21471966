/**
 * Mapping a request's path onto a file inside one folder, and never outside it: every segment
 * is decoded once and must be a plain name (no `..`, `.`, empty segment, slash, backslash or
 * NUL, encoded or not), and the file's real path (symlinks followed) must still lie inside the
 * folder's real path. A folder maps to its `index.html`, never to a listing.
 *
 * @module
 */
import { join, sep } from "node:path";

/**
 * The request path's segments, decoded, or `undefined` when one is not a plain name; a single
 * trailing slash (a folder) is allowed, and the empty path is the folder itself.
 */
function plainSegments(path: string): string[] | undefined {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  if (trimmed === "") return [];
  const segments: string[] = [];
  for (const raw of trimmed.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === "" || segment === "." || segment === ".." || /[/\\\0]/.test(segment)) {
      return undefined;
    }
    segments.push(segment);
  }
  return segments;
}

/** The real path of `path`, or `undefined` when it does not exist. */
async function realPath(path: string): Promise<string | undefined> {
  return await Deno.realPath(path).catch(() => undefined);
}

/**
 * The real path of the file that `path` (the part of a URL path after the folder's prefix,
 * still percent-encoded, e.g. `07_cnn/index.html`) names inside `root`, or `undefined` when it
 * names nothing there, leaves `root` in any way, or is a folder without an `index.html`.
 *
 * @example
 * ```ts
 * await fileUnder("out", "07_cnn/index.html"); // "/home/me/digits/out/07_cnn/index.html"
 * await fileUnder("out", "..%2Fdeno.json"); // undefined
 * ```
 */
export async function fileUnder(root: string, path: string): Promise<string | undefined> {
  const segments = plainSegments(path);
  const realRoot = await realPath(root);
  if (!segments || !realRoot) return undefined;
  const inside = (real: string | undefined) =>
    real !== undefined && (real === realRoot || real.startsWith(realRoot + sep)) ? real : undefined;
  const found = inside(await realPath(join(realRoot, ...segments)));
  if (!found) return undefined;
  const info = await Deno.stat(found);
  if (info.isFile) return found;
  if (!info.isDirectory) return undefined;
  const index = inside(await realPath(join(found, "index.html")));
  return index && (await Deno.stat(index)).isFile ? index : undefined;
}
