/**
 * The width of the terminal the course prints to, so prose and progress bars fit it.
 *
 * @module
 */

/** The width assumed on a terminal whose size cannot be read. */
export const FALLBACK_COLUMNS = 80;

/**
 * The number of columns of stdout's terminal, or `undefined` when stdout is not a terminal
 * (a file or a pipe: output there keeps its fixed layout). A terminal whose size cannot be
 * read counts as {@linkcode FALLBACK_COLUMNS} wide.
 *
 * @example
 * ```ts
 * const columns = terminalColumns(); // 80 in an 80-column terminal, undefined when piped
 * ```
 */
export function terminalColumns(): number | undefined {
  if (!Deno.stdout.isTerminal()) return undefined;
  let size: { columns: number } | undefined;
  try {
    size = Deno.consoleSize();
  } catch {
    size = undefined;
  }
  return usableColumns(size?.columns);
}

/**
 * A terminal's reported width made usable: a positive whole number, or
 * {@linkcode FALLBACK_COLUMNS} when the terminal reports nothing sensible.
 *
 * @example
 * ```ts
 * usableColumns(120); // 120
 * usableColumns(0); // 80
 * ```
 */
export function usableColumns(reported: number | undefined): number {
  return reported !== undefined && Number.isFinite(reported) && reported >= 1
    ? Math.floor(reported)
    : FALLBACK_COLUMNS;
}
