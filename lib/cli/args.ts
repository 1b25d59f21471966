/**
 * Reading command-line arguments: numbers checked against their range, and `node:util`'s
 * `parseArgs` with its errors as one line naming the flag. Every task parses through these.
 *
 * @module
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { HelpRequested, UsageError } from "./errors.ts";
import type { Bilingual, Text } from "./locale.ts";

/** Parses a whole number at least `min` (default 1), or returns undefined when absent. */
export function parseCount(flag: string, text: string | undefined, min = 1): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError({
      en: `${flag} must be a whole number of at least ${min}, got "${text}"`,
      zh: `${flag} 必须是不小于 ${min} 的整数，收到的是 "${text}"`,
    });
  }
  return value;
}

/** Parses a positive finite number, or returns undefined when absent. */
export function parsePositive(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw new UsageError({
      en: `${flag} must be a positive number, got "${text}"`,
      zh: `${flag} 必须是正数，收到的是 "${text}"`,
    });
  }
  return value;
}

/** A command's usage line and its `--help` text (options, an example). */
export interface CommandHelp {
  /**
   * One line, e.g. `usage: deno task check [N | N.M]`, quoted in every usage error; a plain
   * string reads `用法：...` in Chinese (see {@linkcode usageLine}).
   */
  usage: Text;
  /** What `--help` prints: the usage, each option and an example (in both languages). */
  text: Text;
}

/**
 * `parseArgs` for a command that takes positional arguments and `options`, as every course
 * command parses: a malformed command line becomes a one-line {@linkcode UsageError} ending with
 * the usage; an unknown option suggests the nearest known one; a negative number after an option
 * that takes a value (`--epochs -3`) is that option's value, so its range check speaks. Given a
 * {@linkcode CommandHelp}, `-h`/`--help` prints its text (a {@linkcode HelpRequested}).
 *
 * @example
 * ```ts
 * const { values, positionals } = parseCommandLine(Deno.args, { all: { type: "boolean" } }, HELP);
 * ```
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(
  argv: string[],
  options: O,
  help: Text | CommandHelp,
) {
  const isHelp = typeof help === "object" && "usage" in help;
  const usage = usageLine(isHelp ? help.usage : help);
  if (isHelp && argv.some((arg) => arg === "--help" || arg === "-h")) {
    throw new HelpRequested(help.text);
  }
  try {
    return parseArgs({
      args: negativeValuesJoined(argv, options),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const problem = describeParseError(error as Error, options);
    throw new UsageError({
      en: `${problem.en} (${usage.en})`,
      zh: `${problem.zh}（${usage.zh}）`,
    });
  }
}

/**
 * A usage line in both languages; a plain `usage: ...` string reads `用法：...` in Chinese.
 *
 * @example
 * ```ts
 * usageLine("usage: deno task progress"); // { en: "usage: deno task progress", zh: "用法：deno task progress" }
 * ```
 */
export function usageLine(usage: Text): Bilingual {
  return typeof usage === "string" ? { en: usage, zh: usage.replace(/^usage: /, "用法：") } : usage;
}

/**
 * `parseArgs`'s error as one line; for an unknown option, with the nearest known one.
 *
 * @example
 * ```ts
 * describeParseError(new Error("Unknown option '--epoch'"), { epochs: { type: "string" } });
 * // { en: "unknown option --epoch; did you mean --epochs?", zh: "没有 --epoch 这个选项；是不是想用 --epochs？" }
 * ```
 */
export function describeParseError(error: Error, options: ParseArgsOptionsConfig): Bilingual {
  const missing = /^Option '(-\S+)(?:, -\S+)? <value>' argument missing/.exec(error.message);
  if (missing) {
    return {
      en: error.message.replace(/\s*\n\s*/g, " "),
      zh: `选项 ${missing[1]} 后面缺少取值`,
    };
  }
  const noValue = /^Option '(-\S+)(?:, -\S+)?' does not take an argument/.exec(error.message);
  if (noValue) return { en: error.message, zh: `选项 ${noValue[1]} 不接受取值` };
  const unknown = /^Unknown option '(--?[^']+)'/.exec(error.message);
  if (!unknown) {
    const message = error.message.replace(/\s*\n\s*/g, " ");
    return { en: message, zh: `命令行有误（${message}）` };
  }
  const given = unknown[1].replace(/^-+/, "");
  const nearest = nearestName(given, Object.keys(options));
  const list = Object.keys(options).map((name) => `--${name}`).join(", ");
  return nearest
    ? {
      en: `unknown option ${unknown[1]}; did you mean --${nearest}?`,
      zh: `没有 ${unknown[1]} 这个选项；是不是想用 --${nearest}？`,
    }
    : {
      en: `unknown option ${unknown[1]}; options: ${list}`,
      zh: `没有 ${unknown[1]} 这个选项；可用的选项：${list}`,
    };
}

/** `argv` with `--flag -3` written as `--flag=-3` for options that take a value. */
function negativeValuesJoined(argv: string[], options: ParseArgsOptionsConfig): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([^=]+)$/.exec(argv[i])?.[1];
    const next = argv[i + 1];
    if (
      name && options[name]?.type === "string" && next !== undefined &&
      /^-(\d|\.\d|Infinity)/.test(next)
    ) {
      joined.push(`--${name}=${next}`);
      i++;
    } else {
      joined.push(argv[i]);
    }
  }
  return joined;
}

/** The known name closest to `given` (a prefix, or at most 2 edits away), if any. */
function nearestName(given: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = name.startsWith(given) || given.startsWith(name)
      ? 1
      : editDistance(given, name);
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return bestDistance <= 2 ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
