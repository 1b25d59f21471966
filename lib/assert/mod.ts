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
 * What an assertion adds to the caller's message (expected against actual) is written in both
 * languages, marked as `lib/cli/two_languages.ts` describes, so that `deno task check`
 * can show it in the learner's; English readers see exactly the English.
 *
 * The `node:assert` functions are captured when this module loads, before any exercise module
 * is evaluated, so code that later replaces `assert.deepStrictEqual` cannot disarm the tests.
 *
 * @module
 */
import nodeAssert from "node:assert";
import type { Bilingual } from "../cli/language.ts";
import { inBothLanguages } from "../cli/two_languages.ts";

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

function failWith(message: string | undefined, detail: Bilingual): never {
  const both = inBothLanguages(detail);
  throw new AssertionError(message ? `${message}\n${both}` : both);
}

/** The caller's message alone, or `fallback` when there is none. */
function plainOr(message: string | undefined, fallback: Bilingual): AssertionError {
  return new AssertionError(message ?? inBothLanguages(fallback));
}

/** The lines comparing `expected` with `actual`, after `heading`. */
function versus(heading: Bilingual, expected: unknown, actual: unknown): Bilingual {
  return {
    en: `${heading.en}\n  expected: ${describe(expected)}\n  actual:   ${describe(actual)}`,
    zh: `${heading.zh}\n  期望：${describe(expected)}\n  实际：${describe(actual)}`,
  };
}

/**
 * Throws unless `condition` is truthy.
 *
 * @example
 * ```ts
 * assert(2 > 1, "two is larger than one");
 * ```
 */
export function assert(condition: unknown, message?: string): asserts condition {
  if (!condition) throw plainOr(message, { en: "Expected a truthy value", zh: "应当为真" });
}

/** Throws unless `condition` is falsy. */
export function assertFalse(condition: unknown, message?: string): void {
  if (condition) throw plainOr(message, { en: "Expected a falsy value", zh: "应当为假" });
}

/** Throws an assertion error unconditionally. */
export function fail(message?: string): never {
  throw plainOr(message, { en: "Failed assertion", zh: "断言失败" });
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
      versus({ en: "Values are not equal.", zh: "两个值不相等。" }, expected, actual),
    );
  }
}

/** Throws if `actual` and `expected` are deeply equal. */
export function assertNotEquals<T>(actual: T, expected: T, message?: string): void {
  try {
    notDeepStrictEqual(actual, expected);
  } catch (error) {
    if (!(error instanceof NodeAssertionError)) throw error;
    failWith(message, {
      en: `Expected the values to differ, but both are ${describe(actual)}`,
      zh: `两个值应当不同，但都是 ${describe(actual)}`,
    });
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
      versus(
        { en: "Values are not strictly equal.", zh: "两个值并非严格相等（===）。" },
        expected,
        actual,
      ),
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
    failWith(message, {
      en: `Expected ${actual} to be within ${tolerance} of ${expected} (difference ${delta}).`,
      zh: `${actual} 与 ${expected} 之差应当不超过 ${tolerance}（实际相差 ${delta}）。`,
    });
  }
}

/** Throws if `actual` is `null` or `undefined`. */
export function assertExists<T>(actual: T, message?: string): asserts actual is NonNullable<T> {
  if (actual === null || actual === undefined) {
    failWith(message, {
      en: `Expected a value, got ${describe(actual)}.`,
      zh: `应当有一个值，实际是 ${describe(actual)}。`,
    });
  }
}

/** Throws unless `actual` is an instance of `type`. */
export function assertInstanceOf<T extends abstract new (...args: never[]) => unknown>(
  actual: unknown,
  type: T,
  message?: string,
): asserts actual is InstanceType<T> {
  if (!(actual instanceof type)) {
    failWith(message, {
      en: `Expected an instance of ${type.name}, got ${describe(actual)}.`,
      zh: `应当是 ${type.name} 的实例，实际是 ${describe(actual)}。`,
    });
  }
}

/** Throws unless `actual` matches the regular expression. */
export function assertMatch(actual: string, expected: RegExp, message?: string): void {
  if (!expected.test(actual)) {
    failWith(message, {
      en: `Expected ${describe(actual)} to match ${expected}.`,
      zh: `${describe(actual)} 应当匹配 ${expected}。`,
    });
  }
}

/** Throws unless `actual` contains `expected`. */
export function assertStringIncludes(actual: string, expected: string, message?: string): void {
  if (!actual.includes(expected)) {
    failWith(message, {
      en: `Expected ${describe(actual)} to include ${describe(expected)}.`,
      zh: `${describe(actual)} 应当包含 ${describe(expected)}。`,
    });
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
    failWith(message, {
      en: `Expected ${describe(items)} to include ${describe(missing)}.`,
      zh: `${describe(items)} 应当包含 ${describe(missing)}。`,
    });
  }
}

/** Throws unless `actual > expected`. */
export function assertGreater<T>(actual: T, expected: T, message?: string): void {
  if (!(actual > expected)) {
    failWith(message, {
      en: `Expected ${describe(actual)} > ${describe(expected)}.`,
      zh: `应当满足 ${describe(actual)} > ${describe(expected)}。`,
    });
  }
}

/** Throws unless `actual >= expected`. */
export function assertGreaterOrEqual<T>(actual: T, expected: T, message?: string): void {
  if (!(actual >= expected)) {
    failWith(message, {
      en: `Expected ${describe(actual)} >= ${describe(expected)}.`,
      zh: `应当满足 ${describe(actual)} >= ${describe(expected)}。`,
    });
  }
}

/** Throws unless `actual < expected`. */
export function assertLess<T>(actual: T, expected: T, message?: string): void {
  if (!(actual < expected)) {
    failWith(message, {
      en: `Expected ${describe(actual)} < ${describe(expected)}.`,
      zh: `应当满足 ${describe(actual)} < ${describe(expected)}。`,
    });
  }
}

/** Throws unless `actual <= expected`. */
export function assertLessOrEqual<T>(actual: T, expected: T, message?: string): void {
  if (!(actual <= expected)) {
    failWith(message, {
      en: `Expected ${describe(actual)} <= ${describe(expected)}.`,
      zh: `应当满足 ${describe(actual)} <= ${describe(expected)}。`,
    });
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
    failWith(message, {
      en: `Expected an Error to be thrown, got ${describe(thrown)}.`,
      zh: `应当抛出一个 Error，实际抛出的是 ${describe(thrown)}。`,
    });
  }
  const error: Error = thrown;
  if (errorClass && !(thrown instanceof errorClass)) {
    failWith(message, {
      en: `Expected a ${errorClass.name}, got ${error.name}: ${error.message}`,
      zh: `应当抛出 ${errorClass.name}，实际是 ${error.name}: ${error.message}`,
    });
  }
  if (includes !== undefined && !error.message.includes(includes)) {
    failWith(message, {
      en: `Expected the error message to include ${describe(includes)}, got ${
        describe(error.message)
      }.`,
      zh: `错误信息应当包含 ${describe(includes)}，实际是 ${describe(error.message)}。`,
    });
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
  return failWith(message, {
    en: "Expected the function to throw, but it returned normally.",
    zh: "这个函数应当抛出错误，但它正常返回了。",
  });
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
  return failWith(message, {
    en: "Expected the promise to reject, but it resolved.",
    zh: "这个 promise 应当被拒绝（reject），但它正常完成了。",
  });
}
