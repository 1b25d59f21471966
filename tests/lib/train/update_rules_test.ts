import { assertAlmostEquals, assertEquals } from "@std/assert";
import { adamStep, momentumStep, rmspropStep, sgdStep } from "../../../lib/train/update_rules.ts";

Deno.test("sgdStep moves each parameter against its gradient", () => {
  assertEquals(sgdStep([1, 2], [0.5, -1], 0.1), [0.95, 2.1]);
});

Deno.test("momentumStep builds up velocity over steps", () => {
  const first = momentumStep([1], [1], { velocity: [0] }, 0.1, 0.9);
  assertEquals(first, { params: [0.9], state: { velocity: [1] } });
  const second = momentumStep(first.params, [1], first.state, 0.1, 0.9);
  assertAlmostEquals(second.state.velocity[0], 1.9);
  assertAlmostEquals(second.params[0], 0.71);
});

Deno.test("rmspropStep divides the step by the root mean square of the gradients", () => {
  const { params, state } = rmspropStep([1], [2], { meanSquare: [0] }, 0.01, 0.9, 1e-7);
  assertAlmostEquals(state.meanSquare[0], 0.4);
  assertAlmostEquals(params[0], 1 - 0.02 / Math.sqrt(0.4 + 1e-7));
});

Deno.test("adamStep's first step moves every parameter by about the learning rate", () => {
  const { params, state } = adamStep(
    [1, 5],
    [3, -0.01],
    { m: [0, 0], v: [0, 0], t: 0 },
    0.1,
    0.9,
    0.999,
    1e-7,
  );
  assertAlmostEquals(params[0], 0.9, 1e-6);
  assertAlmostEquals(params[1], 5.1, 1e-4);
  assertEquals(state.t, 1);
  assertAlmostEquals(state.m[0], 0.3);
  assertAlmostEquals(state.v[0], 0.009);
});

Deno.test("the rules leave their arguments alone", () => {
  const params = [1, 2];
  const grads = [0.5, -1];
  const state = { m: [0, 0], v: [0, 0], t: 0 };
  adamStep(params, grads, state, 0.1, 0.9, 0.999, 1e-7);
  momentumStep(params, grads, { velocity: [0, 0] }, 0.1, 0.9);
  assertEquals([params, grads, state], [[1, 2], [0.5, -1], { m: [0, 0], v: [0, 0], t: 0 }]);
});
