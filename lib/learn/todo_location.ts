/**
 * Pointing a learner at the right place in their exercise file: the line where an exercise's
 * function starts and the `// TODO:` comment it carries.
 *
 * @module
 */

/** Where an exercise's function is and what its TODO says. */
export interface TodoLocation {
  /** 1-based line of the function's declaration. */
  line: number;
  /** The text of the function's first `// TODO:` comment, if it still has one. */
  todo?: string;
  /** Its Chinese, from the `// 待办：` comment that follows it, if any. */
  zh?: string;
}

/**
 * Finds the exported function (or constant) `name` in `source`, its first TODO comment before
 * the next export and that TODO's Chinese (`// 待办：...`); `undefined` when the file does not
 * export it.
 *
 * @example
 * ```ts
 * todoLocation("export function f() {\n  // TODO: return 1.\n  return todo(...);\n}", "f");
 * // { line: 1, todo: "return 1." }
 * ```
 */
export function todoLocation(source: string, name: string): TodoLocation | undefined {
  const lines = source.split("\n");
  const declaration = new RegExp(
    `^export\\s+(?:async\\s+)?(?:function\\*?|const|let)\\s+${name}\\b`,
  );
  const start = lines.findIndex((line) => declaration.test(line));
  if (start < 0) return undefined;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^export\s/.test(line)) break;
    body.push(line);
  }
  const todo = body.map((line) => /\/\/\s*TODO:?\s*(.*)$/.exec(line)).find(Boolean);
  if (!todo) return { line: start + 1 };
  const zh = body.map((line) => /\/\/\s*待办：\s*(.*)$/.exec(line)).find(Boolean);
  return { line: start + 1, todo: todo[1].trim(), ...(zh ? { zh: zh[1].trim() } : {}) };
}
