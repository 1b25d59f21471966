/**
 * Tests for lesson 4's exercises: each hand-written update rule is run for several steps on
 * the same parameters and gradients as the TensorFlow.js optimizer, and must agree with it
 * after every step.
 */
import * as tf from "@tensorflow/tfjs";
import { assert, assertAlmostEquals, assertEquals, assertRejects } from "@std/assert";
import {
  adamStep,
  learningRateSweep,
  momentumStep,
  rmspropStep,
  sgdStep,
} from "@exercises/04_optimizers.ts";
import { testName } from "../lib/exercise/test_name.ts";
import { plainAs, plainAwaited } from "../lib/exercise/plain_data.ts";
import { startBackend } from "../lib/backend/backend.ts";
import { createRng } from "../lib/cli/random.ts";
import { inBothLanguages } from "../lib/cli/two_languages.ts";

/** Starting parameters and one gradient per step, drawn from a fixed seed. */
function problem(size: number, steps: number, seed: number) {
  const rng = createRng(seed);
  const draw = () => Array.from({ length: size }, () => rng.next() * 4 - 2);
  return { start: draw(), grads: Array.from({ length: steps }, draw) };
}

/** The parameters after each step of the optimizer `makeOptimizer` builds, fed with `grads`, read back from tfjs. */
async function tfjsTrajectory(
  makeOptimizer: () => tf.Optimizer,
  start: number[],
  grads: number[][],
): Promise<number[][]> {
  await startBackend("wasm");
  const optimizer = makeOptimizer();
  const variable = tf.variable(tf.tensor1d(start));
  const trajectory: number[][] = [];
  for (const grad of grads) {
    const gradient = tf.tensor1d(grad);
    optimizer.applyGradients({ [variable.name]: gradient });
    gradient.dispose();
    trajectory.push(Array.from(variable.dataSync()));
  }
  variable.dispose();
  optimizer.dispose();
  return trajectory;
}

/** Asserts that the hand-written trajectory matches tfjs's, step by step, parameter by parameter. */
function assertSameTrajectory(mine: number[][], expected: number[][], rule: string) {
  expected.forEach((params, step) => {
    const got = mine[step];
    assertEquals(
      got.length,
      params.length,
      inBothLanguages({
        en: `${rule}: step ${step + 1} returned the wrong length`,
        zh: `${rule}：第 ${step + 1} 步返回的长度不对`,
      }),
    );
    params.forEach((want, i) =>
      assertAlmostEquals(
        got[i],
        want,
        1e-4,
        inBothLanguages({
          en: `${rule}: after step ${step + 1}, parameter ${i} should be ${want.toFixed(6)} ` +
            `(what TensorFlow.js computes), got ${got[i]}`,
          zh: `${rule}：第 ${step + 1} 步之后，参数 ${i} 应当是 ${want.toFixed(6)}` +
            `（TensorFlow.js 算出的值），实际是 ${got[i]}`,
        }),
      )
    );
  });
}

Deno.test(testName("4.1", "moves each parameter against its gradient"), () => {
  const what = "sgdStep([1, 2, -3], [0.5, -1, 0], 0.1)";
  const next = plainAs(sgdStep([1, 2, -3], [0.5, -1, 0], 0.1), what, ["number"]);
  [0.95, 2.1, -3].forEach((want, i) =>
    assertAlmostEquals(
      next[i],
      want,
      1e-12,
      inBothLanguages({
        en: `sgdStep parameter ${i}: want ${want}, got ${next[i]}`,
        zh: `sgdStep 参数 ${i}：应当是 ${want}，实际是 ${next[i]}`,
      }),
    )
  );
});

Deno.test(testName("4.1", "matches tf.train.sgd over 5 steps", 2), async () => {
  const { start, grads } = problem(6, 5, 1);
  const expected = await tfjsTrajectory(() => tf.train.sgd(0.05), start, grads);
  let params = start;
  const mine = grads.map((grad, step) =>
    params = plainAs(sgdStep(params, grad, 0.05), {
      en: `sgdStep at step ${step + 1}`,
      zh: `第 ${step + 1} 步的 sgdStep`,
    }, ["number"])
  );
  assertSameTrajectory(mine, expected, "sgdStep");
});

Deno.test(testName("4.2", "matches tf.train.momentum over 6 steps", 3), async () => {
  const { start, grads } = problem(6, 6, 2);
  const expected = await tfjsTrajectory(() => tf.train.momentum(0.05, 0.9), start, grads);
  let params = start;
  let state = { velocity: start.map(() => 0) };
  const mine = grads.map((grad, step) => {
    ({ params, state } = plainAs(
      momentumStep(params, grad, state, 0.05, 0.9),
      { en: `momentumStep at step ${step + 1}`, zh: `第 ${step + 1} 步的 momentumStep` },
      { params: ["number"], state: { velocity: ["number"] } },
    ));
    return params;
  });
  assertSameTrajectory(mine, expected, "momentumStep");
});

