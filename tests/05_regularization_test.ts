/**
 * Tests for lesson 5's exercises: the penalties and their gradients are checked against
 * TensorFlow.js's own regularizers and `tf.grad`; the history readers against small
 * hand-made histories whose answers can be worked out on paper.
 */
import * as tf from "@tensorflow/tfjs";
import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  bestEpoch,
  diagnoseFit,
  earlyStoppingDecision,
  elasticNetPenalty,
  l1Penalty,
  l2Penalty,
  type Penalty,
} from "@exercises/05_regularization.ts";
import { testName } from "../lib/exercise/test_name.ts";
import { labelOf, plainAs, plainData } from "../lib/exercise/plain_data.ts";
import { startBackend } from "../lib/backend/backend.ts";
import type { History } from "../lib/train/history.ts";
import { createRng } from "../lib/cli/random.ts";
import { inBothLanguages } from "../lib/cli/two_languages.ts";
import type { Text } from "../lib/cli/language.ts";

/** Eight weights between -1 and 1 drawn from a fixed seed (none exactly 0). */
function someWeights(seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: 8 }, () => rng.next() * 2 - 1);
}

/** TensorFlow.js's value and gradient of `regularizer` at `weights`. */
async function tfjsPenalty(
  makeRegularizer: () => ReturnType<typeof tf.regularizers.l1>,
  weights: number[],
): Promise<Penalty> {
  await startBackend("wasm");
  const regularizer = makeRegularizer();
  return tf.tidy(() => {
    const w = tf.tensor1d(weights);
    const value = regularizer.apply(w).dataSync()[0];
    const gradient = tf.grad((x: tf.Tensor) => regularizer.apply(x))(w);
    return { penalty: value, gradient: Array.from(gradient.dataSync()) };
  });
}

/** What a penalty function returns. */
const PENALTY = { penalty: "number", gradient: ["number"] } as const;

function assertSamePenalty(returned: unknown, expected: Penalty, what: Text) {
  const named = labelOf(what);
  const got = plainAs(returned, what, PENALTY);
  assertAlmostEquals(
    got.penalty,
    expected.penalty,
    1e-5,
    inBothLanguages({
      en: `${named.en}: the penalty should be ${
        expected.penalty.toFixed(6)
      } (TensorFlow.js's value), got ${got.penalty}`,
      zh: `${named.zh}：惩罚项应当是 ${
        expected.penalty.toFixed(6)
      }（TensorFlow.js 算出的值），实际是 ${got.penalty}`,
    }),
  );
  assertEquals(
    got.gradient.length,
    expected.gradient.length,
    inBothLanguages({
      en: `${named.en}: one gradient per weight`,
      zh: `${named.zh}：每个权重一个梯度`,
    }),
  );
  expected.gradient.forEach((want, i) =>
    assertAlmostEquals(
      got.gradient[i],
      want,
      1e-5,
      inBothLanguages({
        en: `${named.en}: the gradient of weight ${i} should be ${
          want.toFixed(6)
        } (tf.grad's value), got ${got.gradient[i]}`,
        zh: `${named.zh}：权重 ${i} 的梯度应当是 ${want.toFixed(6)}（tf.grad 算出的值），实际是 ${
          got.gradient[i]
        }`,
      }),
    )
  );
}

/** A history with these validation losses (and made-up training numbers). */
function historyOf(valLosses: number[]): History {
  return valLosses.map((val_loss, i) => ({
    epoch: i + 1,
    loss: 1 / (i + 2),
    accuracy: 0.9,
    val_loss,
    val_accuracy: 0.9,
    seconds: 1,
  }));
}

Deno.test(testName("5.1", "matches tf.regularizers.l1 and tf.grad", 2), async () => {
  const weights = someWeights(1);
  const expected = await tfjsPenalty(() => tf.regularizers.l1({ l1: 0.01 }), weights);
  assertSamePenalty(l1Penalty(weights, 0.01), expected, "l1Penalty(weights, 0.01)");
});

