/**
 * The error the data layer throws for bad input files: it always names the file and says what
 * is wrong, so a command line can print it as one line.
 *
 * @module
 */

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