Deno.test(
  testName("4.2", "returns the new velocity and leaves its input alone"),
  () => {
    const state = { velocity: [1, -1] };
    const next = plainAs(
      momentumStep([0, 0], [2, 2], state, 0.1, 0.5),
      "momentumStep([0, 0], [2, 2], { velocity: [1, -1] }, 0.1, 0.5)",
      { state: { velocity: ["number"] } },
    );
    assertEquals(
      state.velocity,
      [1, -1],
      inBothLanguages({
        en: "momentumStep must not change the state it was given",
        zh: "momentumStep 不能修改传给它的状态",
      }),
    );
    [2.5, 1.5].forEach((want, i) =>
      assertAlmostEquals(
        next.state.velocity[i],
        want,
        1e-12,
        inBothLanguages({
          en: `velocity ${i} should be 0.5 * old velocity + gradient = ${want}, got ${
            next.state.velocity[i]
          }`,
          zh: `速度 ${i} 应当是 0.5 * 旧速度 + 梯度 = ${want}，实际是 ${next.state.velocity[i]}`,
        }),
      )
    );
  },
);

Deno.test(testName("4.3", "matches tf.train.rmsprop over 6 steps", 3), async () => {
  const { start, grads } = problem(6, 6, 3);
  const expected = await tfjsTrajectory(() => tf.train.rmsprop(0.01, 0.9, 0, 1e-7), start, grads);
  let params = start;
  let state = { meanSquare: start.map(() => 0) };
  const mine = grads.map((grad, step) => {
    ({ params, state } = plainAs(
      rmspropStep(params, grad, state, 0.01, 0.9, 1e-7),
      { en: `rmspropStep at step ${step + 1}`, zh: `第 ${step + 1} 步的 rmspropStep` },
      { params: ["number"], state: { meanSquare: ["number"] } },
    ));
    return params;
  });
  assertSameTrajectory(mine, expected, "rmspropStep");
});

Deno.test(
  testName("4.3", "takes steps of about the same size for large and small gradients"),
  () => {
    const { params } = plainAs(
      rmspropStep([0, 0], [100, 0.01], { meanSquare: [0, 0] }, 0.01, 0.9, 1e-12),
      "rmspropStep([0, 0], [100, 0.01], { meanSquare: [0, 0] }, 0.01, 0.9, 1e-12)",
      { params: ["number"] },
    );
    const ratio = params[0] / params[1];
    assertAlmostEquals(
      ratio,
      1,
      1e-3,
      inBothLanguages({
        en:
          `gradients of 100 and 0.01 should give equal first steps (each divided by its own size), ` +
          `got steps ${params[0]} and ${params[1]}`,
        zh: `梯度 100 和 0.01 的第一步应当一样大（各自除以自己的大小），` +
          `实际两步分别是 ${params[0]} 和 ${params[1]}`,
      }),
    );
  },
);

Deno.test(
  testName("4.4", "matches tf.train.adam over 8 steps (bias correction included)", 3),
  async () => {
    const { start, grads } = problem(6, 8, 4);
    const expected = await tfjsTrajectory(
      () => tf.train.adam(0.02, 0.9, 0.999, 1e-7),
      start,
      grads,
    );
    let params = start;
    let state = { m: start.map(() => 0), v: start.map(() => 0), t: 0 };
    const mine = grads.map((grad, step) => {
      ({ params, state } = plainAs(
        adamStep(params, grad, state, 0.02, 0.9, 0.999, 1e-7),
        { en: `adamStep at step ${step + 1}`, zh: `第 ${step + 1} 步的 adamStep` },
        { params: ["number"], state: { m: ["number"], v: ["number"], t: "number" } },
      ));
      return params;
    });
    assertSameTrajectory(mine, expected, "adamStep");
  },
);