Deno.test(testName("5.1", "has gradient 0 at a weight of exactly 0"), () => {
  const { penalty, gradient } = plainAs(
    l1Penalty([0, 3, -0.5], 0.1),
    "l1Penalty([0, 3, -0.5], 0.1)",
    PENALTY,
  );
  assertAlmostEquals(penalty, 0.35, 1e-12, `l1Penalty([0, 3, -0.5], 0.1) is 0.35, got ${penalty}`);
  assertEquals(
    gradient[0],
    0,
    inBothLanguages({
      en: `a weight of 0 has L1 gradient 0 (Math.sign(0) is 0), got ${gradient[0]}`,
      zh: `值为 0 的权重，L1 梯度为 0（Math.sign(0) 是 0），实际是 ${gradient[0]}`,
    }),
  );
});

Deno.test(testName("5.2", "matches tf.regularizers.l2 and tf.grad", 2), async () => {
  const weights = someWeights(2);
  const expected = await tfjsPenalty(() => tf.regularizers.l2({ l2: 0.01 }), weights);
  assertSamePenalty(l2Penalty(weights, 0.01), expected, "l2Penalty(weights, 0.01)");
});

Deno.test(
  testName("5.3", "matches tf.regularizers.l1l2 and tf.grad", 2),
  async () => {
    const weights = someWeights(3);
    const expected = await tfjsPenalty(
      () => tf.regularizers.l1l2({ l1: 0.003, l2: 0.02 }),
      weights,
    );
    assertSamePenalty(
      elasticNetPenalty(weights, 0.003, 0.02),
      expected,
      "elasticNetPenalty(weights, 0.003, 0.02)",
    );
  },
);

Deno.test(testName("5.4", "finds the epoch of the lowest validation loss"), () => {
  const got = plainData(bestEpoch(historyOf([0.9, 0.5, 0.31, 0.35, 0.6])), "bestEpoch(history)");
  assertEquals(
    got,
    3,
    inBothLanguages({
      en: `validation loss was lowest (0.31) at epoch 3, got ${got}`,
      zh: `验证损失在第 3 轮最低（0.31），实际得到 ${got}`,
    }),
  );
});

Deno.test(
  testName("5.4", "keeps the earliest of equal losses and needs val_loss"),
  () => {
    const got = plainData(bestEpoch(historyOf([0.4, 0.2, 0.3, 0.2])), "bestEpoch(history)");
    assertEquals(
      got,
      2,
      inBothLanguages({
        en: `epochs 2 and 4 tie at 0.2: return the earlier one, 2; got ${got}`,
        zh: `第 2 轮和第 4 轮都是 0.2：返回较早的第 2 轮；实际得到 ${got}`,
      }),
    );
    const noValidation = historyOf([0.4]).map(({ val_loss: _, ...rest }) => rest);
    assertThrows(
      () => bestEpoch(noValidation),
      RangeError,
      undefined,
      inBothLanguages({
        en: "a history without any val_loss should throw a RangeError",
        zh: "没有任何 val_loss 的历史记录应当抛出 RangeError",
      }),
    );
  },
);

Deno.test(
  testName("5.5", "stops after `patience` epochs without improvement", 2),
  () => {
    const history = historyOf([0.5, 0.4, 0.45, 0.46, 0.3, 0.2]);
    const kept = earlyStoppingDecision(history, { patience: 2, minDelta: 0, restoreBest: true });
    assertEquals(
      plainData(kept, "earlyStoppingDecision(history, { patience: 2, restoreBest: true })"),
      { stopEpoch: 4, stoppedEarly: true, keptEpoch: 2 },
      inBothLanguages({
        en:
          "val_loss 0.5, 0.4, 0.45, 0.46, ... with patience 2: epochs 3 and 4 do not improve on 0.4, " +
          "so training stops after epoch 4 and restores epoch 2",
        zh: "val_loss 为 0.5, 0.4, 0.45, 0.46, ...，patience 为 2：第 3、4 轮都没有低于 0.4，" +
          "所以训练在第 4 轮之后停止，并恢复第 2 轮的权重",
      }),
    );
    const last = plainAs(
      earlyStoppingDecision(history, { patience: 2, minDelta: 0, restoreBest: false }),
      "earlyStoppingDecision(history, { patience: 2, restoreBest: false })",
      { keptEpoch: "number" },
    );
    assertEquals(
      last.keptEpoch,
      4,
      inBothLanguages({
        en: "without restoreBest the model keeps the stop epoch's weights",
        zh: "不设 restoreBest 时，模型保留停止那一轮的权重",
      }),
    );
  },
);

