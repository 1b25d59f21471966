/**
 * Tests for lesson 1's exercises. They import the code under test through `@exercises/`, which
 * `deno.json` maps to `exercises/`; the suite and the grader point it at `solutions/` or a
 * student's folder without changing this file.
 */
import * as tf from "@tensorflow/tfjs";
import { assert, assertAlmostEquals, assertEquals, assertGreater } from "@std/assert";
import {
  accuracy,
  buildSoftmaxModel,
  crossEntropy,
  oneHot,
  scalePixels,
  softmax,
} from "@exercises/01_softmax.ts";
import { assertCloseArrays } from "../lib/exercise/assert_close.ts";
import { plainAs, plainData, plainModel } from "../lib/exercise/plain_data.ts";
import { testName } from "../lib/exercise/test_name.ts";
import { startBackend } from "../lib/backend/backend.ts";
import { loadMnist } from "../lib/data/mnist.ts";
import { randomSubset } from "../lib/data/split.ts";
import { evaluate } from "../lib/train/evaluate.ts";
import { fit } from "../lib/train/fit.ts";
import { seedEverything } from "../lib/cli/random.ts";
import { inBothLanguages } from "../lib/cli/two_languages.ts";

Deno.test(testName("1.1", "maps 0 to 0, 51 to 0.2 and 255 to 1"), () => {
  assertCloseArrays(scalePixels([0, 51, 255]), [0, 0.2, 1], 1e-9, "scalePixels([0, 51, 255])");
});

Deno.test(testName("1.1", "keeps the length and does not change its input"), () => {
  const pixels = [12, 200, 0, 99];
  const expected = pixels.map((p) => p / 255);
  const scaled = scalePixels(pixels);
  assertEquals(
    pixels,
    [12, 200, 0, 99],
    inBothLanguages({
      en: "scalePixels must return a new array, not modify its input",
      zh: "scalePixels 必须返回一个新数组，而不是修改它的输入",
    }),
  );
  assertCloseArrays(scaled, expected, 1e-9, "scalePixels([12, 200, 0, 99])");
});

Deno.test(testName("1.2", "puts a single 1 at the label's index"), () => {
  const what = "oneHot([2, 0], 3)";
  assertEquals(plainData(oneHot([2, 0], 3), what), [[0, 0, 1], [1, 0, 0]], what);
});

Deno.test(testName("1.2", "makes rows of length `classes` for every digit"), () => {
  const what = "oneHot([0, 1, ..., 9], 10)";
  const rows = plainAs(oneHot([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 10), what, [["number"]]);
  assertEquals(
    rows.length,
    10,
    inBothLanguages({
      en: "oneHot should return one row per label",
      zh: "oneHot 应当为每个标签返回一行",
    }),
  );
  rows.forEach((row, label) => {
    assertEquals(
      row.length,
      10,
      inBothLanguages({
        en: `row for label ${label} should have 10 entries`,
        zh: `标签 ${label} 的那一行应当有 10 个数`,
      }),
    );
    assertEquals(
      row.indexOf(1),
      label,
      inBothLanguages({
        en: `row for label ${label} should have its 1 at index ${label}`,
        zh: `标签 ${label} 的那一行应当在下标 ${label} 处为 1`,
      }),
    );
    assertEquals(
      row.reduce((a, b) => a + b, 0),
      1,
      inBothLanguages({
        en: `row for label ${label} should contain exactly one 1`,
        zh: `标签 ${label} 的那一行应当恰好有一个 1`,
      }),
    );
  });
});

Deno.test(testName("1.3", "matches the formula exp(z) / sum(exp(z))", 2), () => {
  const logits = [1, 2, 3];
  const exps = logits.map(Math.exp);
  const total = exps.reduce((a, b) => a + b, 0);
  assertCloseArrays(softmax(logits), exps.map((e) => e / total), 1e-9, "softmax([1, 2, 3])");
});

Deno.test(testName("1.3", "probabilities are positive and sum to 1"), () => {
  const what = "softmax([-3.2, 0, 4.5, 1.1, -0.7])";
  const probabilities = plainAs(softmax([-3.2, 0, 4.5, 1.1, -0.7]), what, ["number"]);
  assert(
    probabilities.every((p) => p > 0),
    inBothLanguages({
      en: `every probability must be > 0, got ${probabilities}`,
      zh: `每个概率都必须 > 0，实际得到 ${probabilities}`,
    }),
  );
  assertAlmostEquals(
    probabilities.reduce((a, b) => a + b, 0),
    1,
    1e-9,
    inBothLanguages({ en: "softmax output must sum to 1", zh: "softmax 的输出之和必须为 1" }),
  );
});

Deno.test(testName("1.3", "is numerically stable for large logits like 1000", 2), () => {
  const what = "softmax([1000, 1000, 999])";
  const probabilities = plainAs(softmax([1000, 1000, 999]), what, ["number"]);
  assert(
    probabilities.every(Number.isFinite),
    inBothLanguages({
      en: `${what} gave ${probabilities}: exp(1000) overflows, subtract the largest logit first`,
      zh: `${what} 得到了 ${probabilities}：exp(1000) 会溢出，先减去最大的 logit`,
    }),
  );
  const e = Math.exp(-1);
  assertCloseArrays(probabilities, [1 / (2 + e), 1 / (2 + e), e / (2 + e)], 1e-9, what);
});

Deno.test(
  testName("1.4", "is -log(p of the true class), averaged over rows", 2),
  () => {
    const value = plainAs(
      crossEntropy([[0.5, 0.5], [0.1, 0.9]], [[1, 0], [0, 1]]),
      "crossEntropy([[0.5, 0.5], [0.1, 0.9]], [[1, 0], [0, 1]])",
      "number",
    );
    assertAlmostEquals(
      value,
      (-Math.log(0.5) - Math.log(0.9)) / 2,
      1e-9,
      inBothLanguages({ en: "crossEntropy of two rows", zh: "两行的 crossEntropy" }),
    );
  },
);

Deno.test(
  testName("1.4", "clips probabilities so a confident mistake is finite"),
  () => {
    const value = plainAs(
      crossEntropy([[0, 1]], [[1, 0]]),
      "crossEntropy([[0, 1]], [[1, 0]])",
      "number",
    );
    assert(
      Number.isFinite(value),
      inBothLanguages({
        en: `crossEntropy([[0, 1]], [[1, 0]]) gave ${value}: clip p to at least 1e-7`,
        zh: `crossEntropy([[0, 1]], [[1, 0]]) 得到了 ${value}：要把 p 裁剪到至少 1e-7`,
      }),
    );
    assertAlmostEquals(
      value,
      -Math.log(1e-7),
      1e-6,
      inBothLanguages({
        en: "crossEntropy of a certain, wrong prediction",
        zh: "一个十分确定却错误的预测的 crossEntropy",
      }),
    );
  },
);

Deno.test(testName("1.5", "counts rows whose largest probability is the label"), () => {
  const probabilities = [[0.9, 0.05, 0.05], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4], [0.6, 0.4, 0]];
  assertAlmostEquals(
    plainAs(accuracy(probabilities, [0, 1, 0, 1]), {
      en: "accuracy(4 rows, [0, 1, 0, 1])",
      zh: "accuracy(4 行, [0, 1, 0, 1])",
    }, "number"),
    0.5,
    1e-12,
    inBothLanguages({ en: "accuracy: 2 of 4 rows are right", zh: "accuracy：4 行中有 2 行正确" }),
  );
  assertAlmostEquals(
    plainAs(accuracy(probabilities, [0, 1, 2, 0]), {
      en: "accuracy(4 rows, [0, 1, 2, 0])",
      zh: "accuracy(4 行, [0, 1, 2, 0])",
    }, "number"),
    1,
    1e-12,
    inBothLanguages({ en: "accuracy: all 4 rows are right", zh: "accuracy：4 行全部正确" }),
  );
});

