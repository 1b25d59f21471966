/**
 * The code a lesson shows beside its words, read from the lesson file itself. A section's code
 * is marked in the lesson with comments whose title is that section's heading:
 *
 * ```ts
 * // #region 4. Max pooling
 * const pooled = tf.maxPool(image, 2, 2, "valid");
 * // #endregion
 * ```
 *
 * A section may have several regions; regions do not nest. Editors fold `#region` comments.
 *
 * @module
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { COURSE_ROOT } from "../cli/course_root.ts";
import { dedent } from "./notebook.ts";

/** One marked region of a lesson file. */
export interface CodeRegion {
  /** The section heading the region belongs to, e.g. `4. Max pooling`. */
  title: string;
  /** The code between the markers, its common indentation removed. */
  text: string;
  /** The file, relative to the course root, e.g. `lessons/06_convolutions.ts`. */
  file: string;
  /** The 1-based line of the region's first line of code. */
  line: number;
}

/**
 * A malformed region marker, naming `file:line`.
 *
 * @example
 * ```ts
 * new CodeRegionError(`lessons/x.ts:12: #endregion without a #region`);
 * ```
 */
export class CodeRegionError extends Error {
  /** Always `"CodeRegionError"`. */
  override name = "CodeRegionError";
}

const REGION = /^\s*\/\/\s*#region\b\s*(.*)$/;
const END_REGION = /^\s*\/\/\s*#endregion\b/;
const HEADING = /notebook\.heading\(\s*(?:"([^"]+)"\s*\)|\{\s*en:\s*"([^"]+)")/g;

/**
 * The section headings a lesson prints with `notebook.heading("...")` or, in both languages,
 * `notebook.heading({ en: "...", zh: "..." })` (the English text; string literals only).
 *
 * @example
 * ```ts
 * sectionHeadings(`notebook.heading("1. The data");`); // ["1. The data"]
 * ```
 */
export function sectionHeadings(source: string): string[] {
  return Array.from(source.matchAll(HEADING), (match) => match[1] ?? match[2]);
}

/**
 * Parses the regions of `source` (the text of `file`). Throws a {@linkcode CodeRegionError}
 * naming `file:line` for a region left open or empty, a region inside another, an `#endregion`
 * without a region, or a title that is none of the file's section headings.
 *
 * @example
 * ```ts
 * const source = `notebook.heading("1. Data");\n// #region 1. Data\nconst x = 1;\n// #endregion`;
 * parseCodeRegions(source, "lessons/x.ts")[0].line; // 3
 * ```
 */
export function parseCodeRegions(source: string, file: string): CodeRegion[] {
  const headings = new Set(sectionHeadings(source));
  const regions: CodeRegion[] = [];
  let open: { title: string; line: number; lines: string[] } | undefined;
  source.split("\n").forEach((text, index) => {
    const line = index + 1;
    const start = text.match(REGION);
    if (start) {
      const title = start[1].trim();
      if (open) {
        throw new CodeRegionError(
          `${file}:${line}: region "${title}" starts inside region "${open.title}" ` +
            `(opened at line ${open.line}); regions do not nest`,
        );
      }
      if (!headings.has(title)) {
        throw new CodeRegionError(
          `${file}:${line}: region "${title}" names no section; a region's title is one of ` +
            `the file's notebook.heading("...") texts`,
        );
      }
      open = { title, line: line + 1, lines: [] };
    } else if (END_REGION.test(text)) {
      if (!open) throw new CodeRegionError(`${file}:${line}: #endregion without a #region`);
      const skipped = open.lines.findIndex((text) => text.trim() !== "");
      const lines = skipped < 0 ? [] : open.lines.slice(skipped);
      const first = open.line + Math.max(skipped, 0);
      const code = dedent(lines.join("\n")).trimEnd();
      if (!code) {
        throw new CodeRegionError(`${file}:${open.line - 1}: region "${open.title}" is empty`);
      }
      regions.push({ title: open.title, text: code, file, line: first });
      open = undefined;
    } else if (open) {
      open.lines.push(text);
    }
  });
  if (open) {
    throw new CodeRegionError(
      `${file}:${open.line - 1}: region "${open.title}" is never closed with // #endregion`,
    );
  }
  return regions;
}

/**
 * Reads and parses the regions of the lesson file at `url` (its `import.meta.url`); the
 * regions name the file relative to the course root.
 *
 * @example
 * ```ts
 * const regions = await readCodeRegions(import.meta.url);
 * ```
 */
export async function readCodeRegions(url: string): Promise<CodeRegion[]> {
  const path = fileURLToPath(url);
  return parseCodeRegions(await Deno.readTextFile(path), relative(COURSE_ROOT, path));
}
