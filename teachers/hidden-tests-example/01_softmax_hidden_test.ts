/**
 * Example hidden tests for lesson 1: extra checks of the same exercises that students never
 * see. Copy this folder somewhere private, write your own, and grade with
 * `deno task grade <submissions> --hidden <folder>` (see README.md next to this file).
 *
 * Hidden tests import only through the course's import names (`@exercises/`, `@lib/`,
 * `@std/assert`, `@tensorflow/tfjs`): the grader stages them in its own folder.
 */
import { assertAlmostEquals, assertEquals } from "@std/assert";
import { accuracy, crossEntropy, oneHot, softmax } from "@exercises/01_softmax.ts";
import { testName } from "@lib/exercise/test_name.ts";

Deno.test(testName("1.2", "handles two classes and repeated labels"), () => {
  assertEquals(oneHot([1, 1, 0], 2), [[0, 1], [0, 1], [1, 0]]);
});

Deno.test(testName("1.3", "gives a single logit probability 1"), () => {
  const probabilities = softmax([5]);
  assertEquals(probabilities.length, 1);
  assertAlmostEquals(probabilities[0], 1, 1e-12);
});

Deno.test(testName("1.4", "costs almost nothing for a perfect prediction"), () => {
  assertAlmostEquals(crossEntropy([[1, 0]], [[1, 0]]), 0, 1e-6);
});

Deno.test(testName("1.5", "scores a single wrong row 0"), () => {
  assertEquals(accuracy([[0.2, 0.8]], [0]), 0);
});
