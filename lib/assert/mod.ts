/**
 * The subset of `@std/assert` the course uses, built on Deno's built-in `node:assert`.
 *
 * JSR (where `jsr:@std/assert` lives) cannot be reached from every machine the course runs on,
 * so `deno.json` maps the import name `@std/assert` to this file. Tests import it exactly as
 * they would import the real package:
 *
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(1 + 1, 2);
 * ```
 *
 * Where JSR is reachable, point `"@std/assert"` at `"jsr:@std/assert@1"` in `deno.json`; no
 * test changes.
 *
 * The `node:assert` functions are captured when this module loads, before any exercise module
 * is evaluated, so code that later replaces `assert.deepStrictEqual` cannot disarm the tests.
 *
 * @module
 */
import nodeAssert from "node:assert";

const deepStrictEqual: (actual: unknown, expected: unknown) => void = nodeAssert.deepStrictEqual;
const notDeepStrictEqual: (actual: unknown, expected: unknown) => void =
  nodeAssert.notDeepStrictEqual;
const NodeAssertionError = nodeAssert.AssertionError;

/** Error thrown by every failed assertion. */
export class AssertionError extends Error {
  /** Creates an assertion error with the given message. */
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

function describe(value: unknown): string {
  return Deno.inspect(value, { depth: 4, iterableLimit: 20, strAbbreviateSize: 200 });
}

function failWith(message: string | undefined, detail: string): never {
  throw new AssertionError(message ? `${message}\n${detail}` : detail);
}

/**
 * Throws unless `condition` is truthy.
 *
 * @example
 * ```ts
 * assert(2 > 1, "two is larger than one");
 * ```
 */
export function assert(condition: unknown, message = "Expected a truthy value"): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Throws unless `condition` is falsy. */
export function assertFalse(condition: unknown, message = "Expected a falsy value"): void {
  if (condition) throw new AssertionError(message);
}

/** Throws an assertion error unconditionally. */
export function fail(message = "Failed assertion"): never {
  throw new AssertionError(message);
}

/**
 * Throws unless `actual` and `expected` are deeply equal (same structure, same values).
 *
 * @example
 * ```ts
 * assertEquals([1, 2], [1, 2]);
 * ```
 */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  try {
    deepStrictEqual(actual, expected);
  } catch (error) {
    if (!(error instanceof NodeAssertionError)) throw error;
    failWith(
      message,
      `Values are not equal.\n  expected: ${describe(expected)}\n  actual:   ${describe(actual)}`,
    );
  }
}

/** Throws if `actual` and `expected` are deeply equal. */
export function assertNotEquals<T>(actual: T, expected: T, message?: string): void {
  try {
    notDeepStrictEqual(actual, expected);
  } catch (error) {
    if (!(error instanceof NodeAssertionError)) throw error;
    failWith(message, `Expected the values to differ, but both are ${describe(actual)}`);
  }
}

/** Throws unless `actual === expected` (same reference for objects). */
export function assertStrictEquals<T>(
  actual: unknown,
  expected: T,
  message?: string,
): asserts actual is T {
  if (!Object.is(actual, expected)) {
    failWith(
      message,
      `Values are not strictly equal.\n  expected: ${describe(expected)}\n  actual:   ${
        describe(actual)
      }`,
    );
  }
}

/**
 * Throws unless `|actual - expected| <= tolerance` (default `1e-7`).
 *
 * @example
 * ```ts
 * assertAlmostEquals(0.1 + 0.2, 0.3);
 * assertAlmostEquals(Math.PI, 3.14, 0.01);
 * ```
 */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance = 1e-7,
  message?: string,
): void {
  if (Object.is(actual, expected)) return;
  const delta = Math.abs(expected - actual);
  if (!(delta <= tolerance)) {
    failWith(
      message,
      `Expected ${actual} to be within ${tolerance} of ${expected} (difference ${delta}).`,
    );
  }
}

/** Throws if `actual` is `null` or `undefined`. */
export function assertExists<T>(actual: T, message?: string): asserts actual is NonNullable<T> {
  if (actual === null || actual === undefined) {
    failWith(message, `Expected a value, got ${describe(actual)}.`);
  }
}

