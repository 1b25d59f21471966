/**
 * The errors a command reports as one line and exit code 2: the user asked for something
 * malformed ({@linkcode UsageError}), or gave a file that is not what it should be
 * ({@linkcode DataError}, which always names the file). Library code throws them and never
 * exits; {@linkcode runCommand} turns them into that one line.
 *
 * @module
 */

/** A malformed command line: names the argument and what was expected. */
export class UsageError extends Error {
  /** Creates a usage error with a one-line message. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `--help` was asked for: the command prints `text` and exits 0 ({@linkcode runCommand}). */
export class HelpRequested extends Error {
  /** Creates the request with the help text to print. */
  constructor(readonly text: string) {
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
 * ```
 */
export class DataError extends Error {
  /** Creates an error about `source` (a path or a short name). */
  constructor(readonly source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = "DataError";
  }
}

/**
 * Runs a command's main function; a {@linkcode UsageError} or {@linkcode DataError} becomes
 * `error: <message>` on stderr and exit code 2, with no stack trace. Other errors are bugs and
 * keep their stack.
 *
 * @example
 * ```ts
 * if (import.meta.main) await runCommand(() => main(Deno.args));
 * ```
 */
export async function runCommand(main: () => Promise<number | void>): Promise<never> {
  try {
    Deno.exit((await main()) ?? 0);
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(error.text);
      Deno.exit(0);
    }
    if (error instanceof UsageError || error instanceof DataError) {
      console.error(`error: ${error.message}`);
      Deno.exit(2);
    }
    throw error;
  }
}
