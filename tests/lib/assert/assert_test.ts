import nodeAssert from "node:assert";
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  AssertionError,
  assertNotEquals,
  assertRejects,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";

Deno.test("assertions pass on matching values and throw AssertionError otherwise", () => {
  assertEquals({ a: [1, 2] }, { a: [1, 2] });
  assertNotEquals([1], [2]);
  assertAlmostEquals(0.1 + 0.2, 0.3);
  assertThrows(() => assertEquals([1], [2]), AssertionError, "expected");
  assertThrows(() => assertAlmostEquals(1, 1.1, 0.01), AssertionError, "within 0.01");
  assertThrows(() => assert(false, "custom"), AssertionError, "custom");
  assertThrows(() => assertStringIncludes("abc", "z"), AssertionError);
  assertThrows(() => assertThrows(() => {}), AssertionError, "to throw");
});

Deno.test("assertRejects checks the error class and message", async () => {
  await assertRejects(() => Promise.reject(new RangeError("bad size")), RangeError, "size");
  await assertRejects(
    () => assertRejects(() => Promise.reject(new TypeError("x")), RangeError),
    AssertionError,
    "Expected a RangeError",
  );
});

Deno.test("replacing node:assert's functions later does not disarm assertEquals", () => {
  const original = nodeAssert.deepStrictEqual;
  try {
    nodeAssert.deepStrictEqual = () => {};
    assertThrows(() => assertEquals([1], [2]), AssertionError);
  } finally {
    nodeAssert.deepStrictEqual = original;
  }
});