Deno.test(
  testName(
    "1.6",
    "has one dense softmax layer: 784 inputs, 10 outputs, 7,850 parameters",
    2,
  ),
  async () => {
    await startBackend("wasm");
    const model = await plainModel(buildSoftmaxModel(), "buildSoftmaxModel()");
    assertEquals(
      model.inputs[0].shape,
      [null, 784],
      inBothLanguages({
        en: "the model should take 784 flattened pixels",
        zh: "模型的输入应当是展平后的 784 个像素",
      }),
    );
    assertEquals(
      model.outputs[0].shape,
      [null, 10],
      inBothLanguages({
        en: "the model should output 10 probabilities",
        zh: "模型应当输出 10 个概率",
      }),
    );
    assertEquals(
      model.countParams(),
      7850,
      inBothLanguages({
        en: "784 * 10 weights + 10 biases = 7,850 parameters",
        zh: "784 * 10 个权重 + 10 个偏置 = 7,850 个参数",
      }),
    );
    const output = tf.tidy(() =>
      (model.predict(tf.ones([2, 784])) as tf.Tensor).sum(1).arraySync() as number[]
    );
    output.forEach((sum) =>
      assertAlmostEquals(
        sum,
        1,
        1e-5,
        inBothLanguages({
          en: "each output row must sum to 1: use a softmax activation",
          zh: "每一行输出之和必须为 1：请用 softmax 激活函数",
        }),
      )
    );
    model.dispose();
  },
);

Deno.test(
  testName(
    "1.6",
    "learns: 10 epochs on 2,000 digits reach over 85% on 1,000 others",
    3,
  ),
  async () => {
    await startBackend("wasm");
    const rng = seedEverything(7);
    const mnist = await loadMnist();
    const train = randomSubset(mnist.train, 2000, rng.next);
    const test = randomSubset(mnist.test, 1000, rng.next);
    const model = await plainModel(buildSoftmaxModel(), "buildSoftmaxModel()");
    const optimizer = tf.train.sgd(0.5);
    await fit(model, train, { epochs: 10, batchSize: 64, optimizer, rng, layout: "flat" });
    const { accuracy } = evaluate(model, test, { layout: "flat" });
    model.dispose();
    assertGreater(
      accuracy,
      0.85,
      inBothLanguages({
        en: `test accuracy after training was ${accuracy}; expected over 0.85`,
        zh: `训练后在测试集上的准确率是 ${accuracy}；应当超过 0.85`,
      }),
    );
  },
);
