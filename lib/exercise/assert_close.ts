/**
 * Comparing a learner's array of numbers with the expected one, element by element, with a
 * failure message a learner can act on.
 *
 * @module
 */
import { assertAlmostEquals, assertEquals } from "@std/assert";
import { plainAs } from "./plain_data.ts";

/**
 * Asserts `actual` (what learner code returned, copied first with `plainAs`) is an array of
 * `expected.length` numbers, each within `tolerance` of its expected value; `what` names the
 * call in the message.
 *
 * @example
 * ```ts
 * assertCloseArrays(scalePixels([0, 255]), [0, 1], 1e-9, "scalePixels([0, 255])");
 * ```
 */
export function assertCloseArrays(
  actual: unknown,
  expected: number[],
  tolerance: number,
  what: string,
): void {
  const numbers = plainAs(actual, what, ["number"]);
  assertEquals(numbers.length, expected.length, `${what} should return ${expected.length} numbers`);
  numbers.forEach((value, i) =>
    assertAlmostEquals(
      value,
      expected[i],
      tolerance,
      `${what}: element ${i} should be ${expected[i]}, got ${value}`,
    )
  );
}
