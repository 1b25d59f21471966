/**
 * The errors a command reports as one line and exit code 2: the user asked for something
 * malformed ({@linkcode UsageError}), or gave a file that is not what it should be
 * ({@linkcode DataError}, which always names the file). Library code throws them and never
 * exits; {@linkcode runCommand} turns them into that one line, in the command's language when
 * the error is written in both (a `Bilingual`); its `message` is always the English.
 *
 * @module
 */
import { inLanguage, type Language, languageOfCommandLine, type Text } from "./locale.ts";

/** A malformed command line: names the argument and what was expected. */
export class UsageError extends Error {
  /** Creates a usage error with a one-line message, in one language or both. */
  constructor(readonly text: Text) {
    super(inLanguage(text, "en"));
    this.name = "UsageError";
  }
}

/**
 * `--help` was asked for: the command prints `text` (in its language, when written in both)
 * and exits 0 ({@linkcode runCommand}).
 */
export class HelpRequested extends Error {
  /** Creates the request with the help text to print. */
  constructor(readonly text: Text) {
    super("help requested");
    this.name = "HelpRequested";
  }
}

/**
 * A problem with a data file or folder.
 *
 * @example
 * ```ts
 * new DataError("data/train.csv", "line 3 has 12 columns; expected 785").message;
 * // "data/train.csv: line 3 has 12 columns; expected 785"
 * new DataError("x.json", { en: "is empty", zh: "是空的" }).text;
 * // { en: "x.json: is empty", zh: "x.json：是空的" }
 * ```
 */
export class DataError extends Error {
  /** The whole message, `source` first, in one language or both. */
  readonly text: Text;

  /** Creates an error about `source` (a path or a short name). */
  constructor(readonly source: string, problem: Text) {
    super(`${source}: ${inLanguage(problem, "en")}`);
    this.name = "DataError";
    this.text = typeof problem === "string"
      ? this.message
      : { en: this.message, zh: `${source}：${problem.zh}` };
  }
}

/**
 * The line a command prints for `error`: `error: <message>`, or `错误：<message>` in Chinese
 * when the message is written in both languages (an English-only message keeps `error:`).
 *
 * @example
 * ```ts
 * errorLine(new UsageError({ en: "which lesson?", zh: "哪一课？" }), "zh"); // "错误：哪一课？"
 * errorLine(new UsageError("--jobs must be 1 or more"), "zh"); // "error: --jobs must be 1 or more"
 * ```
 */
export function errorLine(error: UsageError | DataError, language: Language): string {
  const { text } = error;
  return typeof text === "string" || language === "en"
    ? `error: ${inLanguage(text, "en")}`
    : `错误：${text.zh}`;
}

/**
 * Runs a command's main function; `--help` ({@linkcode HelpRequested}) prints its text and
 * exits 0; a {@linkcode UsageError} or {@linkcode DataError} becomes
 * one {@linkcode errorLine} on stderr, in the language `argv` asks for (`--lang`, else the
 * environment), and exit code 2, with no stack trace. Other errors are bugs and keep their
 * stack.
 *
 * @example
 * ```ts
 * if (import.meta.main) await runCommand(() => main(Deno.args));
 * ```
 */
export async function runCommand(
  main: () => Promise<number | void>,
  argv: string[] = Deno.args,
): Promise<never> {
  try {
    Deno.exit((await main()) ?? 0);
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(inLanguage(error.text, languageOfCommandLine(argv)));
      Deno.exit(0);
    }
    if (error instanceof UsageError || error instanceof DataError) {
      console.error(errorLine(error, languageOfCommandLine(argv)));
      Deno.exit(2);
    }
    throw error;
  }
}
