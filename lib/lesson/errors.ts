/**
 * Errors a command reports as one line and exit code 2: the user asked for something
 * malformed, or gave a file that is not what it should be.
 *
 * @module
 */
import { DataError } from "../data/errors.ts";

/** A malformed command line: names the argument and what was expected. */
export class UsageError extends Error {
  /** Creates a usage error with a one-line message. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
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
    if (error instanceof UsageError || error instanceof DataError) {
      console.error(`error: ${error.message}`);
      Deno.exit(2);
    }
    throw error;
  }
}