Deno.test(
  testName("5.5", "counts only improvements bigger than minDelta", 2),
  () => {
    const history = historyOf([1.0, 0.95, 0.92, 0.5, 0.49]);
    const got = earlyStoppingDecision(history, { patience: 2, minDelta: 0.1, restoreBest: true });
    assertEquals(
      plainData(got, "earlyStoppingDecision(history, { patience: 2, minDelta: 0.1 })"),
      { stopEpoch: 3, stoppedEarly: true, keptEpoch: 1 },
      inBothLanguages({
        en:
          "with minDelta 0.1, 0.95 and 0.92 are not below 1.0 - 0.1: stop after epoch 3, keep epoch 1",
        zh: "minDelta 为 0.1 时，0.95 和 0.92 都不低于 1.0 - 0.1：第 3 轮之后停止，保留第 1 轮",
      }),
    );
  },
);

Deno.test(
  testName("5.5", "runs to the end when the loss keeps improving"),
  () => {
    const got = earlyStoppingDecision(historyOf([0.9, 0.8, 0.7, 0.75]), {
      patience: 3,
      minDelta: 0,
      restoreBest: true,
    });
    assertEquals(
      plainData(got, "earlyStoppingDecision(history, { patience: 3 })"),
      { stopEpoch: 4, stoppedEarly: false, keptEpoch: 3 },
      inBothLanguages({
        en: "patience 3 is never reached: train all 4 epochs, then restore the best, epoch 3",
        zh: "始终没有达到 patience 3：训练完全部 4 轮，再恢复最好的第 3 轮",
      }),
    );
  },
);

Deno.test(testName("5.6", "tells the three cases apart", 2), () => {
  const thresholds = { minTrainAccuracy: 0.9, maxGap: 0.03 };
  const cases: [number, number, string][] = [
    [0.8, 0.79, "underfit"],
    [0.85, 0.6, "underfit"],
    [0.995, 0.9, "overfit"],
    [0.97, 0.96, "good fit"],
    [0.95, 0.97, "good fit"],
  ];
  for (const [train, validation, want] of cases) {
    const got = plainData(
      diagnoseFit(train, validation, thresholds),
      `diagnoseFit(${train}, ${validation}, thresholds)`,
    );
    assertEquals(
      got,
      want,
      inBothLanguages({
        en:
          `training ${train}, validation ${validation} with minimum 0.9 and gap 0.03 is "${want}", got "${got}"`,
        zh:
          `训练 ${train}、验证 ${validation}，最低要求 0.9、差距上限 0.03 时应为 "${want}"，实际是 "${got}"`,
      }),
    );
  }
});

Deno.test(testName("5.6", "uses the thresholds it is given"), () => {
  const got = plainData(
    diagnoseFit(0.99, 0.9, { minTrainAccuracy: 0.9, maxGap: 0.1 }),
    "diagnoseFit(0.99, 0.9, { minTrainAccuracy: 0.9, maxGap: 0.1 })",
  );
  assertEquals(
    got,
    "good fit",
    inBothLanguages({
      en: `a gap of 0.09 is within a maximum gap of 0.1, got "${got}"`,
      zh: `0.09 的差距在上限 0.1 之内，实际是 "${got}"`,
    }),
  );
  const strict = plainData(
    diagnoseFit(0.95, 0.94, { minTrainAccuracy: 0.96, maxGap: 0.1 }),
    "diagnoseFit(0.95, 0.94, { minTrainAccuracy: 0.96, maxGap: 0.1 })",
  );
  assertEquals(
    strict,
    "underfit",
    inBothLanguages({
      en: `0.95 is below a minimum of 0.96, got "${strict}"`,
      zh: `0.95 低于最低要求 0.96，实际是 "${strict}"`,
    }),
  );
});
