/**
 * Finding an unfinished exercise without running it: the line of the `todo(...)` call still
 * inside its function. `deno task lesson N --mine` uses it to stop before training starts.
 *
 * @module
 */

/**
 * The 1-based line of the first `todo(` call in the exported function `name` of `source`, or
 * `undefined` when the function has none (or the file does not export it). The function's body
 * runs to the next line that starts with `}` or `export`.
 *
 * @example
 * ```ts
 * stubLine("export function f() {\n  return todo(\"1.1\", \"...\");\n}\n", "f"); // 2
 * stubLine("export function f() {\n  return 1;\n}\n", "f"); // undefined
 * ```
 */
export function stubLine(source: string, name: string): number | undefined {
  const lines = source.split("\n");
  const declaration = new RegExp(
    `^export\\s+(?:async\\s+)?(?:function\\*?|const|let)\\s+${name}\\b`,
  );
  const start = lines.findIndex((line) => declaration.test(line));
  if (start < 0) return undefined;
  for (let i = start; i < lines.length; i++) {
    if (i > start && /^(\}|export\s)/.test(lines[i])) break;
    if (/(^|[^\w.])todo\s*\(/.test(lines[i].replace(/\/\/.*$/, ""))) return i + 1;
  }
  return undefined;
}
