/**
 * Comparing a learner's array of numbers with the expected one, element by element, with a
 * failure message a learner can act on.
 *
 * @module
 */
import { assertAlmostEquals, assertEquals } from "@std/assert";
import { labelOf, plainAs } from "./plain_data.ts";
import { inBothLanguages } from "../cli/two_languages.ts";
import type { Text } from "../cli/language.ts";

/**
 * Asserts `actual` (what learner code returned, copied first with `plainAs`) is an array of
 * `expected.length` numbers, each within `tolerance` of its expected value; `what` names the
 * call in the message (a plain string, or `{ en, zh }` to name it in each language).
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
  what: Text,
): void {
  const named = labelOf(what);
  const numbers = plainAs(actual, what, ["number"]);
  assertEquals(
    numbers.length,
    expected.length,
    inBothLanguages({
      en: `${named.en} should return ${expected.length} numbers`,
      zh: `${named.zh} 应当返回 ${expected.length} 个数`,
    }),
  );
  numbers.forEach((value, i) =>
    assertAlmostEquals(
      value,
      expected[i],
      tolerance,
      inBothLanguages({
        en: `${named.en}: element ${i} should be ${expected[i]}, got ${value}`,
        zh: `${named.zh}：下标 ${i} 处的元素应当是 ${expected[i]}，实际是 ${value}`,
      }),
    )
  );
}