/** Throws unless `actual` is an instance of `type`. */
export function assertInstanceOf<T extends abstract new (...args: never[]) => unknown>(
  actual: unknown,
  type: T,
  message?: string,
): asserts actual is InstanceType<T> {
  if (!(actual instanceof type)) {
    failWith(message, `Expected an instance of ${type.name}, got ${describe(actual)}.`);
  }
}

/** Throws unless `actual` matches the regular expression. */
export function assertMatch(actual: string, expected: RegExp, message?: string): void {
  if (!expected.test(actual)) {
    failWith(message, `Expected ${describe(actual)} to match ${expected}.`);
  }
}

/** Throws unless `actual` contains `expected`. */
export function assertStringIncludes(actual: string, expected: string, message?: string): void {
  if (!actual.includes(expected)) {
    failWith(message, `Expected ${describe(actual)} to include ${describe(expected)}.`);
  }
}

/** Throws unless every element of `expected` is deeply equal to some element of `actual`. */
export function assertArrayIncludes<T>(
  actual: ArrayLike<T>,
  expected: ArrayLike<T>,
  message?: string,
): void {
  const items = Array.from(actual);
  const missing = Array.from(expected).filter((wanted) =>
    !items.some((item) => {
      try {
        deepStrictEqual(item, wanted);
        return true;
      } catch {
        return false;
      }
    })
  );
  if (missing.length > 0) {
    failWith(message, `Expected ${describe(items)} to include ${describe(missing)}.`);
  }
}

/** Throws unless `actual > expected`. */
export function assertGreater<T>(actual: T, expected: T, message?: string): void {
  if (!(actual > expected)) {
    failWith(message, `Expected ${describe(actual)} > ${describe(expected)}.`);
  }
}

/** Throws unless `actual >= expected`. */
export function assertGreaterOrEqual<T>(actual: T, expected: T, message?: string): void {
  if (!(actual >= expected)) {
    failWith(message, `Expected ${describe(actual)} >= ${describe(expected)}.`);
  }
}

/** Throws unless `actual < expected`. */
export function assertLess<T>(actual: T, expected: T, message?: string): void {
  if (!(actual < expected)) {
    failWith(message, `Expected ${describe(actual)} < ${describe(expected)}.`);
  }
}

/** Throws unless `actual <= expected`. */
export function assertLessOrEqual<T>(actual: T, expected: T, message?: string): void {
  if (!(actual <= expected)) {
    failWith(message, `Expected ${describe(actual)} <= ${describe(expected)}.`);
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

function checkError(
  thrown: unknown,
  errorClass?: ErrorClass,
  includes?: string,
  message?: string,
): Error {
  if (!(thrown instanceof Error)) {
    failWith(message, `Expected an Error to be thrown, got ${describe(thrown)}.`);
  }
  const error: Error = thrown;
  if (errorClass && !(thrown instanceof errorClass)) {
    failWith(message, `Expected a ${errorClass.name}, got ${error.name}: ${error.message}`);
  }
  if (includes !== undefined && !error.message.includes(includes)) {
    failWith(
      message,
      `Expected the error message to include ${describe(includes)}, got ${
        describe(error.message)
      }.`,
    );
  }
  return error;
}

/**
 * Throws unless `fn` throws (optionally an instance of `errorClass` whose message includes
 * `includes`); returns the thrown error.
 *
 * @example
 * ```ts
 * assertThrows(() => JSON.parse("{"), SyntaxError);
 * ```
 */
export function assertThrows(
  fn: () => unknown,
  errorClass?: ErrorClass,
  includes?: string,
  message?: string,
): Error {
  try {
    fn();
  } catch (error) {
    return checkError(error, errorClass, includes, message);
  }
  return failWith(message, "Expected the function to throw, but it returned normally.");
}

/** Like {@linkcode assertThrows}, for a function returning a promise that must reject. */
export async function assertRejects(
  fn: () => PromiseLike<unknown>,
  errorClass?: ErrorClass,
  includes?: string,
  message?: string,
): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return checkError(error, errorClass, includes, message);
  }
  return failWith(message, "Expected the promise to reject, but it resolved.");
}
