/**
 * Comparing a learner's array of numbers with the expected one, element by element, with a
 * failure message a learner can act on.
 *
 * @module
 */
import { assert, assertAlmostEquals, assertEquals } from "@std/assert";

/**
 * Asserts `actual` is an array of `expected.length` numbers, each within `tolerance` of its
 * expected value; `what` names the call in the message.
 *
 * @example
 * ```ts
 * assertCloseArrays(scalePixels([0, 255]), [0, 1], 1e-9, "scalePixels([0, 255])");
 * ```
 */
export function assertCloseArrays(
  actual: number[],
  expected: number[],
  tolerance: number,
  what: string,
): void {
  assert(Array.isArray(actual), `${what} should return an array, got ${typeof actual}`);
  assertEquals(actual.length, expected.length, `${what} should return ${expected.length} numbers`);
  actual.forEach((value, i) =>
    assertAlmostEquals(
      value,
      expected[i],
      tolerance,
      `${what}: element ${i} should be ${expected[i]}, got ${value}`,
    )
  );
}
