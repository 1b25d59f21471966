import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { startBackend } from "../../../lib/backend/backend.ts";
import { arrayOptimizer, type UpdateRule } from "../../../lib/train/array_optimizer.ts";
import { adamStep, momentumStep, rmspropStep, sgdStep } from "../../../lib/train/update_rules.ts";

const zeros = (n: number) => new Array<number>(n).fill(0);

/** The same four rules, as lesson 4 builds its optimizers. */
const RULES: { name: string; rule: UpdateRule<unknown>; tfjs: (rate: number) => tf.Optimizer }[] = [
  {
    name: "sgd",
    rule: {
      start: () => null,
      step: (params, grads, state, rate) => ({ params: sgdStep(params, grads, rate), state }),
    },
    tfjs: (rate) => tf.train.sgd(rate),
  },
  {
    name: "momentum",
    rule: {
      start: (n) => ({ velocity: zeros(n) }),
      step: (params, grads, state, rate) =>
        momentumStep(params, grads, state as { velocity: number[] }, rate, 0.9),
    },
    tfjs: (rate) => tf.train.momentum(rate, 0.9),
  },
  {
    name: "rmsprop",
    rule: {
      start: (n) => ({ meanSquare: zeros(n) }),
      step: (params, grads, state, rate) =>
        rmspropStep(params, grads, state as { meanSquare: number[] }, rate, 0.9, 1e-7),
    },
    tfjs: (rate) => tf.train.rmsprop(rate),
  },
  {
    name: "adam",
    rule: {
      start: (n) => ({ m: zeros(n), v: zeros(n), t: 0 }),
      step: (params, grads, state, rate) =>
        adamStep(
          params,
          grads,
          state as { m: number[]; v: number[]; t: number },
          rate,
          0.9,
          0.999,
          1e-7,
        ),
    },
    tfjs: (rate) => tf.train.adam(rate),
  },
];

/** Two variables' values after `steps` minimisations of a quadratic with `optimizer`. */
function descend(optimizer: tf.Optimizer, steps: number): number[][] {
  const a = tf.tidy(() => tf.variable(tf.tensor2d([[1, -2], [0.5, 3]])));
  const b = tf.tidy(() => tf.variable(tf.tensor1d([0.25, -1])));
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      optimizer.minimize(() => tf.add(a.square().sum(), b.sub(2).abs().sum()) as tf.Scalar);
    });
  }
  const values = [Array.from(a.dataSync()), Array.from(b.dataSync())];
  tf.dispose([a, b]);
  return values;
}

for (const { name, rule, tfjs } of RULES) {
  Deno.test(`arrayOptimizer with the ${name} rule takes the steps tfjs's optimizer takes`, async () => {
    await startBackend("wasm");
    const mine = arrayOptimizer(0.05, rule);
    const theirs = tfjs(0.05);
    const got = descend(mine, 5);
    const expected = descend(theirs, 5);
    got.flat().forEach((value, i) => assertAlmostEquals(value, expected.flat()[i], 1e-5));
    assertEquals(mine.iterations, 5);
    assertEquals(mine.learningRate, 0.05);
    mine.dispose();
    theirs.dispose();
  });
}

Deno.test("arrayOptimizer keeps one state per variable and leaks no tensors", async () => {
  await startBackend("wasm");
  const sizes: number[] = [];
  const optimizer = arrayOptimizer(0.1, {
    start: (size) => {
      sizes.push(size);
      return 0;
    },
    step: (params, grads, state, rate) => ({
      params: params.map((p, i) => p - rate * grads[i]),
      state: state + 1,
    }),
  });
  descend(optimizer, 1);
  const before = tf.memory().numTensors;
  descend(optimizer, 3);
  assertEquals(tf.memory().numTensors, before);
  assertEquals(sizes.slice(0, 2), [4, 2]);
});

Deno.test("arrayOptimizer refuses a rule that returns the wrong number of values", async () => {
  await startBackend("wasm");
  const optimizer = arrayOptimizer(0.1, {
    start: () => null,
    step: (params, _grads, state) => ({ params: params.slice(1), state }),
  });
  assertThrows(() => descend(optimizer, 1), RangeError, "returned 3 values");
});
