/**
 * Test helper: the `testName("<exercise id>", "<check>", points)` calls of an exercise test
 * file, read from its text without running it. The course's manifest test compares their ids
 * with the manifest; the attack class rebuilds the names the tests register.
 *
 * @module
 */

/** One `testName(...)` call, its arguments as written. */
export interface TestNameCall {
  /** The exercise's manifest id, e.g. `1.3`. */
  exerciseId: string;
  /** What the test checks. */
  check: string;
  /** Points it is worth (1 when the call gives none). */
  points: number;
}

const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;
const CALL = new RegExp(
  String.raw`testName\(\s*${STRING}\s*,\s*${STRING}\s*(?:,\s*(\d+(?:\.\d+)?))?\s*,?\s*\)`,
  "g",
);

/**
 * Every `testName(...)` call in `source`, in order; calls whose arguments are not string
 * literals (and a points literal) are not seen.
 *
 * @example
 * ```ts
 * testNameCalls(`Deno.test(testName("1.3", "rows sum to 1", 2), () => {});`);
 * // [{ exerciseId: "1.3", check: "rows sum to 1", points: 2 }]
 * ```
 */
export function testNameCalls(source: string): TestNameCall[] {
  return Array.from(source.matchAll(CALL), ([, exerciseId, check, points]) => ({
    exerciseId: JSON.parse(`"${exerciseId}"`),
    check: JSON.parse(`"${check}"`),
    points: Number(points ?? 1),
  }));
}
