import { assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import type { Digits } from "../../../lib/data/digits.ts";
import { randomSubset, shuffledIndices, validationSplit } from "../../../lib/data/split.ts";
import { createRng } from "../../../lib/cli/random.ts";

function digits(count: number): Digits {
  const images = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) images[i * 784] = i;
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count };
}

Deno.test("shuffledIndices is a seeded permutation", () => {
  const a = shuffledIndices(100, createRng(1).next);
  assertEquals(Array.from(a).sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
  assertEquals(Array.from(shuffledIndices(100, createRng(1).next)), Array.from(a));
  assertNotEquals(Array.from(shuffledIndices(100, createRng(2).next)), Array.from(a));
});

Deno.test("validationSplit holds out the last fraction, like Keras", () => {
  const { train, validation } = validationSplit(digits(10), 0.2);
  assertEquals([train.count, validation.count], [8, 2]);
  assertEquals(Array.from(validation.labels), [8, 9]);
  assertEquals(validation.images[0], 8);
  assertThrows(() => validationSplit(digits(10), 1), RangeError, "fraction");
});

Deno.test("randomSubset picks distinct examples, keeping images with their labels", () => {
  const subset = randomSubset(digits(50), 20, createRng(3).next);
  assertEquals(subset.count, 20);
  const firstPixels = Array.from({ length: 20 }, (_, i) => subset.images[i * 784]);
  assertEquals(new Set(firstPixels).size, 20);
  firstPixels.forEach((original, i) => assertEquals(subset.labels[i], original % 10));
});