Deno.test(
  testName("4.4", "first step moves every parameter by about the learning rate"),
  () => {
    const result = plainAs(
      adamStep(
        [0, 0, 0],
        [5, -0.2, 0.001],
        { m: [0, 0, 0], v: [0, 0, 0], t: 0 },
        0.1,
        0.9,
        0.999,
        1e-7,
      ),
      {
        en: "adamStep([0, 0, 0], [5, -0.2, 0.001], zero state, 0.1, 0.9, 0.999, 1e-7)",
        zh: "adamStep([0, 0, 0], [5, -0.2, 0.001], 全零状态, 0.1, 0.9, 0.999, 1e-7)",
      },
      { params: ["number"], state: { t: "number" } },
    );
    assertEquals(
      result.state.t,
      1,
      inBothLanguages({
        en: `the state should count one step, got t = ${result.state.t}`,
        zh: `状态应当记下一步，实际 t = ${result.state.t}`,
      }),
    );
    [-0.1, 0.1, -0.1].forEach((want, i) =>
      assertAlmostEquals(
        result.params[i],
        want,
        1e-3,
        inBothLanguages({
          en: `with bias correction the first step is -learningRate * sign(g) = ${want}; ` +
            `parameter ${i} got ${result.params[i]} (did you divide m and v by 1 - beta^t?)`,
          zh: `做了偏差修正，第一步就是 -learningRate * sign(g) = ${want}；` +
            `参数 ${i} 得到的是 ${result.params[i]}（m 和 v 有没有除以 1 - beta^t？）`,
        }),
      )
    );
  },
);

/** What the learningRateSweep tests read from its result. */
const SWEEP = {
  results: [{ learningRate: "number", score: "number" }],
  best: { learningRate: "number" },
} as const;

Deno.test(
  testName("4.5", "trains once per rate, in order, and picks the best", 2),
  async () => {
    const calls: number[] = [];
    const score = (rate: number) => 1 - Math.abs(Math.log10(rate) + 1); // best at 0.1
    const what = "learningRateSweep([0.001, 0.01, 0.1, 1], train)";
    const outcome = await plainAwaited(
      learningRateSweep([0.001, 0.01, 0.1, 1], async (rate) => {
        calls.push(rate);
        await new Promise((resolve) => setTimeout(resolve, 5 * (4 - calls.length)));
        return score(rate);
      }),
      what,
    );
    const { results, best } = plainAs(outcome, what, SWEEP);
    assertEquals(
      calls,
      [0.001, 0.01, 0.1, 1],
      inBothLanguages({
        en: "train should be called once per rate, in order",
        zh: "每个学习率都应当按顺序调用一次 train",
      }),
    );
    assertEquals(
      results.map((r) => r.learningRate),
      [0.001, 0.01, 0.1, 1],
      inBothLanguages({
        en: "results should list the rates in the order given",
        zh: "结果应当按给定的顺序列出各学习率",
      }),
    );
    results.forEach((r) =>
      assertAlmostEquals(
        r.score,
        score(r.learningRate),
        1e-12,
        inBothLanguages({
          en: `score for ${r.learningRate}`,
          zh: `学习率 ${r.learningRate} 的得分`,
        }),
      )
    );
    assertEquals(
      best.learningRate,
      0.1,
      inBothLanguages({
        en: `the best rate is 0.1, got ${best.learningRate}`,
        zh: `最好的学习率是 0.1，实际得到 ${best.learningRate}`,
      }),
    );
  },
);

Deno.test(
  testName("4.5", "never runs two trainings at once"),
  async () => {
    let running = 0;
    let overlapped = false;
    await plainAwaited(
      learningRateSweep([0.1, 0.2, 0.3], async () => {
        running++;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return 0.5;
      }),
      "learningRateSweep([0.1, 0.2, 0.3], train)",
    );
    assert(
      !overlapped,
      inBothLanguages({
        en: "await each training before starting the next (no Promise.all)",
        zh: "每次训练都要 await 完再开始下一次（不要用 Promise.all）",
      }),
    );
  },
);

Deno.test(
  testName("4.5", "keeps the first of equal scores and rejects no rates"),
  async () => {
    const what = "learningRateSweep([0.3, 0.2, 0.1], train)";
    const outcome = await plainAwaited(
      learningRateSweep([0.3, 0.2, 0.1], () => Promise.resolve(0.9)),
      what,
    );
    const { best } = plainAs(outcome, what, { best: SWEEP.best });
    assertEquals(
      best.learningRate,
      0.3,
      inBothLanguages({
        en: `with equal scores keep the first, got ${best.learningRate}`,
        zh: `得分相同时保留第一个，实际得到 ${best.learningRate}`,
      }),
    );
    await assertRejects(
      () =>
        plainAwaited(
          learningRateSweep([], () => Promise.resolve(0)),
          "learningRateSweep([], train)",
        ),
      RangeError,
      undefined,
      inBothLanguages({
        en: "an empty list of rates should throw a RangeError",
        zh: "学习率列表为空时应当抛出 RangeError",
      }),
    );
  },
);
