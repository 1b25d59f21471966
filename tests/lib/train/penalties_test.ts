import { assertAlmostEquals, assertEquals } from "@std/assert";
import { elasticNetPenalty, l1Penalty, l2Penalty } from "../../../lib/train/penalties.ts";

Deno.test("l1Penalty sums |w| and pulls every weight by the same amount", () => {
  const { penalty, gradient } = l1Penalty([1, -2, 0], 0.1);
  assertAlmostEquals(penalty, 0.3);
  assertEquals(gradient, [0.1, -0.1, 0]);
});

Deno.test("l2Penalty sums w^2 and pulls each weight in proportion to its size", () => {
  const { penalty, gradient } = l2Penalty([1, -2], 0.01);
  assertAlmostEquals(penalty, 0.05);
  assertEquals(gradient, [0.02, -0.04]);
});

Deno.test("elasticNetPenalty adds L1 and L2, values and gradients", () => {
  const { penalty, gradient } = elasticNetPenalty([1, -2], 0.1, 0.01);
  assertAlmostEquals(penalty, 0.35);
  assertAlmostEquals(gradient[0], 0.12);
  assertAlmostEquals(gradient[1], -0.14);
});
