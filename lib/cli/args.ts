/**
 * Reading command-line arguments: numbers checked against their range, and `node:util`'s
 * `parseArgs` with its errors as one line naming the flag. Every task parses through these.
 *
 * @module
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { UsageError } from "./errors.ts";

/** Parses a whole number at least `min` (default 1), or returns undefined when absent. */
export function parseCount(flag: string, text: string | undefined, min = 1): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} must be a whole number of at least ${min}, got "${text}"`);
  }
  return value;
}

/** Parses a positive finite number, or returns undefined when absent. */
export function parsePositive(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} must be a positive number, got "${text}"`);
  }
  return value;
}

/**
 * `parseArgs` for a command that takes positional arguments and `options`: a malformed command
 * line becomes a one-line {@linkcode UsageError} ending with `usage`.
 *
 * @example
 * ```ts
 * const { values, positionals } = parseCommandLine(Deno.args, { all: { type: "boolean" } }, USAGE);
 * ```
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(
  argv: string[],
  options: O,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\s*\n\s*/g, " ")} (${usage})`);
  }
}
